"""Searching claims finds them by their speaker's names and aliases as well as by their words, and a
search is ranked by relevance unless another order is picked."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import ActorAlias
from claims.selectors import claim_selection
from tests.claims.test_views import said
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def speakers() -> dict[str, object]:
    peskov = ActorFactory(name="Dmitry Peskov")
    white_house = ActorFactory(name="The White House")
    ActorAlias.objects.create(actor=white_house, name="Washington", normalized="washington")
    return {
        "peskov_said": [said(peskov, "the drones came from Kyiv"), said(peskov, "we will respond")],
        "about_peskov": said(ActorFactory(name="A reporter"), "Peskov looked tired"),
        "white_house_said": said(white_house, "no comment on the drones"),
        "other": said(ActorFactory(name="Peskova Ltd"), "profits rose"),
    }


def ids(query: str, **params: str) -> list[int]:
    return [claim.pk for claim in claim_selection(params={"q": query, **params}).queryset]


def test_a_speakers_name_finds_what_they_said_first_then_what_mentions_them(speakers) -> None:  # type: ignore[no-untyped-def]
    found = ids("Peskov")
    assert set(found[:2]) == {claim.pk for claim in speakers["peskov_said"]}
    assert found[2:] == [speakers["about_peskov"].pk]  # the name as a whole word: not "Peskova Ltd"


def test_a_name_of_several_words_and_an_alias_find_the_speaker(speakers) -> None:  # type: ignore[no-untyped-def]
    assert ids("White House") == [speakers["white_house_said"].pk]
    assert ids("washington") == [speakers["white_house_said"].pk]


def test_web_search_syntax_searches_the_words_only(speakers) -> None:  # type: ignore[no-untyped-def]
    assert ids('"no comment" -Peskov') == [speakers["white_house_said"].pk]


def test_the_claim_list_ranks_a_search_by_relevance_even_after_a_date_sort_was_shown(client: Client, speakers) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("claim-list"), {"q": "Peskov", "sort": ""}).content.decode()
    first_peskov = page.index("Dmitry Peskov")
    assert first_peskov < page.index("looked tired")
    assert '<option value="" selected>Best match when searching, else newest</option>' in page
