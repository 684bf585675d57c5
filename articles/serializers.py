"""How articles look in the REST API, and what a client sends to submit one."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import serializers
from rest_framework.reverse import reverse

from articles.models import Article, Outlet
from claims_tracker.strict_fields import StrictCharField


class OutletSerializer(serializers.ModelSerializer[Outlet]):
    class Meta:
        model = Outlet
        fields = ["id", "name", "domain"]


class ArticleStatusSerializer(serializers.ModelSerializer[Article]):
    """The answer to a submission: where the article lives and how far its processing is."""

    api_url = serializers.SerializerMethodField(help_text="This article in the API.")

    class Meta:
        model = Article
        fields = ["id", "api_url", "status", "duplicate_of", "error", "attempts", "processed_at", "updated_at"]
        read_only_fields = fields

    def get_api_url(self, article: Article) -> str:
        return reverse("api:article-detail", kwargs={"pk": article.pk}, request=self.context.get("request"))


class ArticleSerializer(ArticleStatusSerializer):
    outlet = OutletSerializer(read_only=True, allow_null=True)
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "api_url",
            "url",
            "title",
            "outlet",
            "byline",
            "dateline",
            "published_at",
            "language",
            "duplicate_of",
            "status",
            "error",
            "attempts",
            "extractor_version",
            "processed_at",
            "claim_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ArticleSubmitSerializer(serializers.Serializer[Article]):
    text = StrictCharField(
        required=False,
        allow_blank=True,
        help_text="The article's plain text; the same text twice is one article. Leave it out to fetch `url`.",
    )
    title = StrictCharField(required=False, allow_blank=True, max_length=500)
    outlet = StrictCharField(required=False, allow_blank=True, max_length=200, help_text="Outlet name.")
    url = serializers.URLField(
        required=False,
        allow_null=True,
        max_length=2000,
        help_text="Where it was published: kept with the text, or fetched when no text is sent.",
    )
    published_at = serializers.DateTimeField(required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("text", "").strip() and not attrs.get("url"):
            raise serializers.ValidationError({"text": ["Send the article's text, or a url to fetch it from."]})
        return attrs

    def validate_text(self, text: str) -> str:
        if len(text.encode("utf-8", "surrogatepass")) > settings.INGEST_MAX_BYTES:
            raise serializers.ValidationError(f"The text is longer than {settings.INGEST_MAX_BYTES} bytes.")
        return text
