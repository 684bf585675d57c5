"""Pure scoring of cross-referencing evidence: how likely two claims tell one story, and which
link (if any) the machine suggests between them. No database access: plain dataclasses in,
numbers and suggestions out."""

from __future__ import annotations

from dataclasses import dataclass

from claims.models import Claim, ClaimLink

# Claims further apart in time than this are not compared at all.
STORY_WINDOW_DAYS = 14
# Thresholds, chosen on the labelled articles of tests/claims/test_crossref_grouping.py.
STORY_THRESHOLD = 0.30
# Joining an existing story takes more than one borderline match: a single pair scoring this
# much, or several matches adding up to STORY_JOIN_TOTAL. One stray match must not drag a whole
# article into another event's story.
STORY_JOIN_SINGLE = 0.45
STORY_JOIN_TOTAL = 0.60
SAME_THRESHOLD = 0.70
SUPPORTS_THRESHOLD = 0.40
CONTRADICTS_THRESHOLD = 0.40

OPPOSING_STANCES = frozenset({Claim.Stance.DENIES, Claim.Stance.DISPUTES})


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
    days_apart: float
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
    return score * (1 - 0.5 * min(pair.days_apart, STORY_WINDOW_DAYS) / STORY_WINDOW_DAYS)


@dataclass(frozen=True)
class SuggestedLink:
    source_id: int
    target_id: int
    relation: str
    score: float


def link_for(pair: PairEvidence) -> SuggestedLink | None:
    """The relation the machine suggests between two claims of one story, if any.

    - `same`: one speaker, near-identical content, different articles (a statement repeated).
    - `contradicts`: a denial or dispute of what another speaker asserts; the denial is the source.
    - `supports`: different speakers asserting alike content.
    Symmetric relations point from the older claim (lower id) to the newer.
    """
    similarity = pair.content_similarity
    low, high = sorted((pair.claim_id, pair.other_id))
    same_speaker = pair.claim_speaker_id is not None and pair.claim_speaker_id == pair.other_speaker_id
    if same_speaker:
        repeated = pair.shared_lexemes >= 2 and similarity >= SAME_THRESHOLD
        if repeated and not pair.same_article and pair.claim_stance == pair.other_stance:
            return SuggestedLink(low, high, ClaimLink.Relation.SAME, round(similarity, 4))
        return None

    if pair.claim_stance in OPPOSING_STANCES and pair.other_stance == Claim.Stance.ASSERTS:
        source, target = pair.claim_id, pair.other_id
        names_target_speaker, named_by_target = pair.claim_mentions_other_speaker, pair.other_mentions_claim_speaker
    elif pair.other_stance in OPPOSING_STANCES and pair.claim_stance == Claim.Stance.ASSERTS:
        source, target = pair.other_id, pair.claim_id
        names_target_speaker, named_by_target = pair.other_mentions_claim_speaker, pair.claim_mentions_other_speaker
    else:
        source = target = 0
    if source:
        # A denial that names whom it answers ("Russia's accusations") is about that speaker's
        # claims in this story; without the name it needs the words to match closely.
        score = 0.4 * names_target_speaker + 0.15 * named_by_target + 0.3 * min(1.0, similarity / 0.4)
        score += 0.15 * min(pair.shared_entities, 2) / 2
        if score >= CONTRADICTS_THRESHOLD:
            return SuggestedLink(source, target, ClaimLink.Relation.CONTRADICTS, round(min(score, 1.0), 4))
        return None

    both_assert = pair.claim_stance == pair.other_stance == Claim.Stance.ASSERTS
    if both_assert and pair.shared_lexemes >= 2 and similarity >= SUPPORTS_THRESHOLD:
        return SuggestedLink(low, high, ClaimLink.Relation.SUPPORTS, round(similarity, 4))
    return None
