"""Cleaning and fingerprinting article text before it is stored."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import unquote_to_bytes

from articles.errors import IngestError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# In a one-line field: every control character (C0, DEL, C1, line breaks) and the bidi embedding,
# override and isolate controls, which would reverse the rest of a line the title is shown in.
_TITLE_JUNK = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


class InvalidText(IngestError):
    """Text that cannot be an article: empty, binary, or not decodable."""


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM); anything else is refused rather than guessed."""
    if b"\x00" in data[:8192]:
        raise InvalidText("the data looks binary (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1]
        raise InvalidText(f"the text is not valid UTF-8 (byte {exc.start}: {bad!r})") from None


def form_fields_not_utf8(body: bytes) -> list[str]:
    """The names of the fields of a URL-encoded form body whose values are not valid UTF-8.

    Django decodes form fields with errors="replace" (U+FFFD), silently; the API refuses such text,
    so the form must too, and it can only tell from the raw body.
    """
    bad = []
    for pair in body.split(b"&"):
        name, _, value = pair.partition(b"=")
        try:
            unquote_to_bytes(value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            bad.append(unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8", errors="replace"))
    return bad


def clean_text(text: str) -> str:
    """The stored form: NFC, Unix newlines, no control characters, no trailing blanks.

    Claim offsets index into this exact string, so it is computed once, before storing.
    """
    if "\x00" in text:
        raise InvalidText("the text looks binary (it contains NUL characters)")
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _BLANK_LINES.sub("\n\n", _TRAILING_SPACE.sub("\n", text)).strip()
    if not text:
        raise InvalidText("the article has no text")
    return text


def clean_line(value: str, *, max_length: int) -> str:
    """A title, byline or dateline as stored: NFC, no control or bidi override characters, runs of
    white space as one space, at most max_length characters."""
    value = _TITLE_JUNK.sub(" ", unicodedata.normalize("NFC", value))
    return " ".join(value.split())[:max_length]


def text_fingerprint(text: str) -> str:
    """sha256 of the text with case and white space folded: reformatting is not a new article."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
