"""An editor's review session in a real browser: the queue in a chosen order, one claim at a time with
keyboard shortcuts (verify, reject, edit, next, previous), bulk verify on a phone, and "my edits"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claims.models import Claim
from tests.browser.conftest import sign_in
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = [pytest.mark.browser]


def claim_published(day: int, confidence: float, **fields: Any) -> Claim:
    article = ArticleFactory(published_at=dt.datetime(2024, 5, day, 12, tzinfo=dt.UTC))
    return ClaimFactory(article=article, confidence=confidence, **fields)


@pytest.fixture
def queue(transactional_db: None) -> list[Claim]:
    claim_published(4, 0.9, review_status=Claim.ReviewStatus.VERIFIED)  # reviewed: not in the queue
    return [claim_published(3, 0.8), claim_published(2, 0.3), claim_published(1, 0.6)]  # newest article first


def review_id(tab: Any) -> int:
    return int(tab.url.split("/review/")[1].split("/")[0])


def test_an_editor_reviews_one_claim_after_another_with_the_keyboard(
    page: Any, live_server: Any, queue: list[Claim]
) -> None:
    newest, middle, oldest = queue
    sign_in(page, UserFactory(username="edna", role="editor"), server_url=live_server.url)
    page.goto("/")
    page.get_by_role("link", name="Review", exact=True).click()
    assert page.locator("[data-claim-row]").count() == 3
    assert [
        int(v) for v in page.locator("[data-claim-row]").evaluate_all("rows => rows.map(r => r.dataset.claimRow)")
    ] == [
        newest.pk,
        middle.pk,
        oldest.pk,
    ]

    page.get_by_role("link", name="Review one by one").click()
    page.wait_for_url(f"**/review/{newest.pk}/**")  # loaded: the shortcuts' deferred script has run
    assert review_id(page) == newest.pk
    page.keyboard.press("j")
    page.wait_for_url(f"**/review/{middle.pk}/**")
    page.keyboard.press("k")
    page.wait_for_url(f"**/review/{newest.pk}/**")

    page.keyboard.press("v")  # verified, and on to the next claim
    page.wait_for_url(f"**/review/{middle.pk}/**")
    assert "Claim verified." in page.locator(".messages").inner_text()

    page.keyboard.press("r")
    page.keyboard.type("Not a claim, a headline")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/review/{oldest.pk}/**")

    page.keyboard.press("e")  # correct it, then back to the review page
    page.wait_for_url(f"**/claims/{oldest.pk}/edit/**")
    page.get_by_label("Stance").select_option("doubts")
    page.get_by_role("button", name="Save correction").click()
    page.wait_for_url(f"**/review/{oldest.pk}/**")
    assert page.locator("[data-review-status]").inner_text() == "Corrected"

    for claim, status in ((newest, "verified"), (middle, "rejected"), (oldest, "corrected")):
        claim.refresh_from_db()
        assert claim.review_status == status
    middle.refresh_from_db()
    assert middle.review_reason == "Not a claim, a headline"

    page.get_by_role("link", name="Back to the queue").click()
    assert "Nothing left to review here." in page.locator("main").inner_text()
    page.get_by_role("link", name="My edits").click()
    rows = page.locator("table.my-edits tbody tr")
    assert rows.count() == 3
    assert [row.split("\t")[1] for row in rows.all_inner_texts()] == ["update", "reject", "verify"]


def test_an_editor_bulk_verifies_the_lowest_confidence_claims_on_a_phone(
    phone: Any, live_server: Any, queue: list[Claim]
) -> None:
    newest, middle, oldest = queue
    sign_in(phone, UserFactory(role="editor"), server_url=live_server.url)
    phone.goto("/review/?order=confidence")
    ids = phone.locator("[data-claim-row]").evaluate_all("rows => rows.map(r => Number(r.dataset.claimRow))")
    assert ids == [middle.pk, oldest.pk, newest.pk]
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0

    phone.get_by_label(f"Tick claim {middle.pk}").tap()
    phone.get_by_label(f"Tick claim {oldest.pk}").tap()
    phone.get_by_role("button", name="Verify ticked").tap()
    phone.wait_for_url("**/review/?order=confidence")
    assert "2 claims verified." in phone.locator(".messages").inner_text()
    assert phone.locator("[data-claim-row]").count() == 1
    for claim, status in ((middle, "verified"), (oldest, "verified"), (newest, "unreviewed")):
        claim.refresh_from_db()
        assert claim.review_status == status
