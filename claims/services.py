"""Writes on claims and actors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.models import Article
from claims.bounds import EXTRACTION_CHUNK_CHARS, TextChunk, paragraph_chunks, readable_length, shift_claim
from claims.bulk import rows_insert
from claims.extraction import ExtractedClaim, doc_claims, doc_names, load_pipeline
from claims.models import Actor, ActorAlias, ActorMerge, Claim, ClaimEntity, ClaimRevision, Origin
from claims.resolver import (
    DatabaseResolver,
    actor_among,
    actor_by_name,
    actor_key,
    actors_by_names,
    normalize_name,
    surviving_actor,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


class ClaimOffsetsError(ValueError):
    """A claim's span does not match the article text at its offsets."""


class ActorMergeError(ValueError):
    """The merge asked for cannot be done (same actor, or one already merged away)."""

    def __init__(self, message: str, *, code: str, field: str) -> None:
        super().__init__(message)
        self.code = code
        self.field = field


def claims_extract(*, text: str, chunk_chars: int = EXTRACTION_CHUNK_CHARS) -> list[ExtractedClaim]:
    """Run the engine with canonical names from the database, over paragraph chunks of the text
    (claims.bounds): a text of any length is read, none fails on spaCy's length limit."""
    (result,) = claims_extract_many(texts=[text], chunk_chars=chunk_chars)
    if isinstance(result, Exception):
        raise result
    return result


@dataclass(frozen=True)
class KnownNames:
    """What the database said a moment ago (extraction's lookups, `DatabaseResolver`): the actor
    of each name looked up (or None), and the keys it holds as aliases."""

    actors: Mapping[str, Actor | None]
    aliases: frozenset[str] = frozenset()


class ResolvedClaims(list[ExtractedClaim]):
    """One text's extracted claims, with what the database said of the names extraction looked up
    (`known`): storing them at once (`claims_replace_for_article`) need not look these up again."""

    def __init__(self, claims: Iterable[ExtractedClaim], *, known: KnownNames) -> None:
        super().__init__(claims)
        self.known = known


def claims_extract_many(
    *, texts: Sequence[str], chunk_chars: int = EXTRACTION_CHUNK_CHARS
) -> Iterator[ResolvedClaims | Exception]:
    """`claims_extract` of each text, in order, with the texts parsed together through nlp.pipe.

    Texts are parsed in groups of at most chunk_chars characters (the bound one chunk already has,
    so a batch never holds more text in memory than one large article). Names are resolved when a
    text's result is asked for, against the database as it is then: a caller that stores each
    text's claims before asking for the next gets what extracting them one by one gives. A text the
    engine fails on yields its exception in its place; the texts around it are not affected.
    Database errors are raised: they are the database's, not the text's.
    """
    chunks = [
        (index, chunk) for index, text in enumerate(texts) for chunk in paragraph_chunks(text, max_chars=chunk_chars)
    ]
    parts: list[tuple[TextChunk, Doc | Exception]] = []
    for position, (index, chunk, doc) in enumerate(_parsed(chunks, max_chars=chunk_chars)):
        parts.append((chunk, doc))
        if position + 1 == len(chunks) or chunks[position + 1][0] != index:  # the text's last chunk
            yield _claims_of(parts)
            parts = []


def _parsed(
    chunks: Sequence[tuple[int, TextChunk]], *, max_chars: int
) -> Iterator[tuple[int, TextChunk, Doc | Exception]]:
    """Each chunk with its Doc (or the engine's exception), parsed in groups of at most max_chars."""
    group: list[tuple[int, TextChunk]] = []
    size = 0
    for item in chunks:
        if group and size + len(item[1].text) > max_chars:
            yield from _parse_group(group)
            group, size = [], 0
        group.append(item)
        size += len(item[1].text)
    if group:
        yield from _parse_group(group)


def _parse_group(group: Sequence[tuple[int, TextChunk]]) -> Iterator[tuple[int, TextChunk, Doc | Exception]]:
    nlp = load_pipeline()
    try:
        docs: Sequence[Doc | Exception] = list(nlp.pipe([chunk.text for _, chunk in group], batch_size=len(group)))
    except Exception as exc:  # noqa: BLE001 - handed to the caller in the text's place
        if len(group) == 1:
            docs = [exc]
        else:  # one chunk broke the batch: parse each alone, so only its text fails
            for item in group:
                yield from _parse_group([item])
            return
    for (index, chunk), doc in zip(group, docs, strict=True):
        yield index, chunk, doc


def _claims_of(parts: Sequence[tuple[TextChunk, Doc | Exception]]) -> ResolvedClaims | Exception:
    """One text's claims from its parsed chunks, names resolved against the database now."""
    resolver = DatabaseResolver()
    claims: list[ExtractedClaim] = []
    try:
        for chunk, doc in parts:
            if isinstance(doc, Exception):
                return doc
            # The chunk's names in a few queries, not a query or three per name.
            resolver.prefetch(doc_names(doc))
            claims.extend(shift_claim(claim, chunk.start) for claim in doc_claims(doc, resolver))
    except DatabaseError:
        raise
    except Exception as exc:  # noqa: BLE001 - the engine's rules failed on this text: the caller records it
        return exc
    return ResolvedClaims(claims, known=KnownNames(actors=resolver.looked_up, aliases=frozenset(resolver.aliases_seen)))


@dataclass(frozen=True)
class BoundedExtraction:
    claims: list[ExtractedClaim]
    chars_read: int  # extraction read text[:chars_read]; the rest has no machine claims


def claims_extract_bounded(*, text: str, max_chars: int) -> BoundedExtraction:
    """The claims of the first max_chars characters of text, cut at a clean break (claims.bounds):
    the work one article can cost is bounded, however long it is."""
    chars_read = readable_length(text, max_chars=max_chars)
    return BoundedExtraction(claims=claims_extract(text=text[:chars_read]), chars_read=chars_read)


def actor_resolve(*, name: str, kind: str = Actor.Kind.UNKNOWN) -> Actor | None:
    """The actor a name belongs to (claims.resolver.actor_by_name: exact alias, then spelling
    variants, then a person's fuller name), creating one (with its alias) for a name never seen.
    A variant found that way becomes an alias of its actor, so the next lookup is exact."""
    key = normalize_name(name)
    if not key:
        return None
    found = actor_by_name(name)
    if found is not None:
        actor_learn_alias(actor=found, name=name)
        return found
    kind = kind if kind in Actor.Kind.values else Actor.Kind.UNKNOWN
    try:
        with transaction.atomic():
            actor = Actor.objects.create(name=name.strip()[:300], kind=kind)
            ActorAlias.objects.create(actor=actor, name=name.strip()[:300], normalized=key, origin=Origin.MACHINE)
    except IntegrityError:
        # Another worker created the same alias first.
        return surviving_actor(ActorAlias.objects.select_related("actor").get(normalized=key).actor)
    return actor


@dataclass(frozen=True)
class NameUse:
    """A name storing needs an actor for (with the kind a new actor gets), or, with `alias_of`, a
    name the text gives the actor of another name (a speaker's "also known as")."""

    name: str
    kind: str = Actor.Kind.UNKNOWN
    alias_of: str | None = None


def actors_resolve_many(*, uses: Sequence[NameUse], known: KnownNames | None = None) -> dict[str, Actor | None]:
    """`actor_resolve` for many names, as if called one by one in this order, in a fixed handful
    of queries: the known ones in one (`actors_by_names`), the new actors and every new
    alias each in one INSERT. Returns name -> actor (None for a name that normalizes to nothing).
    `known` holds what `actors_by_names` gave some of the names a moment ago (extraction's
    lookups, in the same task): those are not looked up again, and aliases known to be stored
    are not sent again (their INSERT would be ignored).

    One difference from one-by-one calls: a name is matched against the database's aliases and
    against the names created earlier in the same call separately, never against both at once
    (a surname shared by one stored and one new person still joins the stored one).
    """
    known = known or KnownNames(actors={})
    names = {use.name for use in uses if use.alias_of is None}
    in_database = {name: known.actors[name] for name in names if name in known.actors}
    stored_aliases = set(known.aliases)
    if len(in_database) < len(names):
        in_database.update(
            actors_by_names((name for name in names if name not in known.actors), aliases_seen=stored_aliases)
        )
    actors: dict[str, Actor | None] = {}
    new_actors: list[Actor] = []
    new_aliases: list[ActorAlias] = []  # inserted with ignore_conflicts: learning only fills gaps
    for use in uses:
        key = normalize_name(use.name)
        if use.alias_of is not None:
            owner = actors.get(use.alias_of)
            if owner is not None and key:
                new_aliases.append(_machine_alias(owner, use.name, key))
            continue
        if use.name in actors:
            continue
        if not key:
            actors[use.name] = None
            continue
        actor = in_database.get(use.name) or actor_among(use.name, new_aliases)
        if actor is None:
            kind = use.kind if use.kind in Actor.Kind.values else Actor.Kind.UNKNOWN
            actor = Actor(name=use.name.strip()[:300], kind=kind)
            new_actors.append(actor)
        actors[use.name] = actor
        new_aliases.append(_machine_alias(actor, use.name, key))  # a variant found becomes an alias
    # An alias already stored would be ignored by the INSERT; it still served `actor_among` above.
    new_aliases = [alias for alias in new_aliases if alias.normalized not in stored_aliases]
    if not new_actors and not new_aliases:
        return actors
    rows_insert(new_actors)
    inserted = _aliases_insert(new_aliases)
    if new_actors:
        # Another worker may have stored one of these names meanwhile: its alias won, its actor is
        # the one; ours is dropped before anything refers to it. Only a key the INSERT skipped
        # can have been taken: the others are looked up only when there is one.
        own_keys = {alias.normalized: alias.actor for alias in new_aliases if alias.actor in new_actors}
        taken = [key for key in own_keys if key not in inserted]
        winners = ActorAlias.objects.select_related("actor").filter(normalized__in=taken) if taken else []
        lost = {
            own_keys[alias.normalized].pk: surviving_actor(alias.actor)
            for alias in winners
            if alias.actor_id != own_keys[alias.normalized].pk
        }
        if lost:
            actors = {name: lost.get(a.pk, a) if a is not None else None for name, a in actors.items()}
            Actor.objects.filter(pk__in=lost).delete()
    return actors


def _aliases_insert(aliases: Sequence[ActorAlias]) -> set[str]:
    """INSERT the aliases, skipping those whose key is stored already (learning only fills gaps:
    `bulk_create(ignore_conflicts=True)`), in one statement; returns the keys it inserted, which
    that Django call cannot tell."""
    if not aliases:
        return set()
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ActorAlias._meta.db_table} "
            "(created_at, updated_at, actor_id, name, normalized, loose_key, origin) "
            "SELECT %s, %s, * FROM UNNEST(%s::bigint[], %s::varchar[], %s::varchar[], %s::varchar[], %s::varchar[]) "
            "ON CONFLICT DO NOTHING RETURNING normalized",
            [
                now,
                now,
                [alias.actor.pk for alias in aliases],
                [alias.name for alias in aliases],
                [alias.normalized for alias in aliases],
                [alias.loose_key for alias in aliases],
                [alias.origin for alias in aliases],
            ],
        )
        return {key for (key,) in cursor.fetchall()}


def _machine_alias(actor: Actor, name: str, key: str) -> ActorAlias:
    return ActorAlias(
        actor=actor, name=name.strip()[:300], normalized=key, loose_key=actor_key(name)[:300], origin=Origin.MACHINE
    )


def actor_fold_into(*, source: Actor, into: Actor, user: Any = None) -> ActorMerge:
    """Fold `source` into `into`: its claims (as speaker and as relay), the entities that name it
    and its aliases move to `into`; `source` stays as a tombstone pointing at `into`.

    All or nothing. Each moved claim gets a `merge` revision and a new version (a form opened
    before the merge must not put the old speaker back). The editors' service
    (claims.editing.actor_merge) checks permissions and calls this one.
    Raises ActorMergeError for a merge into itself or involving a merged actor.
    """
    if source.pk == into.pk:
        raise ActorMergeError("An actor cannot be merged into itself.", code="merge_self", field="into")
    user = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        # Lock both rows in id order so two merges over the same pair cannot deadlock.
        locked = {a.pk: a for a in Actor.objects.select_for_update().filter(pk__in=[source.pk, into.pk]).order_by("pk")}
        if len(locked) != 2:
            raise ActorMergeError("One of the actors no longer exists.", code="actor_missing", field="source")
        source, into = locked[source.pk], locked[into.pk]
        if source.merged_into_id is not None:
            raise ActorMergeError(f"{source.name} was already merged.", code="actor_merged", field="source")
        if into.merged_into_id is not None:
            raise ActorMergeError(f"{into.name} was merged into another actor.", code="actor_merged", field="into")

        now = timezone.now()
        moved = list(Claim.objects.filter(Q(speaker=source) | Q(via=source)).values_list("pk", "speaker_id", "via_id"))
        # Each moved claim's history says so, and its version moves on: an edit form opened before
        # the merge must not put the merged actor back.
        ClaimRevision.objects.bulk_create(
            ClaimRevision(
                claim_id=claim_id,
                user=user,
                action="merge",
                changes={
                    field: [{"id": source.pk, "name": source.name}, {"id": into.pk, "name": into.name}]
                    for field, actor_id in (("speaker", speaker_id), ("via", via_id))
                    if actor_id == source.pk
                },
                note=f"Merged {source.name} into {into.name}.",
            )
            for claim_id, speaker_id, via_id in moved
        )
        # What moves, by id: the merge can then be undone exactly (actor_unfold).
        record: dict[str, Any] = {
            "speaker": [pk for pk, speaker_id, _ in moved if speaker_id == source.pk],
            "via": [pk for pk, _, via_id in moved if via_id == source.pk],
            "mentions": list(ClaimEntity.objects.filter(actor=source).values_list("pk", flat=True)),
            "aliases": list(ActorAlias.objects.filter(actor=source).values_list("pk", flat=True)),
            "actors": list(Actor.objects.filter(merged_into=source).values_list("pk", flat=True)),
        }
        Claim.objects.filter(speaker=source).update(speaker=into, version=F("version") + 1, updated_at=now)
        Claim.objects.filter(via=source).update(via=into, version=F("version") + 1, updated_at=now)
        ClaimEntity.objects.filter(actor=source).update(actor=into)
        moved_aliases = ActorAlias.objects.filter(actor=source).update(actor=into, updated_at=now)
        # Actors merged into `source` earlier now point at the survivor directly.
        Actor.objects.filter(merged_into=source).update(merged_into=into, updated_at=now)

        # A Wikidata id is unique: it moves to the survivor if that has none.
        wikidata_id, source.wikidata_id = source.wikidata_id, None
        source.merged_into = into
        source.save(update_fields=["merged_into", "wikidata_id", "updated_at"])
        if wikidata_id and not into.wikidata_id:
            into.wikidata_id = wikidata_id
            into.save(update_fields=["wikidata_id", "updated_at"])
            record["wikidata_id"] = wikidata_id
        elif wikidata_id:
            record["kept_wikidata_id"] = wikidata_id  # dropped from the tombstone; given back on undo
        return ActorMerge.objects.create(
            into=into,
            merged_name=source.name,
            merged_actor_id=source.pk,
            moved_claims=len(moved),
            moved_aliases=moved_aliases,
            user=user,
            moved=record,
        )


def actor_unfold(*, merge: ActorMerge, user: Any = None) -> Actor:
    """Undo a recorded merge: the merged actor is an actor again, and what moved in the merge moves
    back, except what has changed hands since (a claim an editor gave another speaker, a name
    removed): that stays as the editors left it. Each claim moved back gets an `unmerge` revision and
    a new version. Returns the restored actor. Raises ActorMergeError when there is nothing to undo."""
    user = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        merge = ActorMerge.objects.select_for_update().select_related("into").get(pk=merge.pk)
        if not merge.is_undoable:
            raise ActorMergeError(
                "This merge was undone already."
                if merge.undone_at
                else "This merge was recorded without its details and cannot be undone; split the actor by hand.",
                code="merge_not_undoable",
                field="merge",
            )
        restored = Actor.objects.select_for_update().filter(pk=merge.merged_actor_id).first()
        if restored is None or restored.merged_into_id != merge.into_id:
            raise ActorMergeError(
                f"{merge.merged_name} no longer points at {merge.into.name}; nothing to undo.",
                code="merge_not_undoable",
                field="merge",
            )
        into, moved, now = merge.into, merge.moved, timezone.now()
        speaker_ids = list(
            Claim.objects.filter(pk__in=moved.get("speaker", []), speaker=into).values_list("pk", flat=True)
        )
        via_ids = list(Claim.objects.filter(pk__in=moved.get("via", []), via=into).values_list("pk", flat=True))
        change = [{"id": into.pk, "name": into.name}, {"id": restored.pk, "name": restored.name}]
        ClaimRevision.objects.bulk_create(
            ClaimRevision(
                claim_id=claim_id,
                user=user,
                action="unmerge",
                changes={
                    field: change for field, ids in (("speaker", speaker_ids), ("via", via_ids)) if claim_id in ids
                },
                note=f"Undid the merge of {restored.name} into {into.name}.",
            )
            for claim_id in sorted(set(speaker_ids) | set(via_ids))
        )
        Claim.objects.filter(pk__in=speaker_ids).update(speaker=restored, version=F("version") + 1, updated_at=now)
        Claim.objects.filter(pk__in=via_ids).update(via=restored, version=F("version") + 1, updated_at=now)
        ClaimEntity.objects.filter(pk__in=moved.get("mentions", []), actor=into).update(actor=restored)
        ActorAlias.objects.filter(pk__in=moved.get("aliases", []), actor=into).update(actor=restored, updated_at=now)
        Actor.objects.filter(pk__in=moved.get("actors", []), merged_into=into).update(
            merged_into=restored, updated_at=now
        )
        if moved.get("wikidata_id") and into.wikidata_id == moved["wikidata_id"]:
            into.wikidata_id = None
            into.save(update_fields=["wikidata_id", "updated_at"])
        restored.wikidata_id = moved.get("wikidata_id") or moved.get("kept_wikidata_id") or None
        restored.merged_into = None
        restored.save(update_fields=["merged_into", "wikidata_id", "updated_at"])
        merge.undone_at, merge.undone_by = now, user
        merge.save(update_fields=["undone_at", "undone_by"])
        return restored


@dataclass(frozen=True)
class SeedActor:
    """One entry of a seed list: a canonical name, its kind and other names it goes by."""

    name: str
    kind: str = Actor.Kind.UNKNOWN
    aliases: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, entry: dict[str, Any]) -> SeedActor:
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"a seed actor needs a name: {entry!r}")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ValueError(f"aliases of {name!r} must be a list of strings")
        return cls(name=name.strip(), kind=str(entry.get("kind") or Actor.Kind.UNKNOWN), aliases=tuple(aliases))


@dataclass(frozen=True)
class SeedResult:
    actors_created: int
    aliases_created: int
    aliases_kept: int  # names that were already an alias (of this actor or, left alone, of another)


def actors_seed(*, entries: Iterable[SeedActor]) -> SeedResult:
    """Load canonical actors and their aliases; safe to run again.

    A name that is already an alias keeps pointing where it does: an editor's alias (or a merge)
    is never undone by seed data. The canonical name itself may already belong to an actor (one
    extraction created); that actor then takes the seed's kind if it had none.
    """
    actors_created = aliases_created = aliases_kept = 0
    with transaction.atomic():
        for entry in entries:
            key = normalize_name(entry.name)
            if not key:
                continue
            kind = entry.kind if entry.kind in Actor.Kind.values else Actor.Kind.UNKNOWN
            existing = ActorAlias.objects.select_related("actor").filter(normalized=key).first()
            if existing is not None:
                actor = surviving_actor(existing.actor)
                if actor.kind == Actor.Kind.UNKNOWN and kind != Actor.Kind.UNKNOWN:
                    actor.kind = kind
                    actor.save(update_fields=["kind", "updated_at"])
            else:
                actor = Actor.objects.create(name=entry.name[:300], kind=kind)
                ActorAlias.objects.create(actor=actor, name=entry.name[:300], normalized=key, origin=Origin.MACHINE)
                actors_created += 1
            for alias in entry.aliases:
                if actor_learn_alias(actor=actor, name=alias):
                    aliases_created += 1
                elif normalize_name(alias):
                    aliases_kept += 1
    return SeedResult(actors_created=actors_created, aliases_created=aliases_created, aliases_kept=aliases_kept)


def actor_learn_alias(*, actor: Actor, name: str) -> bool:
    """Record a name the text gives an actor. An alias that exists (an editor's, or another
    actor's) is never moved: learning only fills gaps."""
    key = normalize_name(name)
    if not key or ActorAlias.objects.filter(normalized=key).exists():
        return False
    try:
        with transaction.atomic():
            ActorAlias.objects.create(actor=actor, name=name.strip()[:300], normalized=key, origin=Origin.MACHINE)
    except IntegrityError:
        return False
    return True


def check_span(text: str, start: int | None, end: int | None, expected: str, what: str) -> None:
    if start is None or end is None:
        return
    if not (0 <= start < end <= len(text)):
        raise ClaimOffsetsError(f"{what} offsets {start}:{end} fall outside the article (length {len(text)})")
    if text[start:end] != expected:
        raise ClaimOffsetsError(f"{what} {expected[:40]!r} does not match the article text at {start}:{end}")


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(min(end, e) > max(start, s) for s, e in spans)


def claims_replace_for_article(
    *,
    article: Article,
    extracted: Sequence[ExtractedClaim],
    extractor_version: str,
    known_names: KnownNames | None = None,
) -> list[Claim]:
    """Replace the article's machine claims with a new extraction, in one transaction.

    known_names: what the database said of names a moment ago (`ResolvedClaims.known`, when the
    claims are stored right after their extraction): not looked up again.

    Claims an editor touched (corrected, verified, rejected, created) stay as they are, and a new
    machine claim overlapping one of them is dropped: a rejected claim does not come back.
    """
    text = article.text
    for item in extracted:
        check_span(text, item.content_start, item.content_end, item.content, "content")
        check_span(text, item.cue_start, item.cue_end, item.cue, "cue")
        if item.speaker_mention is not None:
            check_span(text, item.speaker_start, item.speaker_end, item.speaker_mention, "speaker mention")

    # No savepoint of its own: inside the caller's transaction a failure here fails it all anyway
    # (two statements fewer per article stored).
    with transaction.atomic(savepoint=False):
        # One look at the article's claims says what to replace and what stays; the DELETE (with
        # its cascade's own look-up) runs only when there are machine claims to replace, which a
        # first extraction never has.
        stored = article.claims.order_by().values_list(
            "pk", "origin", "editor_touched_at", "content_start", "content_end"
        )
        replaced, kept = [], []
        for pk, origin, touched_at, start, end in stored:
            if origin == Origin.MACHINE and touched_at is None:
                replaced.append(pk)
            else:
                kept.append((start, end))
        if replaced:
            article.claims.machine_owned().filter(pk__in=replaced).delete()
        fresh = [c for c in extracted if not _overlaps(c.content_start, c.content_end, kept)]

        actors = actors_resolve_many(uses=_name_uses(fresh), known=known_names)

        def actor_for(name: str | None) -> Actor | None:
            return actors.get(name) if name else None

        claims = []
        for item in fresh:
            # A description ("officials") or an unresolved pronoun keeps its mention, no actor.
            speaker = actor_for(item.speaker) if item.speaker_named else None
            if speaker is not None and item.speaker_speaks_for:
                _speaks_for_fill(speaker, actor_for(item.speaker_speaks_for))
            claims.append(
                Claim(
                    article=article,
                    speaker=speaker,
                    speaker_mention=(item.speaker_mention or "")[:300],
                    speaker_start=item.speaker_start,
                    speaker_end=item.speaker_end,
                    cue=item.cue[:200],
                    cue_start=item.cue_start,
                    cue_end=item.cue_end,
                    content=item.content,
                    content_start=item.content_start,
                    content_end=item.content_end,
                    sentence_start=item.sentence_start,
                    sentence_end=item.sentence_end,
                    kind=item.kind,
                    stance=item.stance,
                    via=actor_for(item.via),
                    confidence=max(0.0, min(1.0, item.confidence)),
                    origin=Origin.MACHINE,
                    extractor_version=extractor_version,
                )
            )
        created = rows_insert(claims)
        entities = [
            ClaimEntity(
                claim=claim,
                actor=actor_for(entity.canonical or entity.text),
                text=entity.text[:300],
                label=entity.label[:20],
                start=entity.start,
                end=entity.end,
            )
            for claim, item in zip(created, fresh, strict=True)
            for entity in item.about
        ]
        rows_insert(entities)
    return created


def _speaks_for_fill(speaker: Actor, principal: Actor | None) -> None:
    """Record whom a spokesperson speaks for, once: a value already there (an editor's, or an
    earlier article's) stays."""
    if principal is None or principal.pk == speaker.pk or speaker.speaks_for_id is not None:
        return
    speaker.speaks_for = principal
    Actor.objects.filter(pk=speaker.pk, speaks_for__isnull=True).update(speaks_for=principal, updated_at=timezone.now())


def _name_uses(extracted: Sequence[ExtractedClaim]) -> list[NameUse]:
    """The names storing an extraction resolves, in the order it once resolved them one by one
    (speakers with whom they speak for, their other names and relays, claim by claim; then the
    entities), so that actors are created and joined as before, in a handful of queries."""
    uses: list[NameUse] = []
    for item in extracted:
        if item.speaker_named and item.speaker and normalize_name(item.speaker):
            uses.append(NameUse(item.speaker, item.speaker_kind))
            if item.speaker_speaks_for:
                uses.append(NameUse(item.speaker_speaks_for))
            uses.extend(NameUse(alias, alias_of=item.speaker) for alias in item.speaker_aliases)
        if item.via:
            uses.append(NameUse(item.via))
    for item in extracted:
        uses.extend(NameUse(entity.canonical or entity.text, _entity_kind(entity.label)) for entity in item.about)
    return uses


_KIND_BY_LABEL = {
    "PERSON": Actor.Kind.PERSON,
    "ORG": Actor.Kind.ORGANIZATION,
    "GPE": Actor.Kind.COUNTRY,
    "NORP": Actor.Kind.GROUP,
}


def _entity_kind(label: str) -> str:
    return _KIND_BY_LABEL.get(label, Actor.Kind.UNKNOWN)
