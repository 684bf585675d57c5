from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import F, Q

from claims.extraction import types as engine
from claims.extraction.names import actor_key
from claims_tracker.models import TimeStampedModel

# The engine's enums (claims.extraction.types) are the definitions: these choices take their values
# from there, and tests/claims/test_models.py checks that the two sides hold the same members.


class Origin(models.TextChoices):
    MACHINE = "machine"
    EDITOR = "editor"


class ActorKind(models.TextChoices):
    PERSON = engine.ActorKind.PERSON
    ORGANIZATION = engine.ActorKind.ORGANIZATION
    GOVERNMENT = engine.ActorKind.GOVERNMENT
    COUNTRY = engine.ActorKind.COUNTRY
    MEDIA = engine.ActorKind.MEDIA
    GROUP = engine.ActorKind.GROUP
    UNKNOWN = engine.ActorKind.UNKNOWN


class ClaimKind(models.TextChoices):
    DIRECT = engine.Kind.DIRECT
    INDIRECT = engine.Kind.INDIRECT
    MIXED = engine.Kind.MIXED


class ClaimStance(models.TextChoices):
    ASSERTS = engine.Stance.ASSERTS
    DENIES = engine.Stance.DENIES
    DISPUTES = engine.Stance.DISPUTES
    DOUBTS = engine.Stance.DOUBTS
    THREATENS = engine.Stance.THREATENS
    DEMANDS = engine.Stance.DEMANDS


class ReviewStatus(models.TextChoices):
    UNREVIEWED = "unreviewed"
    VERIFIED = "verified"
    CORRECTED = "corrected"
    REJECTED = "rejected"


class LinkRelation(models.TextChoices):
    SAME = "same"
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"


class Actor(TimeStampedModel):
    """A canonical speaker or subject: a person, an institution, a country."""

    Kind = ActorKind

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.UNKNOWN)
    description = models.TextField(blank=True)
    wikidata_id = models.CharField(max_length=20, unique=True, null=True, blank=True)
    # Set when an editor merged this actor into another; its claims and aliases moved there.
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Whom this actor speaks for: a spokesperson for an office, an office for a government
    # ("Putin's spokesman, Dmitry Peskov" -> Putin). Filled by extraction only while empty.
    speaks_for = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="spokespeople"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(wikidata_id__regex=r"^Q[1-9][0-9]*$"), name="actor_wikidata_id_format"),
            models.CheckConstraint(condition=~Q(name=""), name="actor_name_not_empty"),
        ]
        indexes = [GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="actor_name_trgm")]

    def __str__(self) -> str:
        return self.name


# The last word of an alias's loose key: a person's surname (claims.resolver matches people on it).
LOOSE_SURNAME = models.Func(
    F("loose_key"), models.Value(" "), models.Value(-1), function="split_part", output_field=models.CharField()
)


class ActorAlias(TimeStampedModel):
    """Another name of an actor; `normalized` (see claims.extraction.names) is unique across actors."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    normalized = models.CharField(max_length=300, unique=True)
    # claims.extraction.names.actor_key: spelling variants share it ("Zelenskiy", "Zelenskyy"),
    # so a new spelling finds its actor; not unique, and only a fallback to `normalized`.
    loose_key = models.CharField(max_length=300, blank=True, db_index=True)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MACHINE)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "actor aliases"
        indexes = [
            GinIndex(fields=["normalized"], opclasses=["gin_trgm_ops"], name="alias_normalized_trgm"),
            # The surname look-up (claims.resolver): people whose key ends in a word, without a scan.
            models.Index(LOOSE_SURNAME, name="alias_loose_surname"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.actor_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.loose_key:
            self.loose_key = actor_key(self.name)[:300]
        super().save(*args, **kwargs)


class ActorMerge(models.Model):
    """The record of one merge, kept after the merged actor is gone."""

    into = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="merges")
    merged_name = models.CharField(max_length=300)
    merged_actor_id = models.BigIntegerField()
    moved_claims = models.PositiveIntegerField(default=0)
    moved_aliases = models.PositiveIntegerField(default=0)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # What moved, by id, so the merge can be undone: {"speaker": [claim ids], "via": [...],
    # "mentions": [entity ids], "aliases": [alias ids], "actors": [actor ids re-pointed], "wikidata_id": ...}.
    moved = models.JSONField(default=dict, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.merged_name} merged into {self.into_id}"

    @property
    def is_undoable(self) -> bool:
        return self.undone_at is None and bool(self.moved)


class Story(TimeStampedModel):
    """Claims about one event or proposition, across articles and speakers."""

    title = models.CharField(max_length=500)
    first_seen_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_seen_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-last_seen_at", "-id"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title


class ClaimQuerySet(models.QuerySet["Claim"]):
    def machine_owned(self) -> ClaimQuerySet:
        """Claims re-extraction may replace: machine-made and never touched by an editor."""
        return self.filter(origin=Origin.MACHINE, editor_touched_at__isnull=True)

    def editor_touched(self) -> ClaimQuerySet:
        return self.exclude(origin=Origin.MACHINE, editor_touched_at__isnull=True)

    def visible(self) -> ClaimQuerySet:
        return self.exclude(review_status=Claim.ReviewStatus.REJECTED)

    def verified(self) -> ClaimQuerySet:
        return self.filter(review_status__in=[Claim.ReviewStatus.VERIFIED, Claim.ReviewStatus.CORRECTED])

    def by_actor(self, actor: Actor | int) -> ClaimQuerySet:
        return self.filter(speaker=actor)

    def about(self, actor: Actor | int) -> ClaimQuerySet:
        # EXISTS rather than a join: no DISTINCT, so ordering and pagination stay cheap, and the
        # (actor, claim) index on ClaimEntity answers it.
        return self.filter(models.Exists(ClaimEntity.objects.filter(claim=models.OuterRef("pk"), actor=actor)))

    def in_story(self, story: Story | int) -> ClaimQuerySet:
        return self.filter(story=story)


class Claim(TimeStampedModel):
    Kind = ClaimKind
    Stance = ClaimStance
    ReviewStatus = ReviewStatus

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="claims")
    speaker = models.ForeignKey(Actor, on_delete=models.SET_NULL, null=True, blank=True, related_name="claims")
    speaker_mention = models.CharField(max_length=300, blank=True)
    speaker_start = models.PositiveIntegerField(null=True, blank=True)
    speaker_end = models.PositiveIntegerField(null=True, blank=True)
    cue = models.CharField(max_length=200)
    cue_start = models.PositiveIntegerField()
    cue_end = models.PositiveIntegerField()
    content = models.TextField()
    content_start = models.PositiveIntegerField()
    content_end = models.PositiveIntegerField()
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.INDIRECT)
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.ASSERTS)
    via = models.ForeignKey(Actor, on_delete=models.SET_NULL, null=True, blank=True, related_name="relayed_claims")
    confidence = models.FloatField(default=0.5)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MACHINE)
    review_status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED)
    review_reason = models.TextField(blank=True, help_text="Why an editor rejected or corrected the claim.")
    note = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=64, blank=True)
    story = models.ForeignKey(Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="claims")
    # Who put the claim in its story: cross-referencing never moves a claim an editor placed.
    story_origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MACHINE)
    # Set on an editor's first change; such claims are never replaced by re-extraction.
    editor_touched_at = models.DateTimeField(null=True, blank=True)
    # Bumped on every edit: a save that carries an older version is a concurrent-edit conflict.
    version = models.PositiveIntegerField(default=1)
    # The article's publication date, copied so that lists sort and windows read claims by it without
    # joining articles for every candidate row. Kept exact by the database (claims/published_sql.py):
    # whatever a writer puts here is replaced by the article's date.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    search_vector = models.GeneratedField(
        expression=SearchVector("content", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "content_start"]
        constraints = [
            models.CheckConstraint(condition=Q(content_end__gt=F("content_start")), name="claim_content_span_valid"),
            models.CheckConstraint(condition=Q(cue_end__gte=F("cue_start")), name="claim_cue_span_valid"),
            models.CheckConstraint(
                condition=Q(sentence_end__gte=F("sentence_start")), name="claim_sentence_span_valid"
            ),
            models.CheckConstraint(
                condition=(Q(speaker_start__isnull=True, speaker_end__isnull=True))
                | Q(speaker_start__isnull=False, speaker_end__gt=F("speaker_start")),
                name="claim_speaker_span_valid",
            ),
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="claim_confidence_range"),
            models.CheckConstraint(condition=Q(kind__in=ClaimKind.values), name="claim_kind_valid"),
            models.CheckConstraint(condition=Q(stance__in=ClaimStance.values), name="claim_stance_valid"),
            models.CheckConstraint(
                condition=Q(review_status__in=ReviewStatus.values), name="claim_review_status_valid"
            ),
            models.CheckConstraint(condition=Q(story_origin__in=Origin.values), name="claim_story_origin_valid"),
        ]
        indexes = [
            models.Index(fields=["article", "content_start"], name="claim_article_offset"),
            models.Index(fields=["speaker", "-created_at"], name="claim_speaker_created"),
            models.Index(fields=["updated_at", "id"], name="claim_updated_id"),
            # An actor's claims in the API's order (by update, for incremental sync), with a stance or
            # not: through the index on updated_at alone, a speaker with a rarer stance had 46,000
            # other claims read before its first 50 (migration 0016).
            models.Index(fields=["speaker", "updated_at", "id"], name="claim_speaker_updated_id"),
            models.Index(fields=["-created_at", "-id"], name="claim_created_id"),
            models.Index(fields=["stance"], name="claim_stance"),
            models.Index(fields=["review_status"], name="claim_review_status"),
            # Counting an actor's visible claims, with a stance or not, from the index alone: the claim
            # list filtered by speaker and stance counts up to 10,001 rows (bench/latency.py).
            models.Index(
                fields=["speaker", "stance"],
                include=["id"],  # what the count selects
                condition=~Q(review_status="rejected"),
                name="claim_speaker_stance_visible",
            ),
            # Newest article first (the claim list's default order) and the time windows of
            # cross-referencing (a range of published_at).
            models.Index(F("published_at").desc(nulls_last=True), F("id").desc(), name="claim_published_id"),
            # An actor's visible claims with a stance, newest article first.
            models.Index(
                F("speaker"),
                F("stance"),
                F("published_at").desc(nulls_last=True),
                F("id").desc(),
                condition=~Q(review_status="rejected"),
                name="claim_speaker_stance_published",
            ),
            GinIndex(fields=["search_vector"], name="claim_search_vector"),
        ]

    def __str__(self) -> str:
        speaker = self.speaker.name if self.speaker_id and self.speaker else self.speaker_mention or "?"
        return f"{speaker}: {self.content[:60]}"

    @property
    def is_editor_touched(self) -> bool:
        return self.origin == Origin.EDITOR or self.editor_touched_at is not None


class ClaimEntity(models.Model):
    """A named entity inside a claim's content: what the claim is about."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="entities")
    # db_index off: the (actor, claim) index below serves lookups by actor.
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions", db_index=False
    )
    text = models.CharField(max_length=300)
    label = models.CharField(max_length=20)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        verbose_name_plural = "claim entities"
        indexes = [models.Index(fields=["actor", "claim"], name="claim_entity_actor")]

    def __str__(self) -> str:
        return f"{self.text} ({self.label})"


class ClaimWord(models.Model):
    """One word of a claim's search_vector, with the claim's date: the postings that the candidate
    search of cross-referencing reads a time window's claims by, word by word, from one index
    (claims/crossref/candidates.py). Written by the database only (claims/words_sql.py): exact
    whatever writes the claims. An undated claim's words carry -infinity (a key has no NULL)."""

    pk = models.CompositePrimaryKey("word", "published_at", "claim")
    word = models.TextField(db_collation="C")
    published_at = models.DateTimeField()
    claim = models.ForeignKey(Claim, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+")

    def __str__(self) -> str:
        return f"{self.word} in claim {self.claim_id}"


class ClaimLink(TimeStampedModel):
    Relation = LinkRelation

    class Status(models.TextChoices):
        SUGGESTED = "suggested"
        CONFIRMED = "confirmed"
        DISMISSED = "dismissed"

    source = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_in")
    relation = models.CharField(max_length=12, choices=Relation.choices)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.MACHINE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    score = models.FloatField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "relation"], name="claim_link_unique"),
            models.CheckConstraint(condition=~Q(source=F("target")), name="claim_link_not_self"),
            models.CheckConstraint(condition=Q(relation__in=LinkRelation.values), name="claim_link_relation_valid"),
        ]
        indexes = [
            models.Index(fields=["relation", "status"], name="claim_link_relation_status"),
            # "who contradicts X" walks links from the target side.
            models.Index(fields=["target", "relation"], name="claim_link_target_relation"),
            models.Index(fields=["updated_at", "id"], name="claim_link_updated_id"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.relation} {self.target_id}"


class ClaimRevision(models.Model):
    """One editor action on a claim: who, when, and each changed field before and after."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="revisions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    action = models.CharField(max_length=20)
    changes = models.JSONField(default=dict, help_text='{"field": [before, after], ...}')
    note = models.TextField(blank=True)
    reverts = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} on claim {self.claim_id}"


class ActorDay(models.Model):
    """How many visible claims an actor made with one stance in articles published on one day (UTC;
    None: undated). Kept exact by database triggers on claims, their articles and entities
    (claims/migrations/0008), whatever writes them, so an actor's page sums a few thousand rows
    instead of reading 100,000 claims. Read only; rows may hold 0."""

    # No foreign-key constraint in Django's sense: the table's own (ON DELETE CASCADE, made by the
    # migration) removes an actor's rows after the triggers have counted its claims out.
    actor = models.ForeignKey(Actor, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+")
    day = models.DateField(null=True)
    stance = models.CharField(max_length=10, choices=ClaimStance.choices)
    claims = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor", "day", "stance"], nulls_distinct=False, name="actor_day_unique")
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.day} {self.stance}: {self.claims}"


class ActorMention(models.Model):
    """How many of an actor's visible claims name another actor (an entity resolved to it), kept
    like ActorDay. Read only; rows may hold 0."""

    actor = models.ForeignKey(Actor, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+")
    named = models.ForeignKey(Actor, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    claims = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["actor", "named"], name="actor_mention_unique")]

    def __str__(self) -> str:
        return f"{self.actor_id} names {self.named_id}: {self.claims}"


class ActorContradiction(models.Model):
    """How many links (contradicts, confirmed or suggested) tie an actor's claims to another actor's
    claims, in either direction, kept like ActorDay (whatever the claims' review status, as the
    actor page has always counted them). Read only; rows may hold 0."""

    actor = models.ForeignKey(Actor, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+")
    other = models.ForeignKey(Actor, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    status = models.CharField(max_length=10)
    links = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["actor", "other", "status"], name="actor_contradiction_unique")]

    def __str__(self) -> str:
        return f"{self.actor_id} and {self.other_id} ({self.status}): {self.links}"
