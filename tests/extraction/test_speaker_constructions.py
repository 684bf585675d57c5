"""Who said it, where the parse misleads: second reports hung on a reported clause, quoting and
citing, datelines, second subjects, surnames tagged as organisations, roles by nationality."""

import pytest

from claims.extraction import extract


@pytest.fixture(autouse=True)
def _model(nlp):
    return nlp


def claims_of(text):
    return [(c.speaker, c.content) for c in extract(text)]


def by_cue(text, cue):
    claims = [c for c in extract(text) if c.cue == cue]
    assert len(claims) == 1, [(c.speaker, c.cue, c.content) for c in extract(text)]
    return claims[0]


def test_a_report_joined_to_a_reported_clause_is_the_outer_speakers():
    text = (
        "Army spokesman Omar Haddad said Hamas had exaggerated the death toll and argued that the "
        "group could not have known what caused the explosion."
    )
    said, argued = by_cue(text, "said"), by_cue(text, "argued")
    assert said.speaker == argued.speaker == "Omar Haddad"
    assert said.content == "Hamas had exaggerated the death toll"
    assert argued.content == "that the group could not have known what caused the explosion"


def test_a_naming_report_joined_to_an_accusation_is_the_rejecters():
    text = (
        "Minister Lena Vogt rejected Norland's accusation that her troops had shelled the bridge and "
        "called the collapse an act of sabotage."
    )
    called = by_cue(text, "called")
    assert called.speaker == "Lena Vogt"
    assert by_cue(text, "accusation").content == "that her troops had shelled the bridge"


def test_a_participle_after_a_reported_clause_is_the_speakers():
    text = (
        "Varga has argued that it would have been impossible to breach the dam from outside, "
        "insisting that soldiers had mined it and then set off the charges."
    )
    insisting = by_cue(text, "insisting")
    assert insisting.speaker == "Varga"
    assert insisting.content == "that soldiers had mined it and then set off the charges"


def test_a_participle_qualifying_the_object_belongs_to_the_content():
    text = "The ministry denied any part in the plane crash presumed to have killed the rebel commander."
    denied = by_cue(text, "denied")
    assert denied.content == "any part in the plane crash presumed to have killed the rebel commander"


def test_a_dateline_with_a_wire_credit_is_not_the_speaker():
    text = "OSLO, Aug 25 (Nordic Wire) - The Kremlin on Friday denied any role in the explosion."
    denied = by_cue(text, "denied")
    assert denied.speaker == "Kremlin"
    assert denied.speaker_mention == "The Kremlin"


def test_a_dateline_is_not_part_of_the_content():
    text = "KYIV - Norland played no part in the crash, President Ada Lind said on Thursday."
    claim = by_cue(text, "said")
    assert claim.speaker == "Ada Lind"
    assert claim.content == "Norland played no part in the crash"


def test_a_name_after_its_description_is_the_speaker():
    claim = by_cue(text := "The state news agency TASS reported that the plant had been shelled.", "reported")
    assert claim.speaker == "TASS"
    assert text[claim.speaker_start : claim.speaker_end] == "TASS"


def test_one_quoted_as_saying_is_the_speaker_and_whoever_quotes_relays():
    text = (
        "President Ada Lind has said Norland should keep exporting grain. "
        '"Even without the corridor, we must do everything to keep the ships moving," her spokesman, '
        "Piet Moll, quoted her as saying."
    )
    quoted = by_cue(text, "quoted")
    assert quoted.speaker == "Ada Lind"
    assert quoted.via == "Piet Moll"


def test_a_readout_quoting_a_leader_is_not_the_speaker():
    text = (
        "President Ada Lind spoke to the king by telephone. "
        '"The destruction of the dam is a crime against every family downstream," the readout quoted '
        "Lind as saying. "
        '"We will rebuild every village that the water has taken," Lind was quoted as telling the king.'
    )
    assert [c.speaker for c in extract(text)] == ["Ada Lind", "Ada Lind"]
    assert all(c.via is None for c in extract(text))  # "the readout" names no one


def test_a_report_citing_a_named_source_is_the_sources():
    text = (
        "Lind put Minister Karl Brun in charge of relief work, the state news agency Nortel reported, "
        "citing presidential spokesman Piet Moll."
    )
    claim = by_cue(text, "reported")
    assert claim.speaker == "Piet Moll"
    assert claim.content == "Lind put Minister Karl Brun in charge of relief work"


def test_a_surname_tagged_as_an_organisation_is_the_person_named_before():
    text = (
        "Chief military spokesman Daniel Okoro said no fire from the air had hit the hospital.\n\n"
        "Okoro said Hamas had exaggerated the death toll."
    )
    assert {speaker for speaker, _ in claims_of(text)} == {"Daniel Okoro"}


def test_a_pronoun_follows_a_speaker_the_recogniser_missed_where_it_spoke():
    text = (
        "Prime Minister Benjamin Netanyahu suspended Heritage Minister Amichai Eliyahu on Sunday.\n\n"
        "Eliyahu later said his remark had been meant metaphorically. "
        '"Anyone with sense understands that the comment was a metaphor," he wrote.'
    )
    wrote = by_cue(text, "wrote")
    assert wrote.speaker == "Amichai Eliyahu"


def test_a_role_of_a_nationality_goes_to_the_one_holder_in_its_paragraph():
    text = (
        "President Ada Lind convened her security council on Tuesday. Afterwards, the Norwegian "
        "president said the dam had been blown up from inside.\n\n"
        "The Turkish leader said an inquiry should follow."
    )
    first, second = extract(text)
    assert (first.speaker, first.speaker_named) == ("Ada Lind", True)
    assert not second.speaker_named  # no Turkish leader is named


def test_a_role_of_a_nationality_stays_unresolved_across_paragraphs():
    text = (
        "President Joe Biden said there was little that happened in Russia without the Kremlin's hand.\n\n"
        "Kyiv has kept its distance. The Ukrainian president denied any involvement."
    )
    denied = by_cue(text, "denied")
    assert denied.speaker != "Joe Biden"
    assert not denied.speaker_named


def test_a_role_of_another_nationality_never_goes_to_a_holder_of_one():
    text = (
        "Portuguese President Marcelo Costa met reporters in Lisbon. The Ukrainian president said "
        "the talks had gone well."
    )
    assert not by_cue(text, "said").speaker_named


def test_a_leader_role_goes_to_a_president_of_that_nationality():
    text = (
        "Putin made the remarks in a call with Turkish President Tayyip Erdogan, the Kremlin said. "
        "Erdogan's office said the Turkish leader had told Putin that experts should examine the dam."
    )
    told = by_cue(text, "had told")
    assert told.speaker == "Recep Tayyip Erdogan"


def test_parties_accusing_each_other_each_make_the_charge():
    text = (
        "OSLO, June 6 (Nordic Wire) - Norland and Vesterland accused each other on Tuesday of wrecking "
        "the dam on the river, as water from the reservoir surged downstream.\n\n"
        "Kyiv and Moscow each accused the other of preparing an attack on the plant."
    )
    claims = [(c.speaker, c.content) for c in extract(text)]
    assert claims == [
        ("Norland", "wrecking the dam on the river"),
        ("Vesterland", "wrecking the dam on the river"),
        ("Ukraine", "preparing an attack on the plant"),
        ("Russia", "preparing an attack on the plant"),
    ]


def test_named_parties_speaking_together_each_make_the_claim():
    text = (
        "President Ada Lind and Norhydro, the state hydropower company, say the structure was blown "
        "apart from inside its engine room. Smith and his wife said they would vote for her."
    )
    claims = [(c.speaker, c.content) for c in extract(text)]
    assert claims == [
        ("Ada Lind", "the structure was blown apart from inside its engine room"),
        ("Norhydro", "the structure was blown apart from inside its engine room"),
        ("Smith", "they would vote for her"),  # "his wife" is no name: one source
    ]


def test_blaming_someone_for_something_is_a_claim():
    text = "President Ada Lind on Wednesday blamed Vesterland for the destruction of the dam."
    claim = by_cue(text, "blamed")
    assert (claim.speaker, claim.content) == ("Ada Lind", "Vesterland for the destruction of the dam")


def test_a_common_noun_the_recogniser_tagged_takes_its_whole_phrase():
    text = (
        "OSLO - Norland's defence ministry said on Wednesday that it would treat every ship as a "
        "carrier of military cargo.\n\nThe ministry said the crews would be detained."
    )
    first, second = extract(text)
    assert first.speaker == second.speaker == "Norland's defence ministry"


def test_a_subheading_is_not_part_of_the_next_speaker():
    text = (
        "Here is what each side has said.\n\nThe Palestinian account\n\n"
        "Gaza's Hamas-run health ministry said that an air strike had hit the hospital."
    )
    claim = by_cue(text, "said")
    assert claim.speaker_mention == "Gaza's Hamas-run health ministry"


def test_a_description_a_name_owns_is_a_party_of_its_own():
    text = "Gaza's health authorities and Hamas continue to blame an Israeli strike."
    claims = [(c.speaker_mention, c.speaker_named, c.content) for c in extract(text)]
    assert claims == [
        ("Gaza's health authorities", False, "an Israeli strike"),
        ("Hamas", True, "an Israeli strike"),
    ]


def test_the_group_is_the_organisation_the_paragraph_is_about():
    text = (
        '07:50 - Free Dockers Union dismisses as "lies" the port\'s claim that its members set the fire. '
        '"The owners are doing all they can to escape responsibility for the blaze," the group says in a '
        "statement."
    )
    says = by_cue(text, "says")
    assert (says.speaker, says.speaker_named) == ("Free Dockers Union", True)


def test_an_organisation_after_a_nationality_adjective_is_also_known_without_it():
    claim = by_cue("Palestinian Islamic Jihad rejected the account on Tuesday.", "rejected")
    assert claim.speaker == "Palestinian Islamic Jihad"
    assert "Islamic Jihad" in claim.speaker_aliases
    assert by_cue("The Russian army said the bridge was intact.", "said").speaker_aliases == ()


def test_which_after_an_apposition_refers_to_the_name_it_describes():
    text = (
        "The theory first circulated on Grey Zone, a Telegram channel linked to Wagner, which said "
        "shortly after the crash that the jet had been shot down."
    )
    assert by_cue(text, "said").speaker == "Grey Zone"


def test_a_dismissal_takes_its_object_and_verdict():
    text = (
        "Norland Jihad has dismissed the army's version as fabricated and says the clinic had been told "
        "to evacuate. Port spokesman Pat Ryder dismissed as inaccurate the reports that the ship had been "
        "hit by a missile, but would not be drawn on the cause."
    )
    assert by_cue(text, "has dismissed").content == "the army's version as fabricated"
    assert by_cue(text, "has dismissed").stance == "denies"
    ryder = by_cue(text, "dismissed")
    assert (ryder.speaker, ryder.content) == ("Pat Ryder", "the reports that the ship had been hit by a missile")


def test_according_to_a_source_keeps_a_subject_the_parser_joined_to_it():
    text = (
        "According to Hamas authorities, patients and families who had fled their homes made up most of "
        "the dead. According to John Smith, who was there, the fire started at noon."
    )
    first, second = extract(text)
    assert first.content == "patients and families who had fled their homes made up most of the dead"
    assert second.content == "the fire started at noon"


def test_what_follows_a_colon_spells_the_claim_out():
    text = (
        "Analyst Ivo Marsh argued that the outcome had been predictable from the moment the strike "
        "ended: either the board would sell the plant, or the workers would walk out again."
    )
    claim = by_cue(text, "argued")
    assert claim.content.endswith("either the board would sell the plant, or the workers would walk out again")


def test_a_speaker_reporting_his_own_words_makes_one_claim():
    text = (
        "Military spokesman Daniel Okoro said he could not yet confirm whether an air strike was "
        "involved. Smith said Jones had claimed the vote was rigged."
    )
    claims = [(c.speaker, c.content) for c in extract(text)]
    assert claims == [
        ("Daniel Okoro", "he could not yet confirm whether an air strike was involved"),
        ("Smith", "Jones had claimed the vote was rigged"),
        ("Jones", "the vote was rigged"),  # someone else's report inside stays a claim of its own
    ]


def test_those_told_or_asked_are_no_source():
    text = (
        "Water surged downstream and thousands of people were told to leave their homes. "
        "He was asked whether the dam could be rebuilt."
    )
    assert extract(text) == []


def test_a_rejected_accusation_with_its_own_source_is_denied_as_the_accusation():
    # Two claims: the accuser asserts the clause, the one rejecting it denies that same clause.
    text = "Minister Lena Vogt rejected Norland's accusation that her troops had shelled the bridge."
    rejected, accusation = by_cue(text, "rejected"), by_cue(text, "accusation")
    assert rejected.speaker == "Lena Vogt"
    assert rejected.stance == "denies"
    assert rejected.content == "her troops had shelled the bridge"
    assert accusation.speaker == "Norland"
    assert accusation.stance == "asserts"
    assert accusation.content == "that her troops had shelled the bridge"


def test_a_rejected_report_with_no_source_keeps_its_noun():
    # Nobody named stands behind "reports": the noun says what kind of statement is rejected.
    claim = by_cue("The ministry rejected reports that its soldiers had shelled the village.", "rejected")
    assert claim.stance == "denies"
    assert claim.content == "reports that its soldiers had shelled the village"


def test_a_participle_after_a_clause_within_the_reported_clause_is_the_speakers():
    text = (
        "The ministry said its current assessment was that the navy was not responsible, while "
        "cautioning that it was still gathering information."
    )
    said, cautioning = by_cue(text, "said"), by_cue(text, "cautioning")
    assert cautioning.speaker == said.speaker == "ministry"
    assert said.content == "its current assessment was that the navy was not responsible"
    assert cautioning.content == "that it was still gathering information"


def test_a_clause_closed_by_a_semicolon_is_not_reported_by_the_next_cue():
    text = (
        "Last spring, Mayor Ada Lind warned that the levee was failing and needed repairs; engineers "
        "in the valley said at the time that the walls were sound."
    )
    assert [c.content for c in extract(text) if c.cue == "said"] == []
    assert by_cue(text, "warned").content == "that the levee was failing and needed repairs"


@pytest.mark.parametrize(
    "sentence",
    [
        "Norland has never confirmed or denied that it possesses the missiles, and officials rarely discuss them.",
        "The army neither confirmed nor denied that its jets struck the school.",
        "The ministry declined to confirm or deny that it had sent troops.",
    ],
)
def test_neither_confirming_nor_denying_is_no_claim(sentence):
    assert extract(sentence) == []


def test_a_plain_denial_beside_a_refusal_stays_a_denial():
    text = "The army denied that its jets struck the school."
    assert by_cue(text, "denied").stance == "denies"


def test_according_to_a_source_before_a_named_speakers_report_relays_it():
    text = "According to the ministry, General Omar Haddad told reporters that the bridge was closed."
    claims = extract(text)
    assert [(c.speaker, c.content) for c in claims] == [("Omar Haddad", "that the bridge was closed")]
    assert claims[0].via == "ministry"


def test_according_to_a_source_after_the_report_stays_its_source():
    text = "The bridge was closed, General Omar Haddad told reporters, according to the ministry."
    assert {c.speaker for c in extract(text)} == {"Omar Haddad", "ministry"}
