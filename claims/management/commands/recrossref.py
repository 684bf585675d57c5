"""Apply the current cross-referencing rules to stored articles, through the worker."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.dateparse import parse_date, parse_datetime

from claims.crossref import articles_queue_recrossref


def parse_since(value: str) -> datetime:
    """A date (YYYY-MM-DD, from its start in UTC) or an ISO date and time."""
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(f"--since: {value!r} is not a date (YYYY-MM-DD) or an ISO date and time")
        moment = datetime.combine(day, time.min)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Command(BaseCommand):
    help = (
        "Queue cross-referencing (stories and suggested links) of every processed article, or of those "
        "published since a date, on the Celery worker. Editors' story placements and links stay as they are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--since", metavar="DATE", help="only articles published (or, undated, stored) since")

    def handle(self, *args: Any, **options: Any) -> None:
        since = parse_since(options["since"]) if options["since"] else None
        try:
            queued = articles_queue_recrossref(since=since)
        except Exception as exc:  # the broker is away: say so plainly
            raise CommandError(f"could not queue cross-referencing: {exc}") from exc
        scope = f" published since {since:%Y-%m-%d %H:%M} UTC" if since else ""
        self.stdout.write(f"Queued cross-referencing of {queued} articles{scope}; the worker applies it.")
