"""Storing an article's claims costs a fixed number of queries, however many names it uses, and
resolves and creates its actors in bulk as one-by-one resolution did (bench/end_to_end.py
--breakdown: 96 queries per article before, most of them a lookup or an INSERT per name)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.bulk import rows_insert
from claims.extraction import EXTRACTOR_VERSION, Entity, ExtractedClaim
from claims.models import Actor, ActorAlias, Claim, ClaimLink
from claims.services import claims_replace_for_article
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

SENTENCE = "X said that the talks with Y would go on. "

# Transaction control aside: reading the article's claims (1: a first extraction has none to
# delete), looking the names up (1), the new actors (1), their aliases (1: it says which it
# inserted, so no other worker took a name and none is checked), the claims (1), their entities (1).
STORING_QUERIES = 6
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT")

SURNAMES = [
    "Abbott",
    "Baker",
    "Carter",
    "Dawson",
    "Ellis",
    "Fisher",
    "Garcia",
    "Hughes",
    "Irwin",
    "Jensen",
    "Kumar",
    "Lopez",
]


def article_with(speakers: list[str], about: list[str], *, aliases: tuple[str, ...] = ()):
    text = SENTENCE * len(speakers)
    article = ArticleFactory(text=text)
    extracted = []
    for index, speaker in enumerate(speakers):
        at = index * len(SENTENCE)
        extracted.append(
            ExtractedClaim(
                speaker=speaker,
                speaker_mention="X",
                speaker_start=at,
                speaker_end=at + 1,
                cue="said",
                cue_start=at + 2,
                cue_end=at + 6,
                content=text[at + 7 : at + 40],
                content_start=at + 7,
                content_end=at + 40,
                sentence_start=at,
                sentence_end=at + len(SENTENCE) - 1,
                speaker_named=True,
                speaker_kind="person",
                speaker_aliases=aliases if index == 0 else (),
                about=tuple(Entity(text=name, label="ORG", start=at + 27, end=at + 28) for name in about),
            )
        )
    return article, extracted


@pytest.mark.parametrize("names", [2, 12])
def test_storing_an_article_costs_the_same_queries_however_many_names_it_uses(names):
    ActorFactory(name="Volodymyr Zelensky", kind="person")
    surnames = SURNAMES[:names]
    speakers = ["Volodymyr Zelenskiy", *[f"Maria {surname}" for surname in surnames]]
    article, extracted = article_with(speakers, [f"{surname} Shipping" for surname in surnames])
    with CaptureQueriesContext(connection) as captured:
        claims_replace_for_article(article=article, extracted=extracted, extractor_version=EXTRACTOR_VERSION)
    statements = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(TRANSACTION_CONTROL)]
    assert len(statements) == STORING_QUERIES, "\n".join(statements)
    assert Claim.objects.filter(article=article).count() == len(speakers)
    assert Actor.objects.count() == 1 + 2 * names
    assert ActorAlias.objects.get(normalized="volodymyr zelenskiy").actor.name == "Volodymyr Zelensky"


def test_names_new_to_the_database_join_each_other_within_an_article_as_one_by_one():
    article, extracted = article_with(
        ["Dmitry Peskov", "Peskov", "Dmitry S. Peskov"], ["Kremlin", "the Kremlin"], aliases=("Dima Peskov",)
    )
    claims = claims_replace_for_article(article=article, extracted=extracted, extractor_version=EXTRACTOR_VERSION)
    peskov = Actor.objects.get(name="Dmitry Peskov")
    assert [claim.speaker for claim in claims] == [peskov, peskov, peskov]
    assert set(peskov.aliases.values_list("normalized", flat=True)) >= {"dmitry peskov", "peskov", "dima peskov"}
    assert Actor.objects.filter(name__icontains="kremlin").count() == 1


def test_a_name_another_worker_stored_meanwhile_keeps_that_workers_actor(monkeypatch):
    theirs = ActorFactory(name="Harbour Authority", kind="organization")
    lookup = services.actors_by_names
    # As if the other worker committed its alias between this one's lookup and its INSERT.
    monkeypatch.setattr(services, "actors_by_names", lambda names, **_: dict.fromkeys(lookup(names)))
    article, extracted = article_with(["Harbour Authority"], [])
    claims = claims_replace_for_article(article=article, extracted=extracted, extractor_version=EXTRACTOR_VERSION)
    assert claims[0].speaker == theirs
    assert list(Actor.objects.all()) == [theirs]  # the duplicate this worker made is gone


def test_rows_inserted_without_the_orms_preparation_are_the_rows_bulk_create_stores():
    """`rows_insert` writes what `bulk_create` would: defaults, timestamps, what triggers fill."""
    from claims.models import ClaimEntity

    speaker = ActorFactory(name="Maria Abbott", kind="person")
    article, extracted = article_with(["Maria Abbott", "Maria Abbott"], ["Norland Shipping"])

    def rows(insert) -> list[dict]:
        claims = insert(
            [Claim(article=article, speaker=speaker, cue=item.cue, cue_start=item.cue_start, cue_end=item.cue_end,
                   content=item.content, content_start=item.content_start, content_end=item.content_end,
                   sentence_start=item.sentence_start, sentence_end=item.sentence_end, confidence=0.75)
             for item in extracted]
        )  # fmt: skip
        insert(
            [ClaimEntity(claim=claim, actor=speaker, text="Abbott", label="PERSON", start=0, end=1) for claim in claims]
        )
        assert all(claim.pk is not None and not claim._state.adding for claim in claims)
        assert all(claim.created_at is not None and claim.updated_at is not None for claim in claims)
        ids = [claim.pk for claim in claims]
        not_compared = ("id", "claim_id", "created_at", "updated_at")
        return [
            {k: v for k, v in row.items() if k not in not_compared}
            for model, field in ((Claim, "pk__in"), (ClaimEntity, "claim__in"))
            for row in model.objects.filter(**{field: ids}).order_by("pk").values()
        ]

    by_orm = rows(lambda objects: type(objects[0]).objects.bulk_create(objects))
    by_insert = rows(rows_insert)
    assert by_insert == by_orm


def test_links_inserted_skipping_conflicts_are_the_rows_bulk_create_stores():
    """Cross-referencing inserts its links with `rows_insert(..., ignore_conflicts=True)`: the same
    rows as `bulk_create(ignore_conflicts=True)`, and a link already there stays as it was."""
    claims = ClaimFactory.create_batch(4)
    kept = ClaimLink.objects.create(source=claims[0], target=claims[1], relation="supports", score=0.9)

    def rows(insert) -> list[dict]:
        fresh = [
            ClaimLink(source_id=claims[0].pk, target_id=claims[1].pk, relation="supports", score=0.1),
            ClaimLink(source_id=claims[2].pk, target_id=claims[3].pk, relation="contradicts", score=0.5),
            ClaimLink(source_id=claims[1].pk, target_id=claims[3].pk, relation="same", score=None),
        ]
        insert(fresh)
        rows = ClaimLink.objects.exclude(pk=kept.pk).order_by("source_id", "target_id").values()
        found = [{k: v for k, v in row.items() if k not in ("id", "created_at", "updated_at")} for row in rows]
        assert all(row["created_at"] is not None and row["updated_at"] is not None for row in rows)
        ClaimLink.objects.exclude(pk=kept.pk).delete()
        return found

    by_orm = rows(lambda objects: ClaimLink.objects.bulk_create(objects, ignore_conflicts=True))
    by_insert = rows(lambda objects: rows_insert(objects, ignore_conflicts=True))
    assert by_insert == by_orm and len(by_insert) == 2
    kept_now = ClaimLink.objects.get(pk=kept.pk)
    assert (kept_now.score, kept_now.updated_at) == (0.9, kept.updated_at)
