"""The REST API's URLs: the one place that imports the apps' API views. Nothing imports this module
but claims_tracker.urls; the policy the apps share is claims_tracker.api."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from claims.apis import (
    ActorViewSet,
    ClaimCsvExportApi,
    ClaimJsonLinesExportApi,
    ClaimLinkViewSet,
    ClaimViewSet,
    StoryViewSet,
)
from claims.article_apis import ArticleViewSet

router = DefaultRouter()
router.include_format_suffixes = False
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("actors", ActorViewSet, basename="actor")
router.register("stories", StoryViewSet, basename="story")
router.register("links", ClaimLinkViewSet, basename="claimlink")
urlpatterns = [
    path("v1/claims/export.csv", ClaimCsvExportApi.as_view(), name="claim-export-csv"),
    path("v1/claims/export.jsonl", ClaimJsonLinesExportApi.as_view(), name="claim-export-jsonl"),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's set-up as a script file: the Content-Security-Policy allows
    # no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:api-schema"), name="api-docs"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:api-schema", template_name="claims_tracker/redoc.html"),
        name="api-redoc",
    ),
]
