"""Serializer fields that accept exactly what the OpenAPI schema says they accept."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A string field that refuses numbers and booleans (DRF's CharField turns 42 into "42"), so
    the schema's `type: string` is what the server enforces."""

    default_error_messages = {"invalid": "Not a valid string."}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
