"""Articles shown with their claims: the article list with claim counts, the API's article with
its claims, an article's text marked up by speaker, a claim in the context of its article."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.safestring import SafeString

from articles.markup import Span, mark_up
from articles.models import Article, list_deferred
from claims.models import Actor, Claim
from claims.selectors.api import claim_list

PARAGRAPH = re.compile(r"[^\n]+\n*")
SPEAKER_COLOURS = 12  # the stylesheet defines .sp-0 ... .sp-11; speakers beyond reuse them


def article_list(*, status: str = "") -> QuerySet[Article]:
    articles = (
        Article.objects.select_related("outlet")
        .defer(*list_deferred())
        .annotate(claim_count=Count("claims", filter=~Q(claims__review_status=Claim.ReviewStatus.REJECTED)))
        .order_by("-created_at", "-id")
    )
    if status:
        articles = articles.filter(status=status)
    return articles


@dataclass(frozen=True)
class SpeakerKey:
    speaker: Actor | None
    mention: str
    colour: int
    claims: int


@dataclass(frozen=True)
class ColouredClaim:
    claim: Claim
    colour: int


@dataclass
class MarkedArticle:
    html: SafeString
    claims: list[ColouredClaim]
    speakers: list[SpeakerKey]


def article_detail_list() -> QuerySet[Article]:
    """Articles with their text and their claims, in text order (the API's article detail)."""
    claims = claim_list().order_by("content_start", "id")
    return (
        Article.objects.select_related("outlet")
        .defer(*list_deferred(keep_text=True))
        .annotate(claim_count=Count("claims"))
        .prefetch_related(Prefetch("claims", queryset=claims))
    )


def _speaker_key(claim: Claim) -> str:
    return f"a{claim.speaker_id}" if claim.speaker_id else f"m{claim.speaker_mention.casefold()}"


def article_marked(*, article: Article) -> MarkedArticle:
    """The article text with each claim's content, cue and speaker mention marked, coloured by speaker.

    Colours are given in order of first appearance, so the first eight speakers never share one.
    Rejected claims are not marked.
    """
    claims = list(
        article.claims.visible().select_related("speaker", "via").defer("search_vector").order_by("content_start", "id")
    )
    colours: dict[str, int] = {}
    legend: dict[str, list] = {}
    coloured: list[ColouredClaim] = []
    # Each line is a paragraph block (with its line breaks, so the text reads the same when copied).
    spans: list[Span] = [Span(m.start(), m.end(), "span", {"class": "para"}) for m in PARAGRAPH.finditer(article.text)]
    for claim in claims:
        key = _speaker_key(claim)
        colour = colours.setdefault(key, len(colours) % SPEAKER_COLOURS)
        coloured.append(ColouredClaim(claim, colour))
        entry = legend.setdefault(key, [claim.speaker, claim.speaker_mention, colour, 0])
        entry[3] += 1
        tip = f"claim-tip-{claim.pk}"
        spans.append(
            Span(
                claim.content_start,
                claim.content_end,
                "mark",
                {
                    "class": f"claim sp-{colour}",
                    "id": f"claim-mark-{claim.pk}",
                    "tabindex": "0",
                    "data-claim": str(claim.pk),
                    "aria-describedby": tip,
                },
                {"class": f"claim sp-{colour} cont", "data-claim": str(claim.pk)},
            )
        )
        spans.append(Span(claim.cue_start, claim.cue_end, "span", {"class": f"cue sp-{colour}"}))
        if claim.speaker_start is not None and claim.speaker_end is not None:
            spans.append(Span(claim.speaker_start, claim.speaker_end, "span", {"class": f"speaker sp-{colour}"}))
    speakers = [SpeakerKey(*entry) for entry in legend.values()]
    speakers.sort(key=lambda key: -key.claims)
    return MarkedArticle(mark_up(article.text, spans), coloured, speakers)


@dataclass(frozen=True)
class ClaimContext:
    html: SafeString
    cut_before: bool
    cut_after: bool


def claim_in_context(*, claim: Claim, text: str, margin: int = 280) -> ClaimContext:
    """The claim's sentence with some text around it, content, cue and speaker mention marked."""
    anchors = [claim.sentence_start, claim.content_start, claim.cue_start]
    ends = [claim.sentence_end, claim.content_end, claim.cue_end]
    if claim.speaker_start is not None and claim.speaker_end is not None:
        anchors.append(claim.speaker_start)
        ends.append(claim.speaker_end)
    start = max(min(anchors) - margin, 0)
    end = min(max(ends) + margin, len(text))
    # Cut at white space so no word is split.
    if start > 0:
        space = text.find(" ", start, min(anchors))
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", max(ends), end)
        end = space if space != -1 else end
    spans = [
        Span(claim.sentence_start, claim.sentence_end, "span", {"class": "ctx-sentence"}),
        Span(claim.content_start, claim.content_end, "mark", {"class": "ctx-content"}),
        Span(claim.cue_start, claim.cue_end, "span", {"class": "ctx-cue"}),
    ]
    if claim.speaker_start is not None and claim.speaker_end is not None:
        spans.append(Span(claim.speaker_start, claim.speaker_end, "span", {"class": "ctx-speaker"}))
    return ClaimContext(mark_up(text[start:end], spans, offset=start), start > 0, end < len(text))
