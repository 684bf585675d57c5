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
        wonder accuse blast slam chide scold rebuke lambast lash praise hail preach opine theorize
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
    deny refute reject rebut dispute contest demand threaten promise vow predict announce
    confirm admit acknowledge concede reiterate disavow repudiate urge request allege tweet
    claim warn accuse charge ask guarantee recall note quote report
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

# Lexicon words for the cheap token pre-filter: lemmas plus the inflected forms the tagger may
# mislabel as nouns ("which Russia claims was ...").
CUE_LEMMAS: frozenset[str] = REPORTING_VERBS | {verb for verb, _ in PHRASAL_CUES} | NAMING_VERBS

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
