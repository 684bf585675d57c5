"""Each construction the engine must read, on short articles written for these tests."""

import pytest

from claims.extraction import extract


def one(text, **where):
    claims = [c for c in extract(text) if all(getattr(c, k) == v for k, v in where.items())]
    assert len(claims) == 1, [(c.speaker, c.cue, c.content) for c in extract(text)]
    claim = claims[0]
    assert text[claim.content_start : claim.content_end] == claim.content
    return claim


@pytest.fixture(autouse=True)
def _model(nlp):
    return nlp


def test_pronoun_across_sentences_resolves_to_the_earlier_subject():
    text = (
        "Maria Lopez, the mayor of Springfield, opened the new bridge on Monday.\n"
        "She said that the project had come in under budget."
    )
    claim = one(text, speaker_mention="She")
    assert claim.speaker == "Maria Lopez"
    assert claim.content == "that the project had come in under budget"


def test_according_to_at_the_start():
    text = "According to the ministry, the harvest fell by a third this year."
    claim = one(text, cue="According to")
    assert claim.speaker_mention == "the ministry"
    assert claim.content == "the harvest fell by a third this year"


def test_according_to_at_the_end():
    text = "The harvest fell by a third this year, according to the ministry."
    claim = one(text, cue="according to")
    assert claim.content == "The harvest fell by a third this year"


def test_according_to_in_the_middle():
    text = "The harvest, according to the ministry, fell by a third this year."
    claim = one(text, cue="according to")
    assert claim.content.startswith("The harvest")
    assert claim.content.endswith("this year")


def test_relative_clause_source():
    text = "The fire was blamed on the owners, who claimed that the wiring had been faulty."
    claim = one(text, speaker_mention="who")
    assert claim.speaker == "owners"
    assert claim.content == "that the wiring had been faulty"


def test_multi_paragraph_quote_is_one_claim():
    text = (
        "Senator Anna Berg spoke at length.\n"
        "“The bill is a disaster for farmers. It will close family farms.\n"
        "“We will vote against it and we will win,” Berg said."
    )
    claim = one(text, cue="said")
    assert claim.kind == "direct"
    assert claim.content.startswith("“The bill is a disaster")
    assert claim.content.endswith("we will win,”")
    assert claim.speaker == "Anna Berg"


def test_inverted_said_smith():
    text = '"The river has never been this low in living memory," said John Smith, a farmer.'
    claim = one(text, cue="said")
    assert claim.speaker == "John Smith"
    assert claim.kind == "direct"
    # A description is a role, not a name: it is never learned as an alias.
    assert "a farmer" not in claim.speaker_aliases


def test_speaker_inside_a_split_quote():
    text = (
        "“We do not know yet what caused the crash,” the inspector said. "
        "“It could take many months before we can say more.”"
    )
    claim = one(text, cue="said")
    assert claim.content.endswith("say more.”")


def test_noun_cue_with_a_possessive_source():
    text = "The company rejected the union's claim that wages had fallen for a decade."
    claims = extract(text)
    assert any(c.cue == "rejected" and c.stance == "denies" for c in claims)


def test_noun_cue_as_object_of_a_denial():
    text = "The minister has denied accusations that he lied to parliament about the contract."
    claim = one(text, cue="has denied")
    assert claim.stance == "denies"
    assert claim.content.startswith("accusations that he lied")


def test_via_a_news_outlet():
    text = "The army will withdraw from the border region by Friday, a general said, Reuters reported."
    claim = one(text, speaker_mention="a general")
    assert claim.via == "Reuters"


def test_trailing_dash_speaker():
    text = "“We have cut the waiting lists in half in a single year.” -Commissioner Ruth Adams"
    claim = one(text, kind="direct")
    assert claim.speaker == "Ruth Adams"


def test_from_chairwoman_introduces_a_quote():
    text = "From Chairwoman Lisa Ortiz:\n“This budget protects the services our residents rely on.”"
    claim = one(text, kind="direct")
    assert claim.speaker == "Lisa Ortiz"


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("The governor said the report was not true.", "denies"),
        ("The governor disputed the figures in the audit report.", "disputes"),
        ("The governor doubted that the new figures were correct.", "doubts"),
        ("The governor threatened to veto the budget bill.", "threatens"),
        ("The governor demanded an inquiry into the spending.", "demands"),
        ("The governor called for an inquiry into the spending.", "demands"),
        ("The governor said the budget was balanced.", "asserts"),
    ],
)
def test_stance(sentence, stance):
    claim = one(sentence, speaker_mention="The governor")
    assert claim.stance == stance
