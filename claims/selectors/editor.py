"""Reads for the editor pages."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from django.db.models import Q, QuerySet

from claims.extraction import normalize_name
from claims.models import Actor, Claim, ClaimLink

AUTOCOMPLETE_LIMIT = 12


@dataclass(frozen=True)
class Segment:
    text: str
    roles: tuple[str, ...]  # of "speaker", "cue", "content": where the segment lies


def claim_for_editing(*, pk: int) -> Claim:
    return Claim.objects.select_related("article", "speaker", "via").get(pk=pk)


def text_segments(*, text: str, spans: dict[str, tuple[int | None, int | None]]) -> list[Segment]:
    """The article text cut at every span boundary, each piece tagged with the spans covering it,
    so the page can mark them while the text stays exactly the article's (selection offsets rely on it)."""
    valid = {role: (s, e) for role, (s, e) in spans.items() if s is not None and e is not None and s < e}
    cuts = sorted({0, len(text), *(b for span in valid.values() for b in span if 0 <= b <= len(text))})
    segments = []
    for start, end in pairwise(cuts):
        roles = tuple(role for role, (s, e) in valid.items() if s <= start and end <= e)
        segments.append(Segment(text=text[start:end], roles=roles))
    return segments


def claim_links(*, claim: Claim) -> QuerySet[ClaimLink]:
    return (
        ClaimLink.objects.filter(Q(source=claim) | Q(target=claim))
        .select_related("source__speaker", "target__speaker")
        .order_by("status", "-score", "-id")
    )


def actor_autocomplete(*, query: str) -> list[dict[str, object]]:
    """Actors whose name or an alias contains the typed words (merged actors left out), best first."""
    key = normalize_name(query)
    if not key:
        return []
    actors = (
        Actor.objects.filter(merged_into__isnull=True)
        .filter(Q(aliases__normalized__contains=key) | Q(name__icontains=query.strip()))
        .distinct()
        .order_by("name")[: AUTOCOMPLETE_LIMIT * 3]
    )

    def rank(actor: Actor) -> tuple[int, int, str]:
        name = normalize_name(actor.name)
        return (name != key, not name.startswith(key), actor.name)

    best = sorted(actors, key=rank)[:AUTOCOMPLETE_LIMIT]
    return [{"id": a.pk, "name": a.name, "kind": a.kind} for a in best]
