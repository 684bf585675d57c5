from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.services import articles_retry_failed, articles_sweep


class Command(BaseCommand):
    help = (
        "Queue articles again: --failed resets failed articles (their error is cleared); --pending queues "
        "articles waiting longer than --older-than minutes and reclaims articles whose worker stopped (no heartbeat "
        "for --older-than minutes, or INGEST_PROCESSING_STALE_MINUTES)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--failed", action="store_true", help="retry failed articles")
        parser.add_argument("--pending", action="store_true", help="queue pending articles, reclaim stuck ones")
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            metavar="MINUTES",
            help="for --pending: queue pending articles untouched this long (default 0) and reclaim processing "
            "ones whose heartbeat stopped this long ago (default INGEST_PROCESSING_STALE_MINUTES)",
        )

    def handle(self, *args: object, failed: bool, pending: bool, older_than: int | None, **options: object) -> None:
        if not (failed or pending):
            raise CommandError("say what to retry: --failed, --pending or both")
        if failed:
            self.stdout.write(f"Failed articles queued again: {articles_retry_failed()}")
        if pending:
            stale_minutes = settings.INGEST_PROCESSING_STALE_MINUTES if older_than is None else older_than
            result = articles_sweep(
                pending_older_than=timedelta(minutes=older_than or 0),
                processing_older_than=timedelta(minutes=stale_minutes),
            )
            self.stdout.write(
                f"Reclaimed from processing: {result.reclaimed}; pending: {result.waiting}; queued: {result.queued}; "
                f"lost fetches queued again: {result.fetches}"
            )
            if result.queued < result.waiting:
                raise CommandError("the broker refused some articles; they stay pending (is the broker up?)")
