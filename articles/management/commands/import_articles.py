from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from articles.bulk import count_records, read_records
from articles.errors import IngestError
from articles.services import article_ingest_record, outlet_get_or_create

MAX_LISTED_FAILURES = 50


class Command(BaseCommand):
    help = (
        "Import articles from a JSON Lines file (fields: text or url, title, url, outlet, published_at, byline) "
        "or a folder of .txt and .html files. Safe to run again after an interruption: stored articles are "
        "recognised by URL and text, and counted as duplicates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--outlet", default="", help="outlet for records that name none")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (e.g. in logs)")

    def handle(self, *args: object, path: Path, outlet: str, no_progress: bool, **options: object) -> None:
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        default_outlet = outlet_get_or_create(name=outlet) if outlet else None
        counts: Counter[str] = Counter()
        failures: list[str] = []
        total = count_records(path)
        progress = tqdm(total=total, unit="article", disable=no_progress)
        done = 0
        try:
            for record in read_records(path):
                try:
                    result = article_ingest_record(record=record, default_outlet=default_outlet)
                except IngestError as exc:
                    counts["failed"] += 1
                    failures.append(f"{record.label}: {exc}")
                else:
                    if result.near_duplicate:
                        counts["near_duplicates"] += 1
                    counts["imported" if result.created else "duplicates"] += 1
                done += 1
                progress.update(1)
        except KeyboardInterrupt:
            progress.close()
            self._summary(counts, failures)
            raise CommandError(
                f"interrupted after {done} of {total}; run the same command again to continue "
                "(what was stored is recognised and not stored twice)",
                returncode=130,
            ) from None
        progress.close()
        self._summary(counts, failures)

    def _summary(self, counts: Counter[str], failures: list[str]) -> None:
        self.stdout.write(
            f"Imported {counts['imported']} (of which {counts['near_duplicates']} near-duplicates of stored "
            f"articles), duplicates {counts['duplicates']}, failed {counts['failed']}."
        )
        for line in failures[:MAX_LISTED_FAILURES]:
            self.stdout.write(f"  failed: {line}")
        if len(failures) > MAX_LISTED_FAILURES:
            self.stdout.write(f"  ... and {len(failures) - MAX_LISTED_FAILURES} more failures")
