"""The in-document record of one attribution, before names are resolved to canonical actors."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .types import Kind, Stance


@dataclass
class Attribution:
    """What the rules found: character spans into doc.text plus the spaCy objects behind them."""

    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    speaker: Span | None  # the mention in the text ("he", "which", "Volodymyr Zelensky")
    kind: str = Kind.INDIRECT
    stance: str = Stance.ASSERTS
    rule: str = ""  # which rule found it, for debugging and confidence
    confidence: float = 0.5
    cue_token: Token | None = None
    via: Span | None = None
    # "..., adding ...": the source is whoever spoke just before in the paragraph.
    inherits_speaker: bool = False
    # One of several parties making the same claim with one cue ("X and Y accused each other of").
    shared: bool = False
    # Filled by speaker resolution: the fullest name the article gives the speaker, the
    # mention that name came from (for its entity label), and the other names it uses.
    speaker_name: str | None = None
    speaker_root: Span | None = None
    # False for a description ("officials", "a presidential adviser") or an unresolved pronoun:
    # the mention is kept, but it names no actor.
    speaker_named: bool = False
    speaks_for: str | None = None  # "Putin's spokesman, Dmitry Peskov": Putin
    aliases: tuple[str, ...] = field(default_factory=tuple)

    def contains(self, start: int, end: int) -> bool:
        return self.content_start <= start and end <= self.content_end


_TEXT_KEY = "claims_extraction_text"


def text_of(doc: Doc) -> str:
    """doc.text, built once: spaCy joins every token again on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_ENTS_KEY = "claims_extraction_ents"


def ents_of(doc: Doc) -> tuple[Span, ...]:
    """doc.ents, built once: spaCy makes new Span objects on each access."""
    ents = doc.user_data.get(_ENTS_KEY)
    if ents is None:
        ents = doc.user_data[_ENTS_KEY] = tuple(doc.ents)
    return ents


def ents_within(span: Span) -> list[Span]:
    """The entities inside a span (span.ents, without rebuilding the doc's entities)."""
    ents = ents_of(span.doc)
    i = bisect_left([e.start for e in ents], span.start)
    out = []
    while i < len(ents) and ents[i].end <= span.end:
        out.append(ents[i])
        i += 1
    return out


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


EDGE_PUNCT = set(",;:-\u2014\u2013 \n\t")


# "KYIV - ", "MOSCOW, Aug 25 (Northern Wire) - ": a dateline opening a paragraph.
DATELINE = re.compile(
    r"[A-Z][A-Z.'/ ]*[A-Z](?:, [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([^()\n]{1,40}\))? [-\u2013\u2014]{1,2} "
)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop edge commas, dashes and spaces that a subtree drags along, and a paragraph's dateline."""
    if start == 0 or text[start - 1] == "\n":
        dateline = DATELINE.match(text, start, end)
        if dateline is not None:
            start = dateline.end()
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    # A sentence's full stop is not part of what was said; an initialism's dot ("U.S.") is.
    if end - start > 2 and text[end - 1] == "." and not text[end - 3 : end - 1].startswith("."):
        end -= 1
    return start, end
