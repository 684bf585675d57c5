"""Who may call the API: readers, and editors for writes (claims_tracker.roles)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from claims_tracker.roles import can_edit

if TYPE_CHECKING:
    from rest_framework.views import APIView


class ReadOrEditorWrite(BasePermission):
    """Any signed-in user (or token) reads, anonymous readers only if API_ANONYMOUS_READ; editors write
    (claims_tracker.roles.can_edit: the editor or admin group, staff, superusers)."""

    message = "Only editors may change data."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return bool(request.user and request.user.is_authenticated) or settings.API_ANONYMOUS_READ
        return can_edit(request.user)
