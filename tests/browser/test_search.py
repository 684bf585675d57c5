"""Searching in a real browser, at desktop and phone widths: a speaker's name finds what they said,
best match first, though the list was shown newest first."""

from __future__ import annotations

from typing import Any

import pytest

from tests.claims.test_views import said
from tests.factories import ActorFactory

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_searching_a_speakers_name_lists_their_claims_first(screen: str, request: Any, transactional_db: None) -> None:
    tab = request.getfixturevalue(screen)
    peskov = ActorFactory(name="Dmitry Peskov")
    said(ActorFactory(name="A reporter"), "Peskov looked tired")
    said(peskov, "the drones came from Kyiv")
    said(peskov, "we will respond")

    tab.goto("/claims/")  # listed newest first; the form then searches by best match, not by that date order
    tab.get_by_label("Search the claims").fill("Peskov")
    tab.get_by_role("button", name="Apply").click()
    tab.wait_for_url("**/claims/?q=Peskov*")
    speakers = tab.locator(".claim-row .who").all_inner_texts()
    assert speakers == ["Dmitry Peskov", "Dmitry Peskov", "A reporter"]
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
