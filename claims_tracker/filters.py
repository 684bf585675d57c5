"""Filters both apps use (a module of the project, so neither app imports the other for it)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import django_filters
from django.core.exceptions import ValidationError
from django_filters.fields import IsoDateTimeField


class UtcDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time turned into UTC: PostgreSQL refuses offsets beyond ±15:59, which
    ISO 8601 allows, and a bad value must be a 400, not a database error."""

    def to_python(self, value: Any) -> datetime | None:
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(UTC)
        except OverflowError:
            raise ValidationError("Enter a date and time within the years 1 to 9999.", code="invalid") from None


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class RejectEmptyValues(django_filters.FilterSet):
    """For API filter sets: `?published_from=` is a mistake to report, not a filter to skip.

    (HTML forms send empty fields for unused filters, so the UI's filter sets skip them.)"""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, field_filter in self.filters.items():
            if isinstance(field_filter, django_filters.CharFilter) or name not in self.data:
                continue
            if any(value == "" for value in self.data.getlist(name)):
                self.form.add_error(name, "Give a value, or leave the parameter out.")
                valid = False
        return valid
