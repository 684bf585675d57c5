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
        summary="Submit an article's text (editors)",
        description="Answers 202 with the article's address while its claims are extracted, or 200 with "
        "the existing article when the same text (or URL) was submitted before. Poll the address: "
        "`status` goes pending → processing → done (or failed).",
        request=ArticleSubmitSerializer,
        responses={
            202: OpenApiResponse(ArticleStatusSerializer, description="Accepted; extraction queued."),
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
        request=None,
        responses={202: OpenApiResponse(ArticleStatusSerializer, description="Queued again.")},
    )
    @action(detail=True, methods=["post"])
    def retry(self, request: Request, pk: str) -> Response:
        article = article_retry(article=self.get_object())  # RetryRefused answers 409
        body = ArticleStatusSerializer(article, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["api_url"]})
