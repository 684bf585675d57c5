"""evaluate_crossref: the labelled cross-referencing set through the real pipeline, scored as
../shared/eval/score_crossref.py scores it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from claims.crossref.evaluation import gold_articles_run
from claims.crossref.evaluation_scoring import (
    CrossrefGold,
    b_cubed,
    gold_relation,
    load_crossref_gold,
    match_claims,
    score_crossref,
)

# CI has shared/ beside the clone; SHARED_DIR points elsewhere (a worktree, say).
SHARED = Path(os.environ.get("SHARED_DIR") or Path(__file__).resolve().parents[3] / "shared")
CROSSREF_SET = SHARED / "eval" / "crossref"
needs_shared = pytest.mark.skipif(not (CROSSREF_SET / "claims.jsonl").exists(), reason="../shared is absent")

# A little below what the pipeline reaches on the shared set (docs/crossref.md has the figures).
FLOORS = {"score": 0.84, "actors": 0.92, "stories": 0.95, "contradicts": 0.70, "agrees": 0.74}


def _claim(key: str, stance: str, actor: str = "a", article: str = "x") -> dict[str, str]:
    return {"key": key, "stance": stance, "actor": actor, "article": article, "content": key}


def test_gold_relation_follows_propositions_and_polarity():
    links = {frozenset(("k1", "k2")): "contradicts", frozenset(("k1", "k3")): "supports"}
    assert gold_relation(_claim("k1", "asserts"), _claim("k1", "denies"), links) == "contradicts"
    assert gold_relation(_claim("k1", "asserts"), _claim("k1", "threatens"), links) == "same"
    assert gold_relation(_claim("k1", "asserts", "a"), _claim("k1", "asserts", "b"), links) == "supports"
    assert gold_relation(_claim("k1", "doubts", "a"), _claim("k1", "denies", "b"), links) == "supports"
    assert gold_relation(_claim("k1", "asserts"), _claim("k2", "asserts"), links) == "contradicts"
    assert gold_relation(_claim("k1", "asserts"), _claim("k2", "denies"), links) == "supports"
    assert gold_relation(_claim("k1", "asserts"), _claim("k3", "disputes"), links) == "contradicts"
    assert gold_relation(_claim("k1", "denies"), _claim("k2", "denies"), links) is None
    assert gold_relation(_claim("k2", "asserts"), _claim("k3", "asserts"), links) is None


def test_b_cubed_rewards_the_right_clusters_only():
    assert b_cubed(["e1", "e1", "e2"], [7, 7, 8]) == (1.0, 1.0, 1.0)
    precision, recall, _ = b_cubed(["e1", "e1", "e2"], [7, 8, 9])
    assert precision == 1.0 and recall == pytest.approx(2 / 3)
    precision, recall, _ = b_cubed(["e1", "e1", "e2"], [7, 7, 7])
    assert recall == 1.0 and precision == pytest.approx(5 / 9)


def test_claims_match_one_to_one_within_their_article():
    gold = [
        {"article": "x", "content": "the dam was blown up from inside"},
        {"article": "y", "content": "the dam was blown up from inside"},
    ]
    predicted = [
        {"gold_article": "x", "content": "the dam was blown up from inside, he said"},
        {"gold_article": "x", "content": "the dam was blown up"},
        {"gold_article": "y", "content": "nothing alike at all"},
    ]
    assert match_claims(gold, predicted) == {0: 0}


def test_score_counts_links_by_the_gold_relation_of_their_claims():
    gold = CrossrefGold(
        articles={"x": {"id": "x", "event": "e"}, "y": {"id": "y", "event": "e"}},
        claims=[
            {"article": "x", "actor": "kyiv", "stance": "asserts", "key": "k", "content": "Russia blew up the dam"},
            {"article": "y", "actor": "moscow", "stance": "denies", "key": "k", "content": "Russia blew up the dam"},
            {"article": "y", "actor": "moscow", "stance": "asserts", "key": "j", "content": "Kyiv shelled the town"},
        ],
        key_links={},
    )
    claims = [
        {"id": 1, "article": 10, "speaker": {"id": 1, "name": "Kyiv"}, "content": "Russia blew up the dam",
         "stance": "asserts", "story": 5, "review_status": "pending"},
        {"id": 2, "article": 11, "speaker": {"id": 2, "name": "Moscow"}, "content": "Russia blew up the dam",
         "stance": "asserts", "story": 5, "review_status": "pending"},
        {"id": 3, "article": 11, "speaker": {"id": 2, "name": "Moscow"}, "content": "Kyiv shelled the town",
         "stance": "asserts", "story": 5, "review_status": "pending"},
    ]  # fmt: skip
    links = [
        {"source": 2, "target": 1, "relation": "contradicts", "status": "suggested"},
        {"source": 3, "target": 1, "relation": "contradicts", "status": "suggested"},
        {"source": 3, "target": 2, "relation": "supports", "status": "dismissed"},
    ]
    result = score_crossref(gold, {"articles": {"x": 10, "y": 11}, "claims": claims, "links": links})
    contradicts = result.links["contradicts"]
    assert (contradicts.made, contradicts.right, contradicts.owed, contradicts.linked) == (2, 1, 2, 2)
    assert result.links["agrees"].made == 0
    assert result.stories[2] == 1.0
    assert (result.stance_right, result.denials, result.denials_found) == (2, 1, 0)
    assert result.report().splitlines()[-1] == f"crossref score {result.headline:.3f}"


@needs_shared
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("reverse", [False, True], ids=["gold order", "reversed"])
def test_the_labelled_set_through_the_pipeline(tmp_path, reverse):
    call_command("seed_actors", verbosity=0)
    gold = load_crossref_gold(CROSSREF_SET)
    articles = list(gold.articles.values())
    predictions = gold_articles_run(articles=articles[::-1] if reverse else articles)
    result = score_crossref(gold, predictions)

    assert result.headline >= FLOORS["score"], result.report()
    assert result.actors[2] >= FLOORS["actors"], result.report()
    assert result.stories[2] >= FLOORS["stories"], result.report()
    assert result.links["contradicts"].f1 >= FLOORS["contradicts"], result.report()
    assert result.links["agrees"].f1 >= FLOORS["agrees"], result.report()

    # The project's scorer and the shared one agree, line for line, on the same predictions.
    dumped = tmp_path / "pred.json"
    dumped.write_text(json.dumps(predictions), encoding="utf-8")
    theirs = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score_crossref.py"), str(CROSSREF_SET), str(dumped), "--verbose"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert result.report(verbose=True) + "\n" == theirs
