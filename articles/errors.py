"""Errors raised while taking articles in: each carries a message an analyst can read."""

from claims_tracker.errors import InvalidInput, StateConflict


class IngestError(InvalidInput):
    """An article could not be taken in: the URL, the page, the feed or the file is unusable."""

    field = "text"


class RetryRefused(StateConflict):
    """The article cannot be queued again in its state (a worker holds it, or it is done)."""
