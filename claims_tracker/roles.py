"""Who may do what: the one place roles are interpreted.

Roles are Django groups, with their model permissions set by the `claims` app's `0002_editor_roles` data migration
(and claims.accounts remakes a missing group):
- `analyst` reads everything, writes nothing;
- `editor` corrects claims, links and actors;
- `admin` edits too, and administers (staff: the Django admin).
Superusers can do everything; staff (who administer) may edit too.
"""

from __future__ import annotations

from typing import Any

ANALYST = "analyst"
EDITOR = "editor"
ADMIN = "admin"
ROLES = (ANALYST, EDITOR, ADMIN)


def can_edit(user: Any) -> bool:
    """Editors, admins, staff and superusers may change claims, links and actors; nobody inactive may."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    # Cached on the user object: a page asks many times per request.
    cached = getattr(user, "_can_edit_cache", None)
    if cached is None:
        cached = user.groups.filter(name__in=[EDITOR, ADMIN]).exists()
        user._can_edit_cache = cached
    return bool(cached)


def can_administer(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)
