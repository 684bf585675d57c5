"""The engine's Resolver backed by the database's actors and aliases, and the one lookup rule
that extraction and storing share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Any

from django.db import connection

from claims.extraction import ResolvedActor, Resolver, default_resolver
from claims.extraction.names import actor_key as _actor_key
from claims.extraction.names import normalize_name as _normalize_name
from claims.extraction.names import person_names_agree
from claims.models import Actor, ActorAlias

# Pure functions of a name that extraction and storing ask of the same names several times each
# (and articles of the same names again): remembered per process, as the seed list's answers are.
normalize_name = lru_cache(maxsize=65_536)(_normalize_name)
actor_key = lru_cache(maxsize=65_536)(_actor_key)


@lru_cache(maxsize=65_536)
def seed_actor(name: str) -> ResolvedActor | None:
    """What the shipped seed list (a fixed file) says of a name the database does not know."""
    return default_resolver().resolve(name)


def surviving_actor(actor: Actor) -> Actor:
    """The actor a merged one now lives in (merges move aliases, so this is only a safety net)."""
    seen = {actor.pk}
    while actor.merged_into_id is not None and actor.merged_into_id not in seen:
        seen.add(actor.merged_into_id)
        actor = Actor.objects.get(pk=actor.merged_into_id)
    return actor


def actor_by_name(name: str) -> Actor | None:
    """The actor a name belongs to, or None.

    1. The exact key (`normalize_name`): an editor's alias, a merge's, the seed list's; always wins.
    2. A spelling variant (`actor_key`: "Zelenskiy" for "Zelenskyy", "Israeli army" for "Israel's
       military"), when every alias with that key belongs to one actor.
    3. The one person whose names agree ("Dmitry S. Peskov" or "Peskov" for "Dmitry Peskov", "Tayyip
       Erdogan" for "Recep Tayyip Erdogan"); two candidates ("Clinton") mean no match. A surname
       alone ("Hagari", however its mention was tagged) only joins a known person; a full name may
       also join an actor of unknown kind first stored under the surname; "the group" is nobody's
       surname.
    """
    return actors_by_names([name]).get(name)


def actors_by_names(names: Iterable[str], *, aliases_seen: set[str] | None = None) -> dict[str, Actor | None]:
    """`actor_by_name` for many names at once, in one query whatever their number: the aliases of
    their exact keys, of their spelling variants and of their surnames together, then the rules for
    each name. The keys found as aliases (`normalize_name`) are added to `aliases_seen`, when given."""
    keys = {name: key for name in set(names) if (key := normalize_name(name))}
    loose = {name: key for name in keys if (key := actor_key(name))}
    surnames = {key.split()[-1] for name, key in loose.items() if _may_be_a_surname(name)}
    conditions: list[tuple[str, list[Any]]] = []
    if keys:
        conditions.append(("alias.normalized = ANY(%s)", [sorted(set(keys.values()))]))
    if loose:
        conditions.append(("alias.loose_key = ANY(%s)", [sorted(set(loose.values()))]))
    if surnames:
        # On the alias_loose_surname index (claims.models.LOOSE_SURNAME): the keys whose last word
        # is a surname sought, which are all that person_names_agree can accept.
        conditions.append(
            (
                "actor.kind = ANY(%s) AND split_part(alias.loose_key, ' ', -1) = ANY(%s)",
                [[Actor.Kind.PERSON.value, Actor.Kind.UNKNOWN.value], sorted(surnames)],
            )
        )
    aliases = _aliases(conditions)
    if aliases_seen is not None:
        wanted = set(keys.values())
        aliases_seen.update(alias.normalized for alias in aliases if alias.normalized in wanted)
    return {name: actor_among(name, aliases) for name in keys}


def actor_among(name: str, aliases: Iterable[ActorAlias]) -> Actor | None:
    """`actor_by_name`'s rules over the given aliases: those looked up for the name, or ones about
    to be created in bulk (whose actors may have no primary key yet)."""
    key, loose = normalize_name(name), actor_key(name)
    aliases = list(aliases)
    exact = [alias for alias in aliases if alias.normalized == key]
    if exact or not key or not loose:
        return surviving_actor(exact[0].actor) if exact else None
    variant = _one_actor(alias for alias in aliases if alias.loose_key == loose)
    if variant is not None or not _may_be_a_surname(name):
        return variant
    surname = loose.split()[-1]
    kinds = (Actor.Kind.PERSON,) if len(loose.split()) < 2 else (Actor.Kind.PERSON, Actor.Kind.UNKNOWN)
    return _one_actor(
        alias
        for alias in aliases
        if alias.actor.kind in kinds
        and alias.loose_key.split()[-1:] == [surname]  # a whole last word: "Smith" is not "Goldsmith"
        and alias.name[:1].isupper()
        and person_names_agree(alias.loose_key, loose)
    )


def _may_be_a_surname(name: str) -> bool:
    return name.strip()[:1].isupper()  # "the group" is nobody's surname


def _aliases(conditions: Sequence[tuple[str, Sequence[Any]]]) -> list[ActorAlias]:
    """The aliases that meet any of the SQL conditions (on `alias` and its `actor`), each once
    with its actor, in one statement (none without a condition).

    Written as SQL of a fixed shape: these look-ups run for every extracted article, and Django's
    building of each query (the filters, the join, the default ordering) cost more CPU than
    PostgreSQL's answer; the rows become models as the ORM's would."""
    if not conditions:
        return []
    select, alias_fields, actor_fields = _alias_select()
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(select + condition for condition, _ in conditions),
            [param for _, params in conditions for param in params],
        )
        rows = cursor.fetchall()
    database, width = connection.alias, len(alias_fields)
    cache_actor = ActorAlias._meta.get_field("actor").set_cached_value
    aliases: dict[int, ActorAlias] = {}
    for row in rows:
        alias = ActorAlias.from_db(database, alias_fields, row[:width])
        if alias.pk not in aliases:  # one alias can meet several conditions
            cache_actor(alias, Actor.from_db(database, actor_fields, row[width:]))
            aliases[alias.pk] = alias
    return list(aliases.values())


@cache
def _alias_select() -> tuple[str, list[str], list[str]]:
    """The SELECT of every column of an alias and of its actor, and their field names in order."""
    quote = connection.ops.quote_name
    alias_fields, actor_fields = ActorAlias._meta.concrete_fields, Actor._meta.concrete_fields
    columns = [f"alias.{quote(field.column)}" for field in alias_fields]
    columns += [f"actor.{quote(field.column)}" for field in actor_fields]
    select = (
        f"SELECT {', '.join(columns)} FROM {quote(ActorAlias._meta.db_table)} alias "
        f"JOIN {quote(Actor._meta.db_table)} actor "
        f"ON actor.{quote(Actor._meta.pk.column)} = alias.{quote(ActorAlias._meta.get_field('actor').column)} WHERE "
    )
    return select, [field.attname for field in alias_fields], [field.attname for field in actor_fields]


def _one_actor(aliases: Iterable[ActorAlias]) -> Actor | None:
    """The actor all these aliases lead to (after merges), or None when they lead to several."""
    # An actor about to be created in bulk has no primary key yet: it is itself.
    actors = {actor.pk or id(actor): actor for actor in (surviving_actor(alias.actor) for alias in aliases)}
    return next(iter(actors.values())) if len(actors) == 1 else None


class DatabaseResolver:
    """Resolves names through ActorAlias (`actor_by_name`); names the database doesn't know fall
    back to the seed list.

    One instance serves one extraction run: lookups are cached, so an article costs one query for
    the names it prefetches and one per distinct name asked beyond them. `looked_up` keeps what the
    database gave each name (`actors_by_names`: its actor, or None) and `aliases_seen` the keys
    found stored as aliases, for storing the claims right after without looking the names up again.
    """

    def __init__(self, fallback: Resolver | None = None) -> None:
        self._fallback = fallback  # None: the seed list, through `seed_actor`
        self._cache: dict[str, ResolvedActor | None] = {}
        self.looked_up: dict[str, Actor | None] = {}
        self.aliases_seen: set[str] = set()  # keys the prefetches found stored as aliases

    def prefetch(self, names: Iterable[str]) -> None:
        """Look up at once (`actors_by_names`) the names an article is about to ask for."""
        wanted: dict[str, str] = {}
        for name in names:
            key = normalize_name(name)
            if key and key not in self._cache:
                wanted.setdefault(key, name)
        if self._fallback is None:
            # The seed list's names for these too: a mention the database does not know gets the
            # seed's name ("Norlanders" -> "Norland"), which storing then looks up; asked here, in
            # the same queries, it is known to storing (`looked_up`) and not asked again.
            for name in list(wanted.values()):
                seeded = seed_actor(name)
                if seeded is None:
                    continue
                key = normalize_name(seeded.name)
                if key and key not in self._cache:
                    wanted.setdefault(key, seeded.name)
        found = actors_by_names(wanted.values(), aliases_seen=self.aliases_seen)
        self.looked_up.update(found)
        for name, actor in found.items():
            self._store(normalize_name(name), name, actor)

    def _store(self, key: str, name: str, actor: Actor | None) -> None:
        if actor is not None:
            self._cache[key] = ResolvedActor(name=actor.name, kind=actor.kind)
        else:
            self._cache[key] = self._fallback.resolve(name) if self._fallback is not None else seed_actor(name)

    def resolve(self, name: str) -> ResolvedActor | None:
        key = normalize_name(name)
        if not key:
            return None
        if key not in self._cache:
            actor = self.looked_up[name] = actor_by_name(name)
            self._store(key, name, actor)
        return self._cache[key]
