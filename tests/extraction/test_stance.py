"""Stance polarity read from the content and around the cue, on short sentences written here."""

import pytest

from claims.extraction import extract


@pytest.fixture(autouse=True)
def _model(nlp):
    return nlp


def stance_of(text: str, mention: str) -> str:
    claims = [c for c in extract(text) if c.speaker_mention == mention]
    assert len(claims) == 1, [(c.speaker_mention, c.cue, c.content, c.stance) for c in extract(text)]
    return claims[0].stance


@pytest.mark.parametrize(
    "sentence",
    [
        # negation inside the content
        "The minister said the navy had nothing to do with the explosion at the port.",
        "The minister said the country played no part in the sinking of the ferry.",
        "The minister said the army had no involvement in the fire at the depot.",
        "The minister said the navy was not responsible for the explosion at the port.",
        "The minister said no naval shell had hit the harbour that night.",
        "The minister said the navy had not fired at the fishing boats.",
        "The minister said that the guards never attacked the protesters.",
        "The minister said the city had been seeking loans, not a role in the merger.",
        "The minister said its current assessment was that the navy was not responsible.",
        "The minister said an inquiry had established that no naval shell had hit the harbour.",
        "The minister said the navy had not fired and that no shell had hit the harbour.",
        "The minister said the navy was not behind the explosion.",
        "The minister said the government bears no responsibility for the deaths.",
        "The minister said the navy's ships were not present in the area.",
        "The minister said that nobody in the government ordered the raid.",
        "The minister said it did not use cluster munitions in the strike.",
        "The minister said we have never sent troops across the river.",
        # denying words and phrases
        "The minister said the report was false.",
        "The minister said the story was a complete lie.",
        "The minister said the accusations were baseless and groundless.",
        "The minister said the figures were fabricated.",
        "The minister said the accusations of its involvement were slanderous.",
        "The minister said the charges had no basis.",
        "The minister said the claim was not true.",
        "The minister said that was absolutely not the case.",
        "The minister said the fire was not caused by a rocket.",
        "The minister dismissed the report as ludicrous.",
        "The minister said the accusation was absurd.",
        "The minister said it was all nonsense.",
        "The minister called the report a ludicrous claim.",
        "The minister rejected the accusation that the port had been mined.",
        "The minister dismissed claims that the navy had shelled the harbour.",
    ],
)
def test_denials(sentence):
    assert stance_of(sentence, "The minister") == "denies"


@pytest.mark.parametrize(
    "quote",
    [
        "“We have nothing to do with this,” the minister said.",
        "“It is all an absolute lie,” the minister said.",
        "“We don't attack the neighbouring towns,” the minister said.",
        "“We firmly reject these accusations,” the minister said.",
        "“This is a ludicrous claim by people who want a war,” the minister said.",
    ],
)
def test_denials_in_quotations(quote):
    assert stance_of(quote, "the minister") == "denies"


@pytest.mark.parametrize(
    "sentence",
    [
        # a negative proposition that denies no accusation
        "The minister said there was no need for an evacuation of the town.",
        "The minister said the bridge cannot be rebuilt this year.",
        "The minister said the state would not block deliveries of food.",
        "The minister said the harvest had never been this poor.",
        "The minister said rebels, not the army, had attacked the convoy.",
        "The minister said he had no information about the future of the company.",
        "The minister said the inspectors had found no sign of explosives at the plant.",
        "The minister said the rebels were fabricating lies to escape blame.",
        "The minister said the new parking rules were ridiculous.",
        "The minister said the police had found no basis for a prosecution.",
        "The minister said the mayor was lying about the budget.",
        "The minister said the rebels could not have known the cause so quickly.",
        "The minister said the country does not negotiate with kidnappers.",
        "The minister said it never crossed his mind that the bridge could fall.",
        "The minister said he did not support the new tax.",
        "The minister said no one was injured in the blast.",
        "The minister said the troops did not withdraw from the town.",
        "The minister said it had not confirmed the identity of the dead.",
        # a negated cue is no denial of the content
        "The minister did not say whether the navy had fired at the boats.",
        "The minister did not deny that the navy had fired at the boats.",
        # a warning of danger is an assertion, not a threat
        "The minister warned that the rebels had mined the dam.",
    ],
)
def test_not_denials(sentence):
    assert stance_of(sentence, "The minister") == "asserts"


def test_a_quotation_that_goes_on_with_the_speakers_own_account_asserts():
    text = "“We do not target their cities. We fight on our own land. We defend our villages,” the minister said."
    assert stance_of(text, "the minister") == "asserts"


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("The minister said the reports of a missile strike were inaccurate.", "disputes"),
        ("The minister said there was no evidence that a missile had hit the hospital.", "disputes"),
        ("The minister said the army had found no sign that its drones struck the school.", "disputes"),
        ("The minister said he could not imagine the president ordering such a thing.", "disputes"),
        ("The minister said there was no evidence of rebel involvement in the blast.", "disputes"),
        ("The minister said the rebels' arguments do not hold water.", "disputes"),
        ("The minister rejected the idea that a missile had downed the plane.", "disputes"),
        ("The minister said shelling could not have brought the bridge down.", "disputes"),
        ("The minister said it would have been impossible to destroy the dam by shelling.", "disputes"),
        ("The minister said he did not know for certain what had happened.", "doubts"),
        ("The minister said the government could not yet say whether the dam was mined.", "doubts"),
        ("The minister said the agency had no independent information about how the dam broke.", "doubts"),
        ("The minister said it was unclear whether the missile came from the north.", "doubts"),
        ("The minister said it was too early to say who fired the missile.", "doubts"),
        ("The minister could not confirm whether the missile came from the north.", "doubts"),
    ],
)
def test_disputes_and_doubts(sentence, stance):
    assert stance_of(sentence, "The minister") == stance


def test_a_doubt_of_others_is_the_speakers_assertion():
    text = "The minister said many people were not sure what had happened."
    assert stance_of(text, "The minister") == "asserts"


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("The minister said the government reserves the right to take retaliatory measures.", "threatens"),
        ("The minister said the state would retaliate against any attack on its ships.", "threatens"),
        ("The minister said the union will hold the rebels accountable.", "threatens"),
        ("The minister said the state would respond decisively to any provocation.", "threatens"),
        ("The minister said the attack on the port will not go unanswered.", "threatens"),
        ("The minister said the navy would not hesitate to use force.", "threatens"),
        ("The minister said any attack on the port would be met with a decisive response.", "threatens"),
        ("The minister said the ministry would respond to questions from the press.", "asserts"),
        ("The minister warned that any boat in the zone would be considered a legitimate target.", "threatens"),
        ("The minister said the state would take retaliatory measures.", "threatens"),
        ("The minister vowed to retaliate against the rebels.", "threatens"),
        ("The minister said the attackers would be held to account.", "threatens"),
        ("The minister said the navy would treat every boat as a military target.", "threatens"),
        ("The minister warned of consequences for any attack on the port.", "threatens"),
        ("The minister warned that the state would retaliate.", "threatens"),
        ("The minister threatened to close the border.", "threatens"),
        ("The minister said the council should publish the figures.", "demands"),
        ("The minister said the world must react to the attack.", "demands"),
        ("The minister said the allies ought to release the satellite images.", "demands"),
        ("The minister said the inspectors had asked for access to the reactor.", "demands"),
    ],
)
def test_threats_and_demands(sentence, stance):
    assert stance_of(sentence, "The minister") == stance


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("“Kindly show us the satellite pictures,” the minister said.", "demands"),
        ("“We demand a full and open inquiry,” the minister said.", "demands"),
        ("“We do not demand anything from the council,” the minister said.", "asserts"),
        ("“We must do everything to keep the corridor open. We are not afraid,” the minister said.", "demands"),
        ("“The council should know that the rebels attacked first,” the minister said.", "asserts"),
        ("“What do we have to lose?” the minister said.", "asserts"),
        ("“The plan is sound and the money is there. Believe me,” the minister said.", "asserts"),
    ],
)
def test_demands_in_quotations(sentence, stance):
    assert stance_of(sentence, "the minister") == stance


def test_doubting_anothers_knowledge_is_an_assertion():
    text = "The minister argued that the rebels could not have known what caused the blast so quickly."
    assert stance_of(text, "The minister") == "asserts"
