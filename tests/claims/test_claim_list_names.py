"""The claim list's speaker and story fields take a name (suggested as one types), not an option
among hundreds: the server resolves the name, and the id only picks among namesakes."""

import pytest
from django.urls import reverse

from tests.factories import ActorFactory, ClaimFactory, StoryFactory

pytestmark = pytest.mark.django_db


def listed(client, **params) -> tuple[set[int], str]:  # type: ignore[no-untyped-def]
    response = client.get(reverse("claim-list"), params)
    assert response.status_code == 200
    return {claim.pk for claim in response.context["page"].object_list}, response.content.decode()


def test_a_typed_speaker_name_filters_without_an_id(client):
    peskov, other = ActorFactory(name="Dmitry Peskov"), ActorFactory(name="Someone Else")
    said = ClaimFactory(speaker=peskov)
    ClaimFactory(speaker=other)
    # The form sends the name and the (stale or empty) id; the name decides, its case and spaces not.
    assert listed(client, speaker_name="  dmitry PESKOV ", speaker="")[0] == {said.pk}
    assert listed(client, speaker_name="Dmitry Peskov", speaker=str(other.pk))[0] == {said.pk}
    page, html = listed(client, speaker=str(peskov.pk))  # a link carries the id alone
    assert page == {said.pk}
    assert 'value="Dmitry Peskov"' in html and f'name="speaker" value="{peskov.pk}"' in html
    assert "<option" not in html.split('id="f-speaker-options"')[1].split("</datalist>")[0]


def test_a_cleared_name_drops_the_filter_and_an_unknown_one_selects_nothing(client):
    peskov = ActorFactory(name="Dmitry Peskov")
    both = {ClaimFactory(speaker=peskov).pk, ClaimFactory().pk}
    assert listed(client, speaker_name="", speaker=str(peskov.pk))[0] == both
    page, html = listed(client, speaker_name="Nobody Known", speaker=str(peskov.pk))
    assert page == set()
    assert "No speaker named “Nobody Known”." in html
    assert 'value="Nobody Known"' in html  # kept in the field to be corrected


def test_the_id_picks_among_namesakes(client):
    first, second = ActorFactory(name="John Smith"), ActorFactory(name="John Smith")  # the alias is the first's
    said_first, said_second = ClaimFactory(speaker=first), ClaimFactory(speaker=second)
    assert listed(client, speaker_name="John Smith", speaker=str(second.pk))[0] == {said_second.pk}
    assert listed(client, speaker_name="John Smith", speaker=str(first.pk))[0] == {said_first.pk}
    page, html = listed(client, speaker_name="John Smith", speaker="")
    assert page == set() and "Several actors are named “John Smith”" in html


def test_a_story_title_filters_by_the_latest_story_of_that_title(client):
    story = StoryFactory(title="Strike on the power plant")
    in_story = ClaimFactory(story=story)
    ClaimFactory()
    assert listed(client, story_title="strike on the power plant")[0] == {in_story.pk}
    assert listed(client, story=str(story.pk))[0] == {in_story.pk}
    assert "No story titled “Elsewhere”." in listed(client, story_title="Elsewhere")[1]


def test_suggestions_for_the_speaker_and_story_fields(client):
    peskov = ActorFactory(name="Dmitry Peskov")
    story = StoryFactory(title="Strike on the power plant")
    speakers = client.get(reverse("speaker-suggestions"), {"q": "pesk"}).json()["results"]
    assert [(s["id"], s["name"]) for s in speakers] == [(peskov.pk, "Dmitry Peskov")]
    stories = client.get(reverse("story-suggestions"), {"q": "power"}).json()["results"]
    assert stories == [{"id": story.pk, "name": "Strike on the power plant"}]
    assert client.get(reverse("story-suggestions"), {"q": "x"}).json()["results"] == []
