"""Fill a database with a realistic corpus: by default a million claims over 100,000 articles.

    python bench/generate.py                    # 1,000,000 claims into the claims_bench database
    python bench/generate.py --scale 0.01       # 10,000 claims, for a quick look
    BENCH_DATABASE_URL=postgresql://... python bench/generate.py   # another server

The text is synthetic but made like news: datelines, paragraphs, said-that clauses, direct quotes,
according-to attributions, denials, warnings and demands, built from real English words so that
full-text search and its ranking behave as on real claims. Every claim's speaker, cue, content,
sentence and entity offsets point into its article's text exactly, as the engine's would.

Distributions: speakers follow a Zipf-like law over 5,000 actors (the top speaker has about a
tenth of all claims, most actors a handful); claims per article vary (1 to ~40, mean 10); articles
come from a dozen outlets over two years; stories are bursts of a few days to weeks, most with a
few claims and some with thousands; claims in a story are linked to earlier ones (same, supports,
contradicts). Everything is drawn from one seed, so a size and a seed always give the same data.

Rows are written with COPY. For speed the fast load drops the secondary indexes and rebuilds them
once at the end, skips foreign-key triggers (the data is consistent by construction; the tests in
tests/bench/ load with every check on), then runs VACUUM ANALYZE so the planner knows the data.
"""

from __future__ import annotations

import argparse
import bisect
import io
import itertools
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import vocabulary as words
from bench.harness import BENCH_DATABASE, DEV_DATABASE
from claims import words_sql
from claims.extraction.names import actor_key, normalize_name

EXTRACTOR_VERSION = "bench-synthetic-1"
PERIOD_END = datetime(2026, 11, 1, tzinfo=UTC)
PERIOD_DAYS = 730

# The tables the corpus fills, in the order foreign keys need.
OUTLET_COLUMNS = ("id", "created_at", "updated_at", "name", "domain")
ACTOR_COLUMNS = ("id", "created_at", "updated_at", "name", "kind", "description", "wikidata_id", "merged_into_id")
ALIAS_COLUMNS = ("id", "created_at", "updated_at", "actor_id", "name", "normalized", "loose_key", "origin")
STORY_COLUMNS = ("id", "created_at", "updated_at", "title", "first_seen_at", "last_seen_at")
ARTICLE_COLUMNS = (
    "id", "created_at", "updated_at", "outlet_id", "url", "title", "byline", "dateline", "published_at", "text",
    "language", "text_hash", "duplicate_of_id", "status", "error", "extractor_version", "attempts", "task_id",
    "processed_at",
)  # fmt: skip
CLAIM_COLUMNS = (
    "id", "created_at", "updated_at", "article_id", "speaker_id", "speaker_mention", "speaker_start", "speaker_end",
    "cue", "cue_start", "cue_end", "content", "content_start", "content_end", "sentence_start", "sentence_end",
    "kind", "stance", "via_id", "confidence", "origin", "review_status", "review_reason", "note",
    "extractor_version", "story_id", "editor_touched_at", "version", "published_at",
)  # fmt: skip
ENTITY_COLUMNS = ("id", "claim_id", "actor_id", "text", "label", "start", "end")
LINK_COLUMNS = (
    "id", "created_at", "updated_at", "source_id", "target_id", "relation", "origin", "status", "score",
    "created_by_id",
)  # fmt: skip

LOADED_TABLES = (
    "articles_outlet",
    "claims_actor",
    "claims_actoralias",
    "claims_story",
    "articles_article",
    "claims_claim",
    "claims_claimentity",
    "claims_claimlink",
)
# Filled from the loaded tables (by triggers, or at once after a fast load).
SUMMARY_TABLES = ("claims_actorday", "claims_actormention", "claims_actorcontradiction")
DERIVED_TABLES = (*SUMMARY_TABLES, "claims_claimword")

ENTITY_LABEL = {
    "person": "PERSON",
    "country": "GPE",
    "organization": "ORG",
    "government": "ORG",
    "media": "ORG",
    "group": "ORG",
}


@dataclass(frozen=True)
class Size:
    articles: int
    claims: int
    actors: int
    outlets: int = 12
    stories: int = 0  # 0: one story for every five articles

    @classmethod
    def scaled(cls, factor: float) -> Size:
        """The full corpus (100,000 articles, 1,000,000 claims, 5,000 actors) times `factor`."""
        return cls(
            articles=max(10, round(100_000 * factor)),
            claims=max(20, round(1_000_000 * factor)),
            actors=max(30, round(5_000 * factor**0.5)),
        )

    @property
    def story_count(self) -> int:
        return self.stories or max(1, self.articles // 5)


@dataclass
class Actor:
    id: int
    name: str
    kind: str
    label: str


@dataclass
class Story:
    id: int
    title: str
    start_day: int
    days: int
    nouns: tuple[int, int]
    protagonists: tuple[Actor, ...]
    recent_claims: list[int] = field(default_factory=list)


class Zipf:
    """Draws items so that the k-th is about k**-exponent as likely as the first."""

    def __init__(self, items: Sequence[Any], rng: random.Random, exponent: float = 1.0) -> None:
        self.items = list(items)
        self.rng = rng
        self.cumulative = list(itertools.accumulate(1 / (rank**exponent) for rank in range(1, len(self.items) + 1)))
        self.total = self.cumulative[-1]

    def __call__(self) -> Any:
        return self.items[bisect.bisect_left(self.cumulative, self.rng.random() * self.total)]


class TextBuilder:
    """Appends pieces of an article and knows where each one lands."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.position = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.position
        self.parts.append(piece)
        self.position += len(piece)
        return start, self.position

    def text(self) -> str:
        return "".join(self.parts)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class Corpus:
    """The rows of the synthetic corpus, drawn from one seed."""

    def __init__(self, size: Size, seed: int = 1) -> None:
        self.size = size
        self.rng = random.Random(seed)
        rng = self.rng
        self.nouns = Zipf(range(len(words.NOUNS)), rng, 0.8)
        self.verbs = Zipf(words.VERBS, rng, 0.8)
        self.adjectives = Zipf(words.ADJECTIVES, rng, 0.8)
        self.places = Zipf(words.PLACES, rng, 0.9)
        self.countries = Zipf(words.COUNTRIES, rng, 0.9)
        self.times = Zipf(words.TIMES, rng, 0.5)
        self.created = PERIOD_END  # rows describing the corpus itself
        self.outlets = self._make_outlets()
        self.actors = self._make_actors()
        self.actor_by_name = {actor.name: actor for actor in self.actors}
        popularity = self.actors[:]
        rng.shuffle(popularity)
        self.speakers = Zipf(popularity, rng, 1.1)
        self.mentioned = Zipf(popularity, rng, 0.9)
        self.media = [actor for actor in self.actors if actor.kind == "media"] or self.actors
        self.stories = self._make_stories()
        self._stories_by_day = self._index_stories_by_day()

    # --- the fixed tables -------------------------------------------------------------------------

    def _make_outlets(self) -> list[tuple[int, str, str]]:
        outlets = []
        for number, (place, paper) in enumerate(zip(words.PLACES, words.MEDIA_NAMES, strict=False), start=1):
            if number > self.size.outlets:
                break
            name = f"The {place} {paper}"
            outlets.append((number, name, f"{place}{paper}.example".lower()))
        return outlets

    def _make_actors(self) -> list[Actor]:
        rng = self.rng
        total = self.size.actors
        countries = words.COUNTRIES[: max(1, min(len(words.COUNTRIES), total // 70))]
        wanted = {
            "country": len(countries),
            "government": round(total * 0.12),
            "media": round(total * 0.04),
            "organization": round(total * 0.14),
            "group": round(total * 0.04),
        }
        wanted["person"] = max(1, total - sum(wanted.values()))
        names: dict[str, tuple[str, str]] = {}  # normalized -> (name, kind)

        def draw(kind: str, make: Callable[[], str]) -> None:
            for _ in range(wanted[kind] * 50):
                if sum(1 for _, k in names.values() if k == kind) >= wanted[kind]:
                    return
                name = make()
                names.setdefault(normalize_name(name), (name, kind))

        for country in countries:
            names[normalize_name(country)] = (country, "country")
        draw(
            "government",
            lambda: f"{rng.choice(words.COUNTRIES)} Ministry of {rng.choice(words.ORG_SUBJECTS)}",
        )
        draw("media", lambda: f"{rng.choice(words.PLACES)} {rng.choice(words.MEDIA_NAMES)}")
        draw(
            "organization",
            lambda: (
                f"{rng.choice(words.ORG_ADJECTIVES)} {rng.choice(words.ORG_SUBJECTS)} {rng.choice(words.ORG_TYPES)}"
            ),
        )
        draw("group", lambda: f"{rng.choice(words.ORG_ADJECTIVES)} {rng.choice(words.ORG_SUBJECTS)} Party")
        wanted["person"] = max(1, total - len(names))
        draw("person", lambda: f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}")
        return [
            Actor(id=number, name=name, kind=kind, label=ENTITY_LABEL[kind])
            for number, (name, kind) in enumerate(list(names.values())[:total], start=1)
        ]

    def _make_stories(self) -> list[Story]:
        rng = self.rng
        stories = []
        for number in range(1, self.size.story_count + 1):
            nouns = (self.nouns(), self.nouns())
            protagonists = tuple(self.speakers() for _ in range(3))
            singular = words.NOUNS[nouns[0]][0]
            title = _capitalised(
                rng.choice(
                    [
                        f"{protagonists[0].name} and the {self.adjectives()} {singular}",
                        f"Row over {singular} in {self.places()}",
                        f"{self.countries()} {singular} dispute",
                        f"Claims of {self.adjectives()} {words.NOUNS[nouns[1]][1]} in {self.places()}",
                    ]
                )
            )
            days = 1 + min(90, int(rng.expovariate(1 / 6)))
            stories.append(Story(number, title, rng.randrange(PERIOD_DAYS), days, nouns, protagonists))
        return stories

    def _index_stories_by_day(self) -> list[Zipf | None]:
        active: list[list[Story]] = [[] for _ in range(PERIOD_DAYS)]
        for story in self.stories:
            for day in range(story.start_day, min(PERIOD_DAYS, story.start_day + story.days)):
                active[day].append(story)
        # Within a day, stories drawn earlier are bigger: a few dominate the news.
        return [Zipf(stories, self.rng, 1.0) if stories else None for stories in active]

    def outlet_rows(self) -> Iterator[tuple[Any, ...]]:
        for number, name, domain in self.outlets:
            yield (number, self.created, self.created, name, domain)

    def actor_rows(self) -> Iterator[tuple[Any, ...]]:
        for actor in self.actors:
            wikidata = f"Q{1000 + actor.id}" if actor.id % 3 == 0 else None
            yield (actor.id, self.created, self.created, actor.name, actor.kind, "", wikidata, None)

    def alias_rows(self) -> Iterator[tuple[Any, ...]]:
        seen: set[str] = set()
        number = itertools.count(1)
        for actor in self.actors:
            names = [actor.name]
            if actor.kind == "person":
                names.append(f"{words.TITLES[actor.id % len(words.TITLES)]} {actor.name}")
            for name in names:
                key = normalize_name(name)
                if key not in seen:
                    seen.add(key)
                    yield (next(number), self.created, self.created, actor.id, name, key, actor_key(name), "machine")

    def story_rows(self) -> Iterator[tuple[Any, ...]]:
        start = PERIOD_END - timedelta(days=PERIOD_DAYS)
        for story in self.stories:
            first = start + timedelta(days=story.start_day)
            last = first + timedelta(days=story.days)
            yield (story.id, first, last, story.title, first, last)

    # --- articles and what they hold --------------------------------------------------------------

    def claims_per_article(self) -> list[int]:
        """Claim counts per article: uneven like real news, summing exactly to the size."""
        rng = self.rng
        articles, claims = self.size.articles, self.size.claims
        weights = [rng.gammavariate(2.0, 1.0) for _ in range(articles)]
        spare = claims - articles
        scale = spare / sum(weights)
        counts = [1 + int(w * scale) for w in weights]
        for index in rng.choices(range(articles), k=claims - sum(counts)):
            counts[index] += 1
        return counts

    def article_batches(self, batch_size: int) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
        """Articles in publication order with their claims, entities and links, `batch_size` at a time."""
        rng = self.rng
        start = PERIOD_END - timedelta(days=PERIOD_DAYS)
        counts = self.claims_per_article()
        offsets = sorted(rng.random() * PERIOD_DAYS * 86400 for _ in range(self.size.articles))
        ids = {"claim": itertools.count(1), "entity": itertools.count(1), "link": itertools.count(1)}
        batch: dict[str, list[tuple[Any, ...]]] = {"articles": [], "claims": [], "entities": [], "links": []}
        for number, (seconds, claim_count) in enumerate(zip(offsets, counts, strict=True), start=1):
            published = start + timedelta(seconds=seconds)
            self._article(number, published, int(seconds // 86400), claim_count, ids, batch)
            if len(batch["articles"]) >= batch_size:
                yield batch
                batch = {"articles": [], "claims": [], "entities": [], "links": []}
        if batch["articles"]:
            yield batch

    def _article(
        self,
        number: int,
        published: datetime,
        day: int,
        claim_count: int,
        ids: dict[str, Iterator[int]],
        batch: dict[str, list[tuple[Any, ...]]],
    ) -> None:
        from articles.text import text_fingerprint

        rng = self.rng
        outlet_id, _, domain = self.outlets[(number * 7919 + day) % len(self.outlets)]
        stories_today = self._stories_by_day[min(day, PERIOD_DAYS - 1)]
        story = stories_today() if stories_today is not None and rng.random() < 0.6 else None
        created = published + timedelta(seconds=rng.randrange(60, 1800))
        place = self.places()
        builder = TextBuilder()
        builder.add(f"{place.upper()}: ")
        self._filler(builder, story)
        claims: list[tuple[Any, ...]] = []
        in_paragraph = 1
        for _ in range(claim_count):
            separator = " " if in_paragraph < rng.choice((1, 2, 3)) else "\n\n"
            in_paragraph = 1 if separator == "\n\n" else in_paragraph + 1
            builder.add(separator)
            claim_story = story if story is not None and rng.random() < 0.75 else None
            claims.append(self._claim_sentence(builder, claim_story))
            if rng.random() < 0.35:
                builder.add(" ")
                self._filler(builder, story)
        text = builder.text()
        noun = words.NOUNS[story.nouns[0] if story else self.nouns()][0]
        title = _capitalised(f"{self.countries()} and the {self.adjectives()} {noun}: what was said")
        slug = "-".join(title.lower().replace(":", "").split()[:6])
        batch["articles"].append(
            (
                number, created, created, outlet_id,
                f"https://{domain}/{published:%Y/%m/%d}/{slug}-{number}", title,
                f"By {rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}", place, published, text,
                "en", text_fingerprint(text), None, "done", "", EXTRACTOR_VERSION, 1, "",
                created + timedelta(seconds=rng.randrange(2, 30)),
            )
        )  # fmt: skip
        for claim in claims:
            self._claim_rows(claim, number, published, created, text, ids, batch)

    def _filler(self, builder: TextBuilder, story: Story | None) -> None:
        noun_index = story.nouns[1] if story else self.nouns()
        singular, plural = words.NOUNS[noun_index]
        sentence = self.rng.choice(words.FILLER_OPENINGS).format(
            noun=singular,
            nouns=plural,
            place=self.places(),
            adj=self.adjectives(),
            time=self.times(),
            country=self.countries(),
        )
        builder.add(sentence)

    def _clause(self, story: Story | None) -> list[tuple[str, Actor | None]]:
        """One clause of claim content, as pieces; a piece with an actor is a named entity."""
        rng = self.rng
        if story is not None and rng.random() < 0.7:
            entity = rng.choice(story.protagonists)
            noun_index = rng.choice(story.nouns)
        else:
            entity = self.mentioned()
            noun_index = self.nouns()
        singular, plural = words.NOUNS[noun_index]
        base, past, participle = self.verbs()
        adjective = self.adjectives()
        place = self.places()
        country = self.countries()
        country_actor = self.actor_by_name.get(country)
        when = self.times()
        pattern = rng.randrange(8)
        if pattern == 0:
            return [(entity.name, entity), (f" {past} the {adjective} {singular} in {place} {when}", None)]
        if pattern == 1:
            return [(f"the {adjective} {plural} had been {participle} by ", None), (entity.name, entity)]
        if pattern == 2:
            return [
                (entity.name, entity),
                (f" would {base} {plural} to ", None),
                (country, country_actor),
                (f" unless the {singular} was {participle}", None),
            ]
        if pattern == 3:
            return [(f"there was no {adjective} {singular} and ", None), (entity.name, entity),
                    (f" had {participle} the {plural}", None)]  # fmt: skip
        if pattern == 4:
            return [(f"{rng.randrange(2, 900)} {plural} had been {participle} in {place} {when}", None)]
        if pattern == 5:
            return [
                ("the government of ", None),
                (country, country_actor),
                (f" {past} {plural} to {base} the {singular}", None),
            ]
        if pattern == 6:
            return [(entity.name, entity), (f" never {past} the {singular} of {place}", None)]
        return [(f"the {singular} was a {adjective} attempt to {base} ", None), (entity.name, entity)]

    def _content(self, story: Story | None) -> list[tuple[str, Actor | None]]:
        pieces = self._clause(story)
        if self.rng.random() < 0.55:
            pieces.append((self.rng.choice(words.CONNECTORS), None))
            pieces.extend(self._clause(story))
        return pieces

    def _claim_sentence(self, builder: TextBuilder, story: Story | None) -> dict[str, Any]:
        """Append one attributed sentence; return where its parts are and what they mean."""
        rng = self.rng
        if story is not None and rng.random() < 0.5:
            speaker: Actor | None = rng.choice(story.protagonists)
        else:
            speaker = self.speakers() if rng.random() > 0.03 else None
        pieces = self._content(story)
        claim: dict[str, Any] = {"story": story, "speaker": speaker, "via": None, "entities": []}
        sentence_start = builder.position

        def put_content(capital: bool) -> None:
            first = True
            start = builder.position
            for text, actor in pieces:
                if first and capital:
                    text = _capitalised(text)
                first = False
                piece_start, piece_end = builder.add(text)
                if actor is not None:
                    claim["entities"].append((actor, text, piece_start, piece_end))
            claim["content"] = (start, builder.position)

        def put(piece: str, role: str | None = None) -> None:
            span = builder.add(piece)
            if role:
                claim[role] = span

        mention = speaker.name if speaker else None
        form = rng.random()
        if speaker is None:
            claim.update(kind="indirect", stance="asserts")
            put("It was "), put("reported", "cue"), put(" that "), put_content(False), put(".")
        elif form < 0.38:
            claim.update(kind="indirect", stance="asserts")
            put(mention, "speaker_pos"), put(" "), put("said", "cue"), put(" that "), put_content(False), put(".")
        elif form < 0.62:
            claim.update(kind="direct", stance="asserts")
            put("“"), put_content(True), put(",” "), put(mention, "speaker_pos"), put(" "), put("said", "cue"), put(".")
        elif form < 0.74:
            claim.update(kind="indirect", stance="asserts")
            put_content(True), put(", "), put("according to", "cue"), put(" "), put(mention, "speaker_pos"), put(".")
        elif form < 0.78:
            media = rng.choice(self.media)
            claim.update(kind="indirect", stance="asserts", via=media)
            put(mention, "speaker_pos"), put(" "), put("told", "cue"), put(f" the {media.name} that ")
            put_content(False), put(".")
        else:
            cue, stance, link = rng.choice(
                [
                    ("denied", "denies", " that "),
                    ("disputed", "disputes", " claims that "),
                    ("doubted", "doubts", " that "),
                    ("warned", "threatens", " that "),
                    ("demanded", "demands", " that "),
                ]
            )
            claim.update(kind="indirect", stance=stance)
            put(mention, "speaker_pos"), put(" "), put(cue, "cue"), put(link), put_content(False), put(".")
        claim["sentence"] = (sentence_start, builder.position)
        return claim

    def _claim_rows(
        self,
        claim: dict[str, Any],
        article_id: int,
        published: datetime,  # the article's: a fast load skips the trigger that copies it
        article_created: datetime,
        text: str,
        ids: dict[str, Iterator[int]],
        batch: dict[str, list[tuple[Any, ...]]],
    ) -> None:
        rng = self.rng
        claim_id = next(ids["claim"])
        created = article_created + timedelta(seconds=rng.randrange(5, 120))
        speaker: Actor | None = claim["speaker"]
        speaker_start, speaker_end = claim.get("speaker_pos", (None, None))
        cue_start, cue_end = claim["cue"]
        content_start, content_end = claim["content"]
        sentence_start, sentence_end = claim["sentence"]
        roll = rng.random()
        origin, review_status, reason, touched, version, updated = "machine", "unreviewed", "", None, 1, created
        if roll < 0.06:
            review_status = "verified"
        elif roll < 0.075:
            review_status, reason = "corrected", "The speaker was misattributed in the first extraction."
        elif roll < 0.09:
            review_status, reason = "rejected", "Not a claim: the sentence reports a fact the outlet checked."
        elif roll < 0.1:
            origin, review_status = "editor", "verified"
        if review_status != "unreviewed":
            touched = created + timedelta(hours=rng.randrange(1, 24 * 20))
            updated, version = touched, 2
        story: Story | None = claim["story"]
        batch["claims"].append(
            (
                claim_id, created, updated, article_id, speaker.id if speaker else None,
                text[speaker_start:speaker_end] if speaker_start is not None else "", speaker_start, speaker_end,
                text[cue_start:cue_end], cue_start, cue_end, text[content_start:content_end], content_start,
                content_end, sentence_start, sentence_end, claim["kind"], claim["stance"],
                claim["via"].id if claim["via"] else None, round(rng.uniform(0.45, 0.98), 3), origin,
                review_status, reason, "", EXTRACTOR_VERSION, story.id if story else None, touched, version,
                published,
            )
        )  # fmt: skip
        for actor, name, start, end in claim["entities"]:
            batch["entities"].append((next(ids["entity"]), claim_id, actor.id if actor else None, name,
                                      actor.label if actor else "GPE", start, end))  # fmt: skip
        if story is not None:
            if story.recent_claims and rng.random() < 0.3:
                relation = rng.choices(("same", "supports", "contradicts"), weights=(5, 3, 2))[0]
                status = rng.choices(("suggested", "confirmed", "dismissed"), weights=(80, 15, 5))[0]
                target = rng.choice(story.recent_claims)
                batch["links"].append((next(ids["link"]), created, created, claim_id, target, relation, "machine",
                                       status, round(rng.uniform(0.5, 1.0), 3), None))  # fmt: skip
            story.recent_claims.append(claim_id)
            del story.recent_claims[:-5]


# --- writing with COPY ----------------------------------------------------------------------------

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def copy_rows(cursor: Any, table: str, columns: Sequence[str], rows: Iterator[tuple[Any, ...]] | list) -> int:
    """COPY rows into a table; returns how many."""
    buffer = io.StringIO()
    count = 0
    for row in rows:
        buffer.write("\t".join(map(_copy_value, row)))
        buffer.write("\n")
        count += 1
    buffer.seek(0)
    column_list = ", ".join(f'"{column}"' for column in columns)
    cursor.copy_expert(f"COPY {table} ({column_list}) FROM STDIN", buffer)
    return count


def _secondary_indexes(cursor: Any) -> list[tuple[str, str]]:
    """(name, definition) of the loaded tables' indexes that no constraint owns."""
    cursor.execute(
        """
        SELECT index_class.relname, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        JOIN pg_class table_class ON table_class.oid = i.indrelid
        JOIN pg_class index_class ON index_class.oid = i.indexrelid
        WHERE table_class.relname = ANY(%s)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        ORDER BY 1
        """,
        [list(LOADED_TABLES)],
    )
    return list(cursor.fetchall())


def _model_defaults_for_unlisted_columns(cursor: Any) -> list[tuple[str, str, Any]]:
    """(table, column, value) for each NOT NULL column the corpus does not write and the database has
    no default for: columns added since this generator was written get their model field's default."""
    from django.apps import apps
    from django.db import connection as django_connection

    listed = {
        "articles_outlet": OUTLET_COLUMNS,
        "claims_actor": ACTOR_COLUMNS,
        "claims_actoralias": ALIAS_COLUMNS,
        "claims_story": STORY_COLUMNS,
        "articles_article": ARTICLE_COLUMNS,
        "claims_claim": CLAIM_COLUMNS,
        "claims_claimentity": ENTITY_COLUMNS,
        "claims_claimlink": LINK_COLUMNS,
    }
    fields = {
        (model._meta.db_table, field.column): field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
    }
    cursor.execute(
        """
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ANY(%s) AND is_nullable = 'NO'
          AND column_default IS NULL AND is_generated = 'NEVER' AND is_identity = 'NO'
        """,
        [list(LOADED_TABLES)],
    )
    defaults = []
    for table, column in cursor.fetchall():
        if column in listed[table]:
            continue
        field = fields.get((table, column))
        if field is None or not field.has_default():
            raise SystemExit(f"{table}.{column} needs a value the generator does not know: teach bench/generate.py")
        defaults.append((table, column, field.get_db_prep_save(field.get_default(), django_connection)))
    return defaults


def generate(
    connection: Any,
    *,
    size: Size,
    seed: int = 1,
    fast: bool = True,
    batch_articles: int = 2_000,
    progress: Callable[[str], None] = lambda message: None,
) -> dict[str, int]:
    """Replace the corpus tables' rows in the database behind a psycopg2 `connection` with a fresh corpus.

    `fast` drops and rebuilds secondary indexes, skips foreign-key triggers, commits as it goes and
    ends with VACUUM ANALYZE; without it every constraint is checked, the load ends with ANALYZE and
    the caller's transaction is left to the caller (tests roll it back). Returns each table's row count.
    """
    corpus = Corpus(size, seed)
    commit = connection.commit if fast else lambda: None
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        database = cursor.fetchone()[0]
        if database == DEV_DATABASE:
            raise SystemExit(f"refusing to fill {database}: it holds the development data")
        cursor.execute("TRUNCATE " + ", ".join(LOADED_TABLES + DERIVED_TABLES) + " RESTART IDENTITY CASCADE")
        dropped: list[tuple[str, str]] = []
        if not fast:
            # Check foreign keys row by row rather than at a commit the caller may never make.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        if fast:
            cursor.execute("SET session_replication_role = replica")
            dropped = _secondary_indexes(cursor)
            for name, _ in dropped:
                cursor.execute(f'DROP INDEX "{name}"')
            commit()
        # New columns get their model default for the load only; Django keeps no defaults in the schema.
        defaults = _model_defaults_for_unlisted_columns(cursor)
        for table, column, value in defaults:
            cursor.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" SET DEFAULT %s', [value])
        counts = {
            "articles_outlet": copy_rows(cursor, "articles_outlet", OUTLET_COLUMNS, corpus.outlet_rows()),
            "claims_actor": copy_rows(cursor, "claims_actor", ACTOR_COLUMNS, corpus.actor_rows()),
            "claims_actoralias": copy_rows(cursor, "claims_actoralias", ALIAS_COLUMNS, corpus.alias_rows()),
            "claims_story": copy_rows(cursor, "claims_story", STORY_COLUMNS, corpus.story_rows()),
            "articles_article": 0,
            "claims_claim": 0,
            "claims_claimentity": 0,
            "claims_claimlink": 0,
        }
        commit()
        started = time.monotonic()
        for batch in corpus.article_batches(batch_articles):
            counts["articles_article"] += copy_rows(cursor, "articles_article", ARTICLE_COLUMNS, batch["articles"])
            counts["claims_claim"] += copy_rows(cursor, "claims_claim", CLAIM_COLUMNS, batch["claims"])
            counts["claims_claimentity"] += copy_rows(cursor, "claims_claimentity", ENTITY_COLUMNS, batch["entities"])
            counts["claims_claimlink"] += copy_rows(cursor, "claims_claimlink", LINK_COLUMNS, batch["links"])
            commit()
            progress(
                f"{counts['articles_article']:>8,} articles {counts['claims_claim']:>10,} claims "
                f"({time.monotonic() - started:.0f} s)"
            )
        # A story's first and last sighting are those of its claims; a story no claim joined is dropped.
        cursor.execute(
            """
            UPDATE claims_story s SET first_seen_at = seen.first, last_seen_at = seen.last,
                   created_at = seen.first, updated_at = seen.last
            FROM (SELECT c.story_id, min(a.published_at) AS first, max(a.published_at) AS last
                  FROM claims_claim c JOIN articles_article a ON a.id = c.article_id
                  WHERE c.story_id IS NOT NULL GROUP BY c.story_id) seen
            WHERE s.id = seen.story_id
            """
        )
        cursor.execute(
            "DELETE FROM claims_story s WHERE NOT EXISTS (SELECT 1 FROM claims_claim c WHERE c.story_id = s.id)"
        )
        counts["claims_story"] -= cursor.rowcount
        for table, column, _ in defaults:
            cursor.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" DROP DEFAULT')
        for table in LOADED_TABLES:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
            )
        commit()
        if fast:
            cursor.execute("RESET session_replication_role")
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for name, definition in dropped:
                progress(f"building index {name}")
                cursor.execute(definition)
                commit()
            # The load skipped the triggers that keep the per-actor summaries (claims/summary_sql.py)
            # and the claims' words (claims/words_sql.py).
            progress("per-actor summaries")
            cursor.execute("SELECT claims_actor_summaries_rebuild()")
            progress("claim words")
            cursor.execute(words_sql.FILL)
            commit()
            connection.autocommit = True
            progress("VACUUM ANALYZE")
            cursor.execute("VACUUM ANALYZE " + ", ".join(LOADED_TABLES + DERIVED_TABLES))
            connection.autocommit = False
        else:
            cursor.execute("ANALYZE " + ", ".join(LOADED_TABLES + DERIVED_TABLES))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full corpus (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", default=BENCH_DATABASE, help=f"database name (default {BENCH_DATABASE})")
    args = parser.parse_args()
    if args.database == DEV_DATABASE:
        raise SystemExit(f"refusing to fill {DEV_DATABASE}: it holds the development data")

    import psycopg2

    from bench import harness

    url = harness.server_url(args.database)
    harness.django_setup(url)
    harness.migrate()
    size = Size.scaled(args.scale)
    print(f"generating {size.claims:,} claims, {size.articles:,} articles, {size.actors:,} actors into {args.database}")
    connection = psycopg2.connect(url)
    started = time.monotonic()
    counts = generate(connection, size=size, seed=args.seed, progress=lambda message: print(message, flush=True))
    seconds = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        database_bytes = cursor.fetchone()[0]
        machine = harness.machine(cursor)
    connection.close()
    for table, count in counts.items():
        print(f"{table:<22} {count:>12,}")
    print(f"done in {seconds:.0f} s; database {database_bytes / 2**30:.2f} GiB")
    harness.save_result(
        "generate",
        {
            "database": args.database,
            "seed": args.seed,
            "scale": args.scale,
            "counts": counts,
            "seconds": round(seconds, 1),
            "database_gib": round(database_bytes / 2**30, 2),
            "machine": machine,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )


if __name__ == "__main__":
    main()
