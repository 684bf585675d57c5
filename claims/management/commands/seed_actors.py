"""Load the seed list of common actors (canonical names, kinds, aliases) into the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.services import SeedActor, actors_seed

# The engine ships its seed list as data beside its code.
DEFAULT_FILE = Path(__file__).resolve().parents[2] / "extraction" / "data" / "actors.json"


def read_seed_file(path: Path) -> list[SeedActor]:
    """Entries of a seed file: a JSON list of {"name", "kind", "aliases"}, or an object holding
    that list under "actors" (where the file carries a comment beside it)."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CommandError(f"cannot read {path}: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("actors")
    if not isinstance(data, list):
        raise CommandError(f"{path} holds no list of actors")
    try:
        return [SeedActor.from_json(entry) for entry in data]
    except (TypeError, AttributeError, ValueError) as exc:
        raise CommandError(f"{path}: {exc}") from exc


class Command(BaseCommand):
    help = "Load canonical actors and aliases from a JSON seed list; never moves an existing alias."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help=f"seed list (default {DEFAULT_FILE})")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.exists():
            if path == DEFAULT_FILE:
                self.stdout.write(f"No seed list at {path}; nothing to load.")
                return
            raise CommandError(f"no such file: {path}")
        result = actors_seed(entries=read_seed_file(path))
        self.stdout.write(
            f"Seeded actors from {path.name}: {result.actors_created} actors and {result.aliases_created} "
            f"aliases created, {result.aliases_kept} names already known."
        )
