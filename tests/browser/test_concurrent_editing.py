"""Two editors on one claim in two real browsers: the one who saves second keeps what they typed
(shown beside the current version) and a stale reject keeps its reason; notes add up, each with its
author and time."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import Claim
from tests.browser.conftest import sign_in
from tests.factories import ClaimFactory, UserFactory

pytestmark = [pytest.mark.browser]


@pytest.fixture
def claim(transactional_db: None) -> Claim:
    return ClaimFactory()


@pytest.fixture
def second_tab(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_the_second_editor_keeps_the_typed_correction_after_a_conflict(
    screen: str, request: Any, second_tab: Any, live_server: Any, claim: Claim
) -> None:
    bea = request.getfixturevalue(screen)
    sign_in(second_tab, UserFactory(username="al", role="editor"), server_url=live_server.url)
    sign_in(bea, UserFactory(username="bea", role="editor"), server_url=live_server.url)
    second_tab.goto(f"/claims/{claim.pk}/edit/")
    bea.goto(f"/claims/{claim.pk}/edit/")

    second_tab.get_by_label("Stance").select_option("denies")
    second_tab.get_by_role("button", name="Save correction").click()
    assert "Claim corrected." in second_tab.locator(".messages").inner_text()

    bea.get_by_label("Stance").select_option("doubts")
    bea.get_by_label("Kind").select_option("direct")
    bea.get_by_label("Why (kept in the history)").fill("The minister hedged")
    bea.get_by_role("button", name="Save correction").click()

    conflict = bea.locator("[data-conflict]")
    assert "not saved" in conflict.inner_text()
    assert bea.get_by_label("Stance").input_value() == "doubts"
    assert bea.get_by_label("Kind").input_value() == "direct"
    assert bea.get_by_label("Why (kept in the history)").input_value() == "The minister hedged"
    stance_row = conflict.locator("tr", has_text="stance").locator("td").all_inner_texts()
    assert stance_row == ["stance", "denies", "doubts"]
    overflow = bea.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0

    # Saving again applies the kept values over the current version.
    bea.get_by_role("button", name="Save correction").click()
    assert "Claim corrected." in bea.locator(".messages").inner_text()
    claim.refresh_from_db()
    assert (claim.stance, claim.kind, claim.version) == ("doubts", "direct", 3)


def test_a_stale_reject_keeps_its_reason_and_notes_add_up_with_their_authors(
    page: Any, second_tab: Any, live_server: Any, claim: Claim
) -> None:
    sign_in(second_tab, UserFactory(username="al", role="editor"), server_url=live_server.url)
    sign_in(page, UserFactory(username="bea", role="editor"), server_url=live_server.url)
    second_tab.goto(f"/claims/{claim.pk}/")
    page.goto(f"/claims/{claim.pk}/")

    second_tab.get_by_role("button", name="Verify: it is right").click()
    page.get_by_label("Reject, because").fill("Only a headline, nobody said it")
    page.get_by_role("button", name="Reject").click()
    assert "Your reason is kept below." in page.locator(".messages").inner_text()
    assert page.get_by_label("Reject, because").input_value() == "Only a headline, nobody said it"
    page.get_by_role("button", name="Reject").click()
    claim.refresh_from_db()
    assert claim.review_status == Claim.ReviewStatus.REJECTED
    assert claim.review_reason == "Only a headline, nobody said it"

    second_tab.goto(f"/claims/{claim.pk}/")
    second_tab.get_by_label("Note for other editors").fill("Check the video first")
    second_tab.get_by_role("button", name="Add note").click()
    page.goto(f"/claims/{claim.pk}/")
    page.get_by_label("Note for other editors").fill("Video checked: no quote")
    page.get_by_role("button", name="Add note").click()

    notes = page.locator("[data-note]")
    assert notes.count() == 2
    assert "Check the video first" in notes.nth(0).inner_text() and "al," in notes.nth(0).inner_text()
    assert "Video checked: no quote" in notes.nth(1).inner_text() and "bea," in notes.nth(1).inner_text()
