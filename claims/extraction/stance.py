"""Stance: what the speaker does with the claim, from the cue, its negation and the content.

The cue gives a first stance ("denied" denies, "threatened" threatens); the content's parse can
turn a plain report into another one. What is read, clause by clause, from the content's head:

- a denying word as the predicate ("it is a lie", "the charges are false", "dismissed it as
  fabricated", "a ludicrous claim") or a negated truth word ("not true", "no basis"): denies;
- "nothing to do with", a negated involvement ("played no part", "no involvement", "not a role")
  or, in a one-clause content, a negated accusation ("had not hit", "no munition struck", "is not
  responsible"): denies. Modal negations ("would not block", "cannot be rebuilt") are promises or
  abilities and stay assertions, and so does "not X" next to a predicate ("terrorists, not the
  army, did it");
- a disputing word as the predicate ("the reports are inaccurate"), "no evidence that ...",
  "cannot imagine ...", "could not have ..." (an event, not knowledge): disputes;
- an open question the speaker cannot settle ("did not know what had happened", "no information
  about how", "could not confirm whether", "unclear whether"): doubts. "did not say whether" is
  no doubt of the speaker's, nor a denial;
- retaliation, accountability or a hostile role in the future ("will retaliate", "would be held to
  account", "would be regarded as parties to the conflict", "reserves the right to respond"):
  threatens;
- must, should, ought to, have to, an imperative, a reported request: demands.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import HEAD, SENT_START
from spacy.tokens import Doc, Span, Token

from .attribution import text_of
from .lexicon import (
    ABILITY_MODALS,
    ACCOUNT_WORDS,
    ACCUSATION_PREDICATES,
    COUNTER_NOUNS,
    DEMAND_MODALS,
    DENYING_WORDS,
    DISPUTE_MARKERS,
    DISPUTING_WORDS,
    DOUBT_MARKERS,
    EVIDENCE_NOUNS,
    FORCEFUL_WORDS,
    FUTURE_MODALS,
    HOSTILE_ROLE_WORDS,
    HYPOTHESIS_NOUNS,
    IMAGINING_WORDS,
    INVOLVEMENT_NOUNS,
    KNOWING_WORDS,
    NAMING_VERBS,
    NOUN_STANCE,
    PHRASAL_CUES,
    PROVOCATION_WORDS,
    RETALIATION_WORDS,
    SCORNING_WORDS,
    TRUTH_WORDS,
    VERB_STANCE,
)
from .types import Stance


def _pattern(fragments: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(fragments) + ")", re.IGNORECASE)


_DISPUTE = _pattern(DISPUTE_MARKERS)
_DOUBT = _pattern(DOUBT_MARKERS)
_BELIEF_LEMMAS = frozenset({"believe", "think", "agree", "accept"})
_NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
_NEGATIVE_SUBJECTS = frozenset({"nobody", "nothing", "neither"})
_OPEN_QUESTION = frozenset({"whether", "if", "what", "who", "how", "why", "where", "when", "which"})
_PREDICATIVE = frozenset({"attr", "acomp", "oprd", "appos"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
_MODALS = DEMAND_MODALS | FUTURE_MODALS | ABILITY_MODALS | frozenset({"may", "might"})
_EMPHASIS = KNOWING_WORDS | frozenset({"understand", "remember", "realize", "realise", "recognize", "note"})
# Verbs whose "as" phrase says what the speaker takes something for: "dismissed it as false".
_CHARACTERISING = NAMING_VERBS | frozenset(
    {"describe", "dismiss", "reject", "denounce", "condemn", "characterize", "characterise", "portray", "paint"}
    | {"regard", "view", "see", "treat", "consider"}
)
# "he" and "she" under a cue are as often someone the speaker talks about, so they stay out.
# Verbs whose clause is what the content asserts: "a review had established that ...".
_FINDINGS = frozenset({"establish", "show", "find", "conclude", "determine", "indicate", "prove", "reveal", "confirm"})
_SELF = frozenset({"i", "we", "it"})
_NOT_DEEDS = frozenset(
    {"be", "have", "want", "need", "expect", "see", "hear", "feel", "think", "believe", "mean", "intend"}
    | {"say", "tell", "know", "comment", "speak", "talk", "mention", "discuss", "plan", "wish", "hope", "go"}
)
_CROWDS = frozenset(
    {"people", "person", "many", "some", "few", "others", "lot", "most", "everyone", "anyone", "nobody", "public"}
)
_POLITE = frozenset({"please", "kindly", "just", "now", "simply", "so", "then", "and"})
_REQUESTS = frozenset({"demand", "urge", "request", "appeal", "implore"})
_CLAIM_NOUNS = COUNTER_NOUNS | frozenset({"it", "this", "that", "all"})


def stance_for(base: str, cue: Token | None, content: Span | None) -> str:
    """Refine the cue's own stance with the cue's negation and what the content says.

    "X said it was not true" denies; "X claims that Y's accusations are a cover" disputes;
    "X said it treats Russia's claims cautiously" doubts; "did not deny" asserts.
    """
    if cue is not None and _negated(cue):
        return _negated_cue(base, cue)
    if base == Stance.THREATENS and cue is not None and cue.lemma_ == "warn" and content is not None:
        # "warned that the bridge was mined" reports a danger; "warned it would retaliate" threatens.
        return base if _warns_of_own_action(content, cue) else Stance.ASSERTS
    if base == Stance.DENIES and content is not None and _a_hypothesis(content):
        return Stance.DISPUTES  # "rejected the idea that a missile downed the jet"
    if base != Stance.ASSERTS or content is None:
        return base
    return content_stance(content, cue)


def cue_stance(cue: Token) -> str:
    """The stance a cue gives by itself: "denied" denies, "called for" demands, "said" asserts."""
    for child in cue.rights:
        phrasal = PHRASAL_CUES.get((cue.lemma_, child.lower_))
        if phrasal is not None and child.dep_ in ("prt", "prep"):
            return phrasal
    if cue.pos_ in ("VERB", "AUX"):
        return VERB_STANCE.get(cue.lemma_, Stance.ASSERTS)
    return NOUN_STANCE.get(cue.lemma_) or VERB_STANCE.get(cue.lemma_, Stance.ASSERTS)


def stance_for_text(base: str, content: str) -> str:
    """The older refinement where only the text is at hand, without a parse."""
    if base != Stance.ASSERTS:
        return base
    return _from_markers(content, about_claims=True)


def content_stance(content: Span, cue: Token | None = None) -> str:
    """The stance a plain report takes from its content alone.

    A quotation of several sentences takes the stance of its first sentence ("... Believe me."
    at the end of a long quote demands nothing).
    """
    heads = _clause_heads(content)
    if cue is not None and any(h.i == cue.i for h in heads):
        # "“...,” he said. “...”": the cue inside the quotation is not said; what it reports is.
        heads = sorted(
            [h for h in heads if h.i != cue.i]
            + [c for c in cue.children if c.dep_ == "ccomp" and content.start <= c.i < content.end],
            key=lambda t: t.i,
        )
    if not heads:
        return Stance.ASSERTS
    single = True
    starts = numpy.flatnonzero(_arrays(content.doc)[heads[0].i + 1 : content.end, 1] == 1)
    if len(starts):
        next_sentence = heads[0].i + 1 + int(starts[0])
        # A negated accusation denies only when it is all the content says: "We do not target
        # Moscow. We fight on our territory." goes on to give the speaker's own account.
        single = heads[-1].i < next_sentence
        heads = [h for h in heads if h.i < next_sentence]
    for head in _clauses(heads):
        stance = _clause_stance(head, single, content.start)
        if stance != Stance.ASSERTS:
            return stance
    stance = _from_markers(text_of(content.doc)[content.start_char : content.end_char], about_claims=True)
    if stance != Stance.ASSERTS and not any(tok.lemma_ in COUNTER_NOUNS for tok in content):
        return Stance.ASSERTS  # the markers speak of another's claims only when one is named
    return stance


def _clauses(heads: list[Token], depth: int = 2) -> list[Token]:
    """The content's clause heads with the clauses they carry: "..., and that Norland should
    publish the images", "its assessment is that ...", "a review had established that ..."."""
    out = []
    for head in heads:
        out.append(head)
        if depth == 0:
            continue
        inner = []
        for child in head.children:
            coordinated = child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and _subject(child) is not None
            if coordinated or (child.dep_ == "ccomp" and _carries_a_finding(head)):
                inner.append(child)
        out.extend(_clauses(inner, depth - 1))
    return out


def _carries_a_finding(head: Token) -> bool:
    if _negated(head):
        return False
    if head.lemma_ == "be":
        return _subject(head) is not None  # "its assessment is that ..."
    return head.lemma_ in _FINDINGS


def _from_markers(text: str, about_claims: bool) -> str:
    """ "it treats Russia's claims cautiously": attitudes to another's claims the parse misses."""
    if about_claims and _DISPUTE.search(text):
        return Stance.DISPUTES
    if about_claims and _DOUBT.search(text):
        return Stance.DOUBTS
    return Stance.ASSERTS


def _a_hypothesis(content: Span) -> bool:
    """An idea, theory or speculation is contested when rejected; an accusation is denied."""
    heads = _clause_heads(content)
    return len(heads) == 1 and heads[0].lemma_ in HYPOTHESIS_NOUNS


def _negated_cue(base: str, cue: Token) -> str:
    if base == Stance.DENIES:
        return Stance.ASSERTS  # "did not deny"
    if base == Stance.ASSERTS and cue.lemma_ in _BELIEF_LEMMAS:
        return Stance.DOUBTS  # "does not believe"
    if base == Stance.ASSERTS and cue.lemma_ in KNOWING_WORDS and _has_aux(cue, ABILITY_MODALS):
        return Stance.DOUBTS  # "could not confirm whether"; "did not say whether" stays
    return base


def _clause_heads(content: Span) -> list[Token]:
    """The tokens of the content whose head lies outside it: one per clause or phrase."""
    doc = content.doc
    heads = _arrays(doc)[content.start : content.end, 0]
    lo, hi = content.start, content.end
    out = []
    for k in numpy.flatnonzero(heads != 0):
        i = lo + int(k)
        if not lo <= i + int(heads[k]) < hi:
            out.append(doc[i])
    # A sentence's root points at itself.
    out.extend(doc[lo + int(k)] for k in numpy.flatnonzero(heads == 0))
    return sorted((t for t in out if not t.is_punct and not t.is_space), key=lambda t: t.i)


_ARRAYS_KEY = "claims_stance_arrays"


def _arrays(doc: Doc) -> numpy.ndarray:
    """Each token's head as an offset from it and whether it starts a sentence, built once."""
    arrays = doc.user_data.get(_ARRAYS_KEY)
    if arrays is None:
        arrays = doc.user_data[_ARRAYS_KEY] = doc.to_array([HEAD, SENT_START]).astype("int64")
    return arrays


def _predicate(head: Token) -> Token:
    """ "X was not responsible": the adjective or noun after a copula carries the meaning."""
    if head.lemma_ == "be":
        for child in head.children:
            if child.dep_ in ("acomp", "attr") or (child.dep_ == "prep" and child.lower_ == "behind"):
                return child  # "was not behind the blast"
    return head


def _negated(tok: Token) -> bool:
    """The predicate itself is negated, not a phrase before it ("rebels, not the army, did it")."""
    doc = tok.doc
    for child in tok.children:
        if child.dep_ == "neg" or child.lower_ in ("never", "no"):
            nxt = doc[child.i + 1] if child.i + 1 < len(doc) else None
            if child.i < tok.i and nxt is not None and nxt.pos_ in ("DET", "NOUN", "PROPN", "PRON", "NUM"):
                continue
            return True
    return False


def _has_aux(tok: Token, words: frozenset[str]) -> bool:
    return any(child.dep_ in ("aux", "auxpass") and child.lower_ in words for child in tok.children)


def _modal(tok: Token) -> bool:
    return tok.tag_ == "MD" or _has_aux(tok, _MODALS)


def _question(tok: Token) -> bool:
    """ "What do you have to lose?", "why the loopholes should be retained": asked, not demanded."""
    if any(c.tag_ in ("WRB", "WP", "WDT") and c.i < tok.i for c in tok.children):
        return True
    sent = tok.sent
    return any(t.text == "?" for t in tok.doc[tok.i : sent.end])


def _determined_by_no(noun: Token) -> bool:
    """ "no munition", "not a single shell"; a "not" after the noun negates what follows it."""
    return any(
        child.dep_ in ("det", "neg") and child.lower_ in ("no", "not", "never") and child.i < noun.i
        for child in noun.children
    )


def _negated_noun(noun: Token, head_negated: bool) -> bool:
    """ "no part", "did not play a part", "support, not a role": the noun is negated."""
    if _determined_by_no(noun) or noun.lower_ in _NEGATIVE_SUBJECTS:
        return True
    if head_negated and noun.dep_ in ("dobj", "attr"):
        return True
    if noun.dep_ in ("appos", "conj"):
        return any(c.dep_ == "neg" and noun.head.i < c.i < noun.i for c in noun.head.children)
    return False


def _has_mark(clause: Token) -> bool:
    return any(child.dep_ == "mark" for child in clause.children)


def _subject(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _own_voice(subject: Token | None) -> bool:
    """A doubt is the speaker's (or their side's), not that of "many people" they describe."""
    if subject is None:
        return True
    if subject.lemma_ in _CROWDS:
        return False
    return not any(c.lemma_ in _CROWDS for c in subject.children if c.dep_ in ("amod", "det", "nummod"))


def _open_question(tok: Token) -> bool:
    """An embedded "whether ...", "what happened", "how it happened" below tok."""
    return any(t.lower_ in _OPEN_QUESTION and t.i > tok.i and t.tag_ in ("IN", "WP", "WRB", "WDT") for t in tok.subtree)


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out = list(tokens)
    for tok in tokens:
        out.extend(c for c in tok.children if c.dep_ in ("conj", "appos"))
    return out


def _predicative_words(head: Token, pred: Token) -> list[Token]:
    """The words that say what the content's subject is: "a lie", "false", "as fabricated"."""
    words = [head, pred]
    if head.dep_ == "prep" and head.lower_ == "as" and head.head.lemma_ in _CHARACTERISING:
        # "described the accusations as false": the phrase is a content head of its own.
        words.extend(c for c in head.children if c.dep_ in ("pobj", "amod", "acomp"))
    for tok in (head, pred):
        for child in tok.children:
            if child.dep_ in _PREDICATIVE:
                words.append(child)
            elif child.dep_ == "prep" and child.lower_ == "as" and tok.lemma_ in _CHARACTERISING:
                words.extend(g for g in child.children if g.dep_ in ("pobj", "amod", "acomp"))
            elif child.dep_ == "amod" and tok.lemma_ in _CLAIM_NOUNS:
                words.append(child)  # "a ludicrous claim"
    words = _with_conjuncts(words)
    # "are “lies and conspiracy theories”": the nouns compounded into the predicate count too.
    return words + [c for w in words[2:] for c in w.children if c.dep_ in ("compound", "nmod")]


def _clause_stance(head: Token, single: bool, start: int) -> str:
    pred = _predicate(head)
    negated = _negated(head) or _negated(pred)
    words = _predicative_words(head, pred)
    if not negated and _called_untrue(head, words):
        return Stance.DENIES
    subject = _subject(head)
    if subject is not None and subject.lower_ in ("i", "we") and not negated and not _modal(head):
        # "We firmly reject these accusations", "we demand an inquiry": the speaker's own act.
        performed = cue_stance(head) if head.pos_ == "VERB" and head.lemma_ != "warn" else Stance.ASSERTS
        if performed != Stance.ASSERTS:
            return performed
    if negated and pred.lemma_ in TRUTH_WORDS:
        return TRUTH_WORDS[pred.lemma_]  # "not true", "not accurate"
    objects = [c for c in head.children if c.dep_ in ("dobj", "attr", "nsubj", "nsubjpass", "appos")]
    objects = _with_conjuncts(objects)
    # "will have nothing to do with it", "cannot be part of it": refusals, not denials.
    for obj in [] if _modal(head) else objects:
        if obj.lemma_ in TRUTH_WORDS and _negated_noun(obj, negated) and _of_a_statement(obj, head):
            return TRUTH_WORDS[obj.lemma_]  # "the charges have no basis", "there is no truth in it"
        nothing = obj.lower_ == "nothing" or (obj.lower_ == "anything" and negated)
        if nothing and any(c.lemma_ == "do" for c in obj.children):
            return Stance.DENIES  # "had nothing to do with"
        if obj.lemma_ in INVOLVEMENT_NOUNS and _negated_noun(obj, negated):
            return Stance.DENIES  # "played no part", "not a role"
    if single and not _modal(head) and _denies_an_accusation(head, pred, negated):
        return Stance.DENIES
    disputed = _disputes(head, pred, negated, objects)
    if disputed:
        return Stance.DISPUTES
    if not negated and any(w.lemma_ in DISPUTING_WORDS for w in words if w.i != head.i or w.pos_ != "VERB"):
        return Stance.DISPUTES
    if _doubts(head, pred, negated, objects):
        return Stance.DOUBTS
    if _threatens(head, objects):
        return Stance.THREATENS
    if not negated and _demands(head, start):
        return Stance.DEMANDS
    return Stance.ASSERTS


def _called_untrue(head: Token, words: list[Token]) -> bool:
    """ "it is a lie", "the charges are false", "dismissed it as fabricated", "a ludicrous claim"."""
    # "X is lying" accuses a person; "the figures were fabricated" call a statement untrue.
    judged = [w for w in words if w.pos_ != "VERB" or w.tag_ == "VBN"]
    if any(w.lemma_ in DENYING_WORDS or w.lower_ in DENYING_WORDS for w in judged):
        return True
    return any(w.lemma_ in SCORNING_WORDS for w in words) and _about_a_statement(head)


def _of_a_statement(noun: Token, head: Token) -> bool:
    """ "no truth in the reports", "the charges have no basis", "no basis in fact"; not "no basis
    for a prosecution"."""
    if noun.lemma_ == "truth" or _about_a_statement(head):
        return True
    return any(
        p.dep_ == "prep" and any(g.lemma_ in ("fact", "truth", "reality") for g in p.children) for p in noun.children
    )


def _about_a_statement(head: Token) -> bool:
    """ "the claim is absurd", "it is nonsense", "a ludicrous claim", "Absurd.": a statement judged."""
    if head.lemma_ in _CLAIM_NOUNS or head.lemma_ in SCORNING_WORDS:
        return True
    subject = _subject(head)
    return subject is not None and (subject.lemma_ in _CLAIM_NOUNS or subject.lower_ in _CLAIM_NOUNS)


def _denies_an_accusation(head: Token, pred: Token, negated: bool) -> bool:
    """ "had not hit", "no munition struck", "is not responsible", "nobody ordered it", and
    what the speaker says it did not do: "it did not use cluster munitions"."""
    subject = _subject(head)
    if subject is None:
        return False  # "Don't shoot!" begs; it denies nothing
    if pred.lemma_ not in ACCUSATION_PREDICATES and head.lemma_ not in ACCUSATION_PREDICATES:
        return negated and _own_past_deed(head, subject)
    return negated or _determined_by_no(subject) or subject.lower_ in ("nobody", "none", "no-one")


def _own_past_deed(head: Token, subject: Token) -> bool:
    """ "it did not use ...", "we have not sent ...": the speaker (the pronoun under its own cue)
    denies a past act of its own. "does not negotiate" is a policy, "did not know" a doubt, "had not said"
    a report; they stay."""
    if subject.lower_ not in _SELF or subject.dep_ != "nsubj" or head.pos_ != "VERB":
        return False
    if head.lemma_ in _NOT_DEEDS or head.lemma_ in KNOWING_WORDS or head.lemma_ in VERB_STANCE:
        return False  # "it had not confirmed the identity of the dead" reports, it denies nothing
    if subject.lower_ == "it" and any(c.dep_ in ("ccomp", "csubj") for c in head.children):
        return False  # "it never crossed my mind that ...": an empty "it"
    past = any(c.dep_ == "aux" and (c.tag_ == "VBD" or c.lemma_ == "have") for c in head.children)
    return past or (head.tag_ == "VBD" and any(c.lower_ == "never" for c in head.children))


def _disputes(head: Token, pred: Token, negated: bool, objects: list[Token]) -> bool:
    for obj in objects:
        # "no evidence that a munition hit it", "found no sign that ...": the clause is contested.
        no_evidence = obj.lemma_ in EVIDENCE_NOUNS and obj.lemma_ != "information" and _negated_noun(obj, negated)
        if no_evidence and any(c.dep_ in ("acl", "ccomp") and _has_mark(c) for c in obj.children):
            return True
        if no_evidence and any(_of_an_accusation(c) for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
            return True  # "no evidence of Ukrainian involvement"; "no sign of explosives" asserts
    if negated and head.lemma_ == "hold" and any(o.lemma_ in ("water", "weight") for o in objects):
        return True  # "the arguments don't hold water"
    if negated and head.lemma_ in IMAGINING_WORDS and head.lemma_ not in _BELIEF_LEMMAS:
        return head.lemma_ != "see" or _has_aux(head, ABILITY_MODALS)  # "cannot imagine X doing it"
    # "could not have brought it down", "would have been impossible": the event could not be.
    has_perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children)
    if has_perfect and _has_aux(head, ABILITY_MODALS | FUTURE_MODALS):
        if pred.lemma_ in ("impossible", "inconceivable"):
            return True
        if negated and head.tag_ == "VBN" and head.lemma_ not in KNOWING_WORDS:
            return True
    return False


def _doubts(head: Token, pred: Token, negated: bool, objects: list[Token]) -> bool:
    subject = _subject(head)
    if pred.lemma_ in ("unclear", "uncertain", "unknown") and _open_question(head):
        return True  # "it is unclear whether"
    too_early = pred.lemma_ in ("early", "soon") and any(c.lower_ == "too" for c in pred.children)
    if too_early and any(c.dep_ == "xcomp" and c.lemma_ in KNOWING_WORDS for c in pred.children):
        return True  # "it is too early to say who was responsible"
    # "could not have known" judges another's haste; the speaker's own doubt is not perfect.
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children)
    knowing = pred.lemma_ in KNOWING_WORDS or head.lemma_ in KNOWING_WORDS
    if negated and knowing and not perfect and _own_voice(subject):
        if pred.lemma_ in ("confirm", "verify") and _has_aux(head, ABILITY_MODALS):
            return True  # "could not confirm the report"
        if _open_question(head):
            return True  # "did not know what had happened", "could not say whether"
    for obj in objects:
        unknown = obj.lemma_ in ("information", "confirmation", "idea") and _negated_noun(obj, negated)
        if unknown and _open_question(obj) and _own_voice(subject):
            return True  # "has no information about how it happened"
    return head.lemma_ == "remain" and any(c.dep_ == "xcomp" and c.lemma_ == "see" for c in head.children)


def _of_an_accusation(prep: Token) -> bool:
    return any(
        g.dep_ == "pobj" and (g.lemma_ in INVOLVEMENT_NOUNS or g.lemma_ in ACCUSATION_PREDICATES) for g in prep.children
    )


def _threatens(head: Token, objects: list[Token]) -> bool:
    if head.lemma_ == "reserve" and any(o.lemma_ == "right" for o in objects):
        return True  # "reserves the right to respond"
    # "will not go unanswered", "would not hesitate to use force"
    unanswered = head.lemma_ == "hesitate" or any(c.lemma_ in ("unanswered", "unpunished") for c in head.children)
    if unanswered and _negated(head) and _has_aux(head, FUTURE_MODALS):
        return True
    retaliation = head.lemma_ in RETALIATION_WORDS or any(
        o.lemma_ in RETALIATION_WORDS or any(a.lemma_ in RETALIATION_WORDS for a in o.children if a.dep_ == "amod")
        for o in objects
    )
    if retaliation and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        return True  # "vowed to retaliate", "promised to take retaliatory measures"
    if not _has_aux(head, FUTURE_MODALS):
        return False
    if retaliation:
        return True  # "will retaliate", "there will be consequences", "will take retaliatory steps"
    for child in head.children:
        # "will hold Russia accountable", "would be held to account"
        if head.lemma_ == "hold" and child.lemma_ in ACCOUNT_WORDS:
            return True
        if child.dep_ in ("oprd", "ccomp", "acomp") and any(t.lemma_ in ACCOUNT_WORDS for t in child.subtree):
            return head.lemma_ == "hold"
        to_account = (
            child.dep_ == "prep" and child.lower_ == "to" and any(g.lemma_ == "account" for g in child.children)
        )
        if head.lemma_ == "hold" and to_account:
            return True
        # "would treat every ship as a military target", "be regarded as parties to the conflict"
    if head.lemma_ in ("treat", "regard", "consider", "view", "deem"):
        # "would treat every ship as a military target", "be regarded as parties to the conflict",
        # "would be considered a legitimate target"
        for tok in head.subtree:
            role = (tok.dep_ == "prep" and tok.lower_ == "as") or (
                tok.dep_ in ("oprd", "xcomp") and tok.head.i == head.i
            )
            if role and any(t.lemma_ in HOSTILE_ROLE_WORDS for t in tok.subtree):
                return True
    # "will be met with a decisive response", "will face a harsh answer"
    for tok in head.subtree:
        if tok.lemma_ in ("response", "answer", "reply") and any(
            a.dep_ == "amod" and a.lemma_ in FORCEFUL_WORDS for a in tok.children
        ):
            return True
    # "will respond decisively to any provocation": a response promised to an enemy's act
    if head.lemma_ in ("respond", "react", "answer"):
        for child in head.children:
            if child.dep_ == "advmod" and child.lemma_ in FORCEFUL_WORDS:
                return True
            if child.dep_ == "prep" and any(g.lemma_ in PROVOCATION_WORDS for g in child.children):
                return True
    return False


def _demands(head: Token, start: int) -> bool:
    if head.lemma_ in _EMPHASIS:
        return False  # "the world should know that ..." stresses an assertion
    return _demanding(head, start) and not _question(head)


def _demanding(head: Token, start: int) -> bool:
    if _has_aux(head, DEMAND_MODALS):
        # "should have acted" looks back: a reproach, not a demand; "must have been" infers.
        return not any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children)
    if head.lower_ == "ought":
        return any(c.dep_ == "xcomp" for c in head.children)  # "ought to release"
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if head.lemma_ in ("have", "need") and head.tag_ in ("VBP", "VBZ") and nxt is not None and nxt.lower_ == "to":
        # "they have to be driven out", "the world needs to act"; "had to" tells of the past
        return _subject(head) is not None and not _modal(head)
    requested = head.lemma_ in _REQUESTS or (
        head.lemma_ in ("ask", "call") and any(c.lower_ == "for" for c in head.children)
    )
    if requested:
        return _subject(head) is not None and not _modal(head)  # "the experts had asked for access"
    return _imperative(head, start)


def _imperative(head: Token, start: int) -> bool:
    """ "Kindly show us the pictures": a bare verb opening its sentence (or the content), with
    no subject."""
    if head.tag_ != "VB" or head.dep_ not in ("ROOT", "ccomp") or head.lemma_ in ("thank", "let", "see"):
        return False
    if any(c.dep_ in _SUBJECTS or c.dep_ in ("aux", "mark") for c in head.children):
        return False
    sent = head.sent
    doc = head.doc
    if not (doc[start].is_quote or (start > 0 and doc[start - 1].is_quote)):
        return False  # only a quotation opens with an order; a headline's bare verb does not
    first = max(sent.start, start)
    before = [t for t in doc[first : head.i] if not t.is_punct and not t.is_quote]
    return all(t.lower_ in _POLITE and t.head.i == head.i for t in before)


def _warns_of_own_action(content: Span, cue: Token) -> bool:
    """ "warned Kyiv not to", "warned of retaliation", "warned it would respond": a threat."""
    if any(tok.lemma_ in RETALIATION_WORDS for tok in content):
        return True
    for head in _clause_heads(content):
        if head.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            return True  # "warned them not to cross the line"
        objects = [c for c in head.children if c.dep_ in ("dobj", "attr", "nsubj", "nsubjpass")]
        if _threatens(head, objects):
            return True
        subject = _subject(head)
        if _has_aux(head, FUTURE_MODALS) and subject is not None and subject.lower_ in ("we", "i", "it"):
            return True  # the speaker's own future action
    return False
