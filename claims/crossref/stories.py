"""Stories: which claims, across articles and speakers, tell one event."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from articles.models import Article
from claims.crossref.candidates import evidence_stories_now, pair_evidence, pair_evidence_in_windows
from claims.crossref.scoring import (
    STORY_JOIN_SINGLE,
    STORY_THRESHOLD,
    PairEvidence,
    article_affinities,
    story_by_claim_votes,
    story_score,
)
from claims.models import Claim, Origin, Story


@dataclass
class StoryAssignment:
    """What placing an article (and the undated articles it bears on) changed."""

    stories_created: list[int] = field(default_factory=list)
    stories_deleted: list[int] = field(default_factory=list)
    claims_moved: int = 0

    def add(self, other: StoryAssignment) -> None:
        self.stories_created += other.stories_created
        self.stories_deleted += other.stories_deleted
        self.claims_moved += other.claims_moved


def lock_crossref(*, article_id: int) -> None:
    """Serialise cross-referencing of articles that could share a story, and only those.

    Two articles of one event decided at once would each start a story of their own; two articles
    of one event name some of the same actors. So a run takes a transaction-scoped advisory lock on
    each actor its article's claims name (as speaker or inside the content), in id order (no
    deadlock), and articles naming nobody in common go on in parallel. An article naming nobody
    takes one shared key.
    """
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_ACTORS, {"article_id": article_id, "namespace": _LOCK_KEY})


_LOCK_KEY = "claims.crossref"
_LOCK_ACTORS = """
WITH named AS (
    SELECT c.speaker_id AS actor_id FROM claims_claim c
    WHERE c.article_id = %(article_id)s AND c.speaker_id IS NOT NULL
    UNION
    SELECT e.actor_id FROM claims_claimentity e JOIN claims_claim c ON c.id = e.claim_id
    WHERE c.article_id = %(article_id)s AND e.actor_id IS NOT NULL
), keys AS (
    SELECT DISTINCT (actor_id %% 2147483647)::int AS key FROM named
    UNION ALL SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM named)
)
SELECT count(pg_advisory_xact_lock(hashtext(%(namespace)s), key)) FROM (SELECT key FROM keys ORDER BY key) ordered
"""


def stories_assign_for_article(*, article_id: int) -> StoryAssignment:
    """Put the article in the story of the articles that tell the same event, and its claims with
    it; idempotent, and claims an editor placed are never moved.

    Dated articles join through every matching dated article within the time window (stories that
    one article bridges are merged), so the stories do not depend on the order articles arrive in.
    An undated article joins the one story it matches best, and a claim about another event than
    its article's goes to that event's story; since a later article may offer a better place, the
    articles a newly placed one bears on are placed again, unless their own cross-referencing is
    still due (it comes later, and sees this article).
    """
    with transaction.atomic():
        lock_crossref(article_id=article_id)
        outcome, neighbours = _article_place(article_id=article_id)
        # One still waiting for its own cross-referencing (a backlog's later articles) is placed in
        # its turn, with this one in its evidence: placing it now as well would search twice.
        again = sorted(neighbours - _crossref_due(neighbours))[:REPLACED_AT_MOST]
        # The dated ones' candidates found in one search (their windows mostly overlap), each made
        # current when its article's turn comes: the same evidence as a search of its own then.
        found = pair_evidence_in_windows(article_ids=again) if again else {}
        for neighbour in again:
            outcome.add(_article_place(article_id=neighbour, found=found.get(neighbour))[0])
        return outcome


# An article places again at most this many articles it bears on (bounded work per article).
REPLACED_AT_MOST = 10


def _crossref_due(article_ids: set[int]) -> set[int]:
    if not article_ids:
        return set()
    return set(Article.objects.filter(pk__in=article_ids).crossref_due().values_list("pk", flat=True))


@dataclass(frozen=True)
class _ArticleFacts:
    size: int  # claims not rejected
    dated: bool
    story_id: int | None  # the story most of its claims are in


def _articles_facts(article_ids: Iterable[int]) -> dict[int, _ArticleFacts]:
    ids = list(article_ids)
    sizes: dict[int, int] = defaultdict(int)
    stories: dict[int, Counter[int]] = defaultdict(Counter)
    rows = (
        Claim.objects.filter(article_id__in=ids)
        .exclude(review_status=Claim.ReviewStatus.REJECTED)
        .values_list("article_id", "story_id")
    )
    for article, story in rows:
        sizes[article] += 1
        if story is not None:
            stories[article][story] += 1
    dated = dict(Article.objects.filter(id__in=ids).values_list("id", "published_at"))
    return {
        i: _ArticleFacts(
            size=sizes[i],
            dated=dated.get(i) is not None,
            # The most common story, the oldest on a tie: the same answer every time.
            story_id=min(stories[i].items(), key=lambda item: (-item[1], item[0]))[0] if stories[i] else None,
        )
        for i in ids
    }


def _article_place(*, article_id: int, found: list[PairEvidence] | None = None) -> tuple[StoryAssignment, set[int]]:
    """Decide one article's story (with its evidence `found` earlier in this run, if it was);
    returns what changed and the articles to place again."""
    own = list(
        Claim.objects.filter(article_id=article_id)
        .exclude(review_status=Claim.ReviewStatus.REJECTED)
        .values_list("id", "story_id", "story_origin")
    )
    movable = {cid for cid, _, origin in own if origin == Origin.MACHINE}
    if not movable:
        return StoryAssignment(), set()
    evidence = pair_evidence(article_id=article_id) if found is None else evidence_stories_now(found)
    affinities = article_affinities(evidence)
    facts = _articles_facts([article_id, *affinities])
    me = facts[article_id]
    linked = {
        other
        for other, affinity in affinities.items()
        if affinity.tells_one_event(own_size=me.size, other_size=facts[other].size)
    }
    # Articles whose placement this one may change: an undated one it matches (it may fit this story
    # better than its own), and one with a claim matching here but not its own article's story (an
    # aside, which had nowhere to go before this article came; `_offered_a_place` below).
    replace = {other for other in linked if not facts[other].dated} if me.dated else set()
    asides_matched = [
        pair
        for pair in evidence
        if not pair.same_article and pair.other_article_id not in linked and story_score(pair) >= STORY_JOIN_SINGLE
    ]

    if me.dated:
        # Through dated articles only: an undated one chooses its own story.
        joined = {other for other in linked if facts[other].dated}
        stories = {story for other in joined if (story := facts[other].story_id) is not None}
        target = min(stories) if stories else None
        absorbed = sorted(stories - {target} if target else set())
    else:
        weight_by_story: dict[int, float] = defaultdict(float)
        for other in linked:
            if (story := facts[other].story_id) is not None:
                weight_by_story[story] += affinities[other].total
        target = max(weight_by_story.items(), key=lambda item: (item[1], -item[0]))[0] if weight_by_story else None
        joined = {other for other in linked if facts[other].story_id == target} if target else set(linked)
        absorbed = []
    if target is None and not linked:
        # No article matches this one as a whole, but its claims convincingly match one story (a
        # short report, or one sharing few words with the others): it belongs there.
        # A dated article is not drawn through an undated one (whose own place is a guess).
        target = story_by_claim_votes(p for p in evidence if p.days_apart is not None or not me.dated)

    outcome = StoryAssignment()
    previous = {story for _, story, origin in own if story is not None and origin == Origin.MACHINE}
    # The storyless claims of the articles joined come along (a story needs two claims to exist).
    companions = set(
        Claim.objects.filter(article_id__in=joined, story__isnull=True, story_origin=Origin.MACHINE)
        .exclude(review_status=Claim.ReviewStatus.REJECTED)
        .values_list("id", flat=True)
    )
    if target is None and len(movable) + len(companions) >= 2:
        target = _story_reusable(previous=previous, movable=movable)
        if target is None:
            target = _story_create(members=sorted(movable | companions), evidence=evidence).pk
            outcome.stories_created.append(target)

    now = timezone.now()
    if absorbed:
        # This article bridges stories that tell one event: they become one (the oldest).
        outcome.claims_moved += Claim.objects.filter(story_id__in=absorbed, story_origin=Origin.MACHINE).update(
            story_id=target, updated_at=now
        )
    placed = {cid: target for cid in movable | companions}
    placed.update(_asides(movable=movable, evidence=evidence, target=target, linked=linked))
    current = {cid: story for cid, story, _ in own} | dict(
        Claim.objects.filter(id__in=companions).values_list("id", "story_id")
    )
    by_story: dict[int | None, list[int]] = defaultdict(list)
    for claim_id, story_id in placed.items():
        if current.get(claim_id) != story_id:
            by_story[story_id].append(claim_id)
    for story_id, claim_ids in by_story.items():
        outcome.claims_moved += Claim.objects.filter(id__in=claim_ids, story_origin=Origin.MACHINE).update(
            story_id=story_id, updated_at=now
        )
    touched = ({target} if target else set()) | previous | set(absorbed) | set(placed.values())
    outcome.stories_deleted = _stories_tidy(story_ids={s for s in touched if s})
    return outcome, replace | _offered_a_place(asides_matched, story_of={**current, **placed})


def _offered_a_place(pairs: list[PairEvidence], *, story_of: dict[int, int | None]) -> set[int]:
    """The articles of the candidates in `pairs` that this article's claims offer a place. A
    candidate already in the story of the claim it matches (as placed now: `story_of`) is where this
    article would draw it, so its article is not searched and placed again for it (on the
    benchmark, not one of those placements moved a claim)."""
    if not pairs:
        return set()
    stories_now = dict(Claim.objects.filter(id__in={p.other_id for p in pairs}).values_list("id", "story_id"))
    return {
        pair.other_article_id
        for pair in pairs
        if (story := story_of.get(pair.claim_id)) is None or stories_now.get(pair.other_id) != story
    }


def _asides(
    *, movable: set[int], evidence: Iterable[PairEvidence], target: int | None, linked: set[int]
) -> dict[int, int]:
    """Claims about another event than their article's ("Meanwhile, Moscow said ..."): those that
    match another story's claims convincingly and no claim of the articles telling the same event."""
    best_elsewhere: dict[int, tuple[float, int]] = {}
    at_home: set[int] = set()
    for pair in evidence:
        if pair.claim_id not in movable or pair.same_article:
            continue
        score = story_score(pair)
        if pair.other_article_id in linked:
            if score >= STORY_THRESHOLD:
                at_home.add(pair.claim_id)
        elif (
            (other_story := pair.other_story_id) is not None
            and other_story != target
            and score >= STORY_JOIN_SINGLE
            and score > best_elsewhere.get(pair.claim_id, (0.0, 0))[0]
        ):
            best_elsewhere[pair.claim_id] = (score, other_story)
    return {claim_id: story for claim_id, (_, story) in best_elsewhere.items() if claim_id not in at_home}


def _story_reusable(*, previous: set[int], movable: set[int]) -> int | None:
    """A story the article's claims held before and nobody else holds: running twice keeps ids."""
    held_by_others = set(
        Claim.objects.filter(story_id__in=previous).exclude(id__in=movable).values_list("story_id", flat=True)
    )
    free = sorted(previous - held_by_others)
    return free[0] if free else None


def stories_release_articles(*, article_ids: Iterable[int]) -> list[int]:
    """Take the machine-placed claims of these articles out of their stories before they are placed
    again (recrossref). A grouping older rules made would otherwise draw every article that tells
    one of its events back into it, mixed as it is, in whichever order the worker takes them; with
    the claims free, the articles are placed as a backlog is, the same in any order. Claims an
    editor placed stay. Returns the stories dissolved (left with fewer than two claims, none placed
    by an editor)."""
    ids = list(article_ids)
    released = Claim.objects.filter(article_id__in=ids, story__isnull=False, story_origin=Origin.MACHINE)
    story_ids = set(released.values_list("story_id", flat=True).distinct())
    released.update(story=None, updated_at=timezone.now())
    return _stories_tidy(story_ids=story_ids)


def _story_create(*, members: list[int], evidence: Iterable[PairEvidence]) -> Story:
    """A new story, titled after its best-connected asserting claim."""
    claims = list(Claim.objects.filter(id__in=members).select_related("speaker"))
    inside = set(members)
    strength: dict[int, float] = defaultdict(float)
    for pair in evidence:
        if pair.claim_id in inside and pair.other_id in inside:
            score = story_score(pair)
            strength[pair.claim_id] += score
            strength[pair.other_id] += score
    lead = max(claims, key=lambda c: (c.stance == Claim.Stance.ASSERTS, strength[c.id], -c.id))
    speaker = lead.speaker.name if lead.speaker else lead.speaker_mention
    title = f"{speaker}: {lead.content}" if speaker else lead.content
    return Story.objects.create(title=title[:500])


def _stories_tidy(*, story_ids: set[int]) -> list[int]:
    """Refresh the time span of the stories touched; a machine story left with fewer than two
    claims (and none placed by an editor) is dissolved. A few statements whatever the number of
    stories: a recrossref releases thousands at once."""
    stats = list(
        Story.objects.filter(id__in=story_ids)
        .annotate(
            size=Count("claims"),
            by_editor=Count("claims", filter=Q(claims__story_origin=Origin.EDITOR)),
            # the claims' copy of their article's date (kept by triggers): no join to the articles
            first=Min("claims__published_at"),
            last=Max("claims__published_at"),
        )
        .values("id", "size", "by_editor", "first", "last", "first_seen_at", "last_seen_at")
    )
    now = timezone.now()
    dissolved = sorted(story["id"] for story in stats if story["size"] < 2 and not story["by_editor"])
    if dissolved:
        Claim.objects.filter(story_id__in=dissolved).update(story=None, updated_at=now)
        Story.objects.filter(id__in=dissolved).delete()
    gone = set(dissolved)
    stale = [
        Story(id=story["id"], first_seen_at=story["first"], last_seen_at=story["last"], updated_at=now)
        for story in stats
        if story["id"] not in gone
        and (story["first"], story["last"]) != (story["first_seen_at"], story["last_seen_at"])
    ]
    Story.objects.bulk_update(stale, ["first_seen_at", "last_seen_at", "updated_at"], batch_size=500)
    return dissolved
