"""The candidate search in SQL: for each claim of an article, the claims worth comparing with it
(full-text match on the stored search_vector, shared ClaimEntity actors, the article's own claims,
or the other claims of its story), each with the evidence the scoring needs."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import replace
from datetime import timedelta
from typing import Any

from django.db import connection

from articles.models import Article
from claims.crossref.propositions import ACCUSER_PATTERN, LinkClaim
from claims.crossref.scoring import STORY_WINDOW_DAYS, PairEvidence
from claims.models import Claim, Origin

# How many full-text and how many shared-entity candidates each claim brings back.
CANDIDATES_PER_CLAIM = 30
# An article is placed in a story by this many of its claims at most (in text order): a 500 KB text
# with thousands of claims costs what a long report does. Its other claims follow it.
CLAIMS_PER_ARTICLE = 200

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
           c.published_at AS seen_at  -- NULL for an undated article: never its load time
    FROM (
        -- bounded work per article: a very long article is placed by its first claims
        SELECT c.*, row_number() OVER (PARTITION BY c.article_id ORDER BY c.content_start, c.id) AS nth
        FROM claims_claim c
        WHERE c.article_id = ANY(%(article_ids)s::bigint[]) AND c.review_status <> 'rejected'
    ) c
    CROSS JOIN LATERAL (
        SELECT ARRAY(SELECT w FROM unnest(tsvector_to_array(c.search_vector)) w
                     WHERE w !~ '[''\\\\]' AND w <> ALL(%(common)s::text[])) AS list
    ) words
    WHERE c.nth <= %(claims_limit)s
)"""

# Candidates: the best full-text matches, the claims sharing most named actors, and the
# article's other claims. Each set is found through an index and capped per claim.
_CANDIDATE_PAIRS = """
pairs AS (
    SELECT src.id AS claim_id, hit.id AS other_id
    FROM src CROSS JOIN LATERAL (
        SELECT d.id FROM (
            -- OFFSET 0 keeps the planner on the GIN index rather than walking the time window
            SELECT d.id, d.published_at, d.search_vector FROM claims_claim d
            WHERE d.search_vector @@ src.two_words AND d.id <> src.id OFFSET 0
        ) d
        -- an undated article (either side) is compared across all time: its content and actors decide
        WHERE (src.seen_at IS NULL OR d.published_at IS NULL
               OR d.published_at BETWEEN src.seen_at - %(window)s AND src.seen_at + %(window)s)
        ORDER BY ts_rank(d.search_vector, src.any_word) DESC, d.id DESC
        LIMIT %(limit)s
    ) hit
    UNION
    SELECT src.id, hit.claim_id
    FROM src CROSS JOIN LATERAL (
        SELECT e.claim_id FROM claims_claimentity e
        JOIN claims_claim d ON d.id = e.claim_id
        WHERE e.actor_id = ANY(src.entities) AND e.claim_id <> src.id
          AND (src.seen_at IS NULL OR d.published_at IS NULL
               OR d.published_at BETWEEN src.seen_at - %(window)s AND src.seen_at + %(window)s)
        GROUP BY e.claim_id
        ORDER BY count(DISTINCT e.actor_id) DESC, e.claim_id DESC
        LIMIT %(limit)s
    ) hit
    -- the article's own claims are not compared with each other: stories are decided per article
)"""

# The same candidates for a dated article, found once for all its claims rather than claim by claim.
# Every claim of a dated article has the same time window (its article's date), so the claims that
# can be candidates are those of the articles in that window (and of undated articles): a few
# percent of a large corpus, read once. Per claim, the search above walks the index entries of its
# words across all time (each of thousands of matches read from the table, then most dropped as
# out of the window): at a million claims, about 100 ms per claim for the words and 85 ms for a
# much-named actor. Here the window's postings of the articles' words (ClaimWord: word, date, claim)
# are read once and matched to each claim's words in one hash join: "shares two of the claim's
# first words" is exactly what `search_vector @@ two_words` asks (one word for a one-word claim),
# and the ranking, caps and order are the same.
# Several dated articles (those placed again after an article: stories.py) are searched at once:
# the span of their windows is read once, and each pair is kept only within its claim's own window.
_WINDOW_CANDIDATE_PAIRS = """
src_words AS MATERIALIZED (
    -- in byte order, as ClaimWord keeps them
    SELECT src.id AS claim_id, src.seen_at, w COLLATE "C" AS lexeme
    FROM src CROSS JOIN LATERAL unnest(src.lexemes[1:%(max_words)s]) w
),
-- the window's claims' words that any of the articles' claims has, from ClaimWord's index alone:
-- one range of dates per word, only the postings wanted (no claim of the window is read that
-- shares no word with the articles)
window_words AS MATERIALIZED (
    SELECT w.claim_id AS id, w.published_at, w.word AS lexeme FROM claims_claimword w
    WHERE w.word = ANY(ARRAY(SELECT DISTINCT lexeme FROM src_words))
      AND w.published_at BETWEEN %(first_seen)s::timestamptz - %(window)s
                             AND %(last_seen)s::timestamptz + %(window)s
    UNION ALL
    SELECT w.claim_id, NULL, w.word FROM claims_claimword w
    WHERE w.word = ANY(ARRAY(SELECT DISTINCT lexeme FROM src_words)) AND w.published_at = '-infinity'
),
shared_words AS (
    SELECT sw.claim_id, ww.id AS other_id, count(*) AS shared
    FROM window_words ww JOIN src_words sw ON sw.lexeme = ww.lexeme
    WHERE ww.id <> sw.claim_id
      AND (ww.published_at IS NULL OR ww.published_at BETWEEN sw.seen_at - %(window)s AND sw.seen_at + %(window)s)
    GROUP BY sw.claim_id, ww.id
),
word_hits AS (
    SELECT s.claim_id, s.other_id,
           row_number() OVER (
               PARTITION BY s.claim_id
               -- the candidate's words through its primary key: a handful of rows, whatever the estimate
               ORDER BY ts_rank((SELECT d.search_vector FROM claims_claim d WHERE d.id = s.other_id),
                                src.any_word) DESC,
                        s.other_id DESC
           ) AS position
    FROM shared_words s JOIN src ON src.id = s.claim_id
    WHERE s.shared >= least(2, cardinality(src.lexemes))
),
src_entities AS (
    SELECT src.id AS claim_id, src.seen_at, actor_id FROM src CROSS JOIN LATERAL unnest(src.entities) actor_id
),
-- the span of the window's claims' ids (from the date's index alone): every one of them lies in it,
-- so reading an actor's mentions within it on the (actor, claim) index drops none; ids grow with
-- time, so it is a small part of a much-named actor's mentions across all time (a tenth at a million)
window_span AS MATERIALIZED (
    -- OFFSET 0: else min(id) becomes the first id along the primary key that is in the window,
    -- a walk through most of the table
    SELECT min(id) AS low, max(id) AS high FROM (
        SELECT id FROM claims_claim
        WHERE published_at BETWEEN %(first_seen)s::timestamptz - %(window)s AND %(last_seen)s::timestamptz + %(window)s
        OFFSET 0
    ) window_claims
),
-- each actor's mentions in the span read once, however many of the articles' claims name them: both
-- conditions on the (actor, claim) index, as an array (a join on the actors let the planner walk the
-- claim index over the whole span instead)
span_mentions AS MATERIALIZED (
    SELECT e.claim_id, e.actor_id FROM claims_claimentity e
    WHERE e.actor_id = ANY(ARRAY(SELECT DISTINCT actor_id FROM src_entities))
      AND e.claim_id BETWEEN (SELECT low FROM window_span) AND (SELECT high FROM window_span)
),
window_entities AS MATERIALIZED (
    -- those in the window, each mention's claim looked up by its primary key
    SELECT m.claim_id, m.actor_id, d.published_at
    FROM span_mentions m CROSS JOIN LATERAL (
        SELECT d.published_at FROM claims_claim d
        WHERE d.id = m.claim_id AND d.published_at BETWEEN %(first_seen)s::timestamptz - %(window)s
                                                       AND %(last_seen)s::timestamptz + %(window)s
    ) d
    UNION ALL
    -- the undated claims (any id): through their own mentions
    SELECT e.claim_id, e.actor_id, NULL FROM claims_claim d JOIN claims_claimentity e ON e.claim_id = d.id
    WHERE d.published_at IS NULL AND e.actor_id IN (SELECT actor_id FROM src_entities)
),
entity_hits AS (
    SELECT claim_id, other_id,
           row_number() OVER (PARTITION BY claim_id ORDER BY named DESC, other_id DESC) AS position
    FROM (
        SELECT se.claim_id, we.claim_id AS other_id, count(DISTINCT we.actor_id) AS named
        FROM src_entities se JOIN window_entities we ON we.actor_id = se.actor_id AND we.claim_id <> se.claim_id
        WHERE we.published_at IS NULL OR we.published_at BETWEEN se.seen_at - %(window)s AND se.seen_at + %(window)s
        GROUP BY se.claim_id, we.claim_id
    ) named
),
pairs AS (
    SELECT claim_id, other_id FROM word_hits WHERE position <= %(limit)s
    UNION
    SELECT claim_id, other_id FROM entity_hits WHERE position <= %(limit)s
)"""

# Everyone an article's claims name, as speaker or inside the content: two articles covering one
# event name the same people.
_ARTICLE_ACTORS = """
-- Row by row through the primary key and the article's index, however many candidates the planner
-- expects (a join it thinks large becomes a walk of the whole claims table).
article_ids AS MATERIALIZED (
    SELECT (SELECT d.article_id FROM claims_claim d WHERE d.id = pairs.other_id) AS article_id FROM pairs
    UNION SELECT unnest(%(article_ids)s::bigint[])
),
article_actors AS (
    -- the speakers, then the mentions, as two sets (no subquery per claim); only their overlap is read
    SELECT a.article_id, ARRAY(
        SELECT c.speaker_id FROM claims_claim c
        WHERE c.article_id = a.article_id AND c.speaker_id IS NOT NULL AND c.review_status <> 'rejected'
        UNION
        SELECT e.actor_id FROM claims_claim c JOIN claims_claimentity e ON e.claim_id = c.id
        WHERE c.article_id = a.article_id AND e.actor_id IS NOT NULL AND c.review_status <> 'rejected'
    ) AS actors
    FROM article_ids a
)"""

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
       abs(extract(epoch FROM src.seen_at - d.published_at)) / 86400.0,
       cardinality(ARRAY(SELECT unnest(src_actors.actors) INTERSECT SELECT unnest(other_actors.actors))),
       cardinality(src.entities) > 0
           AND EXISTS (SELECT 1 FROM claims_claimentity e WHERE e.claim_id = d.id AND e.actor_id IS NOT NULL),
       src.article_id
FROM pairs p
JOIN src ON src.id = p.claim_id
JOIN claims_claim d ON d.id = p.other_id
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


def evidence_rows(*, article_id: int, claim_by_claim: bool = False) -> list[tuple[Any, ...]]:
    """The evidence query's rows. A dated article's candidates are found in its time window at once
    (an undated article is compared across all time: no window to read once); `claim_by_claim`
    finds them with one index search per claim instead, as before: the same rows, for the tests."""
    seen_at = Article.objects.filter(pk=article_id).values_list("published_at", flat=True).first()
    if seen_at is not None and not claim_by_claim:
        return evidence_rows_in_windows(article_ids=[article_id])
    return _evidence_query(_CANDIDATE_PAIRS, article_ids=[article_id])


def evidence_rows_in_windows(*, article_ids: list[int]) -> list[tuple[Any, ...]]:
    """The evidence query's rows for several dated articles at once, each claim with the
    candidates of its own article's window: the rows each article's own search finds."""
    dates = Article.objects.filter(pk__in=article_ids).values_list("published_at", flat=True)
    dates = [d for d in dates if d is not None]
    if not dates:
        return []
    return _evidence_query(
        _WINDOW_CANDIDATE_PAIRS, article_ids=article_ids, first_seen=min(dates), last_seen=max(dates)
    )


def _evidence_query(pairs: str, *, article_ids: list[int], **window: Any) -> list[tuple[Any, ...]]:
    sql = _EVIDENCE.format(source=_SOURCE_CLAIMS, pairs=pairs, article_actors=_ARTICLE_ACTORS)
    params = {
        "article_ids": article_ids,
        "window": timedelta(days=STORY_WINDOW_DAYS),
        "limit": CANDIDATES_PER_CLAIM,
        "max_words": 16,
        "claims_limit": CLAIMS_PER_ARTICLE,
        "common": common_lexemes(),
        **window,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def pair_evidence(*, article_id: int) -> list[PairEvidence]:
    """Evidence rows for the article's claims against candidates from the whole corpus."""
    return [_pair(row) for row in evidence_rows(article_id=article_id)]


def pair_evidence_in_windows(*, article_ids: list[int]) -> dict[int, list[PairEvidence]]:
    """Dated article id -> its evidence, as pair_evidence finds it, for several articles in one
    search: their windows overlap, and each article's own window applies. Undated articles (no
    window) are left out."""
    found: dict[int, list[PairEvidence]] = {
        article_id: []
        for article_id in Article.objects.filter(pk__in=article_ids, published_at__isnull=False).values_list(
            "pk", flat=True
        )
    }
    for row in evidence_rows_in_windows(article_ids=sorted(found)):
        found[row[-1]].append(_pair(row))
    return found


def evidence_stories_now(evidence: list[PairEvidence]) -> list[PairEvidence]:
    """The evidence with its candidates' stories as they are now. Within one run, placing articles
    moves claims between stories and changes nothing else the evidence holds (words, actors, dates,
    review status), so evidence found earlier in the run is made current by this one lookup."""
    stories = {
        claim_id: (story_id, origin)
        for claim_id, story_id, origin in Claim.objects.filter(id__in={p.other_id for p in evidence}).values_list(
            "id", "story_id", "story_origin"
        )
    }
    current = []
    for pair in evidence:
        story_id, origin = stories[pair.other_id]
        current.append(
            replace(
                pair,
                # as the evidence query says it: the article's own machine-placed claims are being decided
                other_story_id=None if pair.same_article and origin == Origin.MACHINE else story_id,
                other_story_by_editor=origin == Origin.EDITOR,
            )
        )
    return current


def _pair(row: tuple[Any, ...]) -> PairEvidence:
    (claim_id, other_id, other_article_id, other_story_id, by_editor, claim_speaker, other_speaker,
     claim_stance, other_stance, same_article, shared, total, trigram, shared_entities,
     mentions_other, mentioned_by_other, days_apart, shared_article_actors, both_name_actors, _) = row  # fmt: skip
    return PairEvidence(
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
        days_apart=float(days_apart) if days_apart is not None else None,
        shared_article_actors=shared_article_actors or 0,
        both_name_actors=both_name_actors,
    )


# A story's claims considered when linking one article's claims (the most recent ones): bounded work
# per article however large the story grows.
LINK_STORY_CLAIMS_AT_MOST = 500

_LINK_CLAIMS = """
WITH stories AS (
    SELECT DISTINCT story_id FROM claims_claim
    WHERE article_id = %(article_id)s AND story_id IS NOT NULL AND review_status <> 'rejected'
), members AS (
    SELECT d.id, d.story_id, row_number() OVER (PARTITION BY d.story_id ORDER BY (d.article_id = %(article_id)s) DESC,
                                                 d.id DESC) AS recency
    FROM claims_claim d JOIN stories ON stories.story_id = d.story_id
    WHERE d.review_status <> 'rejected'
)
SELECT d.id, d.story_id, d.article_id, d.speaker_id, d.stance, tsvector_to_array(d.search_vector),
       ARRAY(SELECT DISTINCT e.actor_id FROM claims_claimentity e WHERE e.claim_id = d.id AND e.actor_id IS NOT NULL),
       -- actors named as the source of what the claim answers: "Russia's accusations", "the US claim"
       ARRAY(SELECT DISTINCT e.actor_id FROM claims_claimentity e
             WHERE e.claim_id = d.id AND e.actor_id IS NOT NULL AND d.stance IN ('denies', 'disputes', 'doubts')
               AND substr(d.content, e."end" - d.content_start + 1, 40) ~* %(accuser_pattern)s)
FROM members JOIN claims_claim d ON d.id = members.id
WHERE members.recency <= %(limit)s
ORDER BY d.story_id, d.id
"""


def story_claims_for_links(*, article_id: int) -> dict[int, list[LinkClaim]]:
    """Story id -> the claims of each story the article's claims are in (the article's own first,
    then the most recent others), as linking needs them."""
    with connection.cursor() as cursor:
        cursor.execute(
            _LINK_CLAIMS,
            {"article_id": article_id, "limit": LINK_STORY_CLAIMS_AT_MOST, "accuser_pattern": ACCUSER_PATTERN},
        )
        rows = cursor.fetchall()
    by_story: dict[int, list[LinkClaim]] = defaultdict(list)
    for claim_id, story_id, claim_article, speaker_id, stance, words, named, accusers in rows:
        by_story[story_id].append(
            LinkClaim(
                id=claim_id,
                article_id=claim_article,
                speaker_id=speaker_id,
                stance=stance,
                words=frozenset(words or ()),
                named=frozenset(named or ()),
                accusers=frozenset(accusers or ()),
            )
        )
    return dict(by_story)
