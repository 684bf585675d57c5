"""Cross-referencing the seed article and the labelled set: stories, suggested links, editors' say."""

import pytest

from articles.models import Article
from claims.crossref import article_crossref
from claims.models import Claim, ClaimLink, Origin, Story
from tests.claims.labelled_stories import load_labelled_set
from tests.claims.seed_claims import seed_article_with_gold_claims


def links_of(claims: dict[str, Claim]) -> set[tuple[str, str, str]]:
    name_of = {claim.pk: name for name, claim in claims.items()}
    return {
        (name_of[s], relation, name_of[t])
        for s, relation, t in ClaimLink.objects.values_list("source_id", "relation", "target_id")
        if s in name_of and t in name_of
    }


@pytest.mark.django_db
def test_seed_accusation_assassination_claim_and_denial_are_one_story(seed_text):
    article, claims = seed_article_with_gold_claims(seed_text)
    article_crossref(article_id=article.pk)

    stories = {name: Claim.objects.get(pk=claim.pk).story_id for name, claim in claims.items()}
    assert stories["kremlin_targeted"] is not None
    assert stories["kremlin_targeted"] == stories["russia_assassination"] == stories["zelensky_denial"]
    assert stories["ukraine_dispute"] == stories["kremlin_targeted"]


@pytest.mark.django_db
def test_seed_denial_and_dispute_contradict_what_they_answer(seed_text):
    article, claims = seed_article_with_gold_claims(seed_text)
    article_crossref(article_id=article.pk)

    links = links_of(claims)
    assert ("zelensky_denial", "contradicts", "kremlin_targeted") in links
    assert ("ukraine_dispute", "contradicts", "russia_assassination") in links
    contradictions = ClaimLink.objects.filter(relation=ClaimLink.Relation.CONTRADICTS)
    for link in contradictions.select_related("source", "target"):
        assert link.source.stance in {"denies", "disputes", "doubts"}
        assert link.target.stance not in {"denies", "disputes", "doubts"}
        assert link.source.speaker_id != link.target.speaker_id
        assert link.origin == Origin.MACHINE and link.status == ClaimLink.Status.SUGGESTED
        assert 0 < link.score <= 1


@pytest.mark.django_db
def test_crossref_twice_gives_the_same_stories_and_links(seed_text):
    gold = load_labelled_set()
    seed_article_with_gold_claims(seed_text)
    article_ids = list(Article.objects.order_by("published_at", "id").values_list("id", flat=True))

    def snapshot():
        return (
            sorted(Claim.objects.values_list("id", "story_id")),
            sorted(Story.objects.values_list("id", "title")),
            sorted(ClaimLink.objects.values_list("source_id", "target_id", "relation", "score")),
        )

    for article_id in article_ids:
        article_crossref(article_id=article_id)
    first = snapshot()
    for article_id in reversed(article_ids):
        article_crossref(article_id=article_id)
    assert snapshot() == first
    assert len(first[1]) >= 4 and first[2]
    assert len(gold) > 20


@pytest.mark.django_db
def test_same_speaker_repeating_a_claim_in_another_outlet_is_linked_as_same():
    load_labelled_set()
    for article_id in Article.objects.order_by("published_at").values_list("id", flat=True):
        article_crossref(article_id=article_id)

    same = ClaimLink.objects.filter(relation=ClaimLink.Relation.SAME).select_related("source", "target")
    pairs = {(link.source.speaker.name, link.source.article_id != link.target.article_id) for link in same}
    assert ("Kremlin", True) in pairs
    for link in same:
        assert link.source.speaker_id == link.target.speaker_id
        assert link.source_id < link.target_id
    supports = ClaimLink.objects.filter(relation=ClaimLink.Relation.SUPPORTS).select_related("source", "target")
    assert supports.exists()
    for link in supports:
        assert link.source.speaker_id != link.target.speaker_id
        assert link.source.story_id == link.target.story_id
