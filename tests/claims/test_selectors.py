"""Reads for the UI and API: by actor, about, story, period, search, fuzzy actors, contradictions."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from articles.models import Article
from claims import selectors
from claims.crossref import article_crossref
from claims.models import Actor, Claim, ClaimEntity, ClaimLink
from claims.services import actor_resolve
from tests.claims.labelled_stories import load_labelled_set
from tests.claims.seed_claims import seed_article_with_gold_claims
from tests.factories import ActorFactory, ClaimFactory, ClaimLinkFactory, StoryFactory


@pytest.fixture
def labelled(db):
    load_labelled_set()
    for article_id in Article.objects.order_by("published_at", "id").values_list("id", flat=True):
        article_crossref(article_id=article_id)


def actor(name: str) -> Actor:
    return actor_resolve(name=name)


@pytest.mark.django_db
def test_everything_one_actor_said_about_another_is_one_indexed_query(django_assert_num_queries):
    putin, kremlin, zelensky = ActorFactory(name="Vladimir Putin"), ActorFactory(name="Kremlin"), ActorFactory()
    about_putin = ClaimFactory(speaker=kremlin)
    ClaimEntity.objects.create(claim=about_putin, actor=putin, text="Putin", label="PERSON", start=18, end=23)
    ClaimEntity.objects.create(claim=about_putin, actor=putin, text="Putin", label="PERSON", start=24, end=29)
    ClaimFactory(speaker=kremlin)  # about nobody
    by_someone_else = ClaimFactory(speaker=zelensky)
    ClaimEntity.objects.create(claim=by_someone_else, actor=putin, text="Putin", label="PERSON", start=18, end=23)

    with django_assert_num_queries(1):
        found = list(Claim.objects.by_actor(kremlin).about(putin))
    assert found == [about_putin]  # once, though it names Putin twice

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table is scanned otherwise
        plan = Claim.objects.by_actor(kremlin).about(putin).explain()
    # Index scans all the way; which of the entity indexes leads depends on the table statistics.
    assert "Seq Scan" not in plan
    assert "claim_entity_actor" in plan or "claimentity_claim_id" in plan


def test_claims_by_actor_about_and_in_story_cost_one_query_each(labelled, django_assert_num_queries):
    kremlin, ukraine = actor("Kremlin"), actor("Ukraine")
    story = Claim.objects.get(content__startswith="that Ukraine attacked the Kremlin").story

    with django_assert_num_queries(3):
        by_kremlin = list(selectors.claims_by_actor(actor=kremlin))
        about_ukraine = list(selectors.claims_about(actor=ukraine, speaker=kremlin))
        in_story = list(selectors.claims_in_story(story=story))
        for claim in by_kremlin + about_ukraine + in_story:
            assert claim.speaker.name and claim.article.outlet.name

    assert {c.speaker for c in by_kremlin} == {kremlin} and len(by_kremlin) == 2
    assert len(about_ukraine) == 2 and all("Ukraine" in c.content for c in about_ukraine)
    assert len(in_story) >= 8 and {c.story_id for c in in_story} == {story.pk}
    assert [c.article.published_at for c in in_story] == sorted(c.article.published_at for c in in_story)


def test_claims_in_a_period_are_those_of_articles_published_in_it(labelled):
    claims = list(
        selectors.claims_in_period(start=datetime(2023, 5, 12, tzinfo=UTC), end=datetime(2023, 5, 13, tzinfo=UTC))
    )
    assert {c.article.title for c in claims} == {"Drones hit refinery in Ryazan region"}


def test_search_ranks_claims_and_marks_the_matches(labelled, django_assert_num_queries):
    with django_assert_num_queries(1):
        hits = list(selectors.claims_search(query='"terrorist act" OR residence -staged'))
    assert hits
    assert all(h.search_rank >= hits[-1].search_rank for h in hits)
    assert all("staged" not in h.content for h in hits)
    html = selectors.headline_html(hits[0].search_headline)
    assert "<mark>" in html


def test_search_headline_escapes_the_claim_text():
    assert selectors.headline_html("a <b> \x02drone\x03") == "a &lt;b&gt; <mark>drone</mark>"


def test_fuzzy_actor_lookup_forgives_typos_accents_and_partial_names(labelled):
    ActorFactory(name="Maroš Šefčovič")

    def first(name: str) -> str:
        return selectors.actors_lookup(name=name)[0].actor.name

    assert first("Zelenskyy") == "Volodymyr Zelensky"
    assert first("zelenskiy") == "Volodymyr Zelensky"
    assert first("Podolyak") == "Mykhailo Podolyak"
    assert first("Sefcovic") == "Maroš Šefčovič"
    assert first("the Russian presidency") == "Kremlin"
    assert selectors.actors_lookup(name="Christine Lagarde")[0].similarity == pytest.approx(1.0)
    assert selectors.actors_lookup(name="xqzv") == []


def test_who_contradicts_an_actor(labelled, django_assert_num_queries):
    kremlin = actor("Kremlin")
    with django_assert_num_queries(1):
        rivals = list(selectors.actors_contradicting(actor=kremlin))
    names = {a.name: a.contradictions for a in rivals}
    assert {"Volodymyr Zelensky", "Mykhailo Podolyak"} <= set(names)
    assert kremlin.name not in names
    assert all(count >= 1 for count in names.values())

    ClaimLink.objects.filter(source__speaker__name="Mykhailo Podolyak").update(status=ClaimLink.Status.DISMISSED)
    assert "Mykhailo Podolyak" not in {a.name for a in selectors.actors_contradicting(actor=kremlin)}


def test_story_list_costs_one_query(labelled, django_assert_num_queries):
    with django_assert_num_queries(1):
        stories = list(selectors.stories_recent())
    assert stories and all(s.claim_count >= 2 for s in stories)
    assert stories[0].last_seen_at >= stories[-1].last_seen_at


@pytest.mark.django_db
def test_story_detail_groups_claims_by_speaker_and_marks_contradictions(seed_text, django_assert_num_queries):
    article, claims = seed_article_with_gold_claims(seed_text)
    article_crossref(article_id=article.pk)
    story = Claim.objects.get(pk=claims["kremlin_targeted"].pk).story

    # the story's claims without their text, their links, the claims shown
    with django_assert_num_queries(3):
        detail = selectors.story_detail(story=story)
        speakers = [entry.actor.name for entry in detail.actors if entry.actor]

    assert speakers[0] == "Kremlin"  # the speaker with most claims first
    entries = {item.claim.pk: item for entry in detail.actors for item in entry.claims}
    targeted = entries[claims["kremlin_targeted"].pk]
    assert claims["zelensky_denial"].pk in targeted.contradicted_by
    assert targeted.is_contested
    assert claims["kremlin_targeted"].pk in entries[claims["zelensky_denial"].pk].contradicts


@pytest.mark.django_db
def test_story_links_leave_out_rejected_claims_and_claims_of_other_stories():
    story, elsewhere = StoryFactory(), StoryFactory()
    kept, other = ClaimFactory(story=story), ClaimFactory(story=story)
    rejected = ClaimFactory(story=story, review_status=Claim.ReviewStatus.REJECTED)
    outside = ClaimFactory(story=elsewhere)
    shown = ClaimLinkFactory(source=kept, target=other)
    ClaimLinkFactory(source=kept, target=rejected)
    ClaimLinkFactory(source=rejected, target=other)
    ClaimLinkFactory(source=other, target=outside)
    detail = selectors.story_detail(story=story)
    assert [link.pk for link in detail.links] == [shown.pk]
    assert detail.claim_count == 2


@pytest.mark.parametrize("text", ["short", "x" * 48, "y" * 49, "café " * 30, "e\u0301" * 60])
def test_clip_cuts_as_truncatechars_does(text):
    from django.template.defaultfilters import truncatechars

    from claims.templatetags.claims_ui import clip

    assert clip(text, 48) == truncatechars(text, 48)
