"""Charts in a real browser at desktop and phone widths: axes with readable labels, undated articles
counted apart, the stance mix and who contradicts whom, with nothing wider than the screen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from claims.models import Claim
from tests.claims.test_views import said
from tests.factories import ActorFactory, ClaimLinkFactory, StoryFactory

pytestmark = [pytest.mark.browser]

SMALLEST_TEXT = """
(root) => Math.min(...Array.from(root.querySelectorAll("text.axis")).map(t => t.getBoundingClientRect().height))
"""


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_charts_have_axes_and_readable_labels(screen: str, request: Any, transactional_db: None) -> None:
    tab = request.getfixturevalue(screen)
    story = StoryFactory(title="Drones over the Kremlin")
    kremlin, kyiv = ActorFactory(name="Kremlin"), ActorFactory(name="Kyiv")
    attack = said(kremlin, "Ukraine attacked", story=story, published=dt.date(2024, 5, 3))
    said(kremlin, "we will respond", story=story, published=dt.date(2024, 5, 3))
    denial = said(kyiv, "we did not", story=story, published=dt.date(2024, 5, 4), stance=Claim.Stance.DENIES)
    said(kyiv, "no comment", story=story)  # an article with no date
    ClaimLinkFactory(source=denial, target=attack)

    for path in ["/", f"/stories/{story.pk}/", f"/actors/{kremlin.pk}/"]:
        tab.goto(path)
        per_day = tab.locator("[data-chart='per-day']").first
        assert per_day.locator("text.y-label").count() >= 2, f"{path}: no y-axis"
        assert per_day.locator("text.x-label").count() >= 1, f"{path}: no x-axis labels"
        smallest = tab.locator("main").evaluate(SMALLEST_TEXT)
        assert smallest >= 11, f"{path}: chart labels {smallest:.1f}px tall at {screen} width"
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the screen"

    tab.goto(f"/stories/{story.pk}/")
    assert "1 claim from articles with the date unknown" in tab.locator("[data-chart='per-day']").inner_text()
    stances = tab.locator("[data-chart='stance'] text").all_text_contents()
    assert stances == ["Asserts", "3", "Denies", "1"]
    assert tab.locator("[data-chart='pairs'] text").all_text_contents() == ["Kyiv → Kremlin", "0 + 1?"]
