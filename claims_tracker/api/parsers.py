"""What a request body may be, and the content negotiation of file downloads."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser, JSONParser
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request

from claims_tracker.api.errors import PayloadTooLarge


class LimitedJSONParser(JSONParser):
    """JSON bodies up to twice the largest article (room for escapes) plus 64 KiB: a client cannot
    make the server parse an arbitrarily large document."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None) -> Any:
        limit = 2 * settings.INGEST_MAX_BYTES + 65536
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise PayloadTooLarge(f"The request body is larger than {limit} bytes.")
        return super().parse(io.BytesIO(data), media_type, parser_context)


class IgnoreClientContentNegotiation(BaseContentNegotiation):
    """For file downloads: whatever the client accepts, errors are rendered as JSON."""

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> BaseParser | None:
        return next(iter(parsers))

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return (renderer, renderer.media_type)
