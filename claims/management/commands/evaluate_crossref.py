"""Run a cross-referencing gold set through the pipeline on a scratch database and score it as
../shared/eval/score_crossref.py does."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from claims.crossref.evaluation import gold_articles_run
from claims.crossref.evaluation_scoring import load_crossref_gold, score_crossref


class Command(BaseCommand):
    help = (
        "Create a throwaway database, load the seed actors, submit GOLD_DIR's articles (in file order, "
        "or reversed), extract and cross-reference them as the worker would, then print actors, stories, "
        "contradicting and agreeing links and stance as score_crossref.py does, 'crossref score X' last."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold_dir", type=Path, metavar="GOLD_DIR")
        parser.add_argument("--reverse", action="store_true", help="submit the articles in the other order")
        parser.add_argument("--verbose", action="store_true", help="also list wrong links and stances")
        parser.add_argument("--out", type=Path, help="write the predictions (run_crossref.py's format) here")
        parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")

    def handle(self, *args: Any, **options: Any) -> None:
        gold_dir: Path = options["gold_dir"]
        try:
            gold = load_crossref_gold(gold_dir)
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"cannot read the cross-referencing set in {gold_dir}: {exc}") from exc
        articles = list(gold.articles.values())
        if options["reverse"]:
            articles.reverse()

        started = time.monotonic()
        with scratch_database(keep=options["keep"]) as name:
            self.stderr.write(f"scratch database {name}")
            call_command("seed_actors", verbosity=0, stdout=io.StringIO())
            predictions = gold_articles_run(articles=articles)
        if options["out"]:
            options["out"].write_text(json.dumps(predictions, indent=1), encoding="utf-8")
        result = score_crossref(gold, predictions)
        self.stderr.write(f"{len(articles)} articles in {time.monotonic() - started:.1f} s")
        self.stdout.write(result.report(verbose=options["verbose"]))


@contextmanager
def scratch_database(*, keep: bool = False) -> Iterator[str]:
    """A fresh, migrated database on the same server for the duration of the block, then dropped."""
    settings_dict = connection.settings_dict
    old_name = settings_dict["NAME"]
    settings_dict.setdefault("TEST", {})["NAME"] = f"{old_name}_eval_crossref"
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield name
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
