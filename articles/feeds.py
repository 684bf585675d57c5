"""Reading RSS and Atom feeds (feedparser) into plain entries."""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser

from articles.dedup import canonical_url
from articles.errors import IngestError


@dataclass(frozen=True)
class FeedItem:
    key: str  # stable identity of the entry within its feed (sha256 hex)
    guid: str
    link: str
    title: str
    author: str
    published_at: datetime | None


def parse_feed(content: bytes, *, url: str) -> list[FeedItem]:
    """The feed's entries with a link, oldest first; IngestError if it is not a feed at all."""
    parsed = feedparser.parse(content, response_headers={"content-location": url})
    if parsed.bozo and not parsed.entries:
        raise IngestError(f"{url} is not a readable RSS or Atom feed: {parsed.get('bozo_exception')}")
    if not parsed.get("version") and not parsed.entries:
        raise IngestError(f"{url} is not an RSS or Atom feed")
    items = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        link = canonical_url(urljoin(url, link))
        guid = (entry.get("id") or "").strip()
        items.append(
            FeedItem(
                key=hashlib.sha256((guid or link).encode("utf-8")).hexdigest(),
                guid=guid,
                link=link,
                title=(entry.get("title") or "").strip(),
                author=(entry.get("author") or "").strip(),
                published_at=_entry_time(entry),
            )
        )
    items.sort(key=lambda item: item.published_at or datetime.max.replace(tzinfo=UTC))
    return items


def _entry_time(entry: feedparser.FeedParserDict) -> datetime | None:
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    return datetime.fromtimestamp(calendar.timegm(moment), tz=UTC)
