"""What every editor's write shares: its errors, the permission check, the revision actions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from claims.models import Claim
from claims_tracker.errors import StaleWrite
from claims_tracker.roles import can_edit


class EditError(ValidationError):
    """A refused edit. `code` is stable (for API clients and tests); the message is for people.

    A ValidationError, so forms and the API's error handler show it like any other invalid input
    (under `field` when there is one).
    """

    http_status = 400

    def __init__(self, message: str, *, code: str, field: str | None = None) -> None:
        super().__init__({field: [ValidationError(message, code=code)]} if field else message, code=code)
        self.message = message
        self.code = code
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class EditPermissionDenied(PermissionDenied):
    """The user may not edit (see claims_tracker.roles); Django and DRF answer 403."""

    http_status = 403
    code = "permission_denied"

    def __init__(self, message: str = "Only editors can change claims, links and actors.") -> None:
        super().__init__(message)
        self.message = message


class ClaimConflict(EditError, StaleWrite):
    """The claim changed since the caller read it; `current` is the claim as it is now.
    Nothing was written: the caller shows the current values and lets the editor decide again."""

    http_status = 409

    def __init__(self, *, current: Claim) -> None:
        super().__init__(
            f"Claim {current.pk} was changed by someone else (now at version {current.version}); "
            "review the current values and apply your change again.",
            code="conflict",
        )
        self.current = current

    @property
    def conflict_message(self) -> str:
        return (
            f"The claim was changed by someone else (version {self.current.version}); "
            "reload it and apply your change again."
        )


class Action:
    """ClaimRevision.action values."""

    CREATE = "create"
    UPDATE = "update"
    VERIFY = "verify"
    REJECT = "reject"
    NOTE = "note"
    REVERT = "revert"
    MERGE = "merge"
    STORY = "story"
    LINK_CREATE = "link_create"
    LINK_CONFIRM = "link_confirm"
    LINK_DISMISS = "link_dismiss"


def require_editor(user: Any) -> None:
    if not can_edit(user):
        raise EditPermissionDenied()
