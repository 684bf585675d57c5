"""Scoring cross-referencing against a labelled set, by the rules of ../shared/eval/score_crossref.py.

Plain functions, no Django: the gold folder (eval/FORMAT.md) against predictions shaped as the API
serializes claims and links. The method:

- Predicted claims match gold claims of the same article one to one, best first, when the word
  multisets of their contents overlap (Jaccard) by at least 0.5.
- actors: B-cubed F1 of predicted speakers against gold actors, over matched claims.
- stories: B-cubed F1 of predicted stories against the articles' gold events.
- contradicts / agrees: precision over predicted links (a link is right when both claims are
  matched and the gold relation of the pair has the link's polarity), recall over gold claims owed
  such a link (agreeing partners must be in another article) that have at least one right one.
- stance: share of matched claims with the gold stance; denials (denies, disputes) found.
The headline is the mean of the four F1 figures.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MIN_OVERLAP = 0.5
AGREEING = frozenset({"same", "supports"})
DENIALS = frozenset({"denies", "disputes"})
# A stance is negative (for the polarity of a relation) when it denies, disputes or doubts.
NEGATIVE_STANCES = frozenset({"denies", "disputes", "doubts"})
CONTRADICTS, AGREES = "contradicts", "agrees"


def content_words(text: str) -> list[str]:
    return re.findall(r"[\w']+", unicodedata.normalize("NFKC", text).lower())


def word_overlap(a: str, b: str) -> float:
    """Jaccard of the two texts' word multisets."""
    left, right = Counter(content_words(a)), Counter(content_words(b))
    union = sum((left | right).values())
    return sum((left & right).values()) / union if union else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def b_cubed(gold: Sequence[Any], predicted: Sequence[Any]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted clustering of the same items."""
    if not gold:
        return 0.0, 0.0, 0.0
    gold_members: dict[Any, set[int]] = defaultdict(set)
    predicted_members: dict[Any, set[int]] = defaultdict(set)
    for index, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        gold_members[g].add(index)
        predicted_members[p].add(index)
    precision = recall = 0.0
    for g, p in zip(gold, predicted, strict=True):
        both = len(gold_members[g] & predicted_members[p])
        precision += both / len(predicted_members[p])
        recall += both / len(gold_members[g])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, f1(precision, recall)


@dataclass(frozen=True)
class CrossrefGold:
    articles: dict[str, dict[str, Any]]
    claims: list[dict[str, Any]]
    key_links: dict[frozenset[str], str]

    def event_of(self, article_id: str) -> str:
        """The article's gold story; an article of no event is a story of its own."""
        return self.articles[article_id].get("event") or f"alone-{article_id}"


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def load_crossref_gold(gold_dir: Path) -> CrossrefGold:
    """articles.jsonl, claims.jsonl and links.jsonl of a cross-referencing gold folder."""
    articles = _jsonl(gold_dir / "articles.jsonl")
    return CrossrefGold(
        articles={a["id"]: a for a in articles},
        claims=_jsonl(gold_dir / "claims.jsonl"),
        key_links={frozenset((k["a"], k["b"])): k["relation"] for k in _jsonl(gold_dir / "links.jsonl")},
    )


def is_negative(stance: str) -> bool:
    return stance in NEGATIVE_STANCES


def gold_relation(a: Mapping[str, Any], b: Mapping[str, Any], key_links: Mapping[frozenset[str], str]) -> str | None:
    """How two gold claims relate, from their propositions and the polarity of their stances."""
    negative_a, negative_b = is_negative(a["stance"]), is_negative(b["stance"])
    if a["key"] == b["key"]:
        if negative_a != negative_b:
            return "contradicts"
        return "same" if a["actor"] == b["actor"] else "supports"
    linked = key_links.get(frozenset((a["key"], b["key"])))
    if linked is None or (negative_a and negative_b):
        return None
    opposite = negative_a != negative_b
    if linked == "supports":
        return "contradicts" if opposite else "supports"
    return "supports" if opposite else "contradicts"


def polarity_of(relation: str) -> str:
    return CONTRADICTS if relation == "contradicts" else AGREES


def match_claims(gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]) -> dict[int, int]:
    """Gold index -> predicted index, one to one, the best overlaps first (ties: later indexes first)."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(predicted):
        by_article[claim["gold_article"]].append(index)
    candidates = []
    for gold_index, claim in enumerate(gold):
        for predicted_index in by_article.get(claim["article"], ()):
            overlap = word_overlap(claim["content"], predicted[predicted_index]["content"])
            if overlap >= MIN_OVERLAP:
                candidates.append((overlap, gold_index, predicted_index))
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _, gold_index, predicted_index in sorted(candidates, reverse=True):
        if gold_index not in matched and predicted_index not in taken:
            matched[gold_index] = predicted_index
            taken.add(predicted_index)
    return matched


@dataclass
class LinkScore:
    made: int = 0
    right: int = 0
    owed: int = 0
    linked: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.made if self.made else 0.0

    @property
    def recall(self) -> float:
        return self.linked / self.owed if self.owed else 1.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


@dataclass
class CrossrefScore:
    gold_claims: int = 0
    predicted_claims: int = 0
    matched: int = 0
    actors: tuple[float, float, float] = (0.0, 0.0, 0.0)
    actors_split: list[tuple[str, int]] = field(default_factory=list)
    stories: tuple[float, float, float] = (0.0, 0.0, 0.0)
    links: dict[str, LinkScore] = field(default_factory=lambda: {CONTRADICTS: LinkScore(), AGREES: LinkScore()})
    stance_right: int = 0
    denials: int = 0
    denials_found: int = 0
    wrong_links: list[str] = field(default_factory=list)
    wrong_stances: list[str] = field(default_factory=list)

    @property
    def headline(self) -> float:
        return (self.actors[2] + self.stories[2] + self.links[CONTRADICTS].f1 + self.links[AGREES].f1) / 4

    def report(self, *, verbose: bool = False) -> str:
        """One line per figure (details indented by two spaces), the headline last."""
        cp = self.matched / self.predicted_claims if self.predicted_claims else 0.0
        cr = self.matched / self.gold_claims if self.gold_claims else 0.0
        lines = [
            f"claims: gold {self.gold_claims}, predicted {self.predicted_claims}, matched {self.matched} "
            f"(precision {cp:.3f}, recall {cr:.3f}, F1 {f1(cp, cr):.3f})",
            "actors: B-cubed precision {:.3f}, recall {:.3f}, F1 {:.3f}".format(*self.actors),
        ]
        if self.actors_split:
            lines.append("  actors split in several: " + ", ".join(f"{a} ({n})" for a, n in self.actors_split))
        lines.append("stories: B-cubed precision {:.3f}, recall {:.3f}, F1 {:.3f}".format(*self.stories))
        for polarity in (CONTRADICTS, AGREES):
            s = self.links[polarity]
            lines.append(
                f"{polarity}: links {s.made}, right {s.right} (precision {s.precision:.3f}); "
                f"claims owed a link {s.owed}, linked {s.linked} (recall {s.recall:.3f}); F1 {s.f1:.3f}"
            )
        share = self.stance_right / self.matched if self.matched else 0.0
        lines.append(
            f"stance: {self.stance_right} of {self.matched} right ({share:.3f}); "
            f"denials found {self.denials_found} of {self.denials}"
        )
        if verbose:
            lines.extend(self.wrong_links)
            lines.extend(self.wrong_stances)
        lines.append(f"crossref score {self.headline:.3f}")
        return "\n".join(lines)


def _speaker_label(claim: Mapping[str, Any] | None) -> str:
    if claim is None:
        return "?: ?"
    speaker = (claim.get("speaker") or {}).get("name") or "?"
    return f"{speaker}: {claim['content'][:60]}"


def score_crossref(gold: CrossrefGold, predictions: Mapping[str, Any]) -> CrossrefScore:
    """Score {"articles": {gold id: app id}, "claims": [...], "links": [...]} against the gold set."""
    gold_article_of = {int(app_id): gold_id for gold_id, app_id in predictions["articles"].items()}
    predicted = [
        {**claim, "gold_article": gold_article_of[claim["article"]]}
        for claim in predictions["claims"]
        if claim.get("review_status") != "rejected" and claim["article"] in gold_article_of
    ]
    claims = gold.claims
    matched = match_claims(claims, predicted)
    result = CrossrefScore(gold_claims=len(claims), predicted_claims=len(predicted), matched=len(matched))
    items = sorted(matched)

    gold_actors = [claims[i]["actor"] for i in items]
    predicted_actors = [(predicted[matched[i]]["speaker"] or {}).get("id", f"none-{i}") for i in items]
    result.actors = b_cubed(gold_actors, predicted_actors)
    speakers_of: dict[str, set[Any]] = defaultdict(set)
    for g, p in zip(gold_actors, predicted_actors, strict=True):
        speakers_of[g].add(p)
    split = sorted(((len(v), k) for k, v in speakers_of.items() if len(v) > 1), reverse=True)
    result.actors_split = [(actor, n) for n, actor in split[:8]]

    gold_events = [gold.event_of(claims[i]["article"]) for i in items]
    predicted_stories = [
        predicted[matched[i]]["story"] if predicted[matched[i]]["story"] is not None else f"none-{i}" for i in items
    ]
    result.stories = b_cubed(gold_events, predicted_stories)

    _score_links(result, gold, predicted, matched, predictions["links"])

    for i in items:
        guess, truth = predicted[matched[i]]["stance"], claims[i]["stance"]
        if guess == truth:
            result.stance_right += 1
        else:
            result.wrong_stances.append(
                f"  stance {guess} (gold {truth}): {claims[i]['actor']}: {claims[i]['content'][:70]}"
            )
        if truth in DENIALS:
            result.denials += 1
            result.denials_found += guess in DENIALS
    return result


def _score_links(
    result: CrossrefScore,
    gold: CrossrefGold,
    predicted: list[dict[str, Any]],
    matched: dict[int, int],
    links: Iterable[Mapping[str, Any]],
) -> None:
    claims = gold.claims
    gold_of_predicted = {p: g for g, p in matched.items()}
    index_of_id = {claim["id"]: index for index, claim in enumerate(predicted)}
    rightly_linked: set[tuple[int, str]] = set()
    for link in links:
        if link.get("status") == "dismissed":
            continue
        polarity = polarity_of(link["relation"])
        score = result.links[polarity]
        score.made += 1
        a, b = index_of_id.get(link["source"]), index_of_id.get(link["target"])
        ga = gold_of_predicted.get(a) if a is not None else None
        gb = gold_of_predicted.get(b) if b is not None else None
        truth = gold_relation(claims[ga], claims[gb], gold.key_links) if ga is not None and gb is not None else None
        if truth is not None and polarity_of(truth) == polarity:
            score.right += 1
            rightly_linked.update({(ga, polarity), (gb, polarity)})  # type: ignore[arg-type]
        else:
            result.wrong_links.append(
                f"  wrong {link['relation']} (gold {truth}): "
                f"{_speaker_label(predicted[a] if a is not None else None)} | "
                f"{_speaker_label(predicted[b] if b is not None else None)}"
            )
    items = sorted(matched)
    for polarity in (CONTRADICTS, AGREES):
        owed = set()
        for i in items:
            for j in items:
                if i == j or (polarity == AGREES and claims[i]["article"] == claims[j]["article"]):
                    continue
                truth = gold_relation(claims[i], claims[j], gold.key_links)
                if truth is not None and polarity_of(truth) == polarity:
                    owed.add(i)
                    break
        result.links[polarity].owed = len(owed)
        result.links[polarity].linked = sum(1 for i in owed if (i, polarity) in rightly_linked)
