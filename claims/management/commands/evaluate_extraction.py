"""Score the engine against a folder of gold files, by the rules of shared/eval/score.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.extraction import default_resolver, extract_batch
from claims.extraction.formats import claim_to_record
from claims.extraction.scoring import ScoreResult, load_gold, score_document


class Command(BaseCommand):
    help = (
        "Extract claims from each gold file's article and print content and attribution "
        "precision, recall and F1 as shared/eval/score.py does (--verbose: the misses, false "
        "alarms and wrong speakers too)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold_dir", type=Path, metavar="GOLD_DIR")
        parser.add_argument("--verbose", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        gold_dir: Path = options["gold_dir"]
        if not gold_dir.is_dir():
            raise CommandError(f"{gold_dir} is not a folder of gold files")
        try:
            golds = load_gold(gold_dir)
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"cannot read the gold files in {gold_dir}: {exc}") from exc
        names = list(golds)
        result = ScoreResult()
        predicted = extract_batch((golds[name][1] for name in names), resolver=default_resolver())
        for name, claims in zip(names, predicted, strict=True):
            gold, text = golds[name]
            records = [claim_to_record(claim, name) for claim in claims]
            score_document(result, name, gold, text, records)
        self.stdout.write(result.report(verbose=options["verbose"]))
