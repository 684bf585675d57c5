"""Domain errors both apps raise and the API turns into responses in one place
(claims_tracker.api.errors). Defined here so that the API plumbing never imports an app."""

from __future__ import annotations

from typing import Any


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
