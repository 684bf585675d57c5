"""One actor per actor across articles, on real PostgreSQL: spelling variants and fuller names join,
descriptions and pronouns make no actor, spokespeople speak for someone, editors' decisions win."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from claims.extraction import ExtractedClaim
from claims.models import Actor, ActorAlias, Claim, Origin
from claims.resolver import DatabaseResolver, actor_by_name, actors_by_names
from claims.services import actor_fold_into, actor_resolve, claims_replace_for_article
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

TEXT = "He said the talks would go on."


def extracted(speaker, *, named=True, speaks_for=None, mention="He"):
    return ExtractedClaim(
        speaker=speaker,
        speaker_mention=mention,
        speaker_start=0,
        speaker_end=len(mention),
        cue="said",
        cue_start=3,
        cue_end=7,
        content="the talks would go on",
        content_start=8,
        content_end=29,
        sentence_start=0,
        sentence_end=len(TEXT),
        speaker_named=named,
        speaker_speaks_for=speaks_for,
    )


def test_transliterations_and_middle_initials_find_the_actor_and_become_its_aliases():
    zelensky = ActorFactory(name="Volodymyr Zelensky")
    peskov = ActorFactory(name="Dmitry Peskov")

    assert actor_resolve(name="Volodymyr Zelenskiy", kind="person") == zelensky
    assert actor_resolve(name="Dmitry S. Peskov", kind="person") == peskov
    assert ActorAlias.objects.get(normalized="volodymyr zelenskiy").actor == zelensky
    assert Actor.objects.count() == 2


def test_a_fuller_name_joins_the_one_person_it_agrees_with_but_not_one_of_two():
    erdogan = ActorFactory(name="Recep Tayyip Erdogan")
    assert actor_resolve(name="Tayyip Erdogan", kind="person") == erdogan

    ActorFactory(name="John Smith")
    ActorFactory(name="Jane Smith")
    other = actor_resolve(name="J. Smith", kind="person")
    assert other.name == "J. Smith"  # two people agree: no guess, a new actor


def test_organisation_variants_share_an_actor():
    army = actor_resolve(name="Israel's military", kind="organization")
    assert actor_resolve(name="the Israeli army", kind="organization") == army
    assert actor_resolve(name="Israel army", kind="organization") == army


def test_an_editors_alias_wins_over_a_spelling_variant():
    ActorFactory(name="Volodymyr Zelensky")
    namesake = ActorFactory(name="Another Zelenskiy")
    ActorAlias.objects.create(
        actor=namesake, name="Volodymyr Zelenskiy", normalized="volodymyr zelenskiy", origin=Origin.EDITOR
    )
    assert actor_resolve(name="Volodymyr Zelenskiy") == namesake
    assert DatabaseResolver().resolve("Volodymyr Zelenskiy").name == "Another Zelenskiy"


def test_a_variant_of_a_merged_actors_name_resolves_to_the_survivor():
    kept, merged = ActorFactory(name="Dmitry Peskov"), ActorFactory(name="Dmitri Peskov Jr")
    ActorAlias.objects.create(actor=merged, name="Dmitriy Peskoff", normalized="dmitriy peskoff")
    actor_fold_into(source=merged, into=kept)
    assert actor_resolve(name="Dmitry Peskoff") == kept


def test_descriptions_and_unresolved_pronouns_are_stored_without_an_actor():
    article = ArticleFactory(text=TEXT)
    claims_replace_for_article(
        article=article,
        extracted=[extracted("officials", named=False), extracted(None, named=False)],
        extractor_version="t",
    )
    assert list(Claim.objects.values_list("speaker_id", "speaker_mention")) == [(None, "He"), (None, "He")]
    assert not Actor.objects.filter(name__in=["officials", "He"]).exists()


def test_a_spokesperson_is_recorded_as_speaking_for_their_principal_once():
    article = ArticleFactory(text=TEXT)
    claims_replace_for_article(
        article=article, extracted=[extracted("Dmitry Peskov", speaks_for="Kremlin")], extractor_version="t"
    )
    peskov = Actor.objects.get(name="Dmitry Peskov")
    assert peskov.speaks_for.name == "Kremlin"

    # An editor's choice stays: a later article naming another principal does not overwrite it.
    government = ActorFactory(name="Russian government")
    Actor.objects.filter(pk=peskov.pk).update(speaks_for=government)
    claims_replace_for_article(
        article=article,
        extracted=[extracted("Dmitry Peskov", speaks_for="Vladimir Putin")],
        extractor_version="t",
    )
    peskov.refresh_from_db()
    assert peskov.speaks_for == government


def test_the_actor_page_and_the_api_show_whom_an_actor_speaks_for(client: Client, editor):
    kremlin = ActorFactory(name="Kremlin")
    peskov = ActorFactory(name="Dmitry Peskov", speaks_for=kremlin)

    page = client.get(reverse("actor-detail", args=[peskov.pk])).content.decode()
    assert "Speaks for" in page and f"/actors/{kremlin.pk}/" in page
    page = client.get(reverse("actor-detail", args=[kremlin.pk])).content.decode()
    assert "Spoken for by" in page and "Dmitry Peskov" in page

    api = APIClient()
    api.force_authenticate(editor)
    row = api.get(f"/api/v1/actors/{peskov.pk}/").json()
    assert row["speaks_for"] == {"id": kremlin.pk, "name": "Kremlin"}


def test_a_surname_alone_joins_the_one_person_of_that_surname():
    hagari = ActorFactory(name="Daniel Hagari", kind="person")
    assert actor_resolve(name="Hagari", kind="person") == hagari
    # Not for a name that is not known to be a person's, and not when two people share it.
    assert actor_resolve(name="Hagari", kind="organization") == hagari  # learned as an alias above
    ActorFactory(name="Hillary Clinton", kind="person")
    ActorFactory(name="Bill Clinton", kind="person")
    assert actor_resolve(name="Clinton", kind="person").name == "Clinton"


def test_a_surname_is_a_whole_last_word_of_the_name():
    goldsmith = ActorFactory(name="Mara Goldsmith", kind="person")
    assert actor_resolve(name="Smith", kind="person") != goldsmith
    assert actor_resolve(name="Goldsmith", kind="person") == goldsmith
    assert actor_resolve(name="M. Goldsmith", kind="person") == goldsmith


def test_an_organisation_name_never_joins_a_description_stored_under_its_last_word():
    Actor.objects.create(name="group", kind="unknown")
    ActorAlias.objects.create(actor=Actor.objects.get(name="group"), name="group", normalized="group")
    assert actor_resolve(name="Wagner Group", kind="organization").name == "Wagner Group"


def test_names_looked_up_together_get_their_actors_in_one_query(
    django_assert_max_num_queries,
):
    zelensky = ActorFactory(name="Volodymyr Zelensky", kind="person")
    hagari = ActorFactory(name="Daniel Hagari", kind="person")
    ActorFactory(name="Hillary Clinton", kind="person")
    ActorFactory(name="Bill Clinton", kind="person")
    kept, merged = ActorFactory(name="Dmitry Peskov"), ActorFactory(name="Dmitri Peskov Jr")
    actor_fold_into(source=merged, into=kept)
    names = [
        "Volodymyr Zelensky",  # exact
        "Volodymyr Zelenskiy",  # spelling variant
        "Hagari",  # surname of one person
        "Clinton",  # surname of two: nobody
        "Dmitri Peskov Jr",  # an alias moved to the survivor of a merge
        "the group",  # a description: nobody's surname
        "Wagner Group",  # never seen
    ]
    with django_assert_max_num_queries(1):
        together = actors_by_names(names)
    assert together == {
        "Volodymyr Zelensky": zelensky,
        "Volodymyr Zelenskiy": zelensky,
        "Hagari": hagari,
        "Clinton": None,
        "Dmitri Peskov Jr": kept,
        "the group": None,
        "Wagner Group": None,
    }
    assert {name: actor_by_name(name) for name in names} == together


def test_a_resolver_asked_for_prefetched_names_queries_no_more():
    ActorFactory(name="Volodymyr Zelensky", kind="person")
    resolver = DatabaseResolver()
    resolver.prefetch(["Volodymyr Zelenskiy", "Somebody New"])
    with CaptureQueriesContext(connection) as captured:
        assert resolver.resolve("Volodymyr Zelenskiy").name == "Volodymyr Zelensky"
        assert resolver.resolve("Somebody New") is None
    assert captured.captured_queries == []
