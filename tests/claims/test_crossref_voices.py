"""Bare denials and whom a speaker answers for: "The Kremlin denies the accusations" names no
agent, so it denies the deeds of whom the Kremlin answers for (itself, whom it speaks for, its
country; claims.crossref.agents.speaker_voices)."""

import dataclasses
import io

import pytest
from django.core.management import call_command

from claims.crossref.agents import country_keys, person_country_keys, speaker_voices
from claims.crossref.evaluation import gold_articles_run
from claims.crossref.propositions import LinkClaim, links_by_proposition
from claims.extraction.names import actor_key
from claims.models import Actor, ActorAlias, Claim, ClaimLink


def test_country_keys_read_seats_of_government_and_leading_country_names():
    assert country_keys("the Kremlin") == [actor_key("Russia")]
    assert country_keys("Downing Street") == [actor_key("United Kingdom")]
    assert country_keys("the White House National Security Council") == [actor_key("United States")]
    assert actor_key("Israel") in country_keys("Israel Defense Forces")
    assert actor_key("Russia") in country_keys("Russia's foreign ministry")
    assert actor_key("Ukraine") in country_keys("the Ukrainian military")
    assert "saudi arabia" in country_keys("Saudi Arabia's foreign ministry")


def actor(name: str, kind: str, speaks_for: Actor | None = None) -> Actor:
    found = Actor.objects.create(name=name, kind=kind, speaks_for=speaks_for)
    ActorAlias.objects.create(actor=found, name=name, normalized=name.lower())
    return found


@pytest.mark.django_db
def test_a_speaker_answers_for_itself_whom_it_speaks_for_and_their_country():
    russia = actor("Russia", "country")
    ActorAlias.objects.create(actor=russia, name="Moscow", normalized="moscow")
    israel = actor("Israel", "country")
    jordan = actor("Jordan", "country")
    kremlin = actor("Kremlin", "government")
    peskov = actor("Dmitry Peskov", "person", speaks_for=kremlin)
    army = actor("Israel's military", "organization")
    peterson = actor("Jordan Peterson", "person")
    hamas = actor("Hamas", "group")
    voices = speaker_voices([kremlin.pk, peskov.pk, army.pk, peterson.pk, hamas.pk])
    assert voices[kremlin.pk] == {f"actor:{kremlin.pk}", f"actor:{russia.pk}"}
    assert voices[peskov.pk] == {f"actor:{peskov.pk}", f"actor:{kremlin.pk}", f"actor:{russia.pk}"}
    assert voices[army.pk] == {f"actor:{army.pk}", f"actor:{israel.pk}"}
    # A person's given name is not their country; a group without one answers for itself.
    assert voices[peterson.pk] == {f"actor:{peterson.pk}"}
    assert jordan.pk not in voices
    assert voices[hamas.pk] == {f"actor:{hamas.pk}"}


def test_a_persons_country_is_read_from_an_office_after_a_country():
    assert actor_key("Ukraine") in person_country_keys("Ukrainian President Volodymyr Zelensky")
    assert actor_key("Russia") in person_country_keys("the Russian leader")
    assert actor_key("Russia") in person_country_keys("Russia's foreign ministry spokeswoman")
    # A name alone, a description that is no office, an office not held for the country.
    assert person_country_keys("Jordan Peterson") == []
    assert person_country_keys("Russian dissident analyst Igor Eidman") == []
    assert person_country_keys("Israeli opposition leader Yair Lapid") == []
    assert person_country_keys("former Ukrainian president Petro Poroshenko") == []


@pytest.mark.django_db
def test_a_person_answers_for_the_country_they_are_described_as_serving():
    ukraine = actor("Ukraine", "country")
    russia = actor("Russia", "country")
    israel = actor("Israel", "country")
    zelensky = actor("Volodymyr Zelensky", "person")
    putin = actor("Vladimir Putin", "person")
    ActorAlias.objects.create(
        actor=putin, name="Russian President Vladimir Putin", normalized="russian president vladimir putin"
    )
    lapid = actor("Yair Lapid", "person")
    envoy = actor("Sam Envoy", "person")
    descriptions = {
        zelensky.pk: ["Zelenskiy", "Ukrainian President Volodymyr Zelensky", "the Ukrainian president"],
        lapid.pk: ["Israeli opposition leader Yair Lapid"],
        # Described as serving two countries: neither is taken.
        envoy.pk: ["Ukrainian envoy Sam Envoy", "the Russian ambassador"],
    }
    voices = speaker_voices([zelensky.pk, putin.pk, lapid.pk, envoy.pk], descriptions)
    assert voices[zelensky.pk] == {f"actor:{zelensky.pk}", f"actor:{ukraine.pk}"}
    # From a stored alias, with no description in the story.
    assert voices[putin.pk] == {f"actor:{putin.pk}", f"actor:{russia.pk}"}
    assert voices[lapid.pk] == {f"actor:{lapid.pk}"}
    assert voices[envoy.pk] == {f"actor:{envoy.pk}"}
    assert f"actor:{israel.pk}" not in voices[lapid.pk]


def claim_(id: int, speaker: int, stance: str, words: str, *agents: str, **more) -> LinkClaim:
    return LinkClaim(
        id=id,
        article_id=id,
        speaker_id=speaker,
        stance=stance,
        words=frozenset(words.split()),
        named=frozenset(),
        agents=frozenset(agents),
        **more,
    )


def relations(claims: list[LinkClaim]) -> set[tuple[int, int, str]]:
    return {(link.source_id, link.target_id, link.relation) for link in links_by_proposition(claims=claims)}


def test_a_bare_denial_denies_the_deeds_of_whom_its_speaker_answers_for():
    # "The Kremlin denies the accusations": no word in common with either account.
    denial = claim_(1, 10, "denies", "", voice=frozenset({"actor:10", "actor:2"}))
    russia_did_it = claim_(2, 20, "asserts", "russian troop blew dam", "actor:2")
    ukraine_did_it = claim_(3, 30, "asserts", "sabotag kyiv", "actor:3")
    found = relations([denial, russia_did_it, ukraine_did_it])
    assert (1, 2, "contradicts") in found
    assert not {link for link in found if {1, 3} == set(link[:2])}
    # Without knowing whom the speaker answers for, nothing ties the denial to either account.
    assert relations([claim_(1, 10, "denies", ""), russia_did_it, ukraine_did_it]) == set()


def test_rejecting_an_accusers_account_sides_with_blaming_the_accuser():
    # "Islamic Jihad denies the Israeli account" and "an Israeli strike hit the hospital" (another
    # speaker): one side, not a contradiction, though the words overlap.
    denial = claim_(1, 10, "denies", "israel", accusers=frozenset({22}), voice=frozenset({"actor:10"}))
    blame = claim_(2, 20, "asserts", "israel air strike hit hospit", "actor:22")
    assert relations([denial, blame]) == {(1, 2, "supports")}


def test_rejecting_an_accusers_account_answers_whoever_gives_it_for_the_accuser():
    # "The militia denies the Northland account" against the army's spokesman, who answers for
    # Northland (22): "drone debris was found on the roof", no word in common with the denial, one
    # ("drone") with what the story accuses the denier (10) of.
    denial = claim_(1, 10, "denies", "", accusers=frozenset({22}), voice=frozenset({"actor:10"}))
    spokesman = claim_(2, 30, "asserts", "drone debri found roof", voice=frozenset({"actor:30", "actor:22"}))
    accusation = claim_(3, 40, "asserts", "militia drone set fire warehous", "actor:10", voice=frozenset({"actor:40"}))

    def answered(claims: list[LinkClaim]) -> set[tuple[int, int, str]]:
        return {link for link in relations(claims) if set(link[:2]) == {1, 2}}

    assert answered([denial, spokesman, accusation]) == {(1, 2, "contradicts")}
    # A speaker answering for someone else is no party to that account; a demand is no account.
    other = dataclasses.replace(spokesman, voice=frozenset({"actor:30", "actor:23"}))
    assert answered([denial, other, accusation]) == set()
    assert answered([denial, dataclasses.replace(spokesman, stance="demands"), accusation]) == set()


def test_rejecting_an_accusers_account_leaves_the_accusers_other_claims():
    # The same spokesman on another matter ("the mayor inflated the damage estimate") shares no word
    # with what the story accuses the denier of: no part of the account the denial rejects...
    denial = claim_(1, 10, "denies", "", accusers=frozenset({22}), voice=frozenset({"actor:10"}))
    estimate = claim_(2, 30, "asserts", "mayor inflat damag estim", voice=frozenset({"actor:30", "actor:22"}))
    accusation = claim_(3, 40, "asserts", "militia drone set fire warehous", "actor:10", voice=frozenset({"actor:40"}))
    assert not {link for link in relations([denial, estimate, accusation]) if set(link[:2]) == {1, 2}}
    # A denial that names its accuser ("Norland's accusations are a cover") answers what the accuser
    # itself says in the story, as in the seed article (tests/claims/test_crossref.py).
    accuser = dataclasses.replace(estimate, speaker_id=22, voice=frozenset({"actor:22"}))
    assert (1, 2, "contradicts") in relations([denial, accuser, accusation])
    # Blaming the denier is the account, whatever its words.
    blame = claim_(4, 22, "asserts", "convoy ambush river", "actor:10", voice=frozenset({"actor:22"}))
    assert (1, 4, "contradicts") in relations([denial, blame])


REPORTS = [
    {
        "id": "kyiv",
        "title": "Dam destroyed",
        "outlet": "Kyiv Ledger",
        "published_at": "2023-06-06",
        "text": (
            "The Kakhovka dam on the Dnipro river collapsed on Tuesday, flooding villages downstream. "
            "Ukraine's military said Russian troops blew up the Kakhovka dam overnight. "
            "Ukrainian President Volodymyr Zelensky said thousands of residents of Kherson were being evacuated."
        ),
    },
    {
        "id": "moscow",
        "title": "Kremlin rejects dam accusations",
        "outlet": "Moscow Wire",
        "published_at": "2023-06-06",
        "text": (
            "The Kakhovka dam on the Dnipro river collapsed on Tuesday, flooding villages in Kherson. "
            "The Kremlin denied the accusations. "
            "Kherson governor Vladimir Saldo said thousands of residents of Kherson were being evacuated."
        ),
    },
]


@pytest.mark.django_db(transaction=True)
def test_the_kremlins_bare_denial_contradicts_the_accusation_against_russia():
    call_command("seed_actors", stdout=io.StringIO())
    gold_articles_run(articles=REPORTS)
    accusation = Claim.objects.get(content__startswith="Russian troops blew up")
    denial = Claim.objects.get(speaker__name="Kremlin", stance="denies")
    assert accusation.story_id is not None and accusation.story_id == denial.story_id
    relations = set(ClaimLink.objects.values_list("source_id", "target_id", "relation"))
    assert (denial.pk, accusation.pk, "contradicts") in relations


def test_the_accused_sides_own_account_contradicts_the_accusation():
    accusation = claim_(1, 20, "asserts", "russian troop blew dam", "actor:2", voice=frozenset({"actor:20", "actor:3"}))
    # Peskov (for the Kremlin and Russia), naming no agent: "Kyiv would have to answer for the dam".
    kremlin = frozenset({"actor:10", "actor:35", "actor:2"})
    answer = claim_(2, 10, "asserts", "kyiv answer consequ dam", voice=kremlin)
    assert relations([accusation, answer]) == {(2, 1, "contradicts")}
    # Not knowing whom the speaker answers for, the words alone (Dice 0.25) link nothing.
    assert relations([accusation, dataclasses.replace(answer, voice=frozenset())]) == set()
    # Words alike enough to agree do not make the accused side agree with its accuser.
    echo = claim_(3, 10, "asserts", "russian troop blew dam overnight", voice=kremlin)
    assert relations([accusation, echo]) == {(3, 1, "contradicts")}
    # A side naming itself admits; it answers no one: the words decide (here, they agree).
    admission = dataclasses.replace(accusation, voice=frozenset({"actor:20", "actor:2"}))
    assert relations([admission, echo]) == {(1, 3, "supports")}


PRESIDENT_REPORTS = [
    {
        "id": "moscow",
        "title": "Moscow blames Kyiv for dam",
        "outlet": "Moscow Wire",
        "published_at": "2023-06-06",
        "text": (
            "The Kakhovka dam on the Dnipro river collapsed on Tuesday, flooding villages downstream. "
            "Russia's defence ministry said Ukrainian forces blew up the Kakhovka dam overnight. "
            "Kherson governor Vladimir Saldo said thousands of residents of Kherson were being evacuated."
        ),
    },
    {
        "id": "kyiv",
        "title": "Zelensky rejects dam accusations",
        "outlet": "Kyiv Ledger",
        "published_at": "2023-06-06",
        "text": (
            "The Kakhovka dam on the Dnipro river collapsed on Tuesday, flooding villages in Kherson. "
            "Ukrainian President Volodymyr Zelensky said thousands of residents of Kherson were being evacuated. "
            "Zelensky denied the accusations."
        ),
    },
]


@pytest.mark.django_db(transaction=True)
def test_a_presidents_bare_denial_contradicts_the_accusation_against_his_country():
    call_command("seed_actors", stdout=io.StringIO())
    gold_articles_run(articles=PRESIDENT_REPORTS)
    accusation = Claim.objects.get(content__startswith="Ukrainian forces blew up")
    denial = Claim.objects.get(speaker__name__endswith="Zelensky", stance="denies")
    assert accusation.story_id is not None and accusation.story_id == denial.story_id
    relations = set(ClaimLink.objects.values_list("source_id", "target_id", "relation"))
    assert (denial.pk, accusation.pk, "contradicts") in relations


def test_speakers_answering_for_one_country_never_contradict_each_other():
    # Israel's military denies; the Israeli government's account reads, by its words, as the
    # accusation (a denial extracted with what it answers): one side, no contradiction.
    military = frozenset({"actor:10", "actor:22"})
    government = frozenset({"actor:20", "actor:22"})
    denial = claim_(1, 10, "denies", "israel munit struck hospit", "actor:22", voice=military)
    account = claim_(2, 20, "asserts", "rocket struck hospit", voice=government)
    assert relations([denial, account]) == set()
    # The same words from a speaker of another side contradict.
    other = dataclasses.replace(account, speaker_id=30, voice=frozenset({"actor:30", "actor:60"}))
    assert relations([denial, other]) == {(1, 2, "contradicts")}
