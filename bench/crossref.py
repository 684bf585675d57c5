"""Benchmark of cross-referencing: time per article to group claims into stories and to suggest links.

    python bench/crossref.py [--articles 1000] [--events 60] [--seed 7] [--keep]
    python bench/crossref.py --database claims_bench      # among the million claims of bench/generate.py

Builds a synthetic corpus of concurrent events: articles spread over three months, each reporting
one of several events through claims by many speakers (with the actors the claims name), plus stray
claims about nothing in particular. Rows are bulk-inserted; no spaCy. Then every article is
cross-referenced in publication order, as the worker would, and the script prints time per article
for each step (wall clock and CPU: this process, its PostgreSQL backend and parallel workers) and
how well the stories match the events the generator used (pairwise precision and recall), and
where the suggested links fall.

Without --database the corpus goes into a scratch database (`<database>_bench_crossref`, dropped
afterwards unless --keep). With --database it goes among the claims already there (the million of
bench/generate.py), dated in their last months and with their most quoted actors among the events'
actors, so each candidate search meets the whole corpus; everything is done in one transaction that
is rolled back at the end, leaving the database as it was. Figures: bench/results/crossref.json
(scratch) or crossref_at_scale.json.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness

TOPIC_WORDS = [
    "drone",
    "missile",
    "port",
    "grain",
    "terminal",
    "election",
    "ballot",
    "recount",
    "refinery",
    "pipeline",
    "strike",
    "attack",
    "border",
    "ceasefire",
    "sanctions",
    "tariff",
    "inflation",
    "interest",
    "rate",
    "budget",
    "protest",
    "parliament",
    "court",
    "verdict",
    "hostage",
    "prisoner",
    "exchange",
    "embassy",
    "satellite",
    "reactor",
    "dam",
    "flood",
    "wildfire",
    "earthquake",
    "vaccine",
    "outbreak",
    "convoy",
    "shipment",
    "tanker",
    "frigate",
    "airbase",
    "bridge",
    "tunnel",
    "railway",
    "blackout",
    "cyberattack",
    "leak",
    "merger",
    "bankruptcy",
    "strike",
    "union",
    "wage",
    "treaty",
    "summit",
    "referendum",
    "coup",
    "curfew",
    "evacuation",
    "refugee",
    "famine",
    "drought",
    "harvest",
]
FILLER_WORDS = [
    "government",
    "officials",
    "would",
    "could",
    "might",
    "never",
    "always",
    "again",
    "already",
    "still",
    "clearly",
    "serious",
    "major",
    "minor",
    "early",
    "late",
    "night",
    "morning",
    "week",
    "month",
    "country",
    "region",
    "city",
    "people",
    "forces",
    "military",
    "civilian",
    "security",
    "public",
    "private",
    "national",
    "local",
    "international",
    "foreign",
    "domestic",
    "economic",
    "political",
    "support",
    "response",
    "measures",
    "plans",
    "talks",
    "statement",
    "report",
    "evidence",
    "reason",
    "decision",
    "situation",
    "action",
    "pressure",
    "risk",
    "threat",
    "damage",
    "losses",
    "costs",
    "progress",
    "delay",
]
FIRST_NAMES = [
    "Anna",
    "Boris",
    "Carla",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hugo",
    "Irina",
    "Jonas",
    "Katya",
    "Lev",
    "Maria",
    "Nikos",
    "Olga",
    "Pavel",
]
LAST_NAMES = [
    "Adler",
    "Brandt",
    "Costa",
    "Dorin",
    "Evans",
    "Fischer",
    "Garcia",
    "Horvat",
    "Ivanov",
    "Jansen",
    "Kovac",
    "Larsen",
    "Moreau",
    "Novak",
]
INSTITUTIONS = [
    "Ministry",
    "Council",
    "Commission",
    "Agency",
    "Office",
    "Committee",
    "Party",
    "Authority",
    "Service",
    "Bureau",
]
STANCES = ["asserts"] * 14 + ["denies"] * 2 + ["disputes"] * 2 + ["doubts", "threatens"]


@dataclass
class Event:
    words: list[str]
    actors: list[int]  # indexes into the actor pool: who speaks and who is named
    day: datetime


def zipf_vocabulary(rng: random.Random, size: int = 3000) -> tuple[list[str], list[float]]:
    """Words of general news prose with a long tail, as real text has: a few very common words,
    many rare ones (made-up words stand in for the tail)."""
    syllables = ["ab", "ter", "mon", "ic", "al", "ven", "ra", "pol", "is", "ut", "ex", "cor", "den", "ly"]
    tail = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    words = FILLER_WORDS + sorted(tail - set(FILLER_WORDS))
    return words, [1 / (rank + 1) for rank in range(len(words))]


_VOCABULARY: tuple[list[str], list[float]] | None = None


def filler(rng: random.Random, count: int) -> list[str]:
    global _VOCABULARY
    if _VOCABULARY is None:
        _VOCABULARY = zipf_vocabulary(random.Random(0))
    words, weights = _VOCABULARY
    return rng.choices(words, weights=weights, k=count)


def pseudo_place(rng: random.Random) -> str:
    syllables = ["va", "lor", "ke", "mi", "dan", "su", "rek", "to", "bal", "ri", "zan", "os"]
    return "".join(rng.choice(syllables) for _ in range(3)).capitalize()


def build_corpus(
    *, articles: int, events: int, seed: int, start: datetime, known_actors: list[Any] | None = None
) -> dict[int, int | None]:
    """Insert the synthetic corpus, its events over three months from `start`, the actors of the
    events drawn from its own and `known_actors` (actors already in the database); returns each
    claim's event (None for stray claims)."""
    from django.utils import timezone

    from articles.models import Article, Outlet
    from articles.text import text_fingerprint
    from claims.extraction import normalize_name
    from claims.models import Actor, ActorAlias, Claim, ClaimEntity

    rng = random.Random(seed)
    names = {f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES}
    names |= {f"{pseudo_place(rng)} {inst}" for inst in INSTITUTIONS for _ in range(8)}
    names |= {pseudo_place(rng) for _ in range(60)}
    actors = Actor.objects.bulk_create(
        Actor(name=name, kind=Actor.Kind.PERSON if " " in name else Actor.Kind.COUNTRY) for name in sorted(names)
    )
    ActorAlias.objects.bulk_create(
        (ActorAlias(actor=a, name=a.name, normalized=normalize_name(a.name)) for a in actors), ignore_conflicts=True
    )
    actors += known_actors or []
    outlets = Outlet.objects.bulk_create(
        Outlet(name=f"Outlet {i}", domain=f"outlet{i}.crossref-bench.example") for i in range(25)
    )
    plan = [
        Event(
            words=[*rng.sample(TOPIC_WORDS, 5), pseudo_place(rng).lower(), pseudo_place(rng).lower()],
            actors=rng.sample(range(len(actors)), 8),
            day=start + timedelta(days=rng.uniform(0, 90)),
        )
        for _ in range(events)
    ]

    rows: list[tuple[Article, list[tuple[Claim, list[ClaimEntity], int | None]]]] = []
    for number in range(articles):
        event_index = rng.randrange(events)
        event = plan[event_index]
        published = event.day + timedelta(hours=rng.uniform(-24, 72))
        pieces: list[str] = []
        offset = 0
        claims = []
        for _ in range(rng.randint(5, 12)):
            on_topic = rng.random() < 0.8
            speaker = actors[rng.choice(event.actors) if on_topic else rng.randrange(len(actors))]
            words = filler(rng, rng.randint(4, 8))
            named: list[Actor] = []
            if on_topic:
                words += rng.sample(event.words, rng.randint(2, 4))
                named = [actors[i] for i in rng.sample(event.actors, rng.randint(0, 2)) if actors[i] != speaker]
            rng.shuffle(words)
            content_words = words[: len(words) // 2] + [a.name for a in named] + words[len(words) // 2 :]
            content = " ".join(content_words)
            mention, cue = speaker.name, rng.choice(["said", "claimed", "told reporters", "insisted"])
            sentence = f"{mention} {cue} that {content}."
            content_start = offset + len(mention) + len(cue) + 7
            claim = Claim(
                speaker=speaker,
                speaker_mention=mention,
                speaker_start=offset,
                speaker_end=offset + len(mention),
                cue=cue,
                cue_start=offset + len(mention) + 1,
                cue_end=offset + len(mention) + 1 + len(cue),
                content=content,
                content_start=content_start,
                content_end=content_start + len(content),
                sentence_start=offset,
                sentence_end=offset + len(sentence),
                stance=rng.choice(STANCES),
                confidence=0.7,
            )
            entities = []
            for actor in named:
                at = content.index(actor.name)
                entities.append(
                    ClaimEntity(
                        actor=actor,
                        text=actor.name,
                        label="PERSON",
                        start=content_start + at,
                        end=content_start + at + len(actor.name),
                    )
                )
            claims.append((claim, entities, event_index if on_topic else None))
            pieces.append(sentence)
            offset += len(sentence) + 1
        text = " ".join(pieces) + f" (report {number})"
        article = Article(
            text=text,
            text_hash=text_fingerprint(text),
            title=f"Report {number}",
            outlet=rng.choice(outlets),
            published_at=published,
            status=Article.Status.DONE,
            processed_at=timezone.now(),  # extracted, waiting to be cross-referenced: a backlog
        )
        rows.append((article, claims))

    Article.objects.bulk_create([article for article, _ in rows], batch_size=500)
    all_claims = []
    for article, claims in rows:
        for claim, _, _ in claims:
            claim.article = article
            all_claims.append(claim)
    Claim.objects.bulk_create(all_claims, batch_size=1000)
    entities = []
    gold: dict[int, int | None] = {}
    for _, claims in rows:
        for claim, claim_entities, event_index in claims:
            gold[claim.pk] = event_index
            for entity in claim_entities:
                entity.claim = claim
                entities.append(entity)
    ClaimEntity.objects.bulk_create(entities, batch_size=2000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim, claims_claimentity, articles_article, claims_actor")
    return gold


def pair_count(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(gold: Mapping[int, int | None], stories: Mapping[int, int | None]) -> tuple[float, float]:
    """Pairwise precision and recall of stories against events, by counting pairs in each cell."""
    events = Counter(e for e in gold.values() if e is not None)
    groups = Counter(s for s in stories.values() if s is not None)
    cells = Counter((stories[c], gold[c]) for c in gold if stories.get(c) is not None and gold[c] is not None)
    both = sum(pair_count(n) for n in cells.values())
    predicted = sum(pair_count(n) for n in groups.values())
    true = sum(pair_count(n) for n in events.values())
    return (both / predicted if predicted else 1.0), (both / true if true else 1.0)


def summary(label: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = harness.percentile(ms, 0.95)
    return (
        f"{label:<11} mean {statistics.fmean(ms):7.1f} ms   median {statistics.median(ms):7.1f} ms   "
        f"p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms   total {sum(ms) / 1000:6.1f} s"
    )


def print_score_distribution(gold: dict[int, int | None], sample: int = 40) -> None:
    """Story scores of candidate pairs, same event against different events, before any grouping."""
    from articles.models import Article
    from claims.crossref import pair_evidence, story_score

    scores: dict[str, list[float]] = {"same event": [], "different": [], "stray": []}
    for article_id in Article.objects.order_by("?").values_list("id", flat=True)[:sample]:
        for pair in pair_evidence(article_id=article_id):
            a, b = gold[pair.claim_id], gold[pair.other_id]
            kind = "stray" if a is None or b is None else ("same event" if a == b else "different")
            scores[kind].append(story_score(pair))
    for kind, values in scores.items():
        if values:
            q = statistics.quantiles(values, n=20)
            spread = f"median {q[9]:.2f} p90 {q[17]:.2f} p95 {q[18]:.2f} max {max(values):.2f}"
            print(f"  {kind:<10} n={len(values):6d} {spread}")


class CpuClock:
    """CPU seconds spent so far by this process, its PostgreSQL backend and the parallel query
    workers that have come and gone (bench/latency.py explains the sources)."""

    def __init__(self) -> None:
        from django.db import connection

        from bench.latency import is_postgres, parent_pid

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
        self.backend = backend if is_postgres(backend) else 0
        self.postmaster = parent_pid(self.backend) if self.backend else 0

    def __call__(self) -> float:
        from bench.latency import request_cpu_seconds

        return request_cpu_seconds(self.backend, self.postmaster)


def outcome_dump(path: Path, *, gold: Mapping[int, Any], stories: Mapping[int, int | None], links: Any,
                 stories_before: set[int]) -> None:  # fmt: skip
    """The stories and links made, in a form two runs can be compared by (ids are not: the rolled
    back run's sequences moved on): the generated claims by their creation order, a claim of the
    corpus by its id, a new story by its members, a story of the corpus by its id."""
    import json

    order = {claim_id: n for n, claim_id in enumerate(sorted(gold))}

    def name(claim_id: int) -> str:
        return f"new:{order[claim_id]}" if claim_id in order else f"corpus:{claim_id}"

    members: dict[int, list[int]] = {}
    for claim_id, story_id in stories.items():
        if story_id is not None:
            members.setdefault(story_id, []).append(order[claim_id])
    groups = sorted(
        [f"corpus:{story_id}" if story_id in stories_before else "new", sorted(claims)]
        for story_id, claims in members.items()
    )
    made = sorted(
        [name(source), name(target), relation, round(float(score), 4)]
        for source, target, relation, score in links.values_list("source_id", "target_id", "relation", "score")
    )
    path.write_text(json.dumps({"stories": groups, "links": made}, indent=0))
    print(f"stories and links written to {path}")


def timed(values: list[float]) -> dict[str, float]:
    return harness.summary_ms(values)


def run(
    *,
    articles: int,
    events: int,
    seed: int,
    start: datetime,
    known_actors: list[Any],
    diagnose: bool = False,
    dump: Path | None = None,
    profile: Path | None = None,
) -> dict[str, Any]:
    from django.db.models import Max, Q

    from articles.models import Article
    from claims.crossref import (
        article_mark_crossref_done,
        claim_links_suggest_for_article,
        common_lexemes,
        stories_assign_for_article,
    )
    from claims.models import Actor, Claim, ClaimEntity, ClaimLink, Story

    stories_before = set(Story.objects.values_list("id", flat=True))
    links_before = ClaimLink.objects.count()
    last_article_before = Article.objects.aggregate(last=Max("id"))["last"] or 0
    started = time.perf_counter()
    gold = build_corpus(articles=articles, events=events, seed=seed, start=start, known_actors=known_actors)
    ours = Article.objects.filter(id__gt=last_article_before)
    print(
        f"built {articles} articles, {len(gold)} claims, "
        f"{ClaimEntity.objects.filter(claim_id__in=list(gold)).count()} entities in "
        f"{time.perf_counter() - started:.1f} s; {Claim.objects.count():,} claims and {Actor.objects.count():,} "
        "actors in the database"
    )
    if diagnose:
        print_score_distribution(gold)
    common_lexemes(refresh=True)  # once per worker process every few minutes: not an article's cost
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    clock = CpuClock()
    clustering, linking, clustering_cpu, linking_cpu, total_cpu = [], [], [], [], []
    for article_id in ours.order_by("published_at", "id").values_list("id", flat=True):
        c0, t0 = clock(), time.perf_counter()
        stories_assign_for_article(article_id=article_id)
        c1, t1 = clock(), time.perf_counter()
        claim_links_suggest_for_article(article_id=article_id)
        c2, t2 = clock(), time.perf_counter()
        article_mark_crossref_done(article_id=article_id)  # as article_crossref does, in the worker
        clustering.append(t1 - t0)
        linking.append(t2 - t1)
        clustering_cpu.append(c1 - c0)
        linking_cpu.append(c2 - c1)
        total_cpu.append(c2 - c0)
        if len(clustering) % 100 == 0:
            print(f"  ... {len(clustering)} articles cross-referenced", file=sys.stderr, flush=True)

    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
    print(f"per article, {len(clustering)} articles in publication order (wall clock, then CPU):")
    print("  " + summary("clustering", clustering))
    print("  " + summary("linking", linking))
    print("  " + summary("cpu cluster", clustering_cpu))
    print("  " + summary("cpu link", linking_cpu))
    print("  " + summary("cpu total", total_cpu))
    stories = dict(Claim.objects.filter(id__in=list(gold)).values_list("id", "story_id"))
    precision, recall = pairwise(gold, stories)
    on_topic = {c: e for c, e in gold.items() if e is not None}
    topic_precision, topic_recall = pairwise(on_topic, stories)
    strays = [c for c, e in gold.items() if e is None]
    strays_placed = sum(1 for c in strays if stories.get(c) is not None)
    # Stories that existed before (the million claims' own): an event claim put there joined unrelated claims.
    into_old = sum(1 for c in on_topic if stories.get(c) in stories_before)
    ours_stories = {s for s in stories.values() if s is not None}
    print(
        f"stories: {len(ours_stories)} for {events} events; claims in a story: "
        f"{sum(1 for s in stories.values() if s is not None)} of {len(gold)}; "
        f"pairwise precision {precision:.2f}, recall {recall:.2f}"
    )
    print(
        f"  on event claims only: precision {topic_precision:.2f}, recall {topic_recall:.2f}; "
        f"stray claims (about no event) put in a story: {strays_placed} of {len(strays)}; "
        f"event claims put in a story that existed before: {into_old}"
    )
    mix: dict[int, Counter[int | None]] = {}
    for claim_id, story_id in stories.items():
        if story_id is not None:
            mix.setdefault(story_id, Counter())[gold[claim_id]] += 1
    for story_id, events_in_story in sorted(mix.items(), key=lambda item: -sum(item[1].values()))[:5]:
        print(f"  story {story_id}: {dict(events_in_story.most_common(4))}")

    # Links: no gold relation exists for the synthetic claims, but a link between two events, or
    # to a claim the corpus did not make, is wrong whatever its relation.
    new_links = ClaimLink.objects.filter(Q(source_id__in=list(gold)) | Q(target_id__in=list(gold)))
    relations: Counter[str] = Counter()
    within, across, outside = 0, 0, 0
    for source, target, relation in new_links.values_list("source_id", "target_id", "relation"):
        relations[relation] += 1
        if source not in gold or target not in gold:
            outside += 1
        elif gold[source] is not None and gold[source] == gold[target]:
            within += 1
        else:
            across += 1
    links_total = sum(relations.values())
    if dump is not None:
        outcome_dump(dump, gold=gold, stories=stories, links=new_links, stories_before=stories_before)
    print(
        "links: "
        + ", ".join(f"{relation} {count}" for relation, count in sorted(relations.items()))
        + f"; within one event {within}, across events or with a stray claim {across}, "
        f"with a claim of the corpus already there {outside}"
    )
    return {
        "articles": len(clustering),
        "claims": len(gold),
        "events": events,
        "claims_in_database": Claim.objects.count(),
        "links_in_database_before": links_before,
        "clustering": timed(clustering),
        "linking": timed(linking),
        "clustering_cpu": timed(clustering_cpu),
        "linking_cpu": timed(linking_cpu),
        "cpu": timed(total_cpu),
        "stories": len(ours_stories),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "event_precision": round(topic_precision, 3),
        "event_recall": round(topic_recall, 3),
        "strays": len(strays),
        "strays_placed": strays_placed,
        "event_claims_into_existing_stories": into_old,
        "links": dict(relations),
        "links_within_event": within,
        "links_across_events": across,
        "links_to_existing_claims": outside,
        "links_total": links_total,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--events", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--diagnose", action="store_true", help="print story score quantiles first")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--database", help="run among this database's claims (rolled back), not in a scratch one")
    parser.add_argument("--dump", type=Path,
                        help="write the stories and links made to this JSON file, to compare runs")  # fmt: skip
    parser.add_argument("--profile", type=Path, help="cProfile the cross-referencing into this file (slows it)")
    parser.add_argument("--known-actors", type=int, default=40,
                        help="with --database: how many of its most quoted actors take part in the events")  # fmt: skip
    args = parser.parse_args()
    options = {
        "articles": args.articles,
        "events": args.events,
        "seed": args.seed,
        "diagnose": args.diagnose,
        "dump": args.dump,
        "profile": args.profile,
    }
    if args.database:
        result = run_at_scale(database=args.database, known=args.known_actors, **options)
        name = "crossref_at_scale"
    else:
        result = run_in_scratch(keep=args.keep, **options)
        name = "crossref"
    harness.save_result(name, result)


def run_in_scratch(*, keep: bool, **options: Any) -> dict[str, Any]:
    harness.django_setup(harness.server_url(harness.DEV_DATABASE))
    from django.db import connection

    settings_dict = connection.settings_dict
    settings_dict.setdefault("TEST", {})["NAME"] = f"{settings_dict['NAME']}_bench_crossref"
    old_name = settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    print(f"scratch database {connection.settings_dict['NAME']}")
    try:
        with connection.cursor() as cursor:
            machine = harness.machine(cursor)
        result = run(start=datetime(2024, 1, 1, tzinfo=UTC), known_actors=[], **options)
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    return {**result, "database": "scratch", "machine": machine, "finished_at": _now()}


def run_at_scale(*, database: str, known: int, **options: Any) -> dict[str, Any]:
    harness.django_setup(harness.server_url(database))
    from django.db import connection, transaction
    from django.db.models import Count, Max

    from articles.models import Article
    from claims.models import Actor

    with connection.cursor() as cursor:
        machine = harness.machine(cursor)
    latest = Article.objects.aggregate(latest=Max("published_at"))["latest"]
    if latest is None:
        raise SystemExit(f"{database} holds no dated articles: run bench/generate.py first")
    known_actors = list(Actor.objects.annotate(n=Count("claims")).order_by("-n")[:known]) if known else []
    print(f"among the claims of {database}; the events' three months end at {latest:%Y-%m-%d}")
    with transaction.atomic():
        result = run(start=latest - timedelta(days=90), known_actors=known_actors, **options)
        transaction.set_rollback(True)  # leave the million claims as they were
    return {**result, "database": database, "known_actors": known, "machine": machine, "finished_at": _now()}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


if __name__ == "__main__":
    main()
