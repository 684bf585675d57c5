"""Print the claims the engine finds in text files, as FORMAT.md JSON Lines or a table.

Reads files only and writes nothing to the database; with the default seed resolver it needs
no database at all.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.extraction import ExtractedClaim, Resolver, default_resolver, extract_batch
from claims.extraction.formats import claim_to_record

STDIN = "-"


class Command(BaseCommand):
    help = "Extract attributed claims from text files ('-' reads standard input) and print them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
        parser.add_argument(
            "--resolver",
            choices=("seed", "db"),
            default="seed",
            help="canonical names from the shipped seed list (default) or from the database's actors",
        )
        parser.add_argument("--batch-size", type=int, default=16)

    def handle(self, *args: Any, **options: Any) -> None:
        paths: list[str] = options["files"]
        texts = [self._read(path) for path in paths]
        resolver = self._resolver(options["resolver"])
        results = extract_batch(texts, resolver=resolver, batch_size=options["batch_size"])
        for path, claims in zip(paths, results, strict=True):
            if options["format"] == "jsonl":
                for claim in claims:
                    self.stdout.write(json.dumps(claim_to_record(claim, path), ensure_ascii=False))
            else:
                self._table(path, claims)

    def _read(self, path: str) -> str:
        if path == STDIN:
            return sys.stdin.read()
        try:
            with open(path, encoding="utf-8") as handle:
                return handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc

    def _resolver(self, choice: str) -> Resolver:
        if choice == "db":
            from claims.resolver import DatabaseResolver

            return DatabaseResolver()
        return default_resolver()

    def _table(self, path: str, claims: list[ExtractedClaim]) -> None:
        self.stdout.write(f"{path}: {len(claims)} claim{'s' if len(claims) != 1 else ''}")
        for claim in claims:
            speaker = claim.speaker or "?"
            if claim.speaker_mention and claim.speaker_mention != claim.speaker:
                speaker += f" ({claim.speaker_mention})"
            if claim.via:
                speaker += f" via {claim.via}"
            content = " ".join(claim.content.split())
            if len(content) > 90:
                content = content[:89] + "…"
            self.stdout.write(f"  {speaker:<40.40} {claim.stance:<9} {claim.kind:<8} {claim.cue:<16.16} {content}")
