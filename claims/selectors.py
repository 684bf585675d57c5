"""Reads on claims, actors and stories, for the UI and the API.

Each list selector returns a QuerySet with its related rows joined, so a page costs a fixed
number of queries whatever its length (locked in tests/claims/test_selectors.py and the UI tests).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.core.cache import cache
from django.db.models import Case, Count, F, FloatField, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce, Greatest, Lower, TruncDate
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from claims.extraction import normalize_name
from claims.filters import ClaimFilter
from claims.models import Actor, ActorAlias, Claim, ClaimEntity, ClaimLink, ClaimRevision, Story

# ts_headline marks matches with these; they cannot occur in article text (clean_text drops
# control characters), so the snippet can be escaped first and marked up after.
_MATCH_START, _MATCH_END = "\x02", "\x03"
ACTOR_SIMILARITY_MIN = 0.3
SPEAKER_CHOICES_SECONDS = 600


def _claims() -> QuerySet[Claim]:
    return Claim.objects.visible().select_related("speaker", "via", "article", "article__outlet", "story")


def claims_by_actor(*, actor: Actor | int) -> QuerySet[Claim]:
    """Everything an actor said, newest first."""
    return _claims().by_actor(actor).order_by("-created_at", "-id")


def claims_about(*, actor: Actor | int, speaker: Actor | int | None = None) -> QuerySet[Claim]:
    """Claims naming an actor in their content; with `speaker`, only what that speaker said about it."""
    claims = _claims().about(actor)
    if speaker is not None:
        claims = claims.by_actor(speaker)
    return claims.order_by("-created_at", "-id")


def claims_in_story(*, story: Story | int) -> QuerySet[Claim]:
    """A story's claims in the order they were published."""
    return _claims().in_story(story).order_by(Coalesce("article__published_at", "article__created_at"), "id")


def claims_in_period(*, start: datetime | None = None, end: datetime | None = None) -> QuerySet[Claim]:
    """Claims of articles published in [start, end) (articles without a date count from when they came in)."""
    claims = _claims().annotate(published=Coalesce("article__published_at", "article__created_at"))
    if start is not None:
        claims = claims.filter(published__gte=start)
    if end is not None:
        claims = claims.filter(published__lt=end)
    return claims.order_by("-published", "-id")


def claims_search(*, query: str) -> QuerySet[Claim]:
    """Claims matching a web-style query ("drone -moscow", "\"terrorist act\"", "kremlin or putin"),
    best first. Each claim carries `search_rank` and `search_headline` (see `headline_html`)."""
    search = SearchQuery(query, search_type="websearch", config="english")
    return (
        _claims()
        .filter(search_vector=search)
        .annotate(
            search_rank=SearchRank(F("search_vector"), search),
            search_headline=SearchHeadline(
                "content",
                search,
                config="english",
                start_sel=_MATCH_START,
                stop_sel=_MATCH_END,
                max_words=35,
                min_words=15,
            ),
        )
        .order_by("-search_rank", "-id")
    )


def headline_html(headline: str) -> SafeString:
    """A search headline as HTML: the text escaped, the matches in <mark>."""
    # Safe: every character of the text was escaped before the marks went in.
    return mark_safe(escape(headline).replace(_MATCH_START, "<mark>").replace(_MATCH_END, "</mark>"))


@dataclass(frozen=True)
class ActorMatch:
    actor: Actor
    similarity: float


def actors_lookup(*, name: str, limit: int = 10) -> list[ActorMatch]:
    """Actors whose name or an alias resembles `name` (typos, accents, partial names), best first."""
    key = normalize_name(name)
    if not key:
        return []
    actors = _resembling(Actor.objects.filter(merged_into__isnull=True), key).order_by("-similarity", "name")[:limit]
    return [ActorMatch(actor=actor, similarity=actor.similarity) for actor in actors]


def _resembling(actors: QuerySet[Actor], key: str) -> QuerySet[Actor]:
    """The actors whose name or an alias resembles the normalized name `key`, with their `similarity`.

    Aliases are searched through their trigram index; actor names unaccented on the fly.
    """
    best_alias = (
        ActorAlias.objects.filter(actor=OuterRef("pk"))
        .annotate(similarity=Greatest(TrigramSimilarity("normalized", key), TrigramWordSimilarity(key, "normalized")))
        .order_by("-similarity")
        .values("similarity")[:1]
    )
    close_aliases = ActorAlias.objects.filter(
        Q(normalized__trigram_similar=key) | Q(normalized__trigram_word_similar=key)
    ).values("actor_id")
    return (
        actors.annotate(
            name_similarity=TrigramWordSimilarity(key, Unaccent(Lower("name"))),
            alias_similarity=Coalesce(Subquery(best_alias, output_field=FloatField()), 0.0),
            similarity=Greatest("name_similarity", "alias_similarity"),
        )
        .filter(Q(pk__in=close_aliases) | Q(name_similarity__gte=ACTOR_SIMILARITY_MIN))
        .filter(similarity__gte=ACTOR_SIMILARITY_MIN)
    )


def actors_contradicting(*, actor: Actor | int) -> QuerySet[Actor]:
    """Actors whose claims contradict this actor's claims (suggested or confirmed, not dismissed),
    with `contradictions` (how many links) and `confirmed` (how many an editor confirmed)."""
    return (
        Actor.objects.filter(
            claims__links_out__relation=ClaimLink.Relation.CONTRADICTS,
            claims__links_out__status__in=[ClaimLink.Status.SUGGESTED, ClaimLink.Status.CONFIRMED],
            claims__links_out__target__speaker=actor,
        )
        .exclude(pk=actor.pk if isinstance(actor, Actor) else actor)
        .annotate(
            contradictions=Count("claims__links_out", distinct=True),
            confirmed=Count(
                "claims__links_out",
                filter=Q(claims__links_out__status=ClaimLink.Status.CONFIRMED),
                distinct=True,
            ),
        )
        .order_by("-contradictions", "name")
    )


def stories_recent() -> QuerySet[Story]:
    """Stories, latest first, with how many claims and speakers each has."""
    return Story.objects.annotate(
        claim_count=Count("claims", filter=~Q(claims__review_status=Claim.ReviewStatus.REJECTED), distinct=True),
        actor_count=Count("claims__speaker", distinct=True),
    ).order_by(F("last_seen_at").desc(nulls_last=True), "-id")


@dataclass(frozen=True)
class StoryNote:
    """One link of a story's claim as the page words it: "contradicts", "contradicted_by", "supports"
    or "same_as" the `other_id` claim, through `link` (its status says confirmed or suggested)."""

    kind: str
    other_id: int
    link: ClaimLink


@dataclass
class StoryClaim:
    claim: Claim
    contradicts: list[int] = field(default_factory=list)  # ids of claims this one contradicts
    contradicted_by: list[int] = field(default_factory=list)
    supports: list[int] = field(default_factory=list)
    same_as: list[int] = field(default_factory=list)
    notes: list[StoryNote] = field(default_factory=list)  # confirmed links first

    @property
    def is_contested(self) -> bool:
        return bool(self.contradicts or self.contradicted_by)

    @property
    def is_contested_confirmed(self) -> bool:
        return any(n.link.status == ClaimLink.Status.CONFIRMED for n in self.notes if n.kind.startswith("contradict"))


@dataclass
class StoryActor:
    actor: Actor | None  # None for claims whose speaker is unknown
    claims: list[StoryClaim]


@dataclass
class StoryDetail:
    story: Story
    actors: list[StoryActor]
    links: list[ClaimLink]


def story_detail(*, story: Story | int, confirmed_only: bool = False) -> StoryDetail:
    """A story's speakers, each with their claims, and the links among those claims (dismissed
    suggestions left out; suggestions too with `confirmed_only`), confirmed links first. Three queries."""
    story = story if isinstance(story, Story) else Story.objects.get(pk=story)
    claims = list(claims_in_story(story=story))
    ids = [c.pk for c in claims]
    links = list(
        _shown_links(ClaimLink.objects.filter(source_id__in=ids, target_id__in=ids), confirmed_only=confirmed_only)
    )
    entries = {c.pk: StoryClaim(claim=c) for c in claims}
    for link in links:
        source, target = entries[link.source_id], entries[link.target_id]
        if link.relation == ClaimLink.Relation.CONTRADICTS:
            source.contradicts.append(link.target_id)
            target.contradicted_by.append(link.source_id)
            kinds = ("contradicts", "contradicted_by")
        elif link.relation == ClaimLink.Relation.SUPPORTS:
            source.supports.append(link.target_id)
            target.supports.append(link.source_id)
            kinds = ("supports", "supports")
        else:
            source.same_as.append(link.target_id)
            target.same_as.append(link.source_id)
            kinds = ("same_as", "same_as")
        source.notes.append(StoryNote(kinds[0], link.target_id, link))
        target.notes.append(StoryNote(kinds[1], link.source_id, link))
    by_actor: dict[int | None, list[StoryClaim]] = defaultdict(list)
    for claim in claims:
        by_actor[claim.speaker_id].append(entries[claim.pk])
    actors = [StoryActor(actor=items[0].claim.speaker, claims=items) for items in by_actor.values()]
    actors.sort(key=lambda a: (-len(a.claims), a.actor.name if a.actor else "~"))
    return StoryDetail(story=story, actors=actors, links=links)


# --- the analyst UI's lists and pages ------------------------------------------------------------

CLAIM_SORTS: dict[str, tuple[str, list[Any]]] = {
    "newest": ("Newest article first", [F("article__published_at").desc(nulls_last=True), "-id"]),
    "oldest": ("Oldest article first", [F("article__published_at").asc(nulls_last=True), "id"]),
    "found": ("Recently found", ["-created_at", "-id"]),
    "speaker": ("Speaker A–Z", [F("speaker__name").asc(nulls_last=True), "-id"]),
    "confidence": ("Highest confidence", ["-confidence", "-id"]),
    "relevance": ("Best match (with a search)", ["-rank", "-id"]),
}
DEFAULT_CLAIM_SORT = "newest"


def search_query(text: str) -> SearchQuery:
    return SearchQuery(text, config="english", search_type="websearch")


LIST_RELATED = ("speaker", "via", "story", "article__outlet")


def claim_list_base() -> QuerySet[Claim]:
    """Claims with what a list row shows, without the (long) article text."""
    return Claim.objects.select_related(*LIST_RELATED).defer("article__text", "search_vector")


@dataclass
class ClaimSelection:
    filterset: ClaimFilter
    queryset: QuerySet[Claim]
    search: str
    sort: str


def claim_selection(*, params: Any, headlines: bool = True) -> ClaimSelection:
    """The claims a filter form (a QueryDict) selects, sorted, with search headlines when searching
    (exports, which carry the whole content, skip them).

    Rejected claims are left out unless the review-status filter asks for them.
    """
    filterset = ClaimFilter(params, queryset=claim_list_base())
    queryset = filterset.qs
    cleaned = filterset.form.cleaned_data if filterset.is_bound else {}
    if not cleaned.get("review_status"):
        queryset = queryset.visible()
    search = (cleaned.get("q") or "").strip()
    sort = params.get("sort") or ("relevance" if search else DEFAULT_CLAIM_SORT)
    if sort not in CLAIM_SORTS or (sort == "relevance" and not search):
        sort = DEFAULT_CLAIM_SORT
    if search and headlines:
        queryset = queryset.annotate(
            headline=SearchHeadline(
                "content",
                search_query(search),
                config="english",
                start_sel=_MATCH_START,
                stop_sel=_MATCH_END,
                highlight_all=True,
            )
        )
    return ClaimSelection(filterset, queryset.order_by(*CLAIM_SORTS[sort][1]), search, sort)


def speaker_choices(*, selected: Actor | None = None, limit: int = 400) -> list[tuple[int, str]]:
    """Actors to offer in the speaker filter: the most quoted ones, alphabetically, and the selected one.

    Ranking every actor by claim count reads every claim (about a second at a million claims), so
    the ranking is cached until a claim changes: the newest `updated_at` (an index lookup) is part
    of the key. Claims only disappear when an article is re-extracted, which adds newer ones.
    """
    latest = Claim.objects.aggregate(latest=Max("updated_at"))["latest"]
    key = f"claims:top-speakers:{limit}:{latest.isoformat() if latest else 'none'}"
    top = cache.get(key)
    if top is None:
        top = list(
            Actor.objects.filter(claims__isnull=False)
            .annotate(claim_count=Count("claims"))
            .order_by("-claim_count", "name")
            .values_list("id", "name")[:limit]
        )
        cache.set(key, top, timeout=SPEAKER_CHOICES_SECONDS)
    if selected is not None and selected.pk not in {pk for pk, _ in top}:
        top = [*top, (selected.pk, selected.name)]
    return sorted(top, key=lambda choice: choice[1].casefold())


def story_choices(*, selected: Story | None = None, limit: int = 200) -> list[tuple[int, str]]:
    recent = list(Story.objects.order_by("-last_seen_at", "-id").values_list("id", "title")[:limit])
    if selected is not None and selected.pk not in {pk for pk, _ in recent}:
        recent.append((selected.pk, selected.title))
    return recent


# --- one claim ---------------------------------------------------------------------------------


def claim_detail_queryset() -> QuerySet[Claim]:
    return Claim.objects.select_related("speaker", "via", "story", "article", "article__outlet").defer("search_vector")


@dataclass(frozen=True)
class LinkedClaim:
    link: ClaimLink
    other: Claim
    outgoing: bool  # this claim is the link's source


@dataclass
class ClaimRelations:
    contradicting: list[LinkedClaim] = field(default_factory=list)
    supporting: list[LinkedClaim] = field(default_factory=list)
    same: list[LinkedClaim] = field(default_factory=list)

    @staticmethod
    def _count(linked: list[LinkedClaim], status: str) -> int:
        return sum(item.link.status == status for item in linked)

    @property
    def contradicting_counts(self) -> dict[str, int]:
        """How many contradicting links are confirmed and how many only suggested."""
        return {status: self._count(self.contradicting, status) for status in ("confirmed", "suggested")}

    @property
    def supporting_counts(self) -> dict[str, int]:
        both = self.supporting + self.same
        return {status: self._count(both, status) for status in ("confirmed", "suggested")}


def _shown_links(links: QuerySet[ClaimLink], *, confirmed_only: bool) -> QuerySet[ClaimLink]:
    """Links a page shows: never dismissed ones; suggestions unless only confirmed links are asked for.
    Confirmed first (an editor stands behind them), then suggestions by score."""
    shown = [ClaimLink.Status.CONFIRMED] if confirmed_only else [ClaimLink.Status.CONFIRMED, ClaimLink.Status.SUGGESTED]
    confirmed_first = Case(When(status=ClaimLink.Status.CONFIRMED, then=0), default=1)
    return links.filter(status__in=shown).order_by(confirmed_first, F("score").desc(nulls_last=True), "-id")


def claim_relations(*, claim: Claim, confirmed_only: bool = False) -> ClaimRelations:
    """The claims linked to this one in either direction, dismissed suggestions left out (and the
    other suggestions too with `confirmed_only`): confirmed links first, then suggestions best first."""
    links = (
        _shown_links(ClaimLink.objects.filter(Q(source=claim) | Q(target=claim)), confirmed_only=confirmed_only)
        .select_related(*(f"{side}__{field}" for side in ("source", "target") for field in LIST_RELATED))
        .defer("source__article__text", "target__article__text", "source__search_vector", "target__search_vector")
    )
    relations = ClaimRelations()
    buckets = {
        ClaimLink.Relation.CONTRADICTS: relations.contradicting,
        ClaimLink.Relation.SUPPORTS: relations.supporting,
        ClaimLink.Relation.SAME: relations.same,
    }
    for link in links:
        outgoing = link.source_id == claim.pk
        buckets[link.relation].append(LinkedClaim(link, link.target if outgoing else link.source, outgoing))
    return relations


def claim_story_siblings(*, claim: Claim, limit: int = 50) -> list[Claim]:
    """The other claims of the claim's story, in the order they were published."""
    if claim.story_id is None:
        return []
    return list(claims_in_story(story=claim.story_id).exclude(pk=claim.pk).defer("article__text")[:limit])


def claim_revisions(*, claim: Claim) -> QuerySet[ClaimRevision]:
    return claim.revisions.select_related("user").order_by("-created_at", "-id")


# --- actors ------------------------------------------------------------------------------------


def actor_list(*, query: str = "") -> QuerySet[Actor]:
    """Actors (merged ones left out) with their claim counts, most quoted first; a query keeps the
    actors whose name or an alias resembles it (see actors_lookup), best match first."""
    actors = (
        Actor.objects.filter(merged_into__isnull=True)
        .annotate(claim_count=Count("claims", filter=~Q(claims__review_status=Claim.ReviewStatus.REJECTED)))
        .prefetch_related(Prefetch("aliases", queryset=ActorAlias.objects.order_by("name")))
    )
    key = normalize_name(query)
    if not key:
        return actors.order_by("-claim_count", "name")
    return _resembling(actors, key).order_by("-similarity", "-claim_count", "name")


TIMELINE_AXIS = 16  # pixels under the bars for the date labels
TIMELINE_TOP = 14  # pixels over the tallest bar for its count


@dataclass(frozen=True)
class TimelineBar:
    label: str
    start: dt.date
    count: int
    x: float
    y: float
    height: float


@dataclass(frozen=True)
class Timeline:
    bars: list[TimelineBar]
    by: str  # "day" or "month"
    peak: int
    width: int
    height: int
    bar_width: float

    @property
    def baseline(self) -> int:
        return self.height - TIMELINE_AXIS

    @property
    def peak_y(self) -> int:
        return TIMELINE_TOP

    @property
    def first_label(self) -> str:
        return self.bars[0].label if self.bars else ""

    @property
    def last_label(self) -> str:
        return self.bars[-1].label if self.bars else ""


def _months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, current = [], first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return months


def actor_timeline(*, actor: Actor, width: int = 640, height: int = 120, max_days: int = 62) -> Timeline:
    """Claims per day (or per month for a long span), dated by the article, else by when they were found."""
    per_day = dict(
        actor.claims.visible()
        .annotate(day=TruncDate(Coalesce("article__published_at", "created_at")))
        .values("day")
        .annotate(count=Count("id"))
        .values_list("day", "count")
    )
    if not per_day:
        return Timeline([], "day", 0, width, height, 0)
    first, last = min(per_day), max(per_day)
    if (last - first).days < max_days:
        by = "day"
        starts = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        counts = per_day
    else:
        by = "month"
        starts = _months_between(first, last)
        monthly: Counter[dt.date] = Counter()
        for day, count in per_day.items():
            monthly[day.replace(day=1)] += count
        counts = dict(monthly)
    peak = max(counts.values())
    bar_width = min(width / len(starts), 48)
    tallest = height - TIMELINE_AXIS - TIMELINE_TOP
    bars = []
    for index, start in enumerate(starts):
        bar_height = round(tallest * counts.get(start, 0) / peak, 2)
        bars.append(
            TimelineBar(
                label=start.strftime("%Y-%m-%d" if by == "day" else "%Y-%m"),
                start=start,
                count=counts.get(start, 0),
                x=round(index * bar_width, 2),
                y=round(height - TIMELINE_AXIS - bar_height, 2),
                height=bar_height,
            )
        )
    return Timeline(bars, by, peak, width, height, round(max(bar_width - 1, 1), 2))


def actor_said_about(*, actor: Actor, limit: int = 30) -> list[dict[str, Any]]:
    """Whom the actor's claims name, with how many claims name each."""
    return list(
        ClaimEntity.objects.filter(claim__speaker=actor, actor__isnull=False)
        .exclude(claim__review_status=Claim.ReviewStatus.REJECTED)
        .exclude(actor=actor)
        .values("actor_id", "actor__name")
        .annotate(claims=Count("claim", distinct=True))
        .order_by("-claims", "actor__name")[:limit]
    )


def actor_contradicted_by(*, actor: Actor) -> list[dict[str, Any]]:
    """Other speakers in contradiction with the actor, counting links in either direction (dismissed
    ones left out): unlike actors_contradicting, a later claim of this actor that contradicts an
    earlier claim of theirs counts too. Each row counts `confirmed` and `suggested` links apart
    (`count` is both); rows with confirmed contradictions come first."""
    links = ClaimLink.objects.filter(relation=ClaimLink.Relation.CONTRADICTS).exclude(status=ClaimLink.Status.DISMISSED)
    confirmed: Counter[tuple[int, str]] = Counter()
    suggested: Counter[tuple[int, str]] = Counter()
    for side, other in (("source", "target"), ("target", "source")):
        rows = (
            links.filter(**{f"{side}__speaker": actor}, **{f"{other}__speaker__isnull": False})
            .exclude(**{f"{other}__speaker": actor})
            .values_list(f"{other}__speaker_id", f"{other}__speaker__name")
            .annotate(
                sure=Count("id", filter=Q(status=ClaimLink.Status.CONFIRMED)),
                maybe=Count("id", filter=Q(status=ClaimLink.Status.SUGGESTED)),
            )
        )
        for speaker_id, name, sure, maybe in rows:
            confirmed[(speaker_id, name)] += sure
            suggested[(speaker_id, name)] += maybe
    keys = sorted(confirmed.keys() | suggested.keys(), key=lambda k: (-confirmed[k], -suggested[k], k[1]))
    return [
        {
            "actor_id": key[0],
            "name": key[1],
            "confirmed": confirmed[key],
            "suggested": suggested[key],
            "count": confirmed[key] + suggested[key],
        }
        for key in keys
    ]


# --- dashboard ---------------------------------------------------------------------------------


@dataclass
class Dashboard:
    articles_by_status: dict[str, int]
    articles_total: int
    claims: int
    actors: int
    stories: int
    recent_articles: list[Article]
    top_actors: list[Actor]
    contradictions: list[ClaimLink]


def dashboard_summary(*, recent: int = 8, top: int = 10) -> Dashboard:
    by_status = Article.objects.aggregate(
        **{status: Count("id", filter=Q(status=status)) for status in Article.Status.values}
    )
    claims = Claim.objects.visible().count()
    actors = Actor.objects.filter(merged_into__isnull=True).count()
    stories = Story.objects.count()
    recent_articles = list(
        Article.objects.select_related("outlet")
        .defer("text")
        .annotate(claim_count=Count("claims"))
        .order_by("-created_at", "-id")[:recent]
    )
    top_actors = list(
        Actor.objects.filter(merged_into__isnull=True)
        .annotate(claim_count=Count("claims", filter=~Q(claims__review_status=Claim.ReviewStatus.REJECTED)))
        .filter(claim_count__gt=0)
        .order_by("-claim_count", "name")[:top]
    )
    contradictions = list(
        ClaimLink.objects.filter(relation=ClaimLink.Relation.CONTRADICTS)
        .exclude(status=ClaimLink.Status.DISMISSED)
        .select_related("source__speaker", "target__speaker")
        .defer("source__search_vector", "target__search_vector")
        .order_by("-created_at", "-id")[:recent]
    )
    return Dashboard(
        articles_by_status=by_status,
        articles_total=sum(by_status.values()),
        claims=claims,
        actors=actors,
        stories=stories,
        recent_articles=recent_articles,
        top_actors=top_actors,
        contradictions=contradictions,
    )
