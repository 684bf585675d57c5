"""Failed logins counted in the shared cache: after too many, a user name (or an address) is locked
out for a while, in every web process at once (settings.CACHES is the database or Redis).

The rule: LOGIN_MAX_FAILURES failed attempts for one user name, or four times as many from one
address, within LOGIN_LOCKOUT_MINUTES lock further attempts out until that window has passed
(counted from the first failure). A successful login clears its user name's count.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView, PasswordResetView
from django.core.cache import caches
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

cache = caches["shared"]  # one count for every web process (settings.CACHES)
ADDRESS_FACTOR = 4  # an office behind one address holds several people
LOCKED_OUT = "too_many_attempts"


def _keys(*, username: str, address: str) -> tuple[str, str]:
    name = hashlib.sha256(username.strip().casefold().encode("utf-8")).hexdigest()[:32]
    return f"login-failures:user:{name}", f"login-failures:address:{address}"


def client_address(request: HttpRequest | None) -> str:
    return (request.META.get("REMOTE_ADDR") if request is not None else None) or "unknown"


def login_locked_out(*, username: str, address: str) -> bool:
    user_key, address_key = _keys(username=username, address=address)
    counts = cache.get_many([user_key, address_key])
    limit = settings.LOGIN_MAX_FAILURES
    return counts.get(user_key, 0) >= limit or counts.get(address_key, 0) >= limit * ADDRESS_FACTOR


def login_failure_record(*, username: str, address: str) -> None:
    window = settings.LOGIN_LOCKOUT_MINUTES * 60
    for key in _keys(username=username, address=address):
        cache.add(key, 0, timeout=window)  # the window starts at the first failure
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)


def login_success_record(*, username: str, address: str) -> None:
    cache.delete(_keys(username=username, address=address)[0])


class LimitedLoginMixin:
    """For Django's authentication forms: refuse a locked-out name or address before checking the
    password (so guessing costs nothing but time), and count each failure."""

    request: HttpRequest | None
    cleaned_data: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request)
        if login_locked_out(username=username, address=address):
            minutes = settings.LOGIN_LOCKOUT_MINUTES
            raise forms.ValidationError(f"Too many failed attempts. Try again in {minutes} minutes.", code=LOCKED_OUT)
        try:
            cleaned = super().clean()  # type: ignore[misc]
        except forms.ValidationError:
            login_failure_record(username=username, address=address)
            raise
        login_success_record(username=username, address=address)
        return cleaned


class LimitedAuthenticationForm(LimitedLoginMixin, AuthenticationForm):
    pass


class LimitedAdminAuthenticationForm(LimitedLoginMixin, AdminAuthenticationForm):
    pass


class LimitedLoginView(LoginView):
    """Django's login page with the limit; a locked-out attempt is answered 429."""

    authentication_form = LimitedAuthenticationForm

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, LOCKED_OUT):
            response.status_code = 429
            response["Retry-After"] = str(settings.LOGIN_LOCKOUT_MINUTES * 60)
        return response


class PasswordResetByMailView(PasswordResetView):
    """Django's password reset, only where mail is set up (settings.PASSWORD_RESET_BY_EMAIL): elsewhere
    the page says so, instead of promising a mail that is never sent."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.PASSWORD_RESET_BY_EMAIL:
            return render(request, "registration/password_reset_unavailable.html", status=503)
        return super().dispatch(request, *args, **kwargs)
