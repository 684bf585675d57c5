"""Dead ends, tried in a real browser: what an analyst is refused is not offered, and the error pages
(403, 404, 500) are the site's pages saying what happened and what to do; a failed fetch is in plain words."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from claims import selectors
from tests.browser.conftest import sign_in
from tests.factories import UserFactory
from tests.worker import celery_worker

pytestmark = [pytest.mark.browser]


def no_sideways_scroll(tab: Any) -> None:
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{tab.url} is {overflow}px wider than the screen"


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_an_analyst_is_not_offered_submitting_and_a_direct_visit_explains_the_refusal(
    screen: str, request: Any, live_server: Any, transactional_db: None
) -> None:
    tab = request.getfixturevalue(screen)
    sign_in(tab, UserFactory(username="andy", role="analyst"), server_url=live_server.url)
    tab.goto("/articles/")
    assert tab.get_by_role("link", name="Submit article").count() == 0
    assert tab.get_by_role("link", name="Submit an article").count() == 0

    response = tab.goto("/articles/new/")
    assert response.status == 403
    assert tab.get_by_role("navigation", name="Main").is_visible(), "the 403 page is not in the site's layout"
    assert tab.locator("h1").inner_text() == "You may not do this"
    body = tab.locator("main").inner_text()
    assert "andy" in body and "editor" in body and "administrator" in body
    no_sideways_scroll(tab)


@pytest.mark.worker
def test_an_editor_is_offered_submitting_and_a_failed_fetch_is_told_in_plain_words(
    page: Any, live_server: Any, transactional_db: None
) -> None:
    sign_in(page, UserFactory(role="editor"), server_url=live_server.url)
    page.goto("/articles/")
    page.get_by_role("link", name="Submit article").click()
    page.get_by_label("URL").fill("https://no-such-site.invalid/story")
    with celery_worker():
        page.get_by_role("button", name="Submit article").click()
        # At once on the article's page, which follows the fetch on the worker and reloads when it fails.
        expect(page.locator("#article-status")).to_contain_text("fetching the page", timeout=5000)
        expect(page.locator("[data-article-error]")).to_be_visible(timeout=60_000)
    assert page.get_by_role("alert").get_by_text("The page could not be fetched").is_visible()
    error = page.locator("[data-article-error]").inner_text()
    assert error.startswith("Could not fetch the page: no web site answers to the name no-such-site.invalid")
    assert "Errno" not in error and "service not known" not in error
    assert page.get_by_role("button", name="Fetch the page again").is_visible()


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_a_missing_page_says_what_to_try_instead(screen: str, request: Any, live_server: Any) -> None:
    tab = request.getfixturevalue(screen)
    response = tab.goto("/claims/987654/")
    assert response.status == 404
    assert tab.get_by_role("navigation", name="Main").is_visible()
    assert tab.locator("h1").inner_text() == "Nothing here"
    assert tab.get_by_role("link", name="Search the claims").is_visible()
    assert tab.get_by_role("link", name="Find an actor").is_visible()
    no_sideways_scroll(tab)


def test_a_server_error_is_the_sites_page_and_says_nothing_was_lost(
    page: Any, live_server: Any, transactional_db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("a bug")

    # The live server runs in this process: the dashboard's read fails as a bug would.
    monkeypatch.setattr(selectors, "dashboard_summary", broken)
    response = page.goto("/")
    assert response.status == 500
    assert page.get_by_role("navigation", name="Main").is_visible()
    assert page.locator("h1").inner_text() == "Something went wrong on our side"
    assert "nothing you saved is lost" in page.locator("main").inner_text()
    assert "a bug" not in page.content()
