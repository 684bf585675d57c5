"""A session in a real browser: an editor submits the seed article, its claims appear; then what an
analyst does: filter, search, open a claim and export what was found."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from claims.accounts import user_set_role
from claims.models import Claim

pytestmark = [pytest.mark.browser, pytest.mark.worker]


def log_in(page: Any, username: str, password: str) -> None:
    page.goto("/accounts/login/?next=/articles/new/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/articles/new/")


def test_the_seed_article_is_submitted_then_explored_in_the_browser(worker: Any, page: Any, seed_text: str) -> None:
    # Submitting is an editor's write; everything after it is what an analyst does.
    user = get_user_model().objects.create_user("editor", password="a long test password")
    user_set_role(user=user, role="editor")
    log_in(page, "editor", "a long test password")

    # Submit: the article page polls its status and reloads itself when the worker is done.
    page.get_by_label("Title").fill("Kremlin drone report")
    page.get_by_label("Outlet").fill("BBC News")
    page.get_by_label("Published").fill("2023-05-03")
    page.get_by_label("Text").fill(seed_text)
    page.get_by_role("button", name="Submit article").click()
    page.wait_for_url("**/articles/*/")
    highlights = page.locator(".article-text mark.claim[tabindex='0']")
    highlights.first.wait_for(timeout=90_000)
    stored = list(Claim.objects.select_related("speaker").order_by("content_start"))
    assert stored, "the worker extracted no claims from the seed article"
    assert highlights.count() == len(stored)
    assert page.locator("#article-status .badge").inner_text() == "Done"

    # A highlight shows who said it when it takes the keyboard focus.
    first = next(claim for claim in stored if claim.speaker_id)
    highlights.nth(stored.index(first)).focus()
    tooltip = page.locator(".tooltip")
    tooltip.wait_for(state="visible")
    assert first.speaker.name in tooltip.inner_text()
    assert first.cue in tooltip.inner_text()
    assert highlights.nth(stored.index(first)).get_attribute("aria-describedby") == f"claim-tip-{first.pk}"

    # Filter by actor with the form; the whole selection lands in the URL.
    page.get_by_role("link", name="Claims", exact=True).click()
    # The speaker is a name field: typing suggests names (from the server), and choosing one stores its id.
    speaker_field = page.get_by_label("Speaker")
    speaker_field.press_sequentially(first.speaker.name[:4])
    page.locator(f'#f-speaker-options option[value="{first.speaker.name}"]').wait_for(state="attached")
    speaker_field.fill(first.speaker.name)
    assert page.locator("#f-speaker-id").input_value() == str(first.speaker_id)
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(f"**/claims/?*speaker={first.speaker_id}*")
    rows = page.locator(".claim-row")
    by_speaker = Claim.objects.filter(speaker=first.speaker).count()
    assert rows.count() == by_speaker
    assert all(name == first.speaker.name for name in rows.locator(".who").all_inner_texts())

    # Search: the matching words are marked.
    page.get_by_role("link", name="Clear all").click()
    page.get_by_label("Search the claims").fill("drones")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/claims/?q=drones*")
    marks = page.locator(".claim-row .claim-content mark")
    assert marks.count() >= 1
    assert {text.lower() for text in marks.all_inner_texts()} <= {"drones", "drone"}
    result_count = rows.count()

    # Export the same selection as CSV.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    body = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    exported = list(csv.DictReader(io.StringIO(body)))
    assert len(exported) == result_count
    assert all("drone" in row["content"].lower() for row in exported)

    # Open a claim: its words in context, its speaker linked.
    rows.first.locator(".claim-content a").click()
    page.wait_for_url("**/claims/*/")
    opened = Claim.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    assert page.locator("#claim-context mark.ctx-content").inner_text() == opened.content
    assert page.locator("#claim-content").inner_text() == opened.content
    if opened.speaker_id:
        assert page.locator("h1 a").get_attribute("href") == f"/actors/{opened.speaker_id}/"
