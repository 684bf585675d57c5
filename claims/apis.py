"""REST endpoints for claims, actors, stories and claim links: validate, call a selector or an
editing service, respond. Policy (permissions, errors, paging) is in claims_tracker.api."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from claims import editing
from claims.filters import ActorFilter, ClaimApiFilter, ClaimLinkFilter, StoryFilter
from claims.models import Claim, ClaimLink
from claims.selectors import api as api_selectors
from claims.serializers import (
    ActorSerializer,
    ClaimCorrectionSerializer,
    ClaimLinkCreateSerializer,
    ClaimLinkJudgeSerializer,
    ClaimLinkSerializer,
    ClaimRejectSerializer,
    ClaimReviewSerializer,
    ClaimSerializer,
    StorySerializer,
)
from claims.streaming import claims_csv, claims_jsonl
from claims_tracker.api.parsers import IgnoreClientContentNegotiation

ID_PATTERN = "[0-9]+"


@extend_schema_view(
    list=extend_schema(summary="List claims (filtered, cursor-paged; see incremental sync)"),
    retrieve=extend_schema(summary="One claim"),
)
class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, GenericViewSet[Claim]):
    serializer_class = ClaimSerializer
    filterset_class = ClaimApiFilter
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[Claim]:
        return api_selectors.claim_list()

    def represent_conflict(self, claim: Claim) -> dict[str, Any]:
        return dict(ClaimSerializer(api_selectors.claim_list().get(pk=claim.pk)).data)

    def _edited(self, claim: Claim) -> Response:
        return Response(ClaimSerializer(api_selectors.claim_list().get(pk=claim.pk)).data)

    @extend_schema(
        summary="Correct a claim (editors)",
        description="Send `version` and the fields to change. The content follows from its offsets "
        "into the article text (white space at the edges is dropped). A changed attribution marks the "
        "claim `corrected`. A `note` is added to the claim's history without changing its version. "
        "A stale `version` answers 409 with the current claim.",
        request=ClaimCorrectionSerializer,
        responses=ClaimSerializer,
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        claim = self.get_object()
        correction = ClaimCorrectionSerializer(data=request.data)
        correction.is_valid(raise_exception=True)
        fields = dict(correction.validated_data)
        version, reason, note = fields.pop("version"), fields.pop("reason", ""), fields.pop("note", None)
        edited = editing.claim_update(
            claim=claim.pk, user=request.user, expected_version=version, changes=fields, note=reason
        )
        if note is not None:
            editing.claim_add_note(claim=edited, user=request.user, note=note)
        return self._edited(edited)

    def _review(self, request: Request, verdict: str) -> Response:
        claim = self.get_object()
        serializer = ClaimRejectSerializer if verdict == Claim.ReviewStatus.REJECTED else ClaimReviewSerializer
        review = serializer(data=request.data)
        review.is_valid(raise_exception=True)
        version, reason = review.validated_data["version"], review.validated_data.get("reason", "")
        if verdict == Claim.ReviewStatus.REJECTED:
            edited = editing.claim_reject(claim=claim.pk, user=request.user, expected_version=version, reason=reason)
        else:
            edited = editing.claim_verify(claim=claim.pk, user=request.user, expected_version=version, note=reason)
        return self._edited(edited)

    @extend_schema(summary="Mark a claim verified (editors)", request=ClaimReviewSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str) -> Response:
        return self._review(request, Claim.ReviewStatus.VERIFIED)

    @extend_schema(
        summary="Reject a claim, with a reason (editors)", request=ClaimRejectSerializer, responses=ClaimSerializer
    )
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        return self._review(request, Claim.ReviewStatus.REJECTED)


class _ClaimExportApi(GenericAPIView[Claim]):
    """Every claim matching the list's filters, streamed row by row (constant memory)."""

    filterset_class = ClaimApiFilter
    pagination_class = None
    content_negotiation_class = IgnoreClientContentNegotiation
    content_type = ""
    filename = ""
    lines: Callable[[QuerySet[Claim]], Iterator[str]]

    def get_queryset(self) -> QuerySet[Claim]:
        return Claim.objects.all()

    def get(self, request: Request) -> StreamingHttpResponse:
        claims = self.filter_queryset(self.get_queryset())
        response = StreamingHttpResponse(self.lines(claims.order_by("id")), content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


@extend_schema_view(
    get=extend_schema(
        operation_id="v1_claims_export_csv",
        filters=True,
        summary="Export claims as CSV (same filters as the list)",
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="One header line, one row per claim.")
        },
    )
)
class ClaimCsvExportApi(_ClaimExportApi):
    content_type = "text/csv; charset=utf-8"
    filename = "claims.csv"
    lines = staticmethod(claims_csv)


@extend_schema_view(
    get=extend_schema(
        operation_id="v1_claims_export_jsonl",
        filters=True,
        summary="Export claims as JSON Lines (same filters as the list)",
        responses={
            (200, "application/x-ndjson"): OpenApiResponse(OpenApiTypes.STR, description="One JSON object per line.")
        },
    )
)
class ClaimJsonLinesExportApi(_ClaimExportApi):
    content_type = "application/x-ndjson; charset=utf-8"
    filename = "claims.jsonl"
    lines = staticmethod(claims_jsonl)


@extend_schema_view(
    list=extend_schema(summary="List actors with their aliases"), retrieve=extend_schema(summary="One actor")
)
class ActorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, GenericViewSet[Any]):
    serializer_class = ActorSerializer
    filterset_class = ActorFilter
    lookup_value_regex = ID_PATTERN
    keyset_orderings = ("updated_at", "-updated_at", "created_at", "-created_at", "id", "-id", "name", "-name")

    def get_queryset(self) -> QuerySet[Any]:
        return api_selectors.actor_list()


@extend_schema_view(list=extend_schema(summary="List stories"), retrieve=extend_schema(summary="One story"))
class StoryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, GenericViewSet[Any]):
    serializer_class = StorySerializer
    filterset_class = StoryFilter
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[Any]:
        return api_selectors.story_list()


@extend_schema_view(
    list=extend_schema(summary="List claim links (same / supports / contradicts)"),
    retrieve=extend_schema(summary="One claim link"),
)
class ClaimLinkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, GenericViewSet[ClaimLink]):
    serializer_class = ClaimLinkSerializer
    filterset_class = ClaimLinkFilter
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[ClaimLink]:
        return api_selectors.claim_link_list()

    @extend_schema(
        summary="Link two claims (editors); the link is confirmed",
        request=ClaimLinkCreateSerializer,
        responses={201: ClaimLinkSerializer, 200: ClaimLinkSerializer},
    )
    def create(self, request: Request) -> Response:
        submitted = ClaimLinkCreateSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        pair = {key: submitted.validated_data[key] for key in ("source", "target", "relation")}
        created = editing.link_find(**pair) is None  # an existing link (or suggestion) is confirmed, not made
        link = editing.link_create(**pair, user=request.user, note=submitted.validated_data.get("note", ""))
        return Response(
            ClaimLinkSerializer(link).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    def _judge(self, request: Request, verdict: str) -> Response:
        link = self.get_object()
        judged = ClaimLinkJudgeSerializer(data=request.data)
        judged.is_valid(raise_exception=True)
        judge = editing.link_confirm if verdict == ClaimLink.Status.CONFIRMED else editing.link_dismiss
        link = judge(link=link, user=request.user, note=judged.validated_data.get("note", ""))
        return Response(ClaimLinkSerializer(link).data)

    @extend_schema(summary="Confirm a link (editors)", request=ClaimLinkJudgeSerializer, responses=ClaimLinkSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        return self._judge(request, ClaimLink.Status.CONFIRMED)

    @extend_schema(summary="Dismiss a link (editors)", request=ClaimLinkJudgeSerializer, responses=ClaimLinkSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str) -> Response:
        return self._judge(request, ClaimLink.Status.DISMISSED)
