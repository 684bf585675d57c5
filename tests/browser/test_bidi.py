"""Right-to-left overrides in stored text cannot reorder the page around them (bidi isolation)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import ArticleFactory, ClaimFactory, OutletFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Where, on screen, the outlet's name after the article's link starts, and where the link ends.
MEASURE = """() => {
  const src = document.querySelector('.claim-src');
  const link = src.querySelector('a');
  const after = link.nextSibling;
  const range = document.createRange();
  const at = after.textContent.indexOf('Harbour Gazette');
  range.setStart(after, at);
  range.setEnd(after, at + 'Harbour Gazette'.length);
  return {linkRight: link.getBoundingClientRect().right, outletLeft: range.getBoundingClientRect().left};
}"""


def test_an_unclosed_right_to_left_override_in_article_text_stays_inside_its_link(page: Any) -> None:
    """Before: an article text with U+202E reversed the outlet and date shown after its title."""
    article = ArticleFactory(
        title="",  # the page shows the start of the text instead
        outlet=OutletFactory(name="Harbour Gazette"),
        text="\u202eThe minister said that the budget would pass.",
    )
    ClaimFactory(article=article)

    page.goto("/claims/")
    box = page.evaluate(MEASURE)

    assert box["outletLeft"] >= box["linkRight"] - 1, box
