"""Stories: which claims, across articles and speakers, tell one event."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from claims.crossref.candidates import pair_evidence
from claims.crossref.scoring import STORY_JOIN_SINGLE, STORY_JOIN_TOTAL, STORY_THRESHOLD, PairEvidence, story_score
from claims.models import Claim, Origin, Story

_LOCK_KEY = "claims.crossref"


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

    stories_created: list[int] = field(default_factory=list)
    stories_deleted: list[int] = field(default_factory=list)
    claims_moved: int = 0


def lock_crossref() -> None:
    """One cross-referencing run at a time: two articles of one story decided concurrently
    would each start a story of their own."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [_LOCK_KEY])


def stories_assign_for_article(*, article_id: int) -> StoryAssignment:
    """Put the article's claims in stories with the claims they match (across articles and
    speakers); idempotent, and claims an editor placed are never moved."""
    with transaction.atomic():
        lock_crossref()
        own = {
            c["id"]: c
            for c in Claim.objects.filter(article_id=article_id)
            .exclude(review_status=Claim.ReviewStatus.REJECTED)
            .values("id", "story_id", "story_origin")
        }
        movable = {cid for cid, c in own.items() if c["story_origin"] == Origin.MACHINE}
        evidence = pair_evidence(article_id=article_id)
        decided = _decide_stories(movable=movable, evidence=evidence)
        return _apply_stories(movable=movable, decided=decided)


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


def _apply_stories(*, movable: set[int], decided: _Decision) -> StoryAssignment:
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
