"""Score the engine against a folder of gold files, or against editors' reviewed claims in the
database (--from-db), by the rules of shared/eval/score.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.extraction import Resolver, default_resolver, extract_batch
from claims.extraction.formats import claim_to_record
from claims.extraction.scoring import ScoreResult, load_gold, score_document
from claims.gold import score_extractor_against_editors


def _canonical_name(resolver: Resolver) -> Callable[[str], str | None]:
    def resolve(name: str) -> str | None:
        actor = resolver.resolve(name)
        return actor.name if actor is not None else None

    return resolve


class Command(BaseCommand):
    help = (
        "Extract claims from each gold file's article and print content and attribution "
        "precision, recall and F1 as shared/eval/score.py does, and, on span-scored gold, how often the "
        "canonical speaker name agrees with the gold source's words (--verbose: the misses, false "
        "alarms, wrong speakers and wrong names too)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold_dir", type=Path, metavar="GOLD_DIR", nargs="?")
        parser.add_argument(
            "--from-db",
            action="store_true",
            help="Score against the claims editors verified or corrected (see claims.gold and export_gold), "
            "with the database's actor names, instead of a folder.",
        )
        parser.add_argument("--verbose", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        gold_dir: Path | None = options["gold_dir"]
        if options["from_db"]:
            if gold_dir is not None:
                raise CommandError("give GOLD_DIR or --from-db, not both")
            result = score_extractor_against_editors()
            if not result.documents:
                raise CommandError("no article has a verified or corrected claim yet: nothing to score against")
            self.stdout.write(result.report(verbose=options["verbose"]))
            return
        if gold_dir is None:
            raise CommandError("give GOLD_DIR, or --from-db to score against editors' claims")
        if not gold_dir.is_dir():
            raise CommandError(f"{gold_dir} is not a folder of gold files")
        try:
            golds = load_gold(gold_dir)
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"cannot read the gold files in {gold_dir}: {exc}") from exc
        names = list(golds)
        result = ScoreResult()
        resolver = default_resolver()
        predicted = extract_batch((golds[name][1] for name in names), resolver=resolver)
        for name, claims in zip(names, predicted, strict=True):
            gold, text = golds[name]
            records: list[Mapping[str, Any]] = [claim_to_record(claim, name) for claim in claims]
            score_document(result, name, gold, text, records, resolve=_canonical_name(resolver))
        self.stdout.write(result.report(verbose=options["verbose"]))
