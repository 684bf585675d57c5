"""Stance: what the speaker does with the claim, from the cue, its negation and the content."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .lexicon import COUNTER_NOUNS, DENIAL_MARKERS, DISPUTE_MARKERS, DOUBT_MARKERS
from .types import Stance


def _pattern(fragments: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(fragments) + ")", re.IGNORECASE)


_DENIAL = _pattern(DENIAL_MARKERS)
_DISPUTE = _pattern(DISPUTE_MARKERS)
_DOUBT = _pattern(DOUBT_MARKERS)
_BELIEF_LEMMAS = frozenset({"believe", "think", "agree", "accept"})


def stance_for(base: str, cue: Token | None, content: Span | None) -> str:
    """Refine the cue's own stance with what the content says.

    "X said it was not true" denies; "X claims that Y's accusations are a cover" disputes;
    "X said it treats Russia's claims cautiously" doubts; "did not deny" asserts.
    """
    if cue is not None and any(child.dep_ == "neg" for child in cue.children):
        if base == Stance.DENIES:
            return Stance.ASSERTS
        if base == Stance.ASSERTS and cue.lemma_ in _BELIEF_LEMMAS:
            return Stance.DOUBTS
    if base != Stance.ASSERTS or content is None:
        return base
    return _from_content(content.text, any(tok.lemma_ in COUNTER_NOUNS for tok in content))


def stance_for_text(base: str, content: str) -> str:
    """The same refinement where only the text is at hand (a quote attached to a bare cue)."""
    if base != Stance.ASSERTS:
        return base
    return _from_content(content, about_claims=False)


def _from_content(text: str, about_claims: bool) -> str:
    if _DENIAL.search(text):
        return Stance.DENIES
    if about_claims and _DISPUTE.search(text):
        return Stance.DISPUTES
    if about_claims and _DOUBT.search(text):
        return Stance.DOUBTS
    return Stance.ASSERTS
