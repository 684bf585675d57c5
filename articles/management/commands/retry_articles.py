from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.services import articles_retry_failed, articles_sweep


class Command(BaseCommand):
    help = (
        "Queue articles again: --failed resets failed articles (their error is cleared); --pending queues "
        "articles waiting longer than --older-than minutes and reclaims articles stuck in processing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--failed", action="store_true", help="retry failed articles")
        parser.add_argument("--pending", action="store_true", help="queue pending articles, reclaim stuck ones")
        parser.add_argument("--older-than", type=int, default=0, metavar="MINUTES", help="for --pending (default 0)")

    def handle(self, *args: object, failed: bool, pending: bool, older_than: int, **options: object) -> None:
        if not (failed or pending):
            raise CommandError("say what to retry: --failed, --pending or both")
        if failed:
            self.stdout.write(f"Failed articles queued again: {articles_retry_failed()}")
        if pending:
            result = articles_sweep(
                pending_older_than=timedelta(minutes=older_than),
                processing_older_than=timedelta(minutes=settings.INGEST_PROCESSING_STALE_MINUTES),
            )
            self.stdout.write(
                f"Reclaimed from processing: {result.reclaimed}; pending: {result.waiting}; queued: {result.queued}"
            )
            if result.queued < result.waiting:
                raise CommandError("the broker refused some articles; they stay pending (is the broker up?)")
