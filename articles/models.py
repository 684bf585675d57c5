from __future__ import annotations

from datetime import datetime

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Left

from claims_tracker.models import TimeStampedModel


class Outlet(TimeStampedModel):
    name = models.CharField(max_length=200)
    domain = models.CharField(max_length=253, unique=True, null=True, blank=True, help_text="e.g. bbc.co.uk")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Feed(TimeStampedModel):
    """An RSS or Atom feed of an outlet, polled on a schedule."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="feeds")
    url = models.URLField(max_length=2000, unique=True)
    active = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.url


class FeedEntry(TimeStampedModel):
    """An entry seen in a feed: remembered so that each is ingested once, however often it is polled."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="entries")
    # sha256 of the entry's id (or its link when it has none): ids can be long URLs.
    key = models.CharField(max_length=64)
    guid = models.TextField(blank=True)
    link = models.URLField(max_length=2000, blank=True)
    article = models.ForeignKey(
        "Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="feed_entries"
    )
    # A failed entry is tried again on later polls, up to a limit (articles.services.FEED_ENTRY_MAX_ATTEMPTS).
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "feed entries"
        constraints = [models.UniqueConstraint(fields=["feed", "key"], name="feed_entry_unique_key")]

    def __str__(self) -> str:
        return self.link or self.guid


class ArticleQuerySet(models.QuerySet["Article"]):
    def pending(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.PENDING)

    def failed(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.FAILED)

    def fetching(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.FETCHING)

    def processing(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.PROCESSING)

    def untouched_since(self, moment: datetime) -> ArticleQuerySet:
        return self.filter(updated_at__lt=moment)

    def crossref_due(self) -> ArticleQuerySet:
        """Extracted, and not cross-referenced since: its cross-referencing is queued (or lost and
        swept again), and will see every article stored before it runs."""
        return self.filter(CROSSREF_DUE)


# Also the condition of the index the sweeper reads (Article.Meta.indexes).
CROSSREF_DUE = Q(status="done") & (Q(crossref_at__isnull=True) | Q(crossref_at__lt=F("processed_at")))


class ArticleStatus(models.TextChoices):
    # A URL submitted without text: its page is being fetched (articles.tasks.fetch_article).
    FETCHING = "fetching"
    PENDING = "pending"
    PROCESSING = "processing"
    DONE = "done"
    FAILED = "failed"


class Article(TimeStampedModel):
    Status = ArticleStatus

    # The one retry rule (UI, API, admin, load_samples): a failed article, or a pending one whose
    # message may be lost, is queued again; never one a worker holds (processing) or one done.
    RETRYABLE_STATUSES = frozenset({ArticleStatus.FAILED, ArticleStatus.PENDING})
    # What only the article's own page, extraction and near-duplicate checks read: the text, and its
    # signature (160 numbers). Lists defer them (`list_deferred`).
    SIGNATURE_FIELDS = ("minhash", "minhash_bands")
    BULKY_FIELDS = ("text", *SIGNATURE_FIELDS)

    outlet = models.ForeignKey(Outlet, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles")
    url = models.URLField(max_length=2000, unique=True, null=True, blank=True)
    title = models.CharField(max_length=500, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    dateline = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Empty only while its page is fetched, or when fetching it failed (then `error` says why).
    text = models.TextField(blank=True)
    # The text's start, kept by PostgreSQL: what a list shows for an untitled article (`display_title`)
    # without reading its whole text, one query for the whole list.
    lead = models.GeneratedField(
        expression=Left("text", 80), output_field=models.CharField(max_length=80), db_persist=True
    )
    language = models.CharField(max_length=12, default="en")
    # sha256 of the text with case and white space folded: the same text twice is one article. Null
    # while there is no text yet, and on a fetched page that repeats an article exactly (duplicate_of).
    text_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    # Near-duplicates (the same wire story lightly edited) point at the article they repeat.
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="near_duplicates"
    )
    # MinHash of the text's word shingles and its band hashes (articles.dedup), to find near-duplicates.
    minhash = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    minhash_bands = ArrayField(models.BigIntegerField(), default=list, blank=True, editable=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=64, blank=True)
    # Extraction read text[:extracted_chars] (EXTRACTION_MAX_CHARS bounds it, claims.bounds); null before.
    extracted_chars = models.PositiveIntegerField(null=True, blank=True)
    # When cross-referencing last finished for this article; behind processed_at (or null) means it is
    # still due, and the crossref sweeper (claims.crossref.articles_sweep_crossref) queues it again.
    crossref_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # The Celery task that holds the article while processing: a redelivered message may resume it.
    task_id = models.CharField(max_length=64, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text="") | Q(status__in=[ArticleStatus.FETCHING, ArticleStatus.FAILED]),
                name="article_text_not_empty",
            ),
            models.CheckConstraint(condition=Q(status__in=ArticleStatus.values), name="article_status_valid"),
        ]
        indexes = [
            models.Index(fields=["status", "updated_at"], name="article_status_updated"),
            models.Index(fields=["outlet", "-published_at"], name="article_outlet_published"),
            # The claim list's default order, newest article first with undated ones last: at a million
            # claims the planner walks this index and stops after a page instead of sorting every article.
            models.Index(F("published_at").desc(nulls_last=True), F("id").desc(), name="article_published_recent"),
            GinIndex(fields=["minhash_bands"], name="article_minhash_bands"),
            # The crossref sweeper's question, asked every minute: done articles whose crossref is due.
            models.Index(
                fields=["processed_at"],
                condition=CROSSREF_DUE,
                name="article_crossref_due",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"

    @property
    def extraction_truncated(self) -> bool:
        """Extraction stopped before the end of a very long text (its tail has no machine claims)."""
        return self.extracted_chars is not None and self.extracted_chars < len(self.text)

    @property
    def is_settled(self) -> bool:
        """Done or failed: nothing changes by itself any more (the article page stops polling)."""
        return self.status in (Article.Status.DONE, Article.Status.FAILED)

    @property
    def is_retryable(self) -> bool:
        return self.status in Article.RETRYABLE_STATUSES

    @property
    def fetch_failed(self) -> bool:
        """A submitted URL whose page could not be fetched: there is no text; a retry fetches again."""
        return self.status == Article.Status.FAILED and not self.text

    @property
    def display_title(self) -> str:
        from articles.text import clean_line

        # The text's start stands in for a missing title: one line, without bidi overrides.
        return self.title or clean_line(self.lead, max_length=80) or self.url or f"Article {self.pk}"


def list_deferred(prefix: str = "", *, keep_text: bool = False) -> list[str]:
    """The bulky article columns as `defer()` names them, behind `prefix` ("article__" for claims
    read with their article); `keep_text` for a page that shows the text."""
    fields = Article.SIGNATURE_FIELDS if keep_text else Article.BULKY_FIELDS
    return [prefix + name for name in fields]
