from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from articles.services import article_ingest, article_retry, outlet_get_or_create

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "samples"


class Command(BaseCommand):
    help = "Ingest the sample articles shipped with the project (once; a second run finds them stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=SAMPLES_DIR)

    def handle(self, *args: object, dir: Path, **options: object) -> None:
        outlet = outlet_get_or_create(name="Sample articles")
        for path in sorted(dir.glob("*.txt")):
            title = path.stem.replace("-", " ").capitalize()
            result = article_ingest(text=path.read_text(encoding="utf-8"), title=title, outlet=outlet)
            state = "queued" if result.created else f"already stored ({result.article.status})"
            if result.article.is_retryable and not result.created:
                article_retry(article=result.article)  # a sample left unprocessed by an earlier run
                state += ", queued again"
            self.stdout.write(f"{path.name}: article {result.article.pk} {state}")
