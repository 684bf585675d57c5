"""Correcting a claim's spans in a real browser: by dragging the mouse, by keyboard and by touch.

The selection bar keeps its place while the mouse drags (it used to appear mid-drag and push the text
down a line), the words each span covers are shown next to its offsets, and the server refuses a
content span that takes in another claim's cue."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import Claim
from tests.browser.conftest import sign_in
from tests.factories import ActorFactory, ArticleFactory, UserFactory, claim_at

pytestmark = [pytest.mark.browser]

TEXT = (
    "Budget day 📈. The minister said that the budget would pass without changes, "
    "and the opposition leader replied that it would fail. Critics disagreed."
)

# The centre of the code point `index` of the article text (as Python counts), in page coordinates.
CHAR_POINT = """
(index) => {
  const container = document.querySelector("[data-article-text]");
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  let seen = 0;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const points = Array.from(node.data);
    if (index < seen + points.length) {
      const unit = points.slice(0, index - seen).join("").length;
      const range = document.createRange();
      range.setStart(node, unit);
      range.setEnd(node, unit + points[index - seen].length);
      const box = range.getBoundingClientRect();
      // Whole pixels, as a mouse reports them (CDP drops a drag that starts at some fractions).
      return { x: Math.round(box.left + box.width / 2), y: Math.round(box.top + box.height / 2) };
    }
    seen += points.length;
  }
  return null;
}
"""


def at(words: str) -> int:
    """Python's offset of `words` in the article text."""
    return TEXT.index(words)


@pytest.fixture
def claims(transactional_db: None) -> tuple[Claim, Claim]:
    article = ArticleFactory(text=TEXT, title="Budget day")

    def span(words: str) -> tuple[int, int]:
        return at(words), at(words) + len(words)

    minister = claim_at(
        article,
        speaker=ActorFactory(name="Finance Minister"),
        speaker_span=span("The minister"),
        cue_span=span("said"),
        content_span=span("that the budget would pass without changes"),
    )
    opposition = claim_at(
        article,
        speaker=ActorFactory(name="Opposition Leader"),
        speaker_span=span("the opposition leader"),
        cue_span=span("replied"),
        content_span=span("that it would fail"),
    )
    return minister, opposition


def open_editor(tab: Any, claim: Claim, server_url: str) -> None:
    sign_in(tab, UserFactory(role="editor"), server_url=server_url)
    tab.goto(f"/claims/{claim.pk}/edit/")


def test_a_mouse_drag_sets_the_content_span_without_moving_the_text(
    page: Any, live_server: Any, claims: tuple[Claim, Claim]
) -> None:
    minister, _ = claims
    open_editor(page, minister, live_server.url)
    text_top = page.locator("[data-article-text]").evaluate("el => el.getBoundingClientRect().top")

    # From inside "the" to inside "pass": the selection takes the whole words at both ends.
    begin = page.evaluate(CHAR_POINT, at("the budget") + 1)
    finish = page.evaluate(CHAR_POINT, at("would pass") + len("would pa"))
    page.mouse.move(begin["x"], begin["y"])
    page.mouse.down()
    page.mouse.move((begin["x"] + finish["x"]) / 2, begin["y"], steps=5)
    mid_drag_top = page.locator("[data-article-text]").evaluate("el => el.getBoundingClientRect().top")
    page.mouse.move(finish["x"], finish["y"], steps=5)
    page.mouse.up()

    assert mid_drag_top == text_top, "the text moved while the mouse was dragging"
    assert page.locator("[data-article-text]").evaluate("el => el.getBoundingClientRect().top") == text_top
    assert "the budget would pass" in page.locator("[data-selection-preview]").inner_text()

    page.get_by_role("button", name="content", exact=True).click()
    assert page.locator('[data-span-words="content"]').inner_text() == "the budget would pass"
    assert page.locator("[data-article-text] mark.ed-content").inner_text() == "the budget would pass"
    page.get_by_role("button", name="Save correction").click()
    assert "Claim corrected." in page.locator(".messages").inner_text()

    minister.refresh_from_db()
    assert (minister.content_start, minister.content_end) == (at("the budget"), at("the budget") + 21)
    assert minister.content == "the budget would pass"
    assert minister.review_status == Claim.ReviewStatus.CORRECTED


def test_the_keyboard_moves_a_span_word_by_word(page: Any, live_server: Any, claims: tuple[Claim, Claim]) -> None:
    minister, _ = claims
    open_editor(page, minister, live_server.url)
    assert page.locator('[data-span-words="cue"]').inner_text() == "said"

    page.get_by_role("button", name="Start the content one word later").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "End the content one word later"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.locator('[data-span-words="content"]').inner_text() == "the budget would pass without"

    page.get_by_role("button", name="Save correction").press("Enter")
    assert "Claim corrected." in page.locator(".messages").inner_text()
    minister.refresh_from_db()
    assert minister.content == "the budget would pass without"


def test_on_a_phone_a_span_is_corrected_by_tapping(phone: Any, live_server: Any, claims: tuple[Claim, Claim]) -> None:
    minister, _ = claims
    open_editor(phone, minister, live_server.url)
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0

    phone.get_by_role("button", name="End the content one word earlier").tap()
    phone.get_by_role("button", name="End the content one word earlier").tap()
    assert phone.locator('[data-span-words="content"]').inner_text() == "that the budget would pass"
    phone.get_by_role("button", name="Save correction").tap()
    assert "Claim corrected." in phone.locator(".messages").inner_text()
    minister.refresh_from_db()
    assert minister.content == "that the budget would pass"


def test_a_span_over_another_claims_cue_is_refused_with_the_reason(
    page: Any, live_server: Any, claims: tuple[Claim, Claim]
) -> None:
    minister, opposition = claims
    open_editor(page, minister, live_server.url)

    for _ in range(5):  # and, the, opposition, leader, replied
        page.get_by_role("button", name="End the content one word later").click()
    assert page.locator('[data-span-words="content"]').inner_text().endswith("opposition leader replied")
    page.get_by_role("button", name="Save correction").click()

    error = page.locator(".errorlist").first
    assert "replied" in error.inner_text()
    assert f"claim {opposition.pk}" in error.inner_text()
    minister.refresh_from_db()
    assert minister.content == "that the budget would pass without changes"
    assert minister.version == 1
