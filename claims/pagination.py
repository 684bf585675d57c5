"""Pages of a long claim list without counting every matching row."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

# Counting a million matches takes longer than showing a page; past this, "10,000+" is enough.
COUNT_CAP = 10_000


def capped_count(queryset: QuerySet[Any]) -> int:
    """How many rows, counted up to COUNT_CAP + 1 (one LIMITed count)."""
    # values("pk"): annotations (a search's rank, headlines) are not computed for rows only counted.
    return queryset.order_by().values("pk")[: COUNT_CAP + 1].count()


class CappedCountPaginator(Paginator):
    """Counts matches up to COUNT_CAP (one LIMITed count); `count_is_capped` says there are more.

    The last pages of a longer selection are then out of reach by number: sorting and filtering
    are how an analyst gets there, as with any search engine.
    """

    object_list: QuerySet[Any]

    def __init__(
        self,
        object_list: QuerySet[Any],
        per_page: int,
        *,
        count: int | None = None,
        rows: Callable[[int, int], QuerySet[Any]] | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        if count is not None:  # counted already (claims.selectors.claim_selection)
            self.__dict__["count"] = count
        # rows(offset, limit): a page's rows by a cheaper query than slicing object_list, the same rows
        # in the same order (claims.selectors.ClaimSelection.rows).
        self.rows = rows

    def page(self, number: int | str) -> Page:
        if self.rows is None:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return Page(self.rows(bottom, top - bottom), number, self)

    @cached_property
    def count(self) -> int:
        return capped_count(self.object_list)

    @property
    def count_is_capped(self) -> bool:
        return self.count > COUNT_CAP

    @cached_property
    def num_pages(self) -> int:
        return super().num_pages if not self.count_is_capped else -(-COUNT_CAP // self.per_page)
