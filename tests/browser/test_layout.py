"""Layout and keyboard checks in a real browser, on data made with the factories (no worker needed)."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import ClaimEntity
from tests.factories import ActorFactory, ClaimFactory, ClaimLinkFactory, StoryFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def some_claims(transactional_db: None) -> dict[str, int]:
    story = StoryFactory(title="A rather long story title about drones over the Kremlin and what was said of them")
    speaker = ActorFactory(name="The Office of the President of the Russian Federation")
    claims = [ClaimFactory(speaker=speaker, story=story) for _ in range(3)]
    ClaimEntity.objects.create(claim=claims[0], actor=ActorFactory(), text="x", label="GPE", start=0, end=1)
    ClaimLinkFactory(source=ClaimFactory(story=story), target=claims[0])
    return {"claim": claims[0].pk, "article": claims[0].article_id, "actor": speaker.pk, "story": story.pk}


def test_main_pages_fit_a_phone_screen_without_sideways_scrolling(page: Any, some_claims: dict[str, int]) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    for path in [
        "/",
        "/claims/",
        "/claims/?q=budget",
        f"/claims/{some_claims['claim']}/",
        "/articles/",
        f"/articles/{some_claims['article']}/",
        "/actors/",
        f"/actors/{some_claims['actor']}/",
        "/stories/",
        f"/stories/{some_claims['story']}/",
    ]:
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the screen"


def test_keyboard_reaches_the_skip_link_first_and_then_the_claims(page: Any, some_claims: dict[str, int]) -> None:
    page.goto(f"/articles/{some_claims['article']}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The first focusable element inside the main content that is a claim highlight can be reached with Tab.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.claim')"):
            break
    else:
        pytest.fail("no claim highlight was reached with the keyboard")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    assert page.locator(".tooltip").is_visible()
