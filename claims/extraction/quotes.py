"""Direct quotations: pair quote marks in raw text, whatever the marks and however unbalanced.

Works on characters, not tokens, so it needs no model: newspapers mix curly and straight
marks, write '' for ", and open every paragraph of a long quote while closing it only once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}
CLOSERS = {"\u201d", "\u00bb"}
STRAIGHT = '"'
DOUBLE_APOSTROPHE = ("''", "\u2019\u2019", "\u2018\u2018", "``")
_EVENTS = re.compile("''|\u2019\u2019|\u2018\u2018|``|[\u201c\u201d\u00ab\u00bb\u201e\"\n]")


@dataclass(frozen=True)
class Quote:
    """A quotation from its opening mark to its closing mark, both included."""

    start: int
    end: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def _mark_at(text: str, i: int) -> tuple[str, int] | None:
    """The quote mark starting at i as (kind, length): kind is "open", "close" or "either"."""
    pair = text[i : i + 2]
    if pair in DOUBLE_APOSTROPHE:
        if pair == "``":
            return "open", 2
        return "either", 2
    ch = text[i]
    if ch in OPENERS:
        return "open", 1
    if ch in CLOSERS:
        return "close", 1
    if ch == STRAIGHT:
        return "either", 1
    return None


def _looks_opening(text: str, i: int, length: int) -> bool:
    """A straight mark opens when it follows a space or line start and precedes a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + length] if i + length < len(text) else " "
    if before.isspace() or before in "([{\u2014-:":
        return not after.isspace()
    return False


def find_quotes(text: str) -> list[Quote]:
    """Pair quote marks into quotations; an unpaired mark is dropped rather than guessed at.

    A quotation open at the end of a paragraph continues only when the next paragraph opens
    with a quote mark (the newspaper convention for multi-paragraph quotes).
    """
    quotes: list[Quote] = []
    open_at: int | None = None
    i, n = 0, len(text)
    while i < n:
        event = _EVENTS.search(text, i)  # jump to the next mark or line break
        if event is None:
            break
        i = event.start()
        if text[i] == "\n":
            if open_at is not None:
                j = i
                while j < n and text[j].isspace():
                    j += 1
                mark = _mark_at(text, j) if j < n else None
                if mark is None or mark[0] == "close":
                    open_at = None  # unbalanced: give the quote up at the paragraph's end
                else:
                    i = j + mark[1]  # the reopening mark of the next paragraph
                    continue
            i += 1
            continue
        mark = _mark_at(text, i)
        if mark is None:
            i += 1
            continue
        kind, length = mark
        if open_at is None:
            if kind == "open" or (kind == "either" and _looks_opening(text, i, length)):
                open_at = i
        elif kind == "close" or (kind == "either" and not _looks_opening(text, i, length)):
            if i + length - open_at > length + 1:
                quotes.append(Quote(open_at, i + length))
            open_at = None
        elif kind == "open" or kind == "either":
            open_at = i  # a second opener: the first one was stray
        i += length
    return quotes


def quote_at(quotes: list[Quote], offset: int) -> Quote | None:
    """The quotation holding a character offset strictly inside its marks (quotes sorted)."""
    i = bisect_right([q.start for q in quotes], offset) - 1
    if i >= 0 and quotes[i].start < offset < quotes[i].end:
        return quotes[i]
    return None
