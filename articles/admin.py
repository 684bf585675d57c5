from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from articles.errors import RetryRefused
from articles.models import Article, Feed, FeedEntry, Outlet
from articles.services import article_retry


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "created_at"]
    search_fields = ["name", "domain"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "outlet", "active", "last_polled_at", "last_error"]
    list_filter = ["active", "outlet"]
    search_fields = ["url"]
    readonly_fields = ["last_polled_at", "last_error"]


@admin.register(FeedEntry)
class FeedEntryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "feed", "article", "attempts", "error", "created_at"]
    list_filter = ["feed"]
    search_fields = ["link", "guid"]
    list_select_related = ["feed", "article"]
    raw_id_fields = ["article"]
    readonly_fields = ["key", "guid", "link", "attempts", "error", "created_at", "updated_at"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "outlet", "status", "published_at", "created_at", "extractor_version"]
    list_filter = ["status", "outlet", "language", "extractor_version"]
    search_fields = ["title", "url", "byline"]
    date_hierarchy = "created_at"
    raw_id_fields = ["duplicate_of"]
    readonly_fields = [
        "text_hash",
        "status",
        "error",
        "attempts",
        "task_id",
        "processed_at",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["outlet"]
    actions = ["retry"]

    @admin.action(description="Retry extraction (failed or pending articles)")
    def retry(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        queued = refused = 0
        for article in queryset:
            try:
                article_retry(article=article)
            except RetryRefused:
                refused += 1
            else:
                queued += 1
        messages.success(request, f"Queued {queued} article(s) for extraction.")
        if refused:
            messages.warning(request, f"Left {refused} article(s) alone: only failed or pending ones are retried.")
