import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claims.extraction.scoring import Counts, jaccard, score, trimmed

DATA = Path(__file__).parent / "data"
SEED_GOLD = DATA / "kremlin-drone-report.json"
SHARED = Path(__file__).resolve().parents[3] / "shared"


def test_trimming_ignores_quotes_spaces_and_edge_punctuation():
    text = "“quoted,” x"
    assert trimmed((0, 9), text) == (1, 7)


def test_jaccard():
    assert jaccard((0, 10), (5, 15)) == 5 / 15
    assert jaccard((0, 1), (2, 3)) == 0.0


def test_counts():
    c = Counts(tp=3, fp=1, fn=1)
    assert (c.precision, c.recall) == (0.75, 0.75)
    assert Counts().f1 == 0.0


def _gold_as_predictions(gold, mangle=lambda i, c: c):
    out = []
    for i, claim in enumerate(gold["claims"]):
        record = {
            "document": gold["document"],
            "speaker": claim["speaker"],
            "content_start": claim["content_span"][0],
            "content_end": claim["content_span"][1],
            "content": claim["content"],
            "stance": claim.get("stance"),
        }
        if claim["speaker_span"]:
            record["speaker_start"], record["speaker_end"] = claim["speaker_span"]
        record = mangle(i, record)
        if record is not None:
            out.append(record)
    return out


def _mangled(i, record):
    if i % 4 == 0:
        return None  # a miss
    if i % 4 == 1:
        record["speaker"] = "Somebody Else"
    if i % 4 == 2:
        record["stance"] = "doubts"
        record["content_start"] += 1
    return record


def test_gold_scores_perfectly_against_itself(seed_gold):
    result = score(DATA, _gold_as_predictions(seed_gold))
    assert result.attribution.f1 == 1.0
    assert not result.misses


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared is absent")
@pytest.mark.parametrize("mangle", [lambda i, c: c, _mangled], ids=["gold", "mangled"])
def test_agrees_with_the_shared_scorer(tmp_path, seed_gold, mangle):
    predictions = _gold_as_predictions(seed_gold, mangle)
    predictions.append(
        {"document": seed_gold["document"], "speaker": "X", "content": "x", "content_start": 500, "content_end": 560}
    )
    path = tmp_path / "pred.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in predictions), encoding="utf-8")
    gold_dir = tmp_path / "eval" / "gold"
    corpus = tmp_path / "corpus"
    gold_dir.mkdir(parents=True)
    corpus.mkdir()
    shutil.copy(SEED_GOLD, gold_dir)
    shutil.copy(DATA / seed_gold["document"], corpus)
    theirs = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(gold_dir), str(path), "--verbose"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.rstrip("\n")
    ours = score(gold_dir, predictions).report(verbose=True)
    assert ours == theirs


def test_canonical_name_agrees_with_the_gold_source_words_or_its_resolved_name():
    from claims.extraction.scoring import canonical_name_right

    assert canonical_name_right("Donald Trump", "Mr. Trump") is True
    assert canonical_name_right("Donald Trump", "a Homeland Security Department official") is False
    assert canonical_name_right(None, "Senator Ann Lowe") is False
    imf = {"the IMF": "International Monetary Fund"}.get
    assert canonical_name_right("International Monetary Fund", "the IMF", imf) is True
    # A pronoun or a definite role cannot say which name is right.
    assert canonical_name_right("Donald Trump", "he") is None
    assert canonical_name_right("Bill de Blasio", "the mayor") is None


def test_score_counts_canonical_names_only_on_right_span_claims_of_span_scored_gold():
    from claims.extraction.scoring import ScoreResult, score_document

    text = "A city official said the bridge was safe. Mayor Ann Lowe said the road was shut."
    gold = {
        "claims": [
            {"speaker": "x", "content": "the bridge was safe", "speaker_span": [0, 15], "content_span": [21, 40]},
            {"speaker": "y", "content": "the road was shut", "speaker_span": [42, 56], "content_span": [62, 79]},
        ]
    }
    preds = [
        {"speaker": "Ann Lowe", "speaker_start": 0, "speaker_end": 15, "content_start": 21, "content_end": 40},
        {"speaker": "Ann Lowe", "speaker_start": 42, "speaker_end": 56, "content_start": 62, "content_end": 79},
    ]
    result = ScoreResult()
    score_document(result, "doc", gold, text, preds)
    assert (result.canonical_right, result.canonical_total) == (1, 2)
    assert "canonical speaker 1 of 2" in result.report()
