"""Domain errors both apps raise and the API turns into responses in one place
(claims_tracker.api.errors). Defined here so that the API plumbing never imports an app."""

from __future__ import annotations

from typing import Any

from django.db import InterfaceError, OperationalError

# How long a client is told to wait while the database is away (API and pages alike).
DATABASE_RETRY_AFTER_SECONDS = 30


class InvalidInput(ValueError):
    """What was sent cannot be used; the message is for people. The API answers 400 under `field`."""

    field = "non_field_errors"


class StateConflict(Exception):
    """The row's state does not allow this now (nothing was written); the API answers 409 with
    `conflict_message`."""

    @property
    def conflict_message(self) -> str:
        return str(self)


class StaleWrite(StateConflict):
    """A write based on an old version of a row: nothing was written. The API answers 409 with
    `conflict_message` and `current`, the row as it is now (shown by the view's represent_conflict)."""

    current: Any

    @property
    def conflict_message(self) -> str:
        return "The resource was changed by someone else; reload it and apply your change again."


def database_unreachable(exc: BaseException) -> bool:
    """True when the error is the database being away (connection refused, lost, shut down, a
    statement cancelled), not a query of ours that is wrong: those stay 500s, to be fixed."""
    if isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    code = getattr(exc.__cause__, "pgcode", None)
    # No SQLSTATE: the connection itself failed. Class 08 (connection exception), 57 (operator
    # intervention: admin shutdown, cannot connect now, query canceled), 53 (insufficient resources).
    return code is None or code[:2] in {"08", "57", "53"}
