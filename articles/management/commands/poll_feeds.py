from django.core.management.base import BaseCommand, CommandParser

from articles.models import Feed
from articles.services import feed_poll


class Command(BaseCommand):
    help = "Poll active feeds now, in this process (the beat schedule does it in the workers)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--feed", type=int, action="append", help="only this feed id (repeatable)")

    def handle(self, *args: object, feed: list[int] | None, **options: object) -> None:
        feeds = Feed.objects.filter(active=True).select_related("outlet")
        if feed:
            feeds = feeds.filter(pk__in=feed)
        for item in feeds:
            result = feed_poll(feed=item)
            outcome = result.error or (
                f"{result.ingested} new, {result.already_seen} seen before, {result.failed} failed"
            )
            self.stdout.write(f"{item.url}: {outcome}")
