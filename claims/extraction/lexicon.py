"""The cue lexicon: words that report what someone said, and the stance each one carries."""

from __future__ import annotations

from .types import Stance


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Reporting verbs by lemma, grouped by the stance they give a claim when nothing overrides it.
_VERBS_BY_STANCE: dict[str, str] = {
    Stance.ASSERTS: """
        say tell claim state declare report announce add note write explain argue insist assert
        maintain contend suggest acknowledge admit concede confirm reveal recall remark comment
        observe stress emphasize emphasise reiterate repeat predict promise pledge vow tweet post
        allege testify answer reply respond retort mention indicate estimate describe brag boast
        joke quip complain lament caution hint forecast guarantee assure inform agree charge mock
        sigh scoff shout yell whisper exclaim muse concur affirm proclaim disclose divulge specify
        clarify elaborate quote cite relate recount tout gush grumble murmur mutter conclude ask
        wonder accuse blame blast slam chide scold rebuke lambast lash praise hail preach opine theorize
        speculate surmise volunteer confide pen text email swear vouch attest certify underscore
        highlight
    """,
    Stance.DENIES: """
        deny refute reject dismiss rebut disavow repudiate negate disclaim
    """,
    Stance.DISPUTES: """
        dispute contest challenge counter contradict object protest criticize criticise
    """,
    Stance.DOUBTS: """
        doubt question
    """,
    Stance.THREATENS: """
        threaten warn
    """,
    Stance.DEMANDS: """
        demand urge request order implore beg plead appeal press
    """,
}

VERB_STANCE: dict[str, str] = {lemma: stance for stance, lemmas in _VERBS_BY_STANCE.items() for lemma in lemmas.split()}
REPORTING_VERBS: frozenset[str] = frozenset(VERB_STANCE)

# Verbs whose object, not a clause, is what was said: "denied the report", "demanded measures".
OBJECT_CONTENT = _words(
    """
    deny refute reject dismiss rebut dispute contest demand threaten promise vow predict announce
    confirm admit acknowledge concede reiterate disavow repudiate urge request allege tweet
    claim warn accuse blame charge ask guarantee recall note quote report
    """
)
# Criticism and praise of a person ("blasted her rival") is not a claim, so those verbs are
# left out: they report only through a clause.
# Verbs taking a to-infinitive as what was said: "threatened to take action".
INFINITIVE_CONTENT = _words(
    """
    threaten promise pledge vow urge ask warn agree demand claim request order beg implore plead
    appeal press call push tell swear refuse decline offer insist guarantee report
    """
)

# Verbs that only report speech when a particle or preposition follows ("call for", "point out").
PHRASAL_CUES: dict[tuple[str, str], str] = {
    ("call", "for"): Stance.DEMANDS,
    ("ask", "for"): Stance.DEMANDS,
    ("push", "for"): Stance.DEMANDS,
    ("point", "out"): Stance.ASSERTS,
    ("go", "on"): Stance.ASSERTS,
    ("warn", "of"): Stance.THREATENS,
    ("warn", "against"): Stance.THREATENS,
    ("speak", "of"): Stance.ASSERTS,
}

# "call" alone reports speech when it names something ("called it a terrorist act").
NAMING_VERBS: frozenset[str] = frozenset({"call", "label", "brand", "dub", "term"})

# Reporting nouns: "claims that ...", "Russia's accusations that ...", "in a statement".
NOUN_STANCE: dict[str, str] = {
    "claim": Stance.ASSERTS,
    "accusation": Stance.ASSERTS,
    "allegation": Stance.ASSERTS,
    "statement": Stance.ASSERTS,
    "assertion": Stance.ASSERTS,
    "announcement": Stance.ASSERTS,
    "admission": Stance.ASSERTS,
    "argument": Stance.ASSERTS,
    "contention": Stance.ASSERTS,
    "insistence": Stance.ASSERTS,
    "suggestion": Stance.ASSERTS,
    "report": Stance.ASSERTS,
    "remark": Stance.ASSERTS,
    "comment": Stance.ASSERTS,
    "charge": Stance.ASSERTS,
    "promise": Stance.ASSERTS,
    "pledge": Stance.ASSERTS,
    "vow": Stance.ASSERTS,
    "prediction": Stance.ASSERTS,
    "testimony": Stance.ASSERTS,
    "assurance": Stance.ASSERTS,
    "denial": Stance.DENIES,
    "rejection": Stance.DENIES,
    "warning": Stance.THREATENS,
    "threat": Stance.THREATENS,
    "demand": Stance.DEMANDS,
    "call": Stance.DEMANDS,
    "appeal": Stance.DEMANDS,
    "doubt": Stance.DOUBTS,
    "question": Stance.DOUBTS,
}
REPORTING_NOUNS: frozenset[str] = frozenset(NOUN_STANCE)

# Lexicon words for the cheap token pre-filter (cues.py), which matches a token's lemma or its
# lower-case form: lemmas only, since a verb the tagger mislabels as a noun ("which Russia claims
# was ...") still has a lemma in the set ("claim").
CUE_LEMMAS: frozenset[str] = REPORTING_VERBS | {verb for verb, _ in PHRASAL_CUES} | NAMING_VERBS

# What a claim's content says about its own proposition, read from the parse (stance.py).
# Lemmas, each a word the tagger gives a stable lemma.

# Words that call a statement untrue when they are its predicate: "it is a lie", "the claims are
# baseless", "dismissed the report as fabricated", "a ludicrous claim".
DENYING_WORDS = _words(
    """
    lie falsehood fabrication fiction fantasy invention hoax slander smear conspiracy
    false untrue baseless groundless unfounded fabricated fictitious bogus fake slanderous
    defamatory libelous libellous
    """
)
# Words of scorn deny only what is a statement ("the claim is absurd", "it is nonsense"), not
# whatever else they judge ("the rules are ridiculous").
SCORNING_WORDS = _words(
    """
    absurd ludicrous ridiculous preposterous nonsense nonsensical rubbish laughable
    """
)
# Words that contest a statement without calling it a lie: "the reports are inaccurate".
DISPUTING_WORDS = _words(
    """
    inaccurate incorrect misleading exaggerated distorted wrong mistaken pretext propaganda
    cover smokescreen distraction speculation
    """
)
# Adjectives that, negated, deny a statement ("not true") or contest it ("not accurate").
TRUTH_WORDS: dict[str, str] = {
    "true": Stance.DENIES,
    "case": Stance.DENIES,
    "truth": Stance.DENIES,
    "basis": Stance.DENIES,
    "foundation": Stance.DENIES,
    "accurate": Stance.DISPUTES,
    "correct": Stance.DISPUTES,
    "right": Stance.DISPUTES,
}
# Predicates of an accusation: negated in the past or present ("had not hit", "no munition
# struck", "is not responsible"), they deny it. Promises and abilities ("would not block",
# "cannot be rebuilt") are modal and stay assertions.
ACCUSATION_PREDICATES = _words(
    """
    attack strike hit target shell bomb fire shoot launch kill murder assassinate poison
    blow destroy sabotage order direct organize organise orchestrate plan plot carry commit
    sponsor fund arm involve participate interfere meddle invade occupy torture execute
    responsible involved behind guilty complicit culpable present cause
    """
)
# Nouns of involvement: "no part in", "no role", "no involvement", "not a role in".
INVOLVEMENT_NOUNS = _words(
    """
    part role involvement connection link responsibility participation complicity
    """
)
# Verbs of knowing and telling: negated before an open question ("did not know what had
# happened", "could not say whether") they leave it in doubt.
KNOWING_WORDS = _words(
    """
    know say tell confirm verify establish determine ascertain sure certain clear
    """
)
# Nouns of evidence: "no evidence that ..." disputes the clause; "no information about how ..."
# leaves it in doubt.
EVIDENCE_NOUNS = _words(
    """
    evidence sign indication proof trace information confirmation
    """
)
# Nouns for a possibility rather than an accusation: rejecting one contests it.
HYPOTHESIS_NOUNS = _words("idea notion suggestion speculation theory possibility hypothesis")
# Verbs of imagining: "cannot imagine X doing it" contests that X did.
IMAGINING_WORDS = _words(
    """
    imagine picture believe conceive envisage see
    """
)
# Threats by their words: "will retaliate", "held to account", "reserves the right to respond",
# "would be treated as a legitimate target", "there will be consequences".
RETALIATION_WORDS = _words(
    """
    retaliate retaliation retaliatory retribution revenge punish punishment avenge consequence
    """
)
ACCOUNT_WORDS = _words("accountable account responsible")
# "will respond decisively", "will react to any provocation".
FORCEFUL_WORDS = _words(
    """
    decisively firmly harshly forcefully resolutely swiftly severely strongly
    decisive firm harsh forceful resolute swift severe strong tough devastating crushing
    """
)
PROVOCATION_WORDS = _words("provocation aggression attack attacks incursion violation threat")
HOSTILE_ROLE_WORDS = _words(
    """
    target party belligerent combatant enemy military hostile
    """
)
# Modal auxiliaries: a demand ("should publish", "must react", "ought to release") and a
# future ("will hold", "would treat") that a threat needs.
DEMAND_MODALS = _words("must should ought")
FUTURE_MODALS = _words("will would shall 'll")
ABILITY_MODALS = _words("can could")

# Patterns in a claim's content that turn a plain report into another stance (regex fragments,
# matched from a word start).
DENIAL_MARKERS: tuple[str, ...] = (
    r"not true\b",
    r"untrue\b",
    r"(?:is|was|are|were) false\b",
    r"baseless",
    r"groundless",
    r"fabricat",
    r"no truth\b",
    r"never happened\b",
    r"did(?: not|n.t) happen\b",
    r"(?:a|an|complete|total|outright) lie\b",
    r"lies\b",
    r"lying\b",
    r"nonsense\b",
)
DISPUTE_MARKERS: tuple[str, ...] = (
    r"(?:a|just a|only a) cover\b",
    r"cover for\b",
    r"pretext",
    r"propaganda",
    r"smoke ?screen",
    r"distraction",
    r"misleading",
    r"distort",
    r"exaggerat",
    r"wrong\b",
)
DOUBT_MARKERS: tuple[str, ...] = (
    r"cautious",
    r"skeptic",
    r"sceptic",
    r"doubt",
    r"unclear\b",
    r"unverified",
    r"unconfirmed",
    r"not convinced\b",
    r"remains to be seen\b",
)
# Nouns for another party's statements: disputing them is "claims that X's accusations are ...".
COUNTER_NOUNS: frozenset[str] = frozenset(
    {
        "accusation",
        "claim",
        "allegation",
        "charge",
        "assertion",
        "report",
        "statement",
        "story",
    }
)
