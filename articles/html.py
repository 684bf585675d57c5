"""Turning an HTML page into an article: title, author, date and the main text (trafilatura)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura
from trafilatura.settings import Document

from articles.text import InvalidText, decode_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Only a document is HTML: text that merely mentions a tag ("<script> is not a claim") is text.
_LOOKS_LIKE_HTML = re.compile(r"^\s*(<!doctype html|<html\b|<head\b|<body\b)", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedPage:
    text: str
    title: str
    author: str
    published_at: datetime | None
    sitename: str


def looks_like_html(text: str) -> bool:
    """Whether the text is an HTML document (a doctype, <html>, <head> or <body> first)."""
    return bool(_LOOKS_LIKE_HTML.search(text[:5000]))


def decode_html(content: bytes, *, charset: str | None = None) -> str:
    """Decode with the charset the server or the page declares; undeclared must be UTF-8."""
    declared = charset
    if not declared:
        match = _META_CHARSET.search(content[:4096])
        declared = match.group(1).decode("ascii") if match else None
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            raise InvalidText(f"the page declares an unknown character set {declared!r}") from None
        if b"\x00" in content[:8192] and not declared.lower().startswith("utf-16"):
            raise InvalidText("the data looks binary (it contains NUL bytes), not a web page")
        try:
            return content.decode(declared)
        except UnicodeDecodeError as exc:
            raise InvalidText(f"the page is not valid {declared} (byte {exc.start})") from None
    return decode_bytes(content)


def parse_article_html(html: str, *, url: str | None = None) -> ParsedPage:
    """The main text of the page (no navigation, scripts or styles) and its metadata.

    Raises InvalidText (an IngestError) when the page holds no article text.
    """
    try:
        document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises assorted parser errors on malformed pages
        raise InvalidText(f"the page could not be parsed: {type(exc).__name__}: {exc}") from None
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise InvalidText("no article text was found on the page")
    text = (document.text or "").strip()
    title = (document.title or "").strip()
    # trafilatura keeps the headline as the first line of the text; the title field holds it already.
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1 :].lstrip()
    return ParsedPage(
        text=text,
        title=title,
        author=(document.author or "").strip(),
        published_at=_parse_date(document.date),
        sitename=(document.sitename or "").strip(),
    )


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value[:10], "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None
