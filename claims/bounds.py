"""How much of an article the engine reads, and in what pieces: the bound on work per article.

The rule (docs/reliability.md):
- extraction reads at most EXTRACTION_MAX_CHARS characters of an article, cut at the last
  paragraph break before the limit (or a sentence end, or a space); the rest of the text is stored
  and shown but has no machine claims, and the article records how far extraction read;
- what it reads goes to spaCy in chunks of at most EXTRACTION_CHUNK_CHARS characters, each made of
  whole paragraphs, so no chunk comes near spaCy's max_length (E088) or its memory use;
- every offset of a chunk's claims is shifted by the chunk's start, so claims index the stored text.

A news article (a few thousand characters) is one chunk read whole; only the speaker resolution
across a chunk boundary is lost in the rare text that has more than one.

Plain Python over the engine's dataclasses: no Django import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claims.extraction import ExtractedClaim

# spaCy's parser and NER need about 1 GB per 100,000 characters; a chunk stays well under that.
EXTRACTION_CHUNK_CHARS = 100_000

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")


@dataclass(frozen=True)
class TextChunk:
    start: int  # offset of the chunk in the whole text
    text: str


def readable_length(text: str, *, max_chars: int) -> int:
    """How many leading characters of text extraction reads: all of it, or up to a clean break."""
    if len(text) <= max_chars:
        return len(text)
    return _clean_cut(text, start=0, limit=max_chars)


def paragraph_chunks(text: str, *, max_chars: int = EXTRACTION_CHUNK_CHARS) -> list[TextChunk]:
    """Split text into consecutive chunks of at most max_chars, each ending at a clean break.

    Joined back together the chunks are the text: no character is dropped or moved.
    """
    chunks: list[TextChunk] = []
    start = 0
    while len(text) - start > max_chars:
        end = _clean_cut(text, start=start, limit=start + max_chars)
        chunks.append(TextChunk(start=start, text=text[start:end]))
        start = end
    if start < len(text) or not chunks:
        chunks.append(TextChunk(start=start, text=text[start:]))
    return chunks


def _clean_cut(text: str, *, start: int, limit: int) -> int:
    """The last paragraph break in text[start:limit], else the last sentence end, else the last
    space, else limit itself; never start (a chunk is never empty)."""
    window = text[start:limit]
    # Only a break in the second half counts: cutting at the first paragraph would make tiny chunks.
    floor = len(window) // 2
    for pattern in (_PARAGRAPH_BREAK, _SENTENCE_END):
        ends = [m.end() for m in pattern.finditer(window, floor)]
        if ends:
            return start + ends[-1]
    space = window.rfind(" ", floor)
    return start + (space + 1 if space > 0 else len(window))


def shift_claim(claim: ExtractedClaim, offset: int) -> ExtractedClaim:
    """The claim with every offset moved by offset (from its chunk's frame to the whole text's)."""
    if offset == 0:
        return claim
    return replace(
        claim,
        speaker_start=None if claim.speaker_start is None else claim.speaker_start + offset,
        speaker_end=None if claim.speaker_end is None else claim.speaker_end + offset,
        cue_start=claim.cue_start + offset,
        cue_end=claim.cue_end + offset,
        content_start=claim.content_start + offset,
        content_end=claim.content_end + offset,
        sentence_start=claim.sentence_start + offset,
        sentence_end=claim.sentence_end + offset,
        about=tuple(replace(e, start=e.start + offset, end=e.end + offset) for e in claim.about),
    )
