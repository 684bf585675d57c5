"""Benchmark of cross-referencing: time per article to group claims into stories and to suggest links.

    python bench/crossref.py [--articles 1000] [--events 60] [--seed 7] [--keep]

Builds a synthetic corpus in a scratch database (`<database>_bench_crossref`, dropped afterwards
unless --keep): articles spread over three months, each reporting one of several events through
claims by many speakers (with the actors the claims name), plus stray claims about nothing in
particular. Rows are bulk-inserted; no spaCy. Then every article is cross-referenced in publication
order, as the worker would, and the script prints time per article for each step and how well the
stories match the events the generator used (pairwise precision and recall).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claims_tracker.settings")
os.environ.setdefault("DEBUG", "1")  # a developer's tool, like manage.py

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from articles.models import Article, Outlet  # noqa: E402
from articles.text import text_fingerprint  # noqa: E402
from claims.crossref import claim_links_suggest_for_article, stories_assign_for_article  # noqa: E402
from claims.extraction import normalize_name  # noqa: E402
from claims.models import Actor, ActorAlias, Claim, ClaimEntity, ClaimLink, Story  # noqa: E402

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


def build_corpus(*, articles: int, events: int, seed: int) -> dict[int, int | None]:
    """Insert the synthetic corpus; returns each claim's event (None for stray claims)."""
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
    outlets = Outlet.objects.bulk_create(Outlet(name=f"Outlet {i}", domain=f"outlet{i}.example") for i in range(25))
    start = datetime(2024, 1, 1, tzinfo=UTC)
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
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return gold


def pair_count(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(gold: dict[int, int | None], stories: dict[int, int | None]) -> tuple[float, float]:
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
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    return (
        f"{label:<11} mean {statistics.fmean(ms):7.1f} ms   median {statistics.median(ms):7.1f} ms   "
        f"p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms   total {sum(ms) / 1000:6.1f} s"
    )


def print_score_distribution(gold: dict[int, int | None], sample: int = 40) -> None:
    """Story scores of candidate pairs, same event against different events, before any grouping."""
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


def run(*, articles: int, events: int, seed: int, diagnose: bool = False) -> None:
    started = time.perf_counter()
    gold = build_corpus(articles=articles, events=events, seed=seed)
    print(
        f"built {articles} articles, {len(gold)} claims, {ClaimEntity.objects.count()} entities, "
        f"{Actor.objects.count()} actors in {time.perf_counter() - started:.1f} s"
    )
    if diagnose:
        print_score_distribution(gold)
    clustering, linking = [], []
    order = Article.objects.order_by("published_at", "id").values_list("id", flat=True)
    for article_id in order:
        t0 = time.perf_counter()
        stories_assign_for_article(article_id=article_id)
        t1 = time.perf_counter()
        claim_links_suggest_for_article(article_id=article_id)
        t2 = time.perf_counter()
        clustering.append(t1 - t0)
        linking.append(t2 - t1)
        if len(clustering) % 100 == 0:
            print(f"  ... {len(clustering)} articles cross-referenced", file=sys.stderr, flush=True)

    print(f"per article, {len(clustering)} articles in publication order:")
    print("  " + summary("clustering", clustering))
    print("  " + summary("linking", linking))
    stories = dict(Claim.objects.values_list("id", "story_id"))
    precision, recall = pairwise(gold, stories)
    on_topic = {c: e for c, e in gold.items() if e is not None}
    topic_precision, topic_recall = pairwise(on_topic, stories)
    strays = [c for c, e in gold.items() if e is None]
    strays_placed = sum(1 for c in strays if stories.get(c) is not None)
    links = Counter(ClaimLink.objects.values_list("relation", flat=True))
    print(
        f"stories: {Story.objects.count()} for {events} events; claims in a story: "
        f"{Claim.objects.filter(story__isnull=False).count()} of {len(gold)}; "
        f"pairwise precision {precision:.2f}, recall {recall:.2f}"
    )
    print(
        f"  on event claims only: precision {topic_precision:.2f}, recall {topic_recall:.2f}; "
        f"stray claims (about no event) put in a story: {strays_placed} of {len(strays)}"
    )
    mix: dict[int, Counter[int | None]] = {}
    for claim_id, story_id in Claim.objects.filter(story__isnull=False).values_list("id", "story_id"):
        mix.setdefault(story_id, Counter())[gold[claim_id]] += 1
    for story_id, events_in_story in sorted(mix.items(), key=lambda item: -sum(item[1].values()))[:5]:
        print(f"  story {story_id}: {dict(events_in_story.most_common(4))}")
    print("links: " + ", ".join(f"{relation} {count}" for relation, count in sorted(links.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--events", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--diagnose", action="store_true", help="print story score quantiles first")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    args = parser.parse_args()

    settings_dict = connection.settings_dict
    settings_dict.setdefault("TEST", {})["NAME"] = f"{settings_dict['NAME']}_bench_crossref"
    old_name = settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    print(f"scratch database {connection.settings_dict['NAME']}")
    try:
        run(articles=args.articles, events=args.events, seed=args.seed, diagnose=args.diagnose)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
