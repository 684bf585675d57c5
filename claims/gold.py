"""Editors' work as evaluation data: gold files in the format of shared/eval/FORMAT.md.

An article becomes a gold document once an editor verified, corrected or created one of its claims.
Its gold claims are the reviewed ones (verified and corrected); claims nobody reviewed yet are listed
as `optional`, so the scorer neither demands them nor counts finding them as a false alarm; rejected
claims are left out, so predicting one again is a false alarm. Speakers are scored by name, with
their names from the database as `aliases`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet

from articles.models import Article
from claims.extraction.formats import claim_to_record
from claims.extraction.scoring import ScoreResult, score_document
from claims.models import Actor, Claim


@dataclass(frozen=True)
class GoldDocument:
    name: str  # file name without extension
    data: dict[str, Any]  # the gold JSON


def _span(start: int | None, end: int | None) -> list[int] | None:
    return None if start is None or end is None else [start, end]


def gold_claim(claim: Claim) -> dict[str, Any]:
    record: dict[str, Any] = {
        "speaker": claim.speaker.name if claim.speaker else None,
        "speaker_mention": claim.speaker_mention or None,
        "speaker_span": _span(claim.speaker_start, claim.speaker_end),
        "cue": claim.cue,
        "cue_span": [claim.cue_start, claim.cue_end],
        "content": claim.content,
        "content_span": [claim.content_start, claim.content_end],
        "kind": claim.kind,
        "stance": claim.stance,
        "via": claim.via.name if claim.via else None,
    }
    if claim.review_status == Claim.ReviewStatus.UNREVIEWED:
        record["optional"] = True
    return record


def reviewed_articles() -> QuerySet[Article]:
    """Articles with at least one claim an editor vouched for, with their non-rejected claims."""
    claims = (
        Claim.objects.visible()
        .select_related("speaker", "via")
        .prefetch_related(Prefetch("speaker__aliases"))
        .order_by("content_start", "id")
    )
    reviewed_ids = Claim.objects.verified().values("article_id")
    return (
        Article.objects.filter(pk__in=reviewed_ids).prefetch_related(Prefetch("claims", queryset=claims)).order_by("pk")
    )


def _aliases(speakers: Iterable[Actor]) -> dict[str, list[str]]:
    aliases: dict[str, list[str]] = {}
    for actor in speakers:
        names = sorted({alias.name for alias in actor.aliases.all()} - {actor.name})
        aliases[actor.name] = names
    return aliases


def gold_documents() -> Iterator[GoldDocument]:
    for article in reviewed_articles():
        claims = list(article.claims.all())
        speakers = {claim.speaker.pk: claim.speaker for claim in claims if claim.speaker is not None}
        name = f"article-{article.pk}"
        yield GoldDocument(
            name=name,
            data={
                "document": f"{name}.txt",
                "source": f"Claims Tracker article {article.pk}" + (f": {article.url}" if article.url else ""),
                "text": article.text,
                "aliases": _aliases(speakers.values()),
                "claims": [gold_claim(claim) for claim in claims],
            },
        )


def gold_export(*, directory: Path) -> list[Path]:
    """Write one gold JSON per reviewed article into `directory`; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for document in gold_documents():
        path = directory / f"{document.name}.json"
        path.write_text(json.dumps(document.data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


def score_extractor_against_editors() -> ScoreResult:
    """Run the current extractor (with the database's names) over the reviewed articles and score it
    against the editors' claims, by the rules of shared/eval/score.py."""
    from claims.extraction import extract_batch
    from claims.resolver import DatabaseResolver

    documents = list(gold_documents())
    result = ScoreResult()
    predicted = extract_batch((d.data["text"] for d in documents), resolver=DatabaseResolver())
    for document, claims in zip(documents, predicted, strict=True):
        records: list[Mapping[str, Any]] = [claim_to_record(claim, document.data["document"]) for claim in claims]
        score_document(result, document.data["document"], document.data, document.data["text"], records)
    return result
