"""Links by proposition: a denial contradicts what it denies, not any claim of the other side; two
claims of one polarity on one proposition agree."""

from datetime import UTC, datetime

import pytest

from articles.models import Article
from claims.crossref import article_crossref, claim_links_suggest_for_article
from claims.crossref.propositions import PARTNERS_CONTRADICTING, LinkClaim, links_by_proposition
from claims.models import Claim, ClaimLink, Origin
from tests.claims.labelled_stories import C, LabelledArticle, load_labelled_set


def at(day: int) -> datetime:
    return datetime(2023, 6, day, 9, tzinfo=UTC)


DAM = [
    LabelledArticle(
        "Kakhovka dam destroyed",
        "Kyiv Post",
        at(6),
        (
            C("dam", "Ukrainian Army", "Ukraine's army", "said", "Russian forces blew up the Kakhovka dam overnight"),
            C("dam", "Volodymyr Zelensky", "Zelensky", "said", "Russian troops blew up the Kakhovka dam from inside"),
            C("dam", "Volodymyr Zelensky", "Zelensky", "said", "thousands of residents were evacuated from Kherson"),
            C(
                "dam",
                "Mykhailo Podolyak",
                "Podolyak",
                "said",
                "the Kremlin ordered the dam destroyed",
                about=("the Kremlin=Kremlin",),
            ),
        ),
    ),
    LabelledArticle(
        "Moscow blames Kyiv for the dam",
        "Moscow Wire",
        at(6),
        (
            C(
                "dam",
                "Dmitry Peskov",
                "Peskov",
                "denied",
                "that Russian forces blew up the Kakhovka dam",
                stance="denies",
            ),
            C("dam", "Kremlin", "The Kremlin", "called", "all of it a monstrous lie", stance="denies"),
            C("dam", "Dmitry Peskov", "Peskov", "said", "Ukrainian saboteurs wrecked the Kakhovka dam"),
        ),
    ),
    LabelledArticle(
        "Washington cannot say who broke the dam",
        "Atlantic Ledger",
        at(7),
        (
            C(
                "dam",
                "Sergei Shoigu",
                "Shoigu",
                "denied",
                "that Russian forces blew up the Kakhovka dam",
                stance="denies",
            ),
            C("dam", "Volodymyr Zelensky", "Zelensky", "said", "Russian troops blew up the Kakhovka dam at night"),
            C("dam", "John Kirby", "Kirby", "said", "Washington had no information on who blew up the dam"),
        ),
    ),
]


def claim(speaker_starts: str, content_starts: str) -> Claim:
    return Claim.objects.get(speaker_mention__startswith=speaker_starts, content__startswith=content_starts)


def relations() -> set[tuple[int, str, int]]:
    return set(ClaimLink.objects.values_list("source_id", "relation", "target_id"))


def linked(a: Claim, b: Claim) -> set[str]:
    return {r for s, r, t in relations() if {s, t} == {a.pk, b.pk}}


@pytest.fixture
def dam_story(db):
    load_labelled_set(DAM)
    for article_id in Article.objects.order_by("published_at", "id").values_list("id", flat=True):
        article_crossref(article_id=article_id)
    assert Claim.objects.values("story").distinct().count() == 1  # one event, one story


def test_a_denial_contradicts_the_claims_asserting_what_it_denies(dam_story):
    peskov_denial = claim("Peskov", "that Russian forces")
    army = claim("Ukraine's army", "Russian forces")
    assert linked(peskov_denial, army) == {"contradicts"}
    link = ClaimLink.objects.get(relation="contradicts", target=army, source=peskov_denial)
    assert link.source_id == peskov_denial.pk  # the denial is the source
    # Not the other side's unrelated claim: the evacuation is not what Peskov denies.
    assert not linked(peskov_denial, claim("Zelensky", "thousands"))


def test_a_bare_denial_contradicts_the_accusation_naming_its_speaker(dam_story):
    assert linked(claim("The Kremlin", "all of it"), claim("Podolyak", "the Kremlin")) == {"contradicts"}


def test_two_denials_of_one_proposition_agree(dam_story):
    assert linked(claim("Peskov", "that Russian"), claim("Shoigu", "that Russian")) == {"supports"}


def test_one_speaker_repeating_a_claim_in_another_article_is_the_same_claim(dam_story):
    first, again = (
        claim("Zelensky", "Russian troops blew up the Kakhovka dam from"),
        claim("Zelensky", "Russian troops blew up the Kakhovka dam at"),
    )
    assert linked(first, again) == {"same"}


def test_competing_claims_of_one_side_are_never_contradictions(dam_story):
    # Two assertions of one side and the same proposition agree; nothing links a claim to itself.
    # (Two assertions contradict only as rival accounts naming different agents of a deed:
    # tests/claims/test_crossref_agents.py. The claims here carry no agent.)
    assert "contradicts" not in linked(
        claim("Ukraine's army", "Russian"), claim("Zelensky", "Russian troops blew up the Kakhovka dam from")
    )
    for source, relation, target in relations():
        assert source != target
        if relation == "contradicts":
            negative = {"denies", "disputes", "doubts"}
            assert Claim.objects.get(pk=source).stance in negative
            assert Claim.objects.get(pk=target).stance not in negative


def test_links_are_decided_per_story_whatever_the_order(dam_story):
    forward = {(s, r, t) for s, r, t in relations()}
    ClaimLink.objects.all().delete()
    for article_id in Article.objects.order_by("-published_at", "-id").values_list("id", flat=True):
        article_crossref(article_id=article_id)
    assert relations() == forward


def test_an_accusation_denied_by_several_speakers_is_linked_to_each_denial():
    # Pure linking: two speakers deny one accusation that two outlets carry; each assertion is
    # contradicted by both denials (a claim keeps a few best partners, not only the very best),
    # while an unrelated claim of the same article stays unlinked.
    words = frozenset({"russian", "forc", "blew", "dam"})
    denials = [
        LinkClaim(id=i, article_id=i, speaker_id=i, stance="denies", words=words, named=frozenset()) for i in (1, 2)
    ]
    assertions = [
        LinkClaim(id=i, article_id=i, speaker_id=i, stance="asserts", words=words | {"night"}, named=frozenset())
        for i in (3, 4)
    ]
    aside = LinkClaim(
        id=5, article_id=3, speaker_id=3, stance="asserts", words=frozenset({"evacu", "kherson"}), named=frozenset()
    )
    links = links_by_proposition(claims=[*denials, *assertions, aside])
    contradicting = {(link.source_id, link.target_id) for link in links if link.relation == "contradicts"}
    assert contradicting == {(1, 3), (1, 4), (2, 3), (2, 4)}
    assert all(5 not in (link.source_id, link.target_id) for link in links)
    # At most PARTNERS_CONTRADICTING contradicting partners for any claim.
    for claim_id in range(1, 5):
        partners = [pair for pair in contradicting if claim_id in pair]
        assert len(partners) <= PARTNERS_CONTRADICTING


def test_a_short_denial_contradicts_a_longer_accusation_sharing_its_key_words():
    # "Russia did not blow up the dam" against a long report that Russian forces destroyed the dam and
    # flooded the towns downstream: the accusation's extra detail dilutes the overlap (Dice 0.27).
    denial = LinkClaim(
        id=1, article_id=1, speaker_id=1, stance="denies", words=frozenset({"russia", "blow", "dam"}), named=frozenset()
    )
    accusation = LinkClaim(
        id=2,
        article_id=2,
        speaker_id=2,
        stance="asserts",
        words=frozenset(
            {
                "russia",
                "forc",
                "destroy",
                "dam",
                "flood",
                "town",
                "downstream",
                "overnight",
                "kherson",
                "water",
                "level",
                "rise",
            }
        ),
        named=frozenset(),
    )
    unrelated = LinkClaim(
        id=3,
        article_id=2,
        speaker_id=2,
        stance="asserts",
        words=frozenset({"russia", "grain", "deal", "port", "ship", "odesa", "export", "wheat"}),
        named=frozenset(),
    )
    links = links_by_proposition(claims=[denial, accusation, unrelated])
    assert [(link.source_id, link.target_id, link.relation) for link in links] == [(1, 2, "contradicts")]


def test_one_speaker_retelling_its_account_in_other_words_is_the_same_claim():
    # The same words shared by two different speakers are not enough to agree (Dice 0.2); one
    # speaker retelling its account in another outlet is `same`.
    first = LinkClaim(
        id=1,
        article_id=1,
        speaker_id=7,
        stance="asserts",
        words=frozenset({"engin", "room", "blown", "insid", "explos", "charg", "plant"}),
        named=frozenset(),
    )
    retold = LinkClaim(
        id=2,
        article_id=2,
        speaker_id=7,
        stance="asserts",
        words=frozenset({"engin", "hall", "detonat", "within", "saboteur", "russian", "night", "room"}),
        named=frozenset(),
    )
    echo = LinkClaim(id=3, article_id=3, speaker_id=8, stance="asserts", words=retold.words, named=frozenset())
    links = links_by_proposition(claims=[first, retold, echo])
    assert {(link.source_id, link.target_id, link.relation) for link in links} == {(1, 2, "same"), (2, 3, "supports")}


def test_two_speakers_with_alike_words_about_one_event_do_not_agree_unless_nearly_the_same():
    # "A Russian strike hit the dam overnight" and "a Ukrainian strike on the dam flooded towns":
    # alike words (Dice 0.36), rival accounts; two speakers agree only on nearly the same words.
    one = LinkClaim(
        id=1,
        article_id=1,
        speaker_id=1,
        stance="asserts",
        words=frozenset({"russian", "strike", "hit", "dam", "overnight"}),
        named=frozenset(),
    )
    rival = LinkClaim(
        id=2,
        article_id=2,
        speaker_id=2,
        stance="asserts",
        words=frozenset({"ukrainian", "strike", "dam", "flood", "town", "water"}),
        named=frozenset(),
    )
    echo = LinkClaim(
        id=3,
        article_id=3,
        speaker_id=3,
        stance="asserts",
        words=frozenset({"russian", "strike", "hit", "dam", "night"}),
        named=frozenset(),
    )
    links = links_by_proposition(claims=[one, rival, echo])
    assert {(link.source_id, link.target_id, link.relation) for link in links} == {(1, 3, "supports")}


def test_a_machine_link_into_another_story_is_removed_when_the_story_is_linked_again(dam_story):
    # A link left from an earlier placement (an undated article, or an aside, moved on since) joins
    # a claim of the dam story to one of another story: links are made within a story, so the next
    # run over the dam story removes the machine's suggestion and keeps the editor's.
    from tests.factories import ClaimFactory, StoryFactory

    elsewhere = ClaimFactory(story=StoryFactory())
    also_elsewhere = ClaimFactory(story=elsewhere.story)
    army = claim("Ukraine's army", "Russian forces")
    stale = ClaimLink.objects.create(source=army, target=elsewhere, relation="supports", score=0.5)
    kept = ClaimLink.objects.create(
        source=also_elsewhere, target=army, relation="contradicts", origin=Origin.EDITOR, status="confirmed"
    )
    # The run of another article of the dam story (the stale link does not touch that article).
    peskov = claim("Peskov", "that Russian forces")
    assert peskov.article_id != army.article_id and peskov.story_id == army.story_id
    claim_links_suggest_for_article(article_id=peskov.article_id)
    assert not ClaimLink.objects.filter(pk=stale.pk).exists()
    assert ClaimLink.objects.filter(pk=kept.pk).exists()


def test_a_denial_does_not_contradict_a_claim_that_only_names_the_event():
    # "The league denies any part in the fire" against a caption that says only "the fire" (one
    # word, the event's name): nothing to contradict. An assertion telling something does.
    def link_claim(id: int, speaker: int, stance: str, words: str, named: frozenset[int] = frozenset()) -> LinkClaim:
        return LinkClaim(
            id=id, article_id=id, speaker_id=speaker, stance=stance, words=frozenset(words.split()), named=named
        )

    denial = link_claim(1, 10, "denies", "leagu part fire")
    caption = link_claim(2, 20, "asserts", "fire")
    account = link_claim(3, 30, "asserts", "leagu fan start fire")
    found = {(link.source_id, link.target_id, link.relation) for link in links_by_proposition(claims=[denial, caption])}
    assert found == set()
    found = {(link.source_id, link.target_id, link.relation) for link in links_by_proposition(claims=[denial, account])}
    assert found == {(1, 3, "contradicts")}
    # Naming the denier still ties a short claim to the denial ("the league's fire").
    named = link_claim(4, 20, "asserts", "fire", named=frozenset({10}))
    found = {(link.source_id, link.target_id, link.relation) for link in links_by_proposition(claims=[denial, named])}
    assert found == {(1, 4, "contradicts")}
