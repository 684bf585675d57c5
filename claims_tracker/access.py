"""Who may see and do what in the analyst UI: every check lives here, so roles change in one place.

Reading needs a login only when settings.UI_LOGIN_REQUIRED is on (off for the local demo). Actions
that write (submitting or retrying an article) need an editor, as in the API (claims_tracker.roles).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from claims_tracker.roles import can_edit

View = Callable[..., HttpResponseBase]


class Action(StrEnum):
    SUBMIT_ARTICLE = "submit_article"
    RETRY_ARTICLE = "retry_article"


# Who may do each action. Today every action is an editor's; a new action must say who may do it.
_ACTION_RULES: dict[Action, Callable[[Any], bool]] = {
    Action.SUBMIT_ARTICLE: can_edit,
    Action.RETRY_ARTICLE: can_edit,
}


def user_may(user: Any, action: Action) -> bool:
    """Whether this user may perform the action (by the action's rule in _ACTION_RULES)."""
    return _ACTION_RULES[action](user)


def user_may_read(user: Any) -> bool:
    return not settings.UI_LOGIN_REQUIRED or user.is_authenticated


def user_may_export(user: Any) -> bool:
    """Bulk exports follow the API's read rule: a signed-in user, anonymous only with API_ANONYMOUS_READ
    (an export is the whole selection at once, as a client would pull it from the API)."""
    return user.is_authenticated or (settings.API_ANONYMOUS_READ and user_may_read(user))


def ui_export(view: View) -> View:
    """For bulk downloads: anonymous users go to the login page unless the API lets them read."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not user_may_export(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def ui_read(view: View) -> View:
    """For pages that only read: ask for a login when the site is configured to."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not user_may_read(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def ui_action(action: Action) -> Callable[[View], View]:
    """For views that write: anonymous users go to the login page, signed-in users without the right get 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_may(request.user, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
