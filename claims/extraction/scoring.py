"""Scoring extracted claims against gold attributions, by the rules of ../shared/eval/score.py.

A prediction matches a gold claim when their content spans, trimmed of quotes, spaces and edge
punctuation, overlap with a character Jaccard of at least 0.5; matching is greedy, best pairs
first, one to one. Gold claims marked optional are neither owed nor held against a prediction
that finds them. Attribution also needs the right speaker: by name (the gold speaker or one of
its aliases) where the gold file has aliases, else by overlapping speaker spans.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TRIMMED = "\"'\u201c\u201d\u2018\u2019 ,.;:"
MIN_JACCARD = 0.5
Span = tuple[int, int]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Miss:
    kind: str  # "false alarm", "missed" or "wrong speaker"
    document: str
    speaker: str | None
    content: str
    gold_speaker: str | None = None


@dataclass
class ScoreResult:
    documents: int = 0
    predicted: int = 0
    content: Counts = field(default_factory=Counts)
    attribution: Counts = field(default_factory=Counts)
    stance_agree: int = 0
    stance_total: int = 0
    canonical_right: int = 0
    canonical_total: int = 0
    misses: list[Miss] = field(default_factory=list)

    def report(self, verbose: bool = False) -> str:
        """The same lines score.py prints."""
        lines = []
        if verbose:
            for m in self.misses:
                if m.kind == "false alarm":
                    lines.append(f"  FP {m.document}: {m.speaker!r}: {m.content[:90]!r}")
                elif m.kind == "wrong name":
                    lines.append(f"  WRONG NAME {m.document}: {m.speaker!r} for {m.gold_speaker!r}: {m.content[:70]!r}")
                elif m.kind == "wrong speaker":
                    lines.append(
                        f"  WRONG SPEAKER {m.document}: {m.speaker!r} for {m.gold_speaker!r}: {m.content[:70]!r}"
                    )
                else:
                    lines.append(f"  FN {m.document}: {m.speaker!r}: {m.content[:90]!r}")
        lines.append(f"documents {self.documents}, predicted claims {self.predicted}")
        for name, c in (("content", self.content), ("attribution", self.attribution)):
            lines.append(
                f"{name:12s} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  (tp {c.tp}, fp {c.fp}, fn {c.fn})"
            )
        if self.stance_total:
            lines.append(f"stance       {self.stance_agree} of {self.stance_total} matched claims agree with gold")
        if self.canonical_total:
            share = self.canonical_right / self.canonical_total
            lines.append(
                f"canonical speaker {self.canonical_right} of {self.canonical_total} ({share:.3f}) "
                "right-span claims whose gold source is a name or a description"
            )
        lines.append(f"attribution F1 {self.attribution.f1:.3f}")
        return "\n".join(lines)


def trimmed(span: Span, text: str) -> Span:
    start, end = span
    while start < end and text[start] in TRIMMED:
        start += 1
    while end > start and text[end - 1] in TRIMMED:
        end -= 1
    return start, end


def jaccard(a: Span, b: Span) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def name_key(name: str | None) -> str:
    """score.py's loose name comparison: case, punctuation and a leading "the" ignored."""
    folded = re.sub(r"[^\w\s]", " ", (name or "").lower())
    folded = re.sub(r"^\s*the\s+", "", folded)
    return " ".join(folded.split())


def span_of(claim: Mapping[str, Any], field_name: str) -> Span | None:
    if f"{field_name}_span" in claim:
        value = claim[f"{field_name}_span"]
        return None if value is None else (value[0], value[1])
    start, end = claim.get(f"{field_name}_start"), claim.get(f"{field_name}_end")
    return None if start is None or end is None else (start, end)


def match(preds: list[Mapping[str, Any]], golds: list[Mapping[str, Any]], text: str) -> dict[int, int]:
    """Prediction index -> gold index, greedy on content Jaccard, best pairs first."""
    pairs = []
    for i, p in enumerate(preds):
        ps = span_of(p, "content")
        if ps is None:
            continue
        for j, g in enumerate(golds):
            score = jaccard(trimmed(ps, text), trimmed(span_of(g, "content") or (0, 0), text))
            if score >= MIN_JACCARD:
                pairs.append((score, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: dict[int, int] = {}
    for _score, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out[i] = j
    return out


def speaker_right(pred: Mapping[str, Any], gold: Mapping[str, Any], aliases: Mapping[str, list[str]] | None) -> bool:
    if aliases is not None:
        names = {name_key(gold["speaker"])} | {name_key(a) for a in aliases.get(gold["speaker"], [])}
        return name_key(pred.get("speaker")) in names
    ps, gs = span_of(pred, "speaker"), span_of(gold, "speaker")
    return ps is not None and gs is not None and min(ps[1], gs[1]) > max(ps[0], gs[0])


_PRONOUNS = frozenset(
    [
        "i",
        "me",
        "we",
        "us",
        "you",
        "he",
        "him",
        "she",
        "her",
        "it",
        "they",
        "them",
        "who",
        "whom",
        "which",
        "that",
        "this",
        "these",
        "those",
        "his",
        "its",
        "their",
    ]
)
_ROLE_DETERMINERS = frozenset({"the", "his", "her", "its", "their", "our", "my"})


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", re.sub(r"['\u2019]s\b", "", (text or "").lower()))


def canonical_name_right(
    predicted: str | None, source: str, resolve: Callable[[str], str | None] | None = None
) -> bool | None:
    """Does a predicted canonical speaker name agree with the words of the gold source span?
    None when those words cannot tell: a pronoun, or a definite role ("the president")."""
    words = source.split()
    if not words or (len(words) == 1 and words[0].lower() in _PRONOUNS):
        return None
    if words[0].lower() in _ROLE_DETERMINERS and not any(w[:1].isupper() for w in words[1:]):
        return None
    predicted_words = _words(predicted)
    if predicted_words and predicted_words[-1] in set(_words(source)):
        return True
    return resolve is not None and predicted is not None and resolve(source) == predicted


def score_document(
    result: ScoreResult,
    name: str,
    gold: Mapping[str, Any],
    text: str,
    preds: list[Mapping[str, Any]],
    resolve: Callable[[str], str | None] | None = None,
) -> None:
    """Count one document's claims into result. `resolve` maps a gold source's words to a
    canonical name for the canonical-speaker check (the engine's default resolver)."""
    gold_claims = gold["claims"]
    aliases = gold.get("aliases")
    pairs = match(preds, gold_claims, text)
    result.documents += 1
    result.predicted += len(preds)
    for i, p in enumerate(preds):
        j = pairs.get(i)
        if j is None:
            result.content.fp += 1
            result.attribution.fp += 1
            result.misses.append(Miss("false alarm", name, p.get("speaker"), p.get("content", "")))
            continue
        g = gold_claims[j]
        if g.get("optional"):
            continue
        result.content.tp += 1
        if g.get("stance"):
            result.stance_total += 1
            result.stance_agree += p.get("stance") == g["stance"]
        if speaker_right(p, g, aliases):
            result.attribution.tp += 1
            gold_span = span_of(g, "speaker")
            if aliases is None and gold_span is not None:
                verdict = canonical_name_right(p.get("speaker"), text[gold_span[0] : gold_span[1]], resolve)
                if verdict is not None:
                    result.canonical_total += 1
                    result.canonical_right += verdict
                    if not verdict:
                        source = text[gold_span[0] : gold_span[1]]
                        result.misses.append(Miss("wrong name", name, p.get("speaker"), g["content"], source))
        else:
            result.attribution.fp += 1
            result.attribution.fn += 1
            result.misses.append(Miss("wrong speaker", name, p.get("speaker"), g["content"], g["speaker"]))
    matched = set(pairs.values())
    for j, g in enumerate(gold_claims):
        if j not in matched and not g.get("optional"):
            result.content.fn += 1
            result.attribution.fn += 1
            result.misses.append(Miss("missed", name, g["speaker"], g["content"]))


def load_gold(gold_dir: str | Path) -> dict[str, tuple[dict[str, Any], str]]:
    """Gold files by document base name, with their texts: embedded, beside the gold file, or
    in ../../corpus as in ../shared/eval."""
    gold_dir = Path(gold_dir)
    out = {}
    for path in sorted(gold_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = doc.get("text")
        if text is None:
            beside = gold_dir / doc["document"]
            corpus = gold_dir / ".." / ".." / "corpus" / doc["document"]
            text = (beside if beside.exists() else corpus).read_text(encoding="utf-8")
        out[os.path.basename(doc["document"])] = (doc, text)
    return out


def score(gold_dir: str | Path, predictions: Iterable[Mapping[str, Any]]) -> ScoreResult:
    """Score FORMAT.md prediction records (their "document" matched by base name)."""
    by_doc: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for claim in predictions:
        by_doc[os.path.basename(str(claim.get("document", "")))].append(claim)
    result = ScoreResult()
    for name, (gold, text) in load_gold(gold_dir).items():
        score_document(result, name, gold, text, by_doc.get(name, []))
    return result
