"""An editor's session in a real browser: log in, correct a claim's speaker and content span by
selecting text, then see the change on the claim page and in its history, and revert it."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import Claim
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, UserFactory

pytestmark = [pytest.mark.browser]

# An emoji before the claim: JavaScript counts it as two characters, Python as one.
TEXT = "Budget day 📈. The minister said that the budget would pass without changes. Critics disagreed."
PASSWORD = "a long test password"

SELECT_TEXT = """
(words) => {
  const container = document.querySelector("[data-article-text]");
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let full = "";
  while (walker.nextNode()) { nodes.push([walker.currentNode, full.length]); full += walker.currentNode.data; }
  const start = full.indexOf(words), end = start + words.length;
  const at = (offset) => {
    for (const [node, base] of nodes) if (offset <= base + node.data.length) return [node, offset - base];
  };
  const range = document.createRange();
  range.setStart(...at(start));
  range.setEnd(...at(end));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}
"""


@pytest.fixture
def claim(transactional_db: None) -> Claim:
    article = ArticleFactory(text=TEXT, title="Budget day")
    mention, cue, content = "The minister", "said", "that the budget would pass without changes"
    return ClaimFactory(
        article=article,
        speaker=ActorFactory(name="Finance Minister"),
        speaker_mention=mention,
        speaker_start=TEXT.index(mention),
        speaker_end=TEXT.index(mention) + len(mention),
        cue=cue,
        cue_start=TEXT.index(cue),
        cue_end=TEXT.index(cue) + len(cue),
        content=content,
        content_start=TEXT.index(content),
        content_end=TEXT.index(content) + len(content),
        sentence_start=TEXT.index(mention),
        sentence_end=len(TEXT),
    )


def test_editor_corrects_a_speaker_and_span_in_the_browser_and_sees_the_history(page: Any, claim: Claim) -> None:
    prime_minister = ActorFactory(name="Prime Minister")
    UserFactory(username="edna", password=PASSWORD, role="editor")

    page.goto(f"/accounts/login/?next=/claims/{claim.pk}/")
    page.get_by_label("Username").fill("edna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**/claims/{claim.pk}/")

    page.get_by_role("link", name="Correct speaker, spans, stance…").click()
    page.wait_for_url(f"**/claims/{claim.pk}/edit/")

    # The speaker field searches actors as the editor types; the chosen actor's id is kept.
    speaker = page.get_by_label("Speaker", exact=True)
    speaker.fill("")
    with page.expect_response(lambda r: "/actors/lookup.json" in r.url and "Prime" in r.url):
        speaker.press_sequentially("Prime Minister", delay=20)
    page.wait_for_function(f"document.getElementById('id_speaker').value === '{prime_minister.pk}'", timeout=5_000)

    # Selecting words in the article sets the content span.
    page.evaluate(SELECT_TEXT, "the budget would pass")
    page.get_by_role("button", name="content", exact=True).click()
    expected_start = TEXT.index("the budget would pass")
    assert page.get_by_label("from", exact=True).nth(2).input_value() == str(expected_start)

    page.get_by_label("Why (kept in the history)").fill("Said by the PM at the press conference")
    page.get_by_role("button", name="Save correction").click()
    page.wait_for_url(f"**/claims/{claim.pk}/edit/")
    assert "Claim corrected." in page.locator(".messages").inner_text()

    claim.refresh_from_db()
    assert claim.speaker == prime_minister
    assert claim.content == "the budget would pass"
    assert claim.review_status == Claim.ReviewStatus.CORRECTED

    page.goto(f"/claims/{claim.pk}/")
    assert "Prime Minister" in page.locator("h1").inner_text()
    assert page.locator("#claim-content").inner_text() == "the budget would pass"
    history = page.locator("table.history")
    assert "Finance Minister" in history.inner_text() and "Prime Minister" in history.inner_text()
    assert "edna" in history.inner_text()
    assert "Said by the PM at the press conference" in history.inner_text()

    # Revert from the claim page: the old speaker is back, and the revert is in the history too.
    page.get_by_role("button", name="Revert change").first.click()
    page.wait_for_url(f"**/claims/{claim.pk}/")
    assert "Finance Minister" in page.locator("h1").inner_text()
    assert page.locator("table.history tbody tr").count() == 2
    claim.refresh_from_db()
    assert claim.content == "that the budget would pass without changes"
