"""Write editors' verified and corrected claims as gold files (shared/eval/FORMAT.md), one per article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims.gold import gold_export


class Command(BaseCommand):
    help = (
        "Write one gold JSON per article an editor reviewed: verified and corrected claims as gold, "
        "unreviewed ones as optional, rejected ones left out. Score with shared/eval/score.py or "
        "evaluate_extraction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        written = gold_export(directory=options["directory"])
        self.stdout.write(
            f"Wrote {len(written)} gold file{'s' if len(written) != 1 else ''} to {options['directory']}."
        )
