"""Writes on claims and actors."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, transaction

from articles.models import Article
from claims.extraction import ExtractedClaim, extract, normalize_name
from claims.models import Actor, ActorAlias, Claim, ClaimEntity, Origin
from claims.resolver import DatabaseResolver


class ClaimOffsetsError(ValueError):
    """A claim's span does not match the article text at its offsets."""


def claims_extract(*, text: str) -> list[ExtractedClaim]:
    """Run the engine with canonical names from the database."""
    return extract(text, resolver=DatabaseResolver())


def actor_resolve(*, name: str, kind: str = Actor.Kind.UNKNOWN) -> Actor | None:
    """The actor a name belongs to, creating one (with its alias) for a name never seen."""
    key = normalize_name(name)
    if not key:
        return None
    alias = ActorAlias.objects.select_related("actor").filter(normalized=key).first()
    if alias is not None:
        return alias.actor
    kind = kind if kind in Actor.Kind.values else Actor.Kind.UNKNOWN
    try:
        with transaction.atomic():
            actor = Actor.objects.create(name=name.strip()[:300], kind=kind)
            ActorAlias.objects.create(actor=actor, name=name.strip()[:300], normalized=key, origin=Origin.MACHINE)
    except IntegrityError:
        # Another worker created the same alias first.
        return ActorAlias.objects.select_related("actor").get(normalized=key).actor
    return actor


def actor_learn_alias(*, actor: Actor, name: str) -> bool:
    """Record a name the text gives an actor. An alias that exists (an editor's, or another
    actor's) is never moved: learning only fills gaps."""
    key = normalize_name(name)
    if not key or ActorAlias.objects.filter(normalized=key).exists():
        return False
    try:
        with transaction.atomic():
            ActorAlias.objects.create(actor=actor, name=name.strip()[:300], normalized=key, origin=Origin.MACHINE)
    except IntegrityError:
        return False
    return True


def check_span(text: str, start: int | None, end: int | None, expected: str, what: str) -> None:
    if start is None or end is None:
        return
    if not (0 <= start < end <= len(text)):
        raise ClaimOffsetsError(f"{what} offsets {start}:{end} fall outside the article (length {len(text)})")
    if text[start:end] != expected:
        raise ClaimOffsetsError(f"{what} {expected[:40]!r} does not match the article text at {start}:{end}")


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(min(end, e) > max(start, s) for s, e in spans)


def claims_replace_for_article(
    *, article: Article, extracted: Sequence[ExtractedClaim], extractor_version: str
) -> list[Claim]:
    """Replace the article's machine claims with a new extraction, in one transaction.

    Claims an editor touched (corrected, verified, rejected, created) stay as they are, and a new
    machine claim overlapping one of them is dropped: a rejected claim does not come back.
    """
    text = article.text
    for item in extracted:
        check_span(text, item.content_start, item.content_end, item.content, "content")
        check_span(text, item.cue_start, item.cue_end, item.cue, "cue")
        if item.speaker_mention is not None:
            check_span(text, item.speaker_start, item.speaker_end, item.speaker_mention, "speaker mention")

    with transaction.atomic():
        article.claims.machine_owned().delete()
        kept = list(article.claims.values_list("content_start", "content_end"))
        fresh = [c for c in extracted if not _overlaps(c.content_start, c.content_end, kept)]

        actors: dict[str, Actor | None] = {}

        def actor_for(name: str | None, kind: str = Actor.Kind.UNKNOWN) -> Actor | None:
            if not name:
                return None
            if name not in actors:
                actors[name] = actor_resolve(name=name, kind=kind)
            return actors[name]

        claims = []
        for item in fresh:
            speaker = actor_for(item.speaker, item.speaker_kind)
            if speaker is not None:
                for alias in item.speaker_aliases:
                    actor_learn_alias(actor=speaker, name=alias)
            claims.append(
                Claim(
                    article=article,
                    speaker=speaker,
                    speaker_mention=(item.speaker_mention or "")[:300],
                    speaker_start=item.speaker_start,
                    speaker_end=item.speaker_end,
                    cue=item.cue[:200],
                    cue_start=item.cue_start,
                    cue_end=item.cue_end,
                    content=item.content,
                    content_start=item.content_start,
                    content_end=item.content_end,
                    sentence_start=item.sentence_start,
                    sentence_end=item.sentence_end,
                    kind=item.kind,
                    stance=item.stance,
                    via=actor_for(item.via),
                    confidence=max(0.0, min(1.0, item.confidence)),
                    origin=Origin.MACHINE,
                    extractor_version=extractor_version,
                )
            )
        created = Claim.objects.bulk_create(claims)
        entities = [
            ClaimEntity(
                claim=claim,
                actor=actor_for(entity.canonical or entity.text, _entity_kind(entity.label)),
                text=entity.text[:300],
                label=entity.label[:20],
                start=entity.start,
                end=entity.end,
            )
            for claim, item in zip(created, fresh, strict=True)
            for entity in item.about
        ]
        ClaimEntity.objects.bulk_create(entities)
    return created


_KIND_BY_LABEL = {
    "PERSON": Actor.Kind.PERSON,
    "ORG": Actor.Kind.ORGANIZATION,
    "GPE": Actor.Kind.COUNTRY,
    "NORP": Actor.Kind.GROUP,
}


def _entity_kind(label: str) -> str:
    return _KIND_BY_LABEL.get(label, Actor.Kind.UNKNOWN)
