"""The default resolver: canonical actors from a seed list shipped with the engine."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .names import actor_key, normalize_name, person_names_agree
from .types import ActorKind, ResolvedActor

ACTORS_FILE = Path(__file__).parent / "data" / "actors.json"

# Words that mark a news organisation the seed list does not know by name.
_MEDIA_WORDS = re.compile(
    r"\b(news|times|post|journal|press|tribune|herald|gazette|daily|magazine|radio|television|"
    r"tv|broadcasting|reuters|newspaper|network|channel|wire|review|chronicle|observer|examiner|"
    r"inquirer|bulletin|dispatch|sun|mirror|telegraph|guardian|independent|star|report)\b",
    re.IGNORECASE,
)


class AliasResolver:
    """Looks names up by their normalize_name key; knows nothing it was not given."""

    def __init__(self, actors: Iterable[ResolvedActor | tuple[ResolvedActor, Iterable[str]]]):
        self._by_key: dict[str, ResolvedActor] = {}
        self._by_loose_key: dict[str, ResolvedActor] = {}
        for item in actors:
            actor, aliases = item if isinstance(item, tuple) else (item, ())
            for name in (actor.name, *aliases):
                self._by_key.setdefault(normalize_name(name), actor)
                self._by_loose_key.setdefault(actor_key(name), actor)
        # People's keys by surname: two person names agree only if their surnames are the same.
        self._people_by_surname: dict[str, list[tuple[str, ResolvedActor]]] = {}
        for key, actor in self._by_loose_key.items():
            if actor.kind == ActorKind.PERSON and key:
                self._people_by_surname.setdefault(key.split()[-1], []).append((key, actor))

    def resolve(self, name: str) -> ResolvedActor | None:
        """By the exact key first, then by spelling variants (actor_key), then, for a person,
        by a unique known person of the same surname and compatible given names."""
        found = self._by_key.get(normalize_name(name))
        if found is not None:
            return found
        loose = actor_key(name)
        if not loose:
            return None
        found = self._by_loose_key.get(loose)
        if found is not None:
            return found
        people = {
            actor for key, actor in self._people_by_surname.get(loose.split()[-1], ()) if person_names_agree(key, loose)
        }
        return people.pop() if len(people) == 1 and len(loose.split()) > 1 else None


def load_actors(path: Path = ACTORS_FILE) -> list[tuple[ResolvedActor, list[str]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        (ResolvedActor(name=row["name"], kind=row.get("kind", ActorKind.UNKNOWN)), row["aliases"])
        for row in data["actors"]
    ]


@lru_cache(maxsize=1)
def default_resolver() -> AliasResolver:
    """The resolver `extract` uses when given none: the shipped seed list of common actors."""
    return AliasResolver(load_actors())


def looks_like_media(name: str, resolver: AliasResolver | None = None) -> bool:
    """A news organisation, known by name or by the words its name is made of."""
    actor = (resolver or default_resolver()).resolve(name)
    if actor is not None:
        return actor.kind == ActorKind.MEDIA
    return bool(_MEDIA_WORDS.search(name)) and name[:1].isupper()
