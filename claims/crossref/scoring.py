"""Pure scoring of the evidence for stories: how likely two claims tell one event, and whether two
articles do. No database access: plain dataclasses in, numbers out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

# Claims further apart in time than this are not compared at all.
STORY_WINDOW_DAYS = 14
# How far apart in time a pair with an undated article is taken to be.
UNDATED_DAYS_APART = 3
# Thresholds, chosen on the labelled articles of tests/claims/test_crossref_grouping.py.
STORY_THRESHOLD = 0.30
# Joining an existing story takes more than one borderline match: a single pair scoring this
# much, or several matches adding up to STORY_JOIN_TOTAL. One stray match must not drag a whole
# article into another event's story.
STORY_JOIN_SINGLE = 0.45
STORY_JOIN_TOTAL = 0.60


@dataclass(frozen=True)
class PairEvidence:
    """What the database found about one claim of the article and another claim."""

    claim_id: int
    other_id: int
    other_article_id: int
    other_story_id: int | None  # None for the article's own machine-placed claims: they are being decided
    other_story_by_editor: bool
    claim_speaker_id: int | None
    other_speaker_id: int | None
    claim_stance: str
    other_stance: str
    same_article: bool
    shared_lexemes: int
    lexeme_dice: float
    trigram: float
    shared_entities: int
    claim_mentions_other_speaker: bool
    other_mentions_claim_speaker: bool
    days_apart: float | None  # None when either article is undated
    shared_article_actors: int  # actors both articles name, as speakers or in claims
    both_name_actors: bool  # each claim names someone (so naming nobody in common tells something)

    @property
    def content_similarity(self) -> float:
        """How alike the two texts are, 0 to 1: stemmed words shared, and character trigrams."""
        return 0.6 * self.lexeme_dice + 0.4 * self.trigram

    @property
    def addresses_other(self) -> bool:
        """One claim names the other's speaker: a reply, a denial of what they said."""
        return self.claim_mentions_other_speaker or self.other_mentions_claim_speaker


def story_score(pair: PairEvidence) -> float:
    """How likely two claims are about the same event, 0 to about 1.

    Words in common carry most weight; shared named actors and coming from the same article add
    to it (an article mostly tells one story); time apart discounts it.
    """
    score = 0.65 * pair.content_similarity + 0.25 * min(pair.shared_entities, 2) / 2
    if pair.shared_lexemes >= 2:
        score += 0.05
    if pair.same_article and (pair.shared_lexemes >= 2 or pair.shared_entities or pair.addresses_other):
        score += 0.2
    if pair.addresses_other:
        score += 0.05
    if not pair.same_article:
        # Two reports of one event name the same people; reports that share nobody rarely are.
        score = score + 0.03 * min(pair.shared_article_actors, 3) if pair.shared_article_actors else score * 0.75
        if pair.both_name_actors and not pair.shared_entities and not pair.addresses_other:
            # Claims that each name someone, but nobody in common, are most often about different events.
            score *= 0.8
    # A week apart costs a quarter of the score; two weeks, half.
    # An undated article's distance in time is unknown: neither a bonus nor the full discount.
    days = UNDATED_DAYS_APART if pair.days_apart is None else min(pair.days_apart, STORY_WINDOW_DAYS)
    return score * (1 - 0.5 * days / STORY_WINDOW_DAYS)


# Two articles tell one event when several of their claims match, not one stray claim: story
# scores at or above STORY_THRESHOLD adding up to this much...
ARTICLE_LINK_TOTAL = 0.9
# ...from at least this many distinct claims on each side (all of them for a shorter article).
ARTICLE_LINK_CLAIMS = 2


@dataclass
class ArticleAffinity:
    """How one article's claims match another article's: the evidence for telling one event."""

    total: float = 0.0
    best: float = 0.0
    own_claims: set[int] = field(default_factory=set)
    other_claims: set[int] = field(default_factory=set)

    def tells_one_event(self, *, own_size: int, other_size: int) -> bool:
        return (
            self.total >= ARTICLE_LINK_TOTAL
            and len(self.own_claims) >= min(ARTICLE_LINK_CLAIMS, own_size)
            and len(self.other_claims) >= min(ARTICLE_LINK_CLAIMS, other_size)
        )


def article_affinities(pairs: Iterable[PairEvidence]) -> dict[int, ArticleAffinity]:
    """Other article id -> how the claims of the two articles match (pairs scoring STORY_THRESHOLD)."""
    affinities: dict[int, ArticleAffinity] = defaultdict(ArticleAffinity)
    for pair in pairs:
        if pair.same_article:
            continue
        score = story_score(pair)
        if score < STORY_THRESHOLD:
            continue
        affinity = affinities[pair.other_article_id]
        affinity.total += score
        affinity.best = max(affinity.best, score)
        affinity.own_claims.add(pair.claim_id)
        affinity.other_claims.add(pair.other_id)
    return dict(affinities)


def story_by_claim_votes(pairs: Iterable[PairEvidence]) -> int | None:
    """The story an article's claims convincingly match, one by one: a single pair scoring
    STORY_JOIN_SINGLE, or several adding up to STORY_JOIN_TOTAL (the best total wins)."""
    votes: dict[int, float] = defaultdict(float)
    strongest: dict[int, float] = defaultdict(float)
    for pair in pairs:
        if pair.same_article or pair.other_story_id is None:
            continue
        score = story_score(pair)
        if score >= STORY_THRESHOLD:
            votes[pair.other_story_id] += score
            strongest[pair.other_story_id] = max(strongest[pair.other_story_id], score)
    convincing = {
        story: total
        for story, total in votes.items()
        if total >= STORY_JOIN_TOTAL or strongest[story] >= STORY_JOIN_SINGLE
    }
    return max(convincing.items(), key=lambda item: (item[1], -item[0]))[0] if convincing else None
