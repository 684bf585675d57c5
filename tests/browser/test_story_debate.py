"""The story page as a debate, at desktop and phone widths: claims tied by links form one proposition,
with who asserts, denies or doubts it side by side and each contradiction next to what it contradicts."""

from __future__ import annotations

from typing import Any

import pytest

from claims.models import Claim, ClaimLink
from tests.claims.test_views import said
from tests.factories import ActorFactory, ClaimLinkFactory, StoryFactory

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_a_story_reads_as_a_debate(screen: str, request: Any, transactional_db: None) -> None:
    tab = request.getfixturevalue(screen)
    story = StoryFactory(title="that Ukraine attacked the Kremlin with drones overnight")
    kremlin, kyiv, expert = ActorFactory(name="Kremlin"), ActorFactory(name="Kyiv"), ActorFactory(name="An expert")
    attack = said(kremlin, "Ukraine attacked with drones", story=story)
    denial = said(kyiv, "it had nothing to do with it", story=story, stance=Claim.Stance.DENIES)
    doubt = said(expert, "the footage may be staged", story=story, stance=Claim.Stance.DOUBTS)
    said(ActorFactory(name="Moscow Mayor"), "the roads are open", story=story)  # tied to nothing
    ClaimLinkFactory(source=denial, target=attack, status=ClaimLink.Status.CONFIRMED)
    ClaimLinkFactory(source=doubt, target=attack, score=0.6)

    tab.goto(f"/stories/{story.pk}/")
    assert tab.locator("h1").inner_text() == "Ukraine attacked the Kremlin with drones overnight"
    propositions = tab.locator("[data-proposition]")
    assert propositions.count() == 1
    debate = propositions.first
    assert debate.locator("h3").inner_text().startswith("Ukraine attacked with drones")
    assert debate.locator("[data-side='assert'] .debate-speaker").all_inner_texts() == ["Kremlin"]
    assert debate.locator("[data-side='deny'] .debate-speaker").all_inner_texts() == ["Kyiv"]
    assert debate.locator("[data-side='doubt'] .debate-speaker").all_inner_texts() == ["An expert"]
    denial_row = debate.locator("[data-side='deny'] .claim-row")
    assert "Contradicts Kremlin: Ukraine attacked with drones" in denial_row.inner_text()
    assert "Confirmed" in denial_row.inner_text()
    assert "Suggested" in debate.locator("[data-side='doubt'] .claim-row").inner_text()

    # Sides stand next to each other on a wide screen and stack on a phone.
    boxes = [debate.locator(f"[data-side='{key}']").bounding_box() for key in ("assert", "deny")]
    if screen == "page":
        assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]
    else:
        assert boxes[1]["y"] > boxes[0]["y"]
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0

    # Every claim, the untied one too, is there by speaker: loaded when the reader opens the section.
    assert "the roads are open" not in tab.content()
    tab.get_by_text("Every claim, by speaker").click()
    by_speaker = tab.locator("details.by-speaker")
    by_speaker.get_by_text("the roads are open").wait_for()
    assert by_speaker.locator(".side h2 a").all_inner_texts() == ["An expert", "Kremlin", "Kyiv", "Moscow Mayor"]
    assert tab.url.endswith(f"/stories/{story.pk}/")  # loaded into the page, not a page of its own
