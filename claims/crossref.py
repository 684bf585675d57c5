"""Cross-referencing services: which claims tell one story, and how claims relate to each other.

Both steps have the same shape: a scored candidate search in SQL (full-text match on the stored
search_vector, pg_trgm similarity, shared ClaimEntity actors, closeness in time), then a decision
in plain Python over the evidence rows, with the thresholds below.

Editors win: a claim an editor put in (or took out of) a story stays where it is, and links an
editor created, confirmed or dismissed are never changed or deleted; the machine only replaces its
own `suggested` links. Running an article twice gives the same stories and links.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from claims.models import Claim, ClaimLink, Origin, Story

log = logging.getLogger(__name__)

# Claims further apart in time than this are not compared at all.
STORY_WINDOW_DAYS = 14
# How many full-text and how many shared-entity candidates each claim brings back.
CANDIDATES_PER_CLAIM = 30
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
_LOCK_KEY = "claims.crossref"


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


# ---------------------------------------------------------------------------------------------
# The candidate search
# ---------------------------------------------------------------------------------------------

# Words too common in the corpus to tell events apart ("government", "people") are left out of
# the source claim's words: they neither find candidates nor count as shared.
_SOURCE_CLAIMS = """
src AS MATERIALIZED (
    SELECT c.id, c.article_id, c.content, c.speaker_id, c.stance, c.story_id,
           words.list AS lexemes,
           -- for ranking: any of the claim's words
           NULLIF(array_to_string(ARRAY(SELECT quote_literal(w) FROM unnest(words.list) w), ' | '), '')::tsquery
               AS any_word,
           -- for finding: any two of them (one for a one-word claim), so the GIN index on
           -- search_vector hands back claims sharing more than a single word
           COALESCE(
               (SELECT string_agg('(' || quote_literal(a) || ' & ' || quote_literal(b) || ')', ' | ')
                FROM unnest(words.list[1:%(max_words)s]) a JOIN unnest(words.list[1:%(max_words)s]) b ON a < b),
               quote_literal(words.list[1])
           )::tsquery AS two_words,
           ARRAY(SELECT DISTINCT e.actor_id FROM claims_claimentity e
                 WHERE e.claim_id = c.id AND e.actor_id IS NOT NULL) AS entities,
           COALESCE(a.published_at, a.created_at) AS seen_at
    FROM claims_claim c
    JOIN articles_article a ON a.id = c.article_id
    CROSS JOIN LATERAL (
        SELECT ARRAY(SELECT w FROM unnest(tsvector_to_array(c.search_vector)) w
                     WHERE w !~ '[''\\\\]' AND w <> ALL(%(common)s::text[])) AS list
    ) words
    WHERE c.article_id = %(article_id)s AND c.review_status <> 'rejected'
)"""

# Candidates: the best full-text matches, the claims sharing most named actors, and the
# article's other claims. Each set is found through an index and capped per claim.
_CANDIDATE_PAIRS = """
pairs AS (
    SELECT src.id AS claim_id, hit.id AS other_id
    FROM src CROSS JOIN LATERAL (
        SELECT d.id FROM (
            -- OFFSET 0 keeps the planner on the GIN index rather than walking the time window
            SELECT d.id, d.article_id, d.search_vector FROM claims_claim d
            WHERE d.search_vector @@ src.two_words AND d.id <> src.id OFFSET 0
        ) d JOIN articles_article da ON da.id = d.article_id
        WHERE COALESCE(da.published_at, da.created_at) BETWEEN src.seen_at - %(window)s AND src.seen_at + %(window)s
        ORDER BY ts_rank(d.search_vector, src.any_word) DESC, d.id DESC
        LIMIT %(limit)s
    ) hit
    UNION
    SELECT src.id, hit.claim_id
    FROM src CROSS JOIN LATERAL (
        SELECT e.claim_id FROM claims_claimentity e
        JOIN claims_claim d ON d.id = e.claim_id JOIN articles_article da ON da.id = d.article_id
        WHERE e.actor_id = ANY(src.entities) AND e.claim_id <> src.id
          AND COALESCE(da.published_at, da.created_at) BETWEEN src.seen_at - %(window)s AND src.seen_at + %(window)s
        GROUP BY e.claim_id
        ORDER BY count(DISTINCT e.actor_id) DESC, e.claim_id DESC
        LIMIT %(limit)s
    ) hit
    UNION
    SELECT src.id, d.id FROM src JOIN claims_claim d ON d.article_id = src.article_id AND d.id <> src.id
)"""

# Pairs for links: each claim of the article with the other claims of its story that could be
# linked at all: a denial or dispute on either side, or two or more words in common (what `same`
# and `supports` need). Cheap tests first, so the costly evidence is computed for few pairs.
_STORY_PAIRS = """
pairs AS (
    SELECT src.id AS claim_id, d.id AS other_id
    FROM src JOIN claims_claim d ON d.story_id = src.story_id AND d.id <> src.id
    WHERE d.review_status <> 'rejected'
      AND (src.stance IN ('denies', 'disputes') OR d.stance IN ('denies', 'disputes')
           OR cardinality(ARRAY(SELECT unnest(src.lexemes)
                                INTERSECT SELECT unnest(tsvector_to_array(d.search_vector)))) >= 2)
)"""

# Everyone an article's claims name, as speaker or inside the content: two articles covering one
# event name the same people.
_ARTICLE_ACTORS = """
article_actors AS (
    SELECT c.article_id, array_agg(DISTINCT named.actor_id) AS actors
    FROM claims_claim c CROSS JOIN LATERAL (
        SELECT c.speaker_id AS actor_id UNION SELECT e.actor_id FROM claims_claimentity e WHERE e.claim_id = c.id
    ) named
    WHERE named.actor_id IS NOT NULL AND c.review_status <> 'rejected'
      AND c.article_id IN (SELECT d.article_id FROM pairs JOIN claims_claim d ON d.id = pairs.other_id
                           UNION SELECT %(article_id)s)
    GROUP BY c.article_id
)"""

_NO_ARTICLE_ACTORS = """
article_actors AS (SELECT NULL::bigint AS article_id, NULL::bigint[] AS actors WHERE false)"""

_EVIDENCE = """
WITH {source}, {pairs}, {article_actors}
SELECT p.claim_id, d.id, d.article_id,
       CASE WHEN d.article_id = src.article_id AND d.story_origin = 'machine' THEN NULL ELSE d.story_id END,
       d.story_origin = 'editor',
       src.speaker_id, d.speaker_id, src.stance, d.stance,
       d.article_id = src.article_id,
       cardinality(ARRAY(SELECT unnest(src.lexemes) INTERSECT SELECT unnest(tsvector_to_array(d.search_vector)))),
       cardinality(src.lexemes)
           + (SELECT count(*) FROM unnest(tsvector_to_array(d.search_vector)) w WHERE w <> ALL(%(common)s::text[])),
       similarity(src.content, d.content),
       (SELECT count(DISTINCT e.actor_id) FROM claims_claimentity e
        WHERE e.claim_id = d.id AND e.actor_id = ANY(src.entities)),
       COALESCE(d.speaker_id = ANY(src.entities), false),
       EXISTS (SELECT 1 FROM claims_claimentity e WHERE e.claim_id = d.id AND e.actor_id = src.speaker_id),
       abs(extract(epoch FROM src.seen_at - COALESCE(da.published_at, da.created_at))) / 86400.0,
       cardinality(ARRAY(SELECT unnest(src_actors.actors) INTERSECT SELECT unnest(other_actors.actors))),
       cardinality(src.entities) > 0
           AND EXISTS (SELECT 1 FROM claims_claimentity e WHERE e.claim_id = d.id AND e.actor_id IS NOT NULL)
FROM pairs p
JOIN src ON src.id = p.claim_id
JOIN claims_claim d ON d.id = p.other_id
JOIN articles_article da ON da.id = d.article_id
LEFT JOIN article_actors src_actors ON src_actors.article_id = src.article_id
LEFT JOIN article_actors other_actors ON other_actors.article_id = d.article_id
WHERE d.review_status <> 'rejected'
ORDER BY p.claim_id, d.id
"""


# A word in more than this share of recent claims is too common to tell events apart...
COMMON_WORD_SHARE = 0.03
# ...counted over this many recent claims, once in a while per worker process.
COMMON_WORD_SAMPLE = 20_000
COMMON_WORD_REFRESH_SECONDS = 600
# A small corpus has no common words: a share of a few claims means nothing.
COMMON_WORD_MIN_CLAIMS = 50
_common_cache: tuple[float, list[str]] | None = None


def common_lexemes(*, refresh: bool = False) -> list[str]:
    """Stemmed words found in many recent claims (the corpus's own stop words), cached a while."""
    global _common_cache
    now = time.monotonic()
    if not refresh and _common_cache is not None and now - _common_cache[0] < COMMON_WORD_REFRESH_SECONDS:
        return _common_cache[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM claims_claim ORDER BY id DESC LIMIT %s) recent",
            [COMMON_WORD_SAMPLE],
        )
        sample = cursor.fetchone()[0]
        floor = max(COMMON_WORD_MIN_CLAIMS, int(sample * COMMON_WORD_SHARE))
        cursor.execute(
            "SELECT word FROM ts_stat(%s) WHERE ndoc >= %s ORDER BY word",
            [f"SELECT search_vector FROM claims_claim ORDER BY id DESC LIMIT {int(COMMON_WORD_SAMPLE)}", floor],
        )
        words = [row[0] for row in cursor.fetchall()]
    _common_cache = (now, words)
    return words


def pair_evidence(*, article_id: int, within_stories: bool = False) -> list[PairEvidence]:
    """Evidence rows for the article's claims: against candidates from the whole corpus, or
    (within_stories) against the other claims of their stories."""
    sql = _EVIDENCE.format(
        source=_SOURCE_CLAIMS,
        pairs=_STORY_PAIRS if within_stories else _CANDIDATE_PAIRS,
        # Links do not weigh the articles' actors; skip collecting them.
        article_actors=_NO_ARTICLE_ACTORS if within_stories else _ARTICLE_ACTORS,
    )
    params = {
        "article_id": article_id,
        "window": timedelta(days=STORY_WINDOW_DAYS),
        "limit": CANDIDATES_PER_CLAIM,
        "max_words": 16,
        "common": common_lexemes(),
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    evidence = []
    for row in rows:
        (claim_id, other_id, other_article_id, other_story_id, by_editor, claim_speaker, other_speaker,
         claim_stance, other_stance, same_article, shared, total, trigram, shared_entities,
         mentions_other, mentioned_by_other, days_apart, shared_article_actors, both_name_actors) = row  # fmt: skip
        evidence.append(
            PairEvidence(
                claim_id=claim_id,
                other_id=other_id,
                other_article_id=other_article_id,
                other_story_id=other_story_id,
                other_story_by_editor=by_editor,
                claim_speaker_id=claim_speaker,
                other_speaker_id=other_speaker,
                claim_stance=claim_stance,
                other_stance=other_stance,
                same_article=same_article,
                shared_lexemes=shared,
                lexeme_dice=2 * shared / total if total else 0.0,
                trigram=float(trigram),
                shared_entities=shared_entities,
                claim_mentions_other_speaker=mentions_other,
                other_mentions_claim_speaker=mentioned_by_other,
                days_apart=float(days_apart),
                shared_article_actors=shared_article_actors or 0,
                both_name_actors=both_name_actors,
            )
        )
    return evidence


# ---------------------------------------------------------------------------------------------
# Stories
# ---------------------------------------------------------------------------------------------


class _Groups:
    """Union-find over claim ids."""

    def __init__(self) -> None:
        self._parent: dict[int, int] = {}

    def add(self, item: int) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: int) -> int:
        self.add(item)
        root = item
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:
            self._parent[item], item = root, self._parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        by_root: dict[int, list[int]] = defaultdict(list)
        for item in self._parent:
            by_root[self.find(item)].append(item)
        return sorted((sorted(members) for members in by_root.values()), key=lambda g: g[0])


@dataclass
class StoryAssignment:
    """The outcome for one article: its claims' stories, and what changed."""

    story_by_claim: dict[int, int | None] = field(default_factory=dict)
    stories_created: list[int] = field(default_factory=list)
    stories_deleted: list[int] = field(default_factory=list)
    claims_moved: int = 0


def _lock_crossref() -> None:
    """One cross-referencing run at a time: two articles of one story decided concurrently
    would each start a story of their own."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [_LOCK_KEY])


def stories_assign_for_article(*, article_id: int) -> StoryAssignment:
    """Put the article's claims in stories with the claims they match (across articles and
    speakers); idempotent, and claims an editor placed are never moved."""
    with transaction.atomic():
        _lock_crossref()
        own = {
            c["id"]: c
            for c in Claim.objects.filter(article_id=article_id)
            .exclude(review_status=Claim.ReviewStatus.REJECTED)
            .values("id", "story_id", "story_origin")
        }
        movable = {cid for cid, c in own.items() if c["story_origin"] == Origin.MACHINE}
        evidence = pair_evidence(article_id=article_id)
        decided = _decide_stories(movable=movable, evidence=evidence)
        return _apply_stories(own=own, movable=movable, decided=decided, evidence=evidence)


@dataclass
class _Decision:
    groups: list[list[int]]
    story_of_group: list[int | None]
    scores: dict[tuple[int, int], float]


def _decide_stories(*, movable: set[int], evidence: Iterable[PairEvidence]) -> _Decision:
    groups = _Groups()
    for claim_id in movable:
        groups.add(claim_id)
    votes: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    strongest: dict[int, float] = defaultdict(float)
    scores: dict[tuple[int, int], float] = {}
    for pair in evidence:
        if pair.claim_id not in movable:
            continue
        score = story_score(pair)
        scores[pair.claim_id, pair.other_id] = score
        if score < STORY_THRESHOLD:
            continue
        if pair.other_story_id is not None:
            votes[pair.claim_id][pair.other_story_id] += score
            strongest[pair.other_story_id] = max(strongest[pair.other_story_id], score)
        elif pair.other_id in movable or not pair.other_story_by_editor:
            # Another storyless machine-placed claim: they start (or join) a story together.
            groups.union(pair.claim_id, pair.other_id)
    decision = _Decision(groups=groups.groups(), story_of_group=[], scores=scores)
    for members in decision.groups:
        tally: dict[int, float] = defaultdict(float)
        for member in members:
            for story_id, score in votes.get(member, {}).items():
                tally[story_id] += score
        convincing = {
            story_id: total
            for story_id, total in tally.items()
            if total >= STORY_JOIN_TOTAL or strongest[story_id] >= STORY_JOIN_SINGLE
        }
        best = max(convincing.items(), key=lambda item: (item[1], -item[0]))[0] if convincing else None
        decision.story_of_group.append(best)
    return decision


def _apply_stories(
    *, own: dict[int, dict[str, object]], movable: set[int], decided: _Decision, evidence: list[PairEvidence]
) -> StoryAssignment:
    outcome = StoryAssignment()
    members_all = [m for g in decided.groups for m in g]
    current = dict(Claim.objects.filter(id__in=members_all).values_list("id", "story_id"))
    previous_stories = {current[cid] for cid in movable if current.get(cid)}
    # A story the article's claims held before and that nobody else holds may be taken again,
    # so running twice keeps story ids.
    held_by_others = set(
        Claim.objects.filter(story_id__in=previous_stories).exclude(id__in=movable).values_list("story_id", flat=True)
    )
    reusable = sorted(previous_stories - held_by_others)

    target: dict[int, int | None] = {}
    for members, story_id in zip(decided.groups, decided.story_of_group, strict=True):
        if story_id is None and len(members) >= 2:
            mine = sorted({current[m] for m in members if m in movable and current.get(m) in reusable})
            if mine:
                story_id = mine[0]
                reusable.remove(story_id)
            else:
                story_id = _story_create(members=members, scores=decided.scores).pk
                outcome.stories_created.append(story_id)
        for member in members:
            target[member] = story_id

    now = timezone.now()
    by_story: dict[int | None, list[int]] = defaultdict(list)
    for claim_id, story_id in target.items():
        if current.get(claim_id) != story_id:
            by_story[story_id].append(claim_id)
    for story_id, claim_ids in by_story.items():
        Claim.objects.filter(id__in=claim_ids, story_origin=Origin.MACHINE).update(story_id=story_id, updated_at=now)
        outcome.claims_moved += len(claim_ids)

    touched = {s for s in target.values() if s} | previous_stories
    outcome.stories_deleted = _stories_tidy(story_ids=touched)
    outcome.story_by_claim = dict(Claim.objects.filter(id__in=list(own)).values_list("id", "story_id"))
    return outcome


def _story_create(*, members: list[int], scores: dict[tuple[int, int], float]) -> Story:
    """A new story, titled after its best-connected asserting claim."""
    claims = list(Claim.objects.filter(id__in=members).select_related("speaker"))
    inside = set(members)
    strength: dict[int, float] = defaultdict(float)
    for (a, b), score in scores.items():
        if a in inside and b in inside:
            strength[a] += score
            strength[b] += score
    lead = max(claims, key=lambda c: (c.stance == Claim.Stance.ASSERTS, strength[c.id], -c.id))
    speaker = lead.speaker.name if lead.speaker else lead.speaker_mention
    title = f"{speaker}: {lead.content}" if speaker else lead.content
    return Story.objects.create(title=title[:500])


def _stories_tidy(*, story_ids: set[int]) -> list[int]:
    """Refresh the time span of the stories touched; a machine story left with fewer than two
    claims (and none placed by an editor) is dissolved."""
    deleted = []
    stats = (
        Story.objects.filter(id__in=story_ids)
        .annotate(
            size=Count("claims"),
            by_editor=Count("claims", filter=Q(claims__story_origin=Origin.EDITOR)),
            first=Min(Coalesce("claims__article__published_at", "claims__article__created_at")),
            last=Max(Coalesce("claims__article__published_at", "claims__article__created_at")),
        )
        .values("id", "size", "by_editor", "first", "last", "first_seen_at", "last_seen_at")
    )
    for story in stats:
        if story["size"] < 2 and not story["by_editor"]:
            Claim.objects.filter(story_id=story["id"]).update(story=None, updated_at=timezone.now())
            Story.objects.filter(id=story["id"]).delete()
            deleted.append(story["id"])
        elif (story["first"], story["last"]) != (story["first_seen_at"], story["last_seen_at"]):
            Story.objects.filter(id=story["id"]).update(
                first_seen_at=story["first"], last_seen_at=story["last"], updated_at=timezone.now()
            )
    return sorted(deleted)


# ---------------------------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkChanges:
    created: int
    updated: int
    deleted: int


def claim_links_suggest_for_article(*, article_id: int) -> LinkChanges:
    """Suggest same / supports / contradicts links between the article's claims and the other
    claims of their stories. Only the machine's own suggestions are replaced."""
    with transaction.atomic():
        _lock_crossref()
        wanted: dict[tuple[int, int, str], float] = {}
        for pair in pair_evidence(article_id=article_id, within_stories=True):
            link = link_for(pair)
            if link is not None:
                wanted[link.source_id, link.target_id, link.relation] = link.score

        touching = ClaimLink.objects.filter(Q(source__article_id=article_id) | Q(target__article_id=article_id))
        existing = {(lk.source_id, lk.target_id, lk.relation): lk for lk in touching}
        # A pair an editor already judged (any relation) gets no machine suggestion.
        judged = {
            frozenset((lk.source_id, lk.target_id))
            for lk in existing.values()
            if lk.origin == Origin.EDITOR or lk.status != ClaimLink.Status.SUGGESTED
        }
        stale = [
            lk.pk
            for key, lk in existing.items()
            if lk.origin == Origin.MACHINE and lk.status == ClaimLink.Status.SUGGESTED and key not in wanted
        ]
        deleted = ClaimLink.objects.filter(pk__in=stale).delete()[0] if stale else 0

        fresh, updated = [], 0
        for key, score in wanted.items():
            if frozenset(key[:2]) in judged and key not in existing:
                continue
            link = existing.get(key)
            if link is None:
                fresh.append(ClaimLink(source_id=key[0], target_id=key[1], relation=key[2], score=score))
            elif link.origin == Origin.MACHINE and link.status == ClaimLink.Status.SUGGESTED and link.score != score:
                ClaimLink.objects.filter(pk=link.pk).update(score=score, updated_at=timezone.now())
                updated += 1
        ClaimLink.objects.bulk_create(fresh, ignore_conflicts=True)
        return LinkChanges(created=len(fresh), updated=updated, deleted=deleted)


# ---------------------------------------------------------------------------------------------
# The whole step, and queueing it
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CrossrefResult:
    stories: StoryAssignment
    links: LinkChanges


def article_crossref(*, article_id: int) -> CrossrefResult:
    """Stories, then links, for one article's claims (one transaction)."""
    with transaction.atomic():
        stories = stories_assign_for_article(article_id=article_id)
        links = claim_links_suggest_for_article(article_id=article_id)
    return CrossrefResult(stories=stories, links=links)


def article_queue_crossref(*, article_id: int) -> None:
    """Queue cross-referencing once the current transaction commits (the claims must be visible
    to the worker). A broker failure is logged: the article keeps its claims, only unlinked."""
    from claims.tasks import crossref_article

    def send() -> None:
        try:
            crossref_article.delay(article_id)
        except Exception:  # a broker outage must not fail the extraction that just committed
            log.warning("could not queue cross-referencing of article %s", article_id, exc_info=True)

    transaction.on_commit(send)
