from claims.extraction import Stance
from claims.extraction.lexicon import NOUN_STANCE, PHRASAL_CUES, VERB_STANCE


def test_reporting_verbs_carry_their_stance():
    assert VERB_STANCE["say"] == Stance.ASSERTS
    assert VERB_STANCE["refute"] == Stance.DENIES
    assert VERB_STANCE["deny"] == Stance.DENIES
    assert VERB_STANCE["dispute"] == Stance.DISPUTES
    assert VERB_STANCE["doubt"] == Stance.DOUBTS
    assert VERB_STANCE["threaten"] == Stance.THREATENS
    assert VERB_STANCE["demand"] == Stance.DEMANDS


def test_lexicon_is_generous_beyond_said():
    for verb in ("insist", "concede", "sigh", "mock", "tweet", "warn", "urge", "acknowledge"):
        assert verb in VERB_STANCE


def test_phrasal_and_noun_cues():
    assert PHRASAL_CUES[("call", "for")] == Stance.DEMANDS
    assert NOUN_STANCE["accusation"] == Stance.ASSERTS
    assert NOUN_STANCE["denial"] == Stance.DENIES
    assert "statement" in NOUN_STANCE
