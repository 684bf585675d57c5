"""The per-actor summaries (ActorDay, ActorMention) the actor page reads stay equal to a count over
the claims themselves, whatever writes the claims: storing an extraction, editors, merges, deletes."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import connection

from articles.models import Article
from claims import selectors
from claims.editing import claim_reject, claim_update, link_confirm
from claims.models import Actor, ActorContradiction, ActorDay, ActorMention, Claim, ClaimEntity, ClaimLink
from claims.services import actor_fold_into, actor_unfold, claims_replace_for_article
from tests.claims.test_reextraction_respects_editors import TEXT, machine_claims
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, ClaimLinkFactory

pytestmark = pytest.mark.django_db

NOON = dt.time(12, tzinfo=dt.UTC)


def counted() -> tuple[Counter, Counter, Counter]:
    """The summaries as stored (rows holding 0 left out)."""
    days = Counter({(r.actor_id, r.day, r.stance): r.claims for r in ActorDay.objects.exclude(claims=0)})
    mentions = Counter({(r.actor_id, r.named_id): r.claims for r in ActorMention.objects.exclude(claims=0)})
    contradictions = Counter(
        {(r.actor_id, r.other_id, r.status): r.links for r in ActorContradiction.objects.exclude(links=0)}
    )
    return days, mentions, contradictions


def truth() -> tuple[Counter, Counter, Counter]:
    """The same figures counted from the claims, in Python."""
    days: Counter = Counter()
    visible = Claim.objects.visible().filter(speaker__isnull=False)
    for speaker, published, stance in visible.values_list("speaker_id", "article__published_at", "stance"):
        days[(speaker, published.astimezone(dt.UTC).date() if published else None, stance)] += 1
    named = set(
        ClaimEntity.objects.filter(claim__in=visible, actor__isnull=False).values_list(
            "claim_id", "claim__speaker_id", "actor_id"
        )
    )
    mentions = Counter((speaker, actor) for _, speaker, actor in named if actor != speaker)
    contradictions: Counter = Counter()
    links = ClaimLink.objects.filter(relation=ClaimLink.Relation.CONTRADICTS).exclude(status=ClaimLink.Status.DISMISSED)
    for source, target, status in links.values_list("source__speaker_id", "target__speaker_id", "status"):
        if source is not None and target is not None and source != target:
            contradictions[(source, target, status)] += 1
            contradictions[(target, source, status)] += 1
    return days, mentions, contradictions


def assert_exact() -> None:
    assert counted() == truth()


def claim_naming(speaker: Actor, *named: Actor, published: dt.date | None = dt.date(2024, 5, 1), **fields) -> Claim:
    article = ArticleFactory(published_at=dt.datetime.combine(published, NOON) if published else None)
    claim = ClaimFactory(article=article, speaker=speaker, **fields)
    for actor in named:
        ClaimEntity.objects.create(claim=claim, actor=actor, text=actor.name, label="ORG", start=18, end=20)
    return claim


def test_stored_extractions_are_counted_and_replaced_ones_counted_out():
    article = ArticleFactory(text=TEXT, published_at=dt.datetime(2024, 3, 2, 23, 30, tzinfo=dt.UTC))
    claims_replace_for_article(article=article, extracted=machine_claims(TEXT), extractor_version="1")
    assert_exact()
    assert sum(counted()[0].values()) == Claim.objects.filter(speaker__isnull=False).count() == 2
    claims_replace_for_article(article=article, extracted=machine_claims(TEXT)[:1], extractor_version="2")
    assert_exact()
    assert sum(counted()[0].values()) == 1


def test_a_claim_naming_an_actor_twice_counts_once_and_the_speaker_never_names_itself():
    putin, kremlin = ActorFactory(name="Putin"), ActorFactory(name="Kremlin")
    claim = claim_naming(kremlin, putin, putin, kremlin)
    assert counted()[1] == Counter({(kremlin.pk, putin.pk): 1})
    ClaimEntity.objects.filter(claim=claim, actor=putin).first().delete()
    assert counted()[1] == Counter({(kremlin.pk, putin.pk): 1})
    ClaimEntity.objects.filter(claim=claim, actor=putin).update(actor=kremlin)
    assert counted()[1] == Counter()
    assert_exact()


def test_editors_corrections_and_rejections_move_the_counts(editor):
    putin, kremlin, kyiv = ActorFactory(name="Putin"), ActorFactory(name="Kremlin"), ActorFactory(name="Kyiv")
    claim = claim_naming(kremlin, putin, kyiv)
    claim_naming(kremlin, putin, published=None)
    claim = claim_update(claim=claim, user=editor, expected_version=1, changes={"speaker": kyiv, "stance": "denies"})
    assert_exact()
    assert counted()[0][(kyiv.pk, dt.date(2024, 5, 1), "denies")] == 1
    claim_reject(claim=claim, user=editor, expected_version=claim.version, reason="not a claim")
    assert_exact()
    assert (kyiv.pk, putin.pk) not in counted()[1]


def test_merging_and_unmerging_actors_moves_their_counts(editor):
    putin, vladimir, kremlin = (
        ActorFactory(name="Putin"),
        ActorFactory(name="Vladimir Putin"),
        ActorFactory(name="Kremlin"),
    )
    claim_naming(vladimir, kremlin)
    claim_naming(putin, kremlin, vladimir)
    claim_naming(kremlin, vladimir, putin)
    merge = actor_fold_into(source=vladimir, into=putin, user=editor)
    assert_exact()
    assert counted()[1][(kremlin.pk, putin.pk)] == 1  # one claim named both: counted once
    assert not [key for key in counted()[0] if key[0] == vladimir.pk]
    actor_unfold(merge=merge, user=editor)
    assert_exact()


def test_deleting_articles_claims_and_actors_and_redating_articles_keep_the_counts():
    putin, kremlin, kyiv = ActorFactory(name="Putin"), ActorFactory(name="Kremlin"), ActorFactory(name="Kyiv")
    first = claim_naming(kremlin, putin)
    second = claim_naming(kyiv, putin, kremlin, stance="doubts")
    claim_naming(putin, kyiv)
    Article.objects.filter(pk=first.article_id).update(published_at=dt.datetime(2023, 1, 1, 1, tzinfo=dt.UTC))
    assert_exact()
    first.article.delete()
    assert_exact()
    second.delete()
    assert_exact()
    putin.delete()  # its claims lose their speaker, the claims naming it their entity
    assert_exact()
    assert not ActorDay.objects.filter(actor_id=putin.pk).exists()
    assert not ActorMention.objects.filter(named_id=putin.pk).exists()


def test_rebuilding_from_scratch_gives_what_the_triggers_kept():
    putin, kremlin, kyiv = ActorFactory(name="Putin"), ActorFactory(name="Kremlin"), ActorFactory(name="Kyiv")
    claims = [claim_naming(kremlin, putin, published=dt.date(2024, 5, day)) for day in (1, 1, 2)]
    denial = claim_naming(kyiv, kremlin, stance="denies")
    for claim, status in zip(claims, ("suggested", "confirmed", "dismissed"), strict=True):
        ClaimLink.objects.create(source=denial, target=claim, relation="contradicts", status=status)
    ClaimLink.objects.create(source=claims[0], target=claims[1], relation="contradicts")  # one speaker
    ClaimLink.objects.create(source=denial, target=claims[2], relation="supports")
    kept = counted()
    assert kept[2], "the links count as contradictions"
    with connection.cursor() as cursor:
        cursor.execute("SELECT claims_actor_summaries_rebuild()")
    assert counted() == kept == truth()


def test_the_actor_page_reads_what_counting_the_claims_gives(client):
    putin, kremlin = ActorFactory(name="Putin"), ActorFactory(name="Kremlin")
    for day, stance in ((1, "asserts"), (1, "denies"), (3, "asserts")):
        claim_naming(kremlin, putin, published=dt.date(2024, 5, day), stance=stance)
    claim_naming(kremlin, published=None)
    claim_naming(kremlin, review_status=Claim.ReviewStatus.REJECTED)
    visible = kremlin.claims.visible()
    assert selectors.actor_timeline(actor=kremlin) == selectors.claims_per_day(claims=visible)
    assert selectors.actor_stance_mix(actor=kremlin) == selectors.stance_mix(claims=visible)
    response = client.get(f"/actors/{kremlin.pk}/")
    assert response.context["claim_count"] == visible.count() == 4
    assert response.context["said_about"] == [{"actor_id": putin.pk, "actor__name": "Putin", "claims": 3}]


def test_contradictions_follow_links_and_their_claims_speakers(editor):
    putin, kremlin, kyiv = ActorFactory(name="Putin"), ActorFactory(name="Kremlin"), ActorFactory(name="Kyiv")
    attack, denial, doubt = claim_naming(kremlin), claim_naming(kyiv), claim_naming(putin)
    own = claim_naming(kremlin)
    first = ClaimLinkFactory(source=denial, target=attack, relation=ClaimLink.Relation.CONTRADICTS)
    ClaimLinkFactory(source=doubt, target=attack, relation=ClaimLink.Relation.CONTRADICTS)
    ClaimLinkFactory(source=own, target=attack, relation=ClaimLink.Relation.CONTRADICTS)  # with itself: nobody's
    ClaimLinkFactory(source=doubt, target=denial, relation=ClaimLink.Relation.SUPPORTS)
    assert_exact()
    assert counted()[2][(kremlin.pk, kyiv.pk, "suggested")] == 1
    link_confirm(link=first, user=editor)
    assert_exact()
    assert (kremlin.pk, kyiv.pk, "confirmed") in counted()[2]
    claim_update(claim=doubt, user=editor, expected_version=1, changes={"speaker": kyiv})
    assert_exact()
    merge = actor_fold_into(source=kyiv, into=putin, user=editor)
    assert_exact()
    actor_unfold(merge=merge, user=editor)
    assert_exact()
    ClaimLink.objects.filter(pk=first.pk).update(status=ClaimLink.Status.DISMISSED)
    assert_exact()
    attack.delete()  # its links go first (Django), then the claim
    assert_exact()
    assert not counted()[2]


def test_a_claim_deleted_before_its_links_is_counted_out_once():
    kremlin, kyiv = ActorFactory(name="Kremlin"), ActorFactory(name="Kyiv")
    attack, denial = claim_naming(kremlin), claim_naming(kyiv)
    ClaimLinkFactory(source=denial, target=attack, relation=ClaimLink.Relation.CONTRADICTS)
    with connection.cursor() as cursor:  # foreign keys are checked at commit: the claim may go first
        cursor.execute("DELETE FROM claims_claimentity WHERE claim_id = %s", [attack.pk])
        cursor.execute("DELETE FROM claims_claim WHERE id = %s", [attack.pk])
        assert counted()[2] == Counter()
        cursor.execute("DELETE FROM claims_claimlink WHERE target_id = %s", [attack.pk])
    assert_exact()
