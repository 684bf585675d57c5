"""Links by the agents of a deed: who a claim says did it (claims.crossref.agents) decides between
rival accounts that word overlap cannot tell from agreeing ones."""

import dataclasses

import pytest

from claims.crossref.agents import NamedEntity, claim_agents, happened_by_itself, rejected_agents, tells_a_deed
from claims.crossref.evaluation import gold_articles_run
from claims.crossref.propositions import LinkClaim, links_by_proposition
from claims.extraction.names import actor_key
from claims.models import Claim, ClaimLink


def agents_of(content: str, *names: tuple[str, str], negative: bool = False) -> set[str]:
    """Agents of `content`, each entity given as (surface, label), no actor resolved: the agents
    come back as the names' keys, compared with `key(...)` below."""
    entities = [
        NamedEntity(text, label, content.index(text), content.index(text) + len(text), None) for text, label in names
    ]
    return set(claim_agents(content, entities, negative=negative))


def key(name: str) -> str:
    return f"name:{actor_key(name)}"


def test_the_subject_or_by_agent_of_a_deed_is_its_agent():
    assert agents_of("Russian troops blew up the Kakhovka dam overnight", ("Russian", "NORP")) == {key("Russian")}
    assert agents_of("the breach was deliberate sabotage by Ukraine", ("Ukraine", "GPE")) == {key("Ukraine")}
    assert agents_of("it was destroyed by a series of Ukrainian strikes", ("Ukrainian", "NORP")) == {key("Ukraine")}
    assert agents_of("that Moscow's purpose was to destroy the dam", ("Moscow", "GPE")) == {key("Moscow")}
    assert agents_of("the blast was caused by an Islamic Jihad rocket", ("Islamic Jihad", "ORG")) == {
        key("Islamic Jihad")
    }


def test_a_title_before_a_name_in_subject_position_keeps_it_the_agent():
    content = "that President Vladimir Putin had ordered his death"
    assert agents_of(content, ("Vladimir Putin", "PERSON")) == {key("Vladimir Putin")}
    # Lower-case words before the name are not a title: "the strike hit a hospital in Gaza".
    assert agents_of("that the strike hit a hospital in Gaza", ("Gaza", "GPE")) == set()


def test_a_name_elsewhere_in_the_claim_is_not_an_agent():
    # Where the deed happened, whom it hit, whom a report was told to: not who did it.
    assert agents_of("the strike hit a hospital in Gaza", ("Gaza", "GPE")) == set()
    assert agents_of("the shelling of Ukraine's dam went on", ("Ukraine", "GPE")) == set()
    # A date or a facility cannot do anything.
    assert agents_of("Kakhovka was destroyed on Tuesday", ("Kakhovka", "FAC"), ("Tuesday", "DATE")) == set()


def test_the_subject_of_another_verb_is_no_agent_of_the_deed():
    # The subject of a relative clause, or of a clause whose verb is no deed.
    content = "the plant was blown apart from its engine room, which Norland troops had guarded"
    assert agents_of(content, ("Norland", "NORP")) == set()
    content = "the plant was blown apart from its engine room, which Norland troops had occupied"
    assert agents_of(content, ("Norland", "NORP")) == set()
    content = "the rocket, which Ostland militants fired, hit the hospital"
    assert agents_of(content, ("Ostland", "NORP")) == {key("Ostland")}
    content = "that Ostland, urged on by its allies, was escalating the war over the destroyed dam"
    assert agents_of(content, ("Ostland", "GPE")) == set()
    # The subject of the deed's own verb stays its agent, a few words on.
    content = "that Norland troops had secretly set off an explosion inside the dam"
    assert agents_of(content, ("Norland", "NORP")) == {key("Norland")}


def test_a_claim_that_tells_no_deed_has_no_agent():
    assert not tells_a_deed("the Turkish leader told Putin that experts could examine the collapse")
    assert agents_of("the Turkish leader told Putin that experts could examine it", ("Turkish", "NORP")) == set()
    assert tells_a_deed("Russian forces shelled the town") and tells_a_deed("the Kremlin was behind it")
    assert tells_a_deed("they planned and carried out the attacks") and tells_a_deed("Russia blew it up")


def test_destruction_by_explosives_is_a_deed():
    # Not accusations on their own (the engine's predicates), but who set them off did it.
    content = "Russian troops had set off an explosion inside the structure"
    assert agents_of(content, ("Russian", "NORP")) == {key("Russian")}
    assert agents_of("that Russian forces had detonated the structure", ("Russian", "NORP")) == {key("Russian")}
    assert agents_of("Ukraine for the destruction of the dam", ("Ukraine", "GPE")) == {key("Ukraine")}
    assert not tells_a_deed("the river rose after the dam collapsed")


def test_being_to_blame_is_a_deed():
    assert agents_of("that Kyiv was to blame for the blast", ("Kyiv", "GPE")) == {key("Kyiv")}
    content = "terrorists in Gaza, not Israel, were to blame"
    israel = NamedEntity("Israel", "GPE", content.index("Israel"), content.index("Israel") + 6, None)
    assert rejected_agents(content, [israel]) == {key("Israel")}


def test_a_negated_name_is_not_the_agent_of_an_assertion_but_is_what_a_denial_is_about():
    content = "terrorists in Gaza, not the Israeli army, attacked the hospital"
    assert agents_of(content, ("Israeli", "NORP")) == set()
    assert agents_of("Hamas could not have known the cause of the blast", ("Hamas", "ORG")) == set()
    denial = "that Israel was not responsible for the blast"
    assert agents_of(denial, ("Israel", "GPE")) == set()
    assert agents_of(denial, ("Israel", "GPE"), negative=True) == {key("Israel")}


def claim_(id: int, article: int, speaker: int, stance: str, words: str, *agents: str) -> LinkClaim:
    return LinkClaim(
        id=id,
        article_id=article,
        speaker_id=speaker,
        stance=stance,
        words=frozenset(words.split()),
        named=frozenset(),
        agents=frozenset(agents),
    )


def linked_pairs(claims: list[LinkClaim]) -> set[tuple[int, int, str]]:
    return {(link.source_id, link.target_id, link.relation) for link in links_by_proposition(claims=claims)}


def test_rival_accounts_of_a_disputed_deed_contradict_though_they_share_no_word():
    russia = claim_(1, 1, 1, "asserts", "russian troop blew dam overnight", "russia")
    ukraine = claim_(2, 2, 2, "asserts", "breach deliber sabotag", "ukraine")
    # Russia's side denies Russia did it: Russia's deed is disputed in the story.
    denial = claim_(3, 2, 3, "denies", "russian troop blew dam", "russia")
    links = linked_pairs([russia, ukraine, denial])
    assert (2, 1, "contradicts") in links  # the later account contradicts the earlier one
    assert (3, 1, "contradicts") in links  # and the denial answers the accusation it denies
    # Undisputed, two deeds by two agents are not rival accounts ("Russia shelled Kherson",
    # "Ukraine launched an offensive"): no link.
    assert linked_pairs([russia, ukraine]) == set()


def test_a_denial_does_not_answer_an_account_naming_another_agent():
    # "Israel did not strike the hospital" and "a militant rocket struck the hospital" share words
    # (Dice 0.67) but the denial is not about the militants' deed.
    denial = claim_(1, 1, 1, "denies", "struck hospit", "israel")
    militants = claim_(2, 2, 2, "asserts", "militant rocket struck hospit", "militants")
    israel = claim_(3, 3, 3, "asserts", "air strike hit hospit", "israel")
    links = linked_pairs([denial, militants, israel])
    assert not {link for link in links if {1, 2} == set(link[:2])}
    assert (1, 3, "contradicts") in links


def test_an_assertion_setting_a_name_aside_rejects_its_deed():
    content = "militants in Ostland, not the Norland army, had attacked the hospital"
    entities = [NamedEntity("Norland", "NORP", content.index("Norland"), content.index("Norland") + 7, None)]
    assert rejected_agents(content, entities) == {key("Norland")}
    assert claim_agents(content, entities) == set()
    # A name negated without a contrast, or a claim that tells no deed, sets no agent aside.
    plain = "the report did not name the Norland army"
    assert (
        rejected_agents(
            plain, [NamedEntity("Norland", "NORP", plain.index("Norland"), plain.index("Norland") + 7, None)]
        )
        == set()
    )


def test_an_account_setting_an_agent_aside_contradicts_the_account_naming_it():
    # "militants, not the Norland army, attacked the hospital" and "a Norland air strike hit the
    # hospital" (another speaker): no word in common, rival accounts.
    aside = dataclasses.replace(
        claim_(1, 1, 1, "asserts", "milit attack", "militants"), rejected=frozenset({"norland"})
    )
    strike = claim_(2, 2, 2, "asserts", "air strike hospit", "norland")
    assert linked_pairs([aside, strike]) == {(1, 2, "contradicts")}
    assert linked_pairs([dataclasses.replace(aside, rejected=frozenset()), strike]) == set()


def test_a_denial_and_an_account_setting_the_denied_agent_aside_agree():
    # "Israel was not responsible for the blast" and "terrorists in Gaza, not Israel, were to
    # blame": one account of Israel's part, though opposite polarities on alike words.
    denial = claim_(1, 1, 1, "denies", "israel respons hospit blast", "israel")
    aside = dataclasses.replace(
        claim_(2, 2, 2, "asserts", "terrorist gaza israel blame hospit blast"), rejected=frozenset({"israel"})
    )
    assert linked_pairs([denial, aside]) == {(1, 2, "supports")}
    assert linked_pairs([denial, dataclasses.replace(aside, rejected=frozenset())]) == {(1, 2, "contradicts")}


def test_a_thing_that_happened_by_itself_has_no_one_behind_it():
    assert happened_by_itself("the bridge may have given way on its own")
    assert happened_by_itself("the levee collapsed by itself") and happened_by_itself("it fell of its own accord")
    assert not happened_by_itself("Norland troops blew up the bridge on their own initiative")


def test_an_account_of_a_thing_happening_by_itself_answers_the_disputed_accounts():
    itself = dataclasses.replace(claim_(1, 1, 1, "asserts", "bridg gave way"), by_itself=True)
    norland = claim_(2, 2, 2, "asserts", "troop blew bridg", "norland")
    denial = claim_(3, 3, 3, "denies", "troop blew bridg", "norland")
    links = linked_pairs([itself, norland, denial])
    # Against the disputed account it is a rival one; with the denial it is one side (no link,
    # though "bridg" is shared).
    assert (1, 2, "contradicts") in links
    assert not {link for link in links if {1, 3} == set(link[:2])}
    # Undisputed, an account naming an agent is left to the words as before (no link here).
    assert linked_pairs([itself, norland]) == set()


def test_a_spokesperson_never_contradicts_whom_they_speak_for():
    # The White House denies Israel did it; its spokesperson asserts what its assessment rests on
    # (alike words, Dice 0.5): one voice, no contradiction. Another speaker's same words would be.
    denial = claim_(1, 1, 1, "denies", "assess israel respons blast")
    spokesperson = dataclasses.replace(claim_(2, 2, 2, "asserts", "assess drew imageri blast"), speaks_for_id=1)
    assert linked_pairs([denial, spokesperson]) == set()
    other = claim_(2, 2, 3, "asserts", "assess drew imageri blast")
    assert linked_pairs([denial, other]) == {(1, 2, "contradicts")}


def test_two_assertions_naming_the_same_agent_agree_though_worded_apart():
    # Dice 0.2: below what two speakers need to agree on words alone, one deed word in common.
    one = claim_(1, 1, 1, "asserts", "russian troop blew dam overnight", "russia")
    other = claim_(2, 2, 2, "asserts", "russia dam destroy aim stop offens", "russia")
    assert linked_pairs([one, other]) == {(1, 2, "supports")}
    # Without agents the same words do not agree.
    bare = [
        claim_(1, 1, 1, "asserts", "russian troop blew dam overnight"),
        claim_(2, 2, 2, "asserts", "russia dam destroy aim stop offens"),
    ]
    assert linked_pairs(bare) == set()


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
        "title": "Kremlin blames Kyiv for the dam",
        "outlet": "Moscow Wire",
        "published_at": "2023-06-06",
        "text": (
            "The Kakhovka dam on the Dnipro river collapsed on Tuesday, flooding villages in Kherson. "
            "Kremlin spokesman Dmitry Peskov denied that Russian troops blew up the Kakhovka dam. "
            "Peskov said the dam was destroyed by Ukrainian sabotage."
        ),
    },
]


@pytest.mark.django_db(transaction=True)
def test_rival_accounts_in_two_reports_are_linked_as_contradicting():
    gold_articles_run(articles=REPORTS)
    accusation = Claim.objects.get(content__startswith="Russian troops blew up")
    counter = Claim.objects.get(content__contains="Ukrainian sabotage")
    denial = Claim.objects.get(content__contains="that Russian troops", stance="denies")
    assert accusation.story_id is not None and accusation.story_id == counter.story_id
    relations = set(ClaimLink.objects.values_list("source_id", "target_id", "relation"))
    assert (denial.pk, accusation.pk, "contradicts") in relations
    assert {r for s, t, r in relations if {s, t} == {accusation.pk, counter.pk}} == {"contradicts"}
