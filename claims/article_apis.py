"""REST endpoints for articles: list (with claim counts), read (with claims), submit, retry a failed
article. On the claims side because an article is shown with its claims; the writes are
articles.services'."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.viewsets import GenericViewSet

from articles.filters import ArticleFilter
from articles.models import Article
from articles.serializers import ArticleSerializer, ArticleStatusSerializer, ArticleSubmitSerializer
from articles.services import article_retry, article_submit
from claims import selectors
from claims.serializers import ArticleDetailSerializer


@extend_schema_view(
    list=extend_schema(summary="List articles (without text)"),
    retrieve=extend_schema(summary="One article: its status, text and claims"),
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, GenericViewSet[Article]):
    filterset_class = ArticleFilter
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Article]:
        if self.action == "retrieve":
            return selectors.article_detail_list()
        return selectors.article_list()

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer

    @extend_schema(
        summary="Submit an article's text, or a URL to fetch (editors)",
        description="Answers 202 at once with the article's address, or 200 with the existing article when "
        "the same text (or URL) was submitted before. Poll the address: `status` goes pending → processing → "
        "done (or failed). A `url` sent without text is fetched by a worker, not in this request: the article "
        "starts `fetching`, then becomes pending (its text stored, extraction queued), or failed with the "
        "reason in `error` (retry fetches again), or done with `duplicate_of` when the page repeats a stored "
        "article. A URL refused without fetching it (not http(s), a private address) is a 400.",
        request=ArticleSubmitSerializer,
        responses={
            202: OpenApiResponse(
                ArticleStatusSerializer, description="Accepted; extraction queued, or the page's fetch (`fetching`)."
            ),
            200: OpenApiResponse(ArticleStatusSerializer, description="Already known: the existing article."),
        },
    )
    def create(self, request: Request) -> Response:
        submitted = ArticleSubmitSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        fields = dict(submitted.validated_data)
        result = article_submit(outlet_name=fields.pop("outlet", ""), **fields)
        body = ArticleStatusSerializer(result.article, context={"request": request}).data
        return Response(
            body,
            status=status.HTTP_202_ACCEPTED if result.created else status.HTTP_200_OK,
            headers={"Location": body["api_url"]},
        )

    @extend_schema(
        summary="Queue a failed or pending article again (editors)",
        description="A failed extraction is queued again; an article whose page could not be fetched (no "
        "text) is fetched again, `fetching`. 409 for a done article, or one a worker holds.",
        request=None,
        responses={202: OpenApiResponse(ArticleStatusSerializer, description="Queued again.")},
    )
    @action(detail=True, methods=["post"])
    def retry(self, request: Request, pk: str) -> Response:
        article = article_retry(article=self.get_object())  # RetryRefused answers 409
        body = ArticleStatusSerializer(article, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["api_url"]})
