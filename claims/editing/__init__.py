"""Editors' writes: corrections, reviews, links and actors.

Every service here checks that the user may edit, runs in one transaction, and leaves a trace:
a claim change records one `ClaimRevision` ({field: [before, after]}), bumps `version` and sets
`editor_touched_at` (so re-extraction never replaces the claim). Claim changes are optimistic:
the caller passes the version it read and the write is a conditional UPDATE on it, so a
concurrent edit raises `ClaimConflict` instead of being overwritten.

The package holds one module per thing edited (claims, links, actors) and what they share
(base: errors, the permission check, revision actions); every public name is re-exported here.

Domain errors are `EditError`s with a `code` (and an `http_status` hint); the web views and the
REST API turn them into responses in one place each.
"""

from claims.editing.actors import (
    actor_alias_add,
    actor_alias_remove,
    actor_create,
    actor_merge,
    actor_unmerge,
)
from claims.editing.base import (
    Action,
    ClaimConflict,
    EditError,
    EditPermissionDenied,
    require_editor,
)
from claims.editing.claims import (
    ACTOR_FIELDS,
    ATTRIBUTION_FIELDS,
    CHOICE_FIELDS,
    EDITABLE_FIELDS,
    REVERTIBLE_FIELDS,
    SPAN_FIELDS,
    ClaimDraft,
    actor_json,
    claim_add_note,
    claim_create,
    claim_reject,
    claim_revert,
    claim_story_set,
    claim_update,
    claim_verify,
    revision_is_revertible,
)
from claims.editing.links import (
    SYMMETRIC_RELATIONS,
    link_confirm,
    link_create,
    link_dismiss,
    link_find,
)
from claims.editing.stories import story_merge, story_rename, story_split

__all__ = [
    "ACTOR_FIELDS",
    "ATTRIBUTION_FIELDS",
    "CHOICE_FIELDS",
    "EDITABLE_FIELDS",
    "REVERTIBLE_FIELDS",
    "SPAN_FIELDS",
    "SYMMETRIC_RELATIONS",
    "Action",
    "ClaimConflict",
    "ClaimDraft",
    "EditError",
    "EditPermissionDenied",
    "actor_alias_add",
    "actor_alias_remove",
    "actor_create",
    "actor_json",
    "actor_merge",
    "actor_unmerge",
    "claim_add_note",
    "claim_create",
    "claim_reject",
    "claim_revert",
    "claim_story_set",
    "claim_update",
    "claim_verify",
    "link_confirm",
    "link_create",
    "link_dismiss",
    "link_find",
    "require_editor",
    "revision_is_revertible",
    "story_merge",
    "story_rename",
    "story_split",
]
