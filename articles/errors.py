"""Errors raised while taking articles in: each carries a message an analyst can read."""


class IngestError(ValueError):
    """An article could not be taken in: the URL, the page, the feed or the file is unusable."""
