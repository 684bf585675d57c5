"""Editors' bulk review: verify or reject many claims of a filtered list at once, each through the
same versioned service as a single review, so a claim changed meanwhile is reported, not overwritten."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claims import editing
from claims.editing import ClaimConflict, EditError
from claims.models import Claim


@dataclass
class BulkReview:
    done: list[int] = field(default_factory=list)
    conflicts: list[int] = field(default_factory=list)  # changed by someone since the list was shown
    refused: dict[int, str] = field(default_factory=dict)


def claims_review_bulk(*, user: Any, versions: dict[int, int], verdict: str, reason: str = "") -> BulkReview:
    """Verify (`verdict="verify"`) or reject (`"reject"`, with a reason) each claim at the version the
    editor saw. Each claim is its own transaction: one conflict does not undo the others."""
    if verdict not in ("verify", "reject"):
        raise EditError(f"Unknown review verdict {verdict!r}.", code="verdict_invalid")
    if verdict == "reject" and not reason.strip():
        raise EditError("Say why the claims are rejected.", code="reason_required", field="reason")
    result = BulkReview()
    for pk, version in versions.items():
        try:
            if verdict == "verify":
                editing.claim_verify(claim=pk, user=user, expected_version=version)
            else:
                editing.claim_reject(claim=pk, user=user, expected_version=version, reason=reason)
        except ClaimConflict:
            result.conflicts.append(pk)
        except EditError as error:
            result.refused[pk] = str(error.message)
        except Claim.DoesNotExist:
            result.refused[pk] = "No such claim."
        else:
            result.done.append(pk)
    return result
