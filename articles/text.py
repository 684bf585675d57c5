"""Cleaning and fingerprinting article text before it is stored."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from articles.errors import IngestError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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


def text_fingerprint(text: str) -> str:
    """sha256 of the text with case and white space folded: reformatting is not a new article."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
