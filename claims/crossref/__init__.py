"""Cross-referencing services: which claims tell one story, and how claims relate to each other.

Both steps have the same shape: a scored candidate search in SQL (full-text match on the stored
search_vector, pg_trgm similarity, shared ClaimEntity actors, closeness in time), then a decision
in plain Python over the evidence rows, with the thresholds below.

Editors win: a claim an editor put in (or took out of) a story stays where it is, and links an
editor created, confirmed or dismissed are never changed or deleted; the machine only replaces its
own `suggested` links. Running an article twice gives the same stories and links.

Modules, one concern each: `candidates` (the candidate search in SQL), `scoring` (pure scoring of
the evidence for stories), `stories`, `propositions` (pure: links by proposition), `links`,
`pipeline` (the whole step and queueing it); `evaluation` and `evaluation_scoring` run and score
the labelled set (evaluate_crossref).
"""

from claims.crossref.candidates import CANDIDATES_PER_CLAIM, common_lexemes, pair_evidence
from claims.crossref.links import LinkChanges, claim_links_suggest_for_article
from claims.crossref.pipeline import (
    CROSSREF_TASK,
    CrossrefResult,
    article_crossref,
    article_mark_crossref_done,
    article_queue_crossref,
    articles_queue_recrossref,
    articles_sweep_crossref,
)
from claims.crossref.propositions import LinkClaim, SuggestedLink, links_by_proposition
from claims.crossref.scoring import (
    STORY_JOIN_SINGLE,
    STORY_JOIN_TOTAL,
    STORY_THRESHOLD,
    STORY_WINDOW_DAYS,
    PairEvidence,
    story_score,
)
from claims.crossref.stories import StoryAssignment, stories_assign_for_article

__all__ = [
    "CANDIDATES_PER_CLAIM",
    "CROSSREF_TASK",
    "STORY_JOIN_SINGLE",
    "STORY_JOIN_TOTAL",
    "STORY_THRESHOLD",
    "STORY_WINDOW_DAYS",
    "CrossrefResult",
    "LinkChanges",
    "LinkClaim",
    "PairEvidence",
    "StoryAssignment",
    "SuggestedLink",
    "article_crossref",
    "article_mark_crossref_done",
    "article_queue_crossref",
    "articles_queue_recrossref",
    "articles_sweep_crossref",
    "claim_links_suggest_for_article",
    "common_lexemes",
    "links_by_proposition",
    "pair_evidence",
    "stories_assign_for_article",
    "story_score",
]
