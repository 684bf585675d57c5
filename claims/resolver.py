"""The engine's Resolver backed by the database's actors and aliases."""

from __future__ import annotations

from claims.extraction import ResolvedActor, Resolver, default_resolver, normalize_name
from claims.models import ActorAlias


class DatabaseResolver:
    """Resolves names through ActorAlias; names the database doesn't know fall back to the seed list.

    One instance serves one extraction run: lookups are cached, so an article costs one query
    per distinct name.
    """

    def __init__(self, fallback: Resolver | None = None) -> None:
        self._fallback = fallback if fallback is not None else default_resolver()
        self._cache: dict[str, ResolvedActor | None] = {}

    def resolve(self, name: str) -> ResolvedActor | None:
        key = normalize_name(name)
        if not key:
            return None
        if key not in self._cache:
            alias = ActorAlias.objects.select_related("actor").filter(normalized=key).first()
            if alias is not None:
                self._cache[key] = ResolvedActor(name=alias.actor.name, kind=alias.actor.kind)
            else:
                self._cache[key] = self._fallback.resolve(name)
        return self._cache[key]
