"""Reading a bulk import: a JSON Lines file or a folder of .txt and .html files, one record at a time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

from django.conf import settings
from django.utils.dateparse import parse_date, parse_datetime

from articles.errors import IngestError
from articles.html import decode_html
from articles.text import decode_bytes

FOLDER_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class ImportRecord:
    label: str  # where it came from, for the summary: "file.jsonl:12" or "folder/a.txt"
    text: str = ""
    html: str = ""
    url: str = ""
    title: str = ""
    outlet: str = ""
    byline: str = ""
    published_at: datetime | None = None
    error: str = ""  # set when the record itself is unreadable


def count_records(path: Path) -> int:
    if path.is_dir():
        return sum(1 for _ in _folder_files(path))
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def read_records(path: Path) -> Iterator[ImportRecord]:
    if path.is_dir():
        yield from _read_folder(path)
    else:
        yield from _read_json_lines(path)


def _folder_files(folder: Path) -> Iterator[Path]:
    return (p for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)


def _read_folder(folder: Path) -> Iterator[ImportRecord]:
    for path in _folder_files(folder):
        label = str(path.relative_to(folder))
        try:
            size = path.stat().st_size
            if size > settings.INGEST_MAX_BYTES:
                raise IngestError(f"the file is too large ({size:,} bytes; the limit is {settings.INGEST_MAX_BYTES:,})")
            data = path.read_bytes()
            if path.suffix.lower() == ".txt":
                yield ImportRecord(label=label, text=decode_bytes(data), title=_title_from_name(path))
            else:
                yield ImportRecord(label=label, html=decode_html(data), title=_title_from_name(path))
        except (OSError, IngestError) as exc:
            yield ImportRecord(label=label, error=str(exc))


def _title_from_name(path: Path) -> str:
    return path.stem.replace("-", " ").replace("_", " ").strip().capitalize()


def _read_json_lines(path: Path) -> Iterator[ImportRecord]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            label = f"{path.name}:{number}"
            try:
                yield _record_from_json(label, decode_bytes(raw))
            except (ValueError, IngestError) as exc:
                yield ImportRecord(label=label, error=str(exc))


def _record_from_json(label: str, line: str) -> ImportRecord:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise IngestError("each line must be a JSON object")
    fields = {}
    for name in ("text", "url", "title", "outlet", "byline", "published_at"):
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise IngestError(f"{name} must be a string")
        fields[name] = (value or "").strip() if name != "text" else value or ""
    if "text" not in data and not fields["url"]:
        raise IngestError("the record has neither text nor url")
    return ImportRecord(
        label=label,
        text=fields["text"],
        url=fields["url"],
        title=fields["title"],
        outlet=fields["outlet"],
        byline=fields["byline"],
        published_at=_parse_moment(fields["published_at"]),
    )


def _parse_moment(value: str) -> datetime | None:
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)) is not None:
            moment = datetime.combine(day, time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise IngestError(f"published_at {value!r} is not an ISO 8601 date or date-time")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
