"""One actor per actor, inside one article: pronouns, descriptions, roles, spokespeople, datelines."""

from claims.extraction import extract


def by_mention(text, mention):
    claims = [c for c in extract(text) if c.speaker_mention == mention]
    assert claims, [(c.speaker_mention, c.speaker, c.content) for c in extract(text)]
    return claims[0]


def test_a_pronoun_without_antecedent_names_no_actor():
    claim = by_mention("He said the bridge would reopen on Monday.", "He")
    assert claim.speaker is None
    assert not claim.speaker_named


def test_descriptions_keep_their_words_but_name_no_actor():
    text = "Officials said the bridge would reopen on Monday. A statement said the repairs were finished."
    officials = by_mention(text, "Officials")
    assert officials.speaker == "Officials"
    assert not officials.speaker_named
    assert not by_mention(text, "A statement").speaker_named


def test_a_role_goes_to_its_named_holder():
    text = (
        "Harbour Authority spokesman Tomas Rikard said the port would reopen on Friday.\n\n"
        "The Harbour Authority spokesman later said the cranes were undamaged."
    )
    claim = by_mention(text, "The Harbour Authority spokesman")
    assert claim.speaker == "Tomas Rikard"
    assert claim.speaker_named


def test_a_role_the_article_gives_nobody_stays_unresolved():
    text = (
        "President Joe Biden said the aid would continue.\n\nThe Ukrainian president said the front line was holding."
    )
    claim = by_mention(text, "The Ukrainian president")
    assert claim.speaker != "Joe Biden"
    assert not claim.speaker_named


def test_someones_spokesperson_is_the_named_person_who_speaks_for_them():
    text = "Mayor Elena Varga's spokesperson, Pavel Horn, said the curfew would be lifted on Sunday."
    claim = next(c for c in extract(text) if "curfew" in c.content)
    assert claim.speaker == "Pavel Horn"
    assert claim.speaker_speaks_for == "Elena Varga"


def test_an_aide_without_a_name_is_not_the_person_they_serve():
    text = "Governor Lena Ostrova's aide said the budget would be cut."
    claim = next(c for c in extract(text) if "budget" in c.content)
    assert claim.speaker != "Lena Ostrova"
    assert not claim.speaker_named


def test_the_medium_of_an_institution_is_the_institution():
    text = "The Kremlin press service said the talks had been postponed."
    claim = next(c for c in extract(text) if "talks" in c.content)
    assert claim.speaker == "Kremlin"
    assert claim.speaker_named


def test_a_dateline_or_timestamp_is_never_part_of_a_name():
    text = (
        "JERUSALEM - Israel's military said on Wednesday that it had found no sign of a strike.\n\n"
        "13:30 - The Pentagon has said that reports of a missile hitting the plane are inaccurate."
    )
    claims = extract(text)
    mentions = {c.speaker_mention for c in claims}
    assert "Israel's military" in mentions
    assert "The Pentagon" in mentions
    assert not any(m and ("JERUSALEM" in m or "13:30" in m) for m in mentions)
    assert {c.speaker for c in claims if c.speaker_mention == "The Pentagon"} == {"Pentagon"}


def test_a_definite_description_goes_back_to_the_organisation_it_described():
    text = (
        "Norhydro, the state company that runs the plant, said the turbines had been flooded.\n\n"
        "The company said the station could not be repaired."
    )
    claim = by_mention(text, "The company")
    assert claim.speaker == "Norhydro"


def test_he_is_not_the_person_named_in_what_he_says():
    text = (
        "Mayor Karl Brant spoke to reporters on Wednesday.\n\n"
        "There was little that happened in the city that Olsen was not behind, he added."
    )
    claim = next(c for c in extract(text) if "Olsen" in c.content)
    assert claim.speaker == "Karl Brant"


def test_it_continues_the_organisation_that_spoke_before():
    text = (
        "The army said rockets had been fired from Gaza and passed close to the hospital. "
        "It said intelligence showed that a militant group was responsible."
    )
    claim = by_mention(text, "It")
    assert claim.speaker != "Gaza"


def test_the_group_continues_the_organisation_that_just_spoke():
    text = (
        "The Red Lantern Front rejected the account outright. "
        "In a statement, the group said the blast had been caused by an airstrike."
    )
    claim = by_mention(text, "the group")
    assert claim.speaker.removeprefix("The ") == "Red Lantern Front"
    assert claim.speaker_named


def test_the_president_is_not_the_vice_president():
    text = "Vice President Anna Kell said the plan was sound.\n\nThe president said the plan would be delayed."
    claim = by_mention(text, "The president")
    assert claim.speaker != "Anna Kell"


def test_a_reporting_verb_read_as_a_plural_noun_is_a_cue_but_a_singular_noun_never_is():
    claims = extract("Officials said the attack, which Russia claims was planned by Kyiv, failed.")
    assert any(c.speaker == "Russia" and c.cue == "claims" for c in claims)
    claims = extract("The governor argued that New York state is shortchanging its cities.")
    assert not any(c.cue == "state" for c in claims)
    assert not any(c.speaker == "New York" for c in claims)
