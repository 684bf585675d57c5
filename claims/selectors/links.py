"""Which links between claims a page shows, in what order: shared by the claim and story pages."""

from __future__ import annotations

from django.db.models import Case, F, QuerySet, When

from claims.models import ClaimLink


def links_shown(links: QuerySet[ClaimLink], *, confirmed_only: bool) -> QuerySet[ClaimLink]:
    """Never dismissed links; the machine's suggestions unless only confirmed links are asked for.
    Confirmed first (an editor stands behind them), then suggestions by score."""
    shown = [ClaimLink.Status.CONFIRMED] if confirmed_only else [ClaimLink.Status.CONFIRMED, ClaimLink.Status.SUGGESTED]
    confirmed_first = Case(When(status=ClaimLink.Status.CONFIRMED, then=0), default=1)
    return links.filter(status__in=shown).order_by(confirmed_first, F("score").desc(nulls_last=True), "-id")
