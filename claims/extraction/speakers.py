"""Speaker resolution inside one article, on spaCy's parse and entities (no coreference model).

Pronouns ("he", "it", "they") go to the nearest compatible earlier subject, or to no one;
relative pronouns ("who", "which") to the noun their clause hangs from; partial names
("Podolyak") to the fullest name the article uses. A definite role ("the Kremlin spokesman",
"the Ukrainian president", "the company") goes to the nearest earlier named holder the article
describes that way; other descriptions ("officials", "a presidential adviser", "the statement")
stay descriptions: shown, but no actor (`Attribution.speaker_named` is False). "X's
spokesperson, Name" is Name, who speaks for X (`Attribution.speaks_for`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .attribution import Attribution, ents_of, ents_within, text_of
from .names import DEMONYMS, normalize_name

PERSONAL = {"he": "m", "him": "m", "she": "f", "her": "f"}
NEUTER = frozenset({"it", "its"})
PLURAL = frozenset({"they", "them"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
HONORIFICS_M = frozenset({"mr", "mr.", "sir", "lord", "king", "father"})
HONORIFICS_F = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "queen"})
TITLES = frozenset(
    {
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sen",
        "sen.",
        "rep",
        "rep.",
        "gov",
        "gov.",
        "president",
        "senator",
        "governor",
        "secretary",
        "minister",
        "prime",
        "chancellor",
        "judge",
        "justice",
        "gen",
        "gen.",
        "general",
        "chairman",
        "chairwoman",
        "commissioner",
        "mayor",
        "speaker",
        "leader",
        "representative",
        "congressman",
        "congresswoman",
        "sir",
    }
)
ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})
# Nouns that name an organisation or country when "it" refers back to them.
ORG_NOUNS = frozenset(
    {
        "government",
        "campaign",
        "company",
        "agency",
        "committee",
        "ministry",
        "department",
        "administration",
        "party",
        "office",
        "council",
        "court",
        "group",
        "organization",
        "organisation",
        "firm",
        "newspaper",
        "network",
        "commission",
        "presidency",
        "kremlin",
        "white house",
        "pentagon",
        "army",
        "military",
        "union",
        "bank",
        "board",
        "team",
        "state",
    }
)


@dataclass
class _Person:
    span: Span
    full: str
    gender: str | None = None
    quoted: bool = False  # named inside a quotation: the speaker's words, not the narrator's


@dataclass
class ArticleNames:
    """What the article says about who is who, built once per document."""

    persons: list[_Person] = field(default_factory=list)
    by_last: dict[str, _Person] = field(default_factory=dict)
    organisations: list[Span] = field(default_factory=list)


def _strip_titles(span: Span) -> Span:
    """The name without titles before it or a possessive after it ("Mayor Elena Varga's")."""
    start, end = span.start, span.end
    while start < end - 1 and (span.doc[start].lower_ in TITLES or span.doc[start].is_punct):
        start += 1
    while end - 1 > start and span.doc[end - 1].lower_ in ("'s", "\u2019s", "'", "\u2019"):
        end -= 1
    return span.doc[start:end]


def article_names(doc: Doc) -> ArticleNames:
    names = ArticleNames()
    quotes = doc._.quotes or []
    for ent in ents_of(doc):
        if ent.label_ == "PERSON":
            bare = _strip_titles(ent)
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            first = ent[0].lower_
            gender = None
            if before in HONORIFICS_M or first in HONORIFICS_M:
                gender = "m"
            elif before in HONORIFICS_F or first in HONORIFICS_F:
                gender = "f"
            last = bare[-1].lower_
            known = names.by_last.get(last)
            quoted = any(q.start < ent.start_char < q.end for q in quotes)
            person = _Person(bare, bare.text, gender, quoted)
            if known is not None and len(known.full.split()) >= len(bare.text.split()):
                person.full = known.full
                person.gender = person.gender or known.gender
            else:
                if known is not None:
                    person.gender = person.gender or known.gender
                names.by_last[last] = person
            names.persons.append(person)
        elif ent.label_ in ORG_LABELS and not any(q.start < ent.start_char < q.end for q in quotes):
            names.organisations.append(ent)
    return names


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _is_subjectish(span: Span) -> bool:
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in span) or (
        span.root.dep_ in ("pobj",) and span.root.head.head.lower_ == "according"
    )


def _antecedent_person(
    names: ArticleNames,
    before: int,
    gender: str | None,
    doc: Doc,
    said: tuple[int, int] = (0, 0),
    besides: tuple[int, int] = (0, 0),
) -> str | None:
    """The nearest earlier person outside quotations, within four sentences, subjects first.
    A person named inside what the pronoun says ("Putin was behind it, he added") is not its
    speaker, nor one inside `besides` (token bounds: "his spokesman, Name, quoted him": the one
    who quotes "him")."""
    sent_starts: list[int] = []
    sent = doc[before].sent if before < len(doc) else doc[-1].sent
    for _ in range(5):
        sent_starts.append(sent.start)
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    horizon = sent_starts[-1]
    candidates = [
        p
        for p in names.persons
        if horizon <= p.span.start < before
        and not p.quoted
        and not said[0] <= p.span.start_char < said[1]
        and not besides[0] <= p.span.start < besides[1]
    ]
    if gender is not None:
        candidates = [p for p in candidates if p.gender in (None, gender)]
    if not candidates:
        return None
    # Sentence by sentence backwards; inside a sentence prefer a subject, then the first name.
    for start in sent_starts:
        in_sent = [p for p in candidates if p.span.start >= start and p.span.sent.start == start]
        if in_sent:
            subjects = [p for p in in_sent if _is_subjectish(p.span)]
            chosen = (subjects or in_sent)[0]
            return names.by_last.get(chosen.span[-1].lower_, chosen).full
    return None


def _antecedent_org(names: ArticleNames, before: int, doc: Doc, plural: bool) -> Span | None:
    sent = doc[before].sent
    horizon = sent.start
    for _ in range(3):
        if horizon == 0:
            break
        horizon = doc[horizon - 1].sent.start
    # A subject first: an organisation that is one, then a plain noun that is one ("the
    # government said ... it"); a place merely mentioned ("fired from the border") comes last.
    in_reach = [
        ent for ent in names.organisations if horizon <= ent.start < before and (ent.label_ != "NORP" or plural)
    ]
    subjects = [ent for ent in in_reach if _is_subjectish(ent)]
    if subjects:
        return subjects[-1]
    for tok in reversed(doc[horizon:before]):
        if tok.dep_ in ("nsubj", "nsubjpass") and (tok.lower_ in ORG_NOUNS or (plural and tok.tag_ in ("NNS", "NNPS"))):
            return _noun_phrase(tok)
    return in_reach[-1] if in_reach else None


def _described_name(noun: Token, relative: Token) -> Token:
    """What ", which said" refers to after an apposition: "Grey Zone, a Telegram channel linked to
    Wagner, which said" is Grey Zone, not Wagner nor the channel. The comma closes the
    apposition, so the relative clause is about the name it describes."""
    doc = noun.doc
    if relative.i == 0 or doc[relative.i - 1].text != ",":
        return noun
    tok = noun
    for _ in range(6):
        if tok.dep_ == "appos" and _is_name(tok.head):
            return tok.head
        if tok.dep_ not in ("pobj", "prep", "acl", "compound", "amod") or tok.head.i == tok.i:
            break
        tok = tok.head
    return noun


def _organisation_subject(names: ArticleNames, mention: Span) -> Span | None:
    """The last organisation (not a country or city) that is a subject earlier in the paragraph:
    "The People's Front dismisses ... . '...,' the group says"."""
    doc = mention.doc
    paragraph = text_of(doc).rfind("\n", 0, mention.start_char) + 1
    first = doc.char_span(paragraph, mention.start_char, alignment_mode="expand")
    if first is None:
        return None
    quotes = doc._.quotes or []
    subjects = [
        _noun_phrase(tok)
        for tok in first
        if tok.dep_ == "nsubj"
        and _is_name(tok)
        and tok.ent_type_ not in ("PERSON", "GPE")
        and not any(q.start <= tok.idx < q.end for q in quotes)
    ]
    return subjects[-1] if subjects else None


def _noun_phrase(tok: Token) -> Span:
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nmod"):
            start = min(start, child.left_edge.i)
    return tok.doc[start : tok.i + 1]


def _aliases(head: Token) -> tuple[str, ...]:
    """Other names the article gives the speaker in apposition ("the PF, the People's
    Front"). Descriptions ("a farmer", "the Kremlin spokesman") are roles, not names: a role
    changes holder, so it is never learned as an alias."""
    out = []
    for child in head.children:
        if child.dep_ == "appos" and _is_name(child):
            alias = head.doc[child.left_edge.i : child.right_edge.i + 1].text.strip(" ,")
            if alias:
                out.append(alias)
    return tuple(out)


def _entity_name(mention: Span, names: ArticleNames) -> str | None:
    persons = [e for e in ents_within(mention) if e.label_ == "PERSON"]
    if persons:
        bare = _strip_titles(persons[-1])
        known = names.by_last.get(bare[-1].lower_)
        return known.full if known is not None else bare.text
    root = mention.root
    words = [t for t in mention if t.lower_ not in ("the", "a", "an")]
    if len(words) == 1 and root.pos_ == "PROPN" and root.lower_ in names.by_last:
        # A surname alone that the recogniser tagged otherwise ("Hagari said" as an
        # organisation): the person the article named in full.
        return names.by_last[root.lower_].full
    others = [e for e in ents_within(mention) if e.label_ in ORG_LABELS and e.start <= root.i < e.end]
    if others:
        return others[-1].text
    return None


def _plain_name(mention: Span) -> str:
    words = mention.text.strip(" ,")
    for article in ("a ", "an ", "the ", "A ", "An ", "The "):
        if words.startswith(article):
            return words[len(article) :]
    return words


# Heads of a description that names people, never one actor, whatever qualifies them
# ("officials", "Russian troops", "local authorities").
PEOPLE_NOUNS = frozenset(
    [
        "official",
        "officials",
        "authorities",
        "authority",
        "source",
        "sources",
        "troops",
        "soldiers",
        "forces",
        "residents",
        "people",
        "experts",
        "expert",
        "analysts",
        "analyst",
        "diplomats",
        "diplomat",
        "lawmakers",
        "witnesses",
        "witness",
        "observers",
        "critics",
        "members",
        "leaders",
        "generals",
        "officers",
        "investigators",
        "prosecutors",
        "rescuers",
        "workers",
        "medics",
        "doctors",
        "staff",
        "man",
        "woman",
        "men",
        "women",
        "person",
        "someone",
        "voters",
        "supporters",
        "protesters",
    ]
)
# Roles one person holds: "the Kremlin spokesman", "the Ukrainian president".
PERSON_ROLES = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "secretary",
        "aide",
        "adviser",
        "advisor",
        "minister",
        "president",
        "leader",
        "premier",
        "chancellor",
        "governor",
        "mayor",
        "chief",
        "head",
        "director",
        "ambassador",
        "envoy",
        "commander",
        "general",
        "admiral",
        "politician",
        "lawmaker",
        "senator",
        "official",
        "king",
        "prime",
    ]
)
# Roles whose holder speaks for whoever the role names ("Putin's spokesman", "Kremlin spokesman").
SPOKES_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "secretary", "mouthpiece"})
LEADER_ROLES = frozenset({"president", "leader", "premier", "chancellor", "prime", "king"})
# What an actor speaks through: "the Kremlin press service", "Kremlin statement", "Kremlin's
# website" are the Kremlin.
MEDIUM_HEADS = frozenset(
    [
        "statement",
        "statements",
        "website",
        "site",
        "readout",
        "communique",
        "release",
        "account",
        "channel",
        "transcript",
        "announcement",
        "service",
        "office",
        "report",
    ]
)
_MEDIUM_WITH = {"service": ("press",), "office": ("press", "spokesman", "spokeswoman", "spokesperson")}
_INDEFINITE = frozenset({"a", "an", "one", "some", "another", "any", "several", "many", "two", "three"})
_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_RANK_WORDS = frozenset({"vice", "deputy", "former", "ex", "acting", "assistant", "lieutenant", "late"})


@dataclass
class _Holder:
    """A named actor and the words the article describes it with, for definite descriptions."""

    start: int
    name: str
    words: set[str]
    person: bool
    speaks_for: str | None = None


def _word(tok: Token) -> str:
    if tok.ent_type_ == "GPE":
        return normalize_name(tok.text)
    word = tok.lemma_.lower() if tok.pos_ == "NOUN" else tok.lower_
    return DEMONYMS.get(word, word)


def _description_words(tokens: Iterable[Token]) -> set[str]:
    return {_word(t) for t in tokens if (t.is_alpha or t.ent_type_ == "GPE") and not t.is_stop} - {""}


def _is_name(tok: Token) -> bool:
    """A token that heads a name: part of a named entity (a nationality adjective is not one), or
    a capitalised proper noun that is not a plural acronym ("UAVs"). A lowercase word is never one,
    however the recogniser tagged it ("health ministry")."""
    if tok.is_lower:
        return False
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "FAC", "LOC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"):
        return True
    if tok.ent_type_ == "NORP":
        return tok.lower_ not in DEMONYMS and tok.pos_ != "ADJ"
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and not re.fullmatch(r"[A-Z]{2,}s", tok.text)


def _speaks_for_of(role: Token, names: ArticleNames) -> str | None:
    """Whom a spokesman speaks for: "Putin's spokesman", "Kremlin spokesman", "a spokeswoman for
    the White House"."""
    if role.lemma_.lower() not in SPOKES_ROLES:
        return None
    for child in role.children:
        if child.dep_ in ("poss", "compound") and _is_name(child):
            return _holder_name(_noun_phrase(child), names)
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "to"):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and _is_name(pobj):
                    return _holder_name(_noun_phrase(pobj), names)
    return None


def _holder_name(span: Span, names: ArticleNames) -> str:
    root = span.root
    for ent in ents_of(span.doc):
        if ent.start <= root.i < ent.end:  # the entity may run past the phrase ("Varga's")
            if ent.label_ == "PERSON":
                bare = _strip_titles(ent)
                known = names.by_last.get(bare[-1].lower_)
                return known.full if known is not None else bare.text
            return ent.text
    return _entity_name(span, names) or _plain_name(span)


def article_holders(doc: Doc, names: ArticleNames) -> list[_Holder]:
    """The article's named persons and organisations with the words that describe them: titles and
    modifiers before the name ("Kremlin spokesman Dmitry Peskov"), appositions ("Ukrhydroenergo,
    the state company"), the noun a name is in apposition to ("Ukraine's intelligence chief,
    Kyrylo Budanov")."""
    holders = []
    for person in names.persons:
        if person.quoted:
            continue
        ent = person.span
        root = ent.root
        described: list[Token] = list(ent)
        phrase = _noun_phrase(root)
        described.extend(phrase)
        roles = [t for t in phrase if t.i < ent.start]
        for child in root.children:
            if child.dep_ == "appos":
                described.extend(child.subtree)
                roles.extend(t for t in child.subtree if t.dep_ in ("appos", "ROOT") or t.i == child.i)
        if root.dep_ == "appos":
            described.extend(t for t in root.head.subtree if t.i < root.head.i + 1)
            roles.append(root.head)
        speaks_for = next((who for who in (_speaks_for_of(t, names) for t in roles) if who), None)
        full = names.by_last.get(ent[-1].lower_, person).full
        holders.append(_Holder(ent.start, full, _description_words(described), True, speaks_for))
    for ent in names.organisations:
        if not _is_name(ent.root):
            continue  # a nationality adjective, a common noun tagged as one ("defence ministry")
        described = list(ent)
        for child in ent.root.children:
            if child.dep_ == "appos":
                described.extend(child.subtree)
        holders.append(_Holder(ent.start, ent.text, _description_words(described), False))
    holders.sort(key=lambda h: h.start)
    return holders


def _role_holder(mention: Span, holders: list[_Holder]) -> _Holder | None:
    """The named holder of a definite description: the nearest earlier actor described by the
    description's head and all its modifiers ("the Ukrainian president" -> the person introduced
    as "Ukrainian President ..."). "The Ukrainian president" in an article that only names
    "President Joe Biden" stays unresolved: a guess there files a claim under the wrong person."""
    head = mention.root
    if mention[0].lower_ in _INDEFINITE or head.tag_ in ("NNS", "NNPS"):
        return None
    word = _word(head)
    person = word in PERSON_ROLES
    modifiers = _description_words(t for t in mention if t.i != head.i and t.dep_ != "det")

    def holds_role(holder: _Holder, qualifiers: set[str]) -> bool:
        if holder.start >= mention.start or holder.person != person:
            return False
        if word not in holder.words and not (word in LEADER_ROLES and holder.words & LEADER_ROLES):
            return False
        # "the president" is not the vice president, nor the former one
        return qualifiers <= holder.words and not (holder.words & _RANK_WORDS) - modifiers

    for holder in reversed(holders):
        if holds_role(holder, modifiers):
            return holder
    return _holder_of_nationality(mention, holders, modifiers, holds_role)


_COUNTRIES = frozenset(DEMONYMS.values())


def _holder_of_nationality(
    mention: Span, holders: list[_Holder], modifiers: set[str], holds_role: Callable[[_Holder, set[str]], bool]
) -> _Holder | None:
    """ "President Volodymyr Zelenskyy convenes a meeting. Afterwards, the Ukrainian president
    says ...": a role of a nationality the article never gave its holder goes to the one person
    of that role and of no other nationality named earlier in the same paragraph; elsewhere (a
    president named paragraphs before) it stays unresolved."""
    nationality = modifiers & _COUNTRIES
    if len(nationality) != 1:
        return None
    doc = mention.doc
    paragraph = text_of(doc).rfind("\n", 0, mention.start_char) + 1
    in_paragraph = {h.name for h in holders if paragraph <= doc[h.start].idx and h.start < mention.start}
    found = {
        h.name: h
        for h in holders
        if h.name in in_paragraph and holds_role(h, modifiers - nationality) and not (h.words & _COUNTRIES)
    }
    others = {h.name for h in holders if h.name in in_paragraph and h.words & (_COUNTRIES - nationality)}
    return next(iter(found.values())) if len(found) == 1 and not others & set(found) else None


def _strip_dateline(span: Span) -> Span:
    """ "JERUSALEM - Israel's military", "16:10 - Grey Zone": a dateline or timestamp is never
    part of a name."""
    for tok in span:
        if _is_dash(tok) and tok.i + 1 < span.end and tok.i > span.start:
            return span.doc[tok.i + 1 : span.end]
    return span


def _is_dash(tok: Token) -> bool:
    """A dash between words ("JERUSALEM - "), not a hyphen inside one ("far-right")."""
    return tok.text in _DASHES and bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


@dataclass
class _Speaker:
    name: str | None
    named: bool
    root: Span | None
    speaks_for: str | None = None


def _describe(mention: Span, names: ArticleNames, holders: list[_Holder]) -> _Speaker:
    """Who a noun phrase names: an entity, a named organisation ("Israel's military"), the medium
    of one ("Kremlin statement"), a role's named holder, or only a description."""
    mention = _strip_dateline(mention)
    head = mention.root
    # Whom a name speaks for, from any place the article describes it ("Putin's spokesman Dmitry
    # Peskov" early, "Peskov" later).
    by_name = {h.name: h for h in holders if h.speaks_for}
    if _is_name(head):
        name = _entity_name(mention, names)
        if name is None:
            persons = [e for e in ents_within(mention) if e.label_ == "PERSON"]
            name = _strip_titles(persons[-1]).text if persons else _plain_name(mention)
        holder = by_name.get(name)
        return _Speaker(name, True, mention, holder.speaks_for if holder else None)
    for child in head.children:  # "Putin's spokesperson, Dmitry Peskov, said"
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            name = _entity_name(_noun_phrase(child), names)
            if name:
                holder = by_name.get(name)
                speaks_for = _speaks_for_of(head, names) or (holder.speaks_for if holder else None)
                return _Speaker(name, True, mention, speaks_for)
    word = head.lemma_.lower()
    if head.lower_ in PEOPLE_NOUNS:
        word = head.lower_
    owners = [c for c in head.children if c.dep_ in ("poss", "compound", "amod", "nmod") and _is_name(c)]
    if word in MEDIUM_HEADS and owners:
        needs = _MEDIUM_WITH.get(word)
        if needs is None or any(c.lower_ in needs for c in head.children):
            owner = owners[0]
            return _Speaker(_holder_name(_noun_phrase(owner), names), True, _noun_phrase(owner))
    holder = _role_holder(mention, holders)
    if holder is not None:
        return _Speaker(holder.name, True, mention, holder.speaks_for)
    # Whose it is may sit deeper: "the party-run health ministry", "Russia's southern command".
    named_modifier = [t for t in mention if t.i < head.i and (_is_name(t) or _word(t) in DEMONYMS.values())]
    if word not in PEOPLE_NOUNS and word not in PERSON_ROLES and named_modifier and head.pos_ in ("NOUN", "PROPN"):
        # "Israel's military", "Russia's emergencies ministry", "the Israeli army": an institution
        # named by whose it is.
        return _Speaker(_plain_name(mention), True, mention)
    return _Speaker(_plain_name(mention), False, mention)


def _without_nationality(name: str) -> tuple[str, ...]:
    """ "Norlandic People's Front" is also "People's Front": an organisation's proper name after a
    nationality adjective is another name of it (not "Russian army": "army" is no name)."""
    words = name.split()
    if len(words) < 3 or words[0].lower() not in DEMONYMS or not all(w[:1].isupper() for w in words[1:]):
        return ()
    return (" ".join(words[1:]),)


_GENERIC_ORGANISATION = frozenset(
    {"group", "organisation", "organization", "movement", "company", "firm", "agency", "body", "militia"}
)


def _generic_organisation(mention: Span) -> bool:
    """ "the group", "the company": a definite noun that says only that some organisation speaks."""
    return len(mention) == 2 and mention[0].lower_ == "the" and mention.root.lemma_.lower() in _GENERIC_ORGANISATION


def _names_person(span: Span) -> bool:
    head = span.root
    if head.ent_type_:
        return head.ent_type_ == "PERSON"
    return head.pos_ == "PROPN" and len(span) <= 4


def _previous_speaker(
    spoken: list[tuple[int, _Speaker, bool]], mention: Span, doc: Doc, places: bool = True
) -> _Speaker | None:
    """The latest earlier speaker that is not a person (nor a country or city, unless `places`),
    within the three sentences before."""
    horizon = mention.sent.start
    for _ in range(2):
        if horizon == 0:
            break
        horizon = doc[horizon - 1].sent.start
    for start, who, person in reversed(spoken):
        if horizon <= start < mention.start and not person:
            if not places and who.root is not None and who.root.root.ent_type_ == "GPE":
                continue
            return who if who.named else None
    return None


def resolve_speakers(doc: Doc, attributions: list[Attribution]) -> None:
    """Fill speaker_name, speaker_named, speaker_root, speaks_for and aliases of each attribution."""
    if not attributions:
        return
    names = article_names(doc)
    holders = article_holders(doc, names)
    spoken: list[tuple[int, _Speaker, bool]] = []  # earlier speakers: (token, who, a person?)
    for a in sorted(attributions, key=lambda x: x.speaker.start if x.speaker is not None else -1):
        mention = a.speaker
        if mention is None:
            continue
        head = mention.root
        word = head.lower_ if len(mention) == 1 else ""
        found: _Speaker
        if word in RELATIVE and head.head.dep_ == "relcl":
            noun = _described_name(head.head.head, head)
            found = _describe(_noun_phrase(noun), names, holders)
            a.aliases = _aliases(noun)
        elif word in PERSONAL:
            said = (a.content_start, a.content_end)
            relay = a.via.root if a.via is not None else None
            besides = (relay.left_edge.i, relay.right_edge.i + 1) if relay is not None else (0, 0)
            name = _antecedent_person(names, mention.start, PERSONAL[word], doc, said, besides)
            holder = next((h for h in holders if h.name == name and h.speaks_for), None)
            found = _Speaker(name, name is not None, None, holder.speaks_for if holder else None)
        elif word in NEUTER or word in PLURAL:
            # "The military said ... It said ...": a speaker that is not a person, continued.
            found = _previous_speaker(spoken, mention, doc) or _Speaker(None, False, None)
            if found.name is None:
                antecedent = _antecedent_org(names, mention.start, doc, plural=word in PLURAL)
                if antecedent is not None:
                    found = _describe(antecedent, names, holders)
        else:
            found = _describe(mention, names, holders)
            if not found.named and _generic_organisation(mention):
                # "The People's Front rejected the account. In a statement, the group said ...".
                earlier = _previous_speaker(spoken, mention, doc, places=False)
                subject = _organisation_subject(names, mention) if earlier is None else None
                found = earlier or (_describe(subject, names, holders) if subject is not None else found)
            a.aliases = _aliases(head)
        a.speaker_name = found.name
        if found.named and found.name is not None and found.root is not None and found.root.root.ent_type_ != "PERSON":
            a.aliases = (*a.aliases, *_without_nationality(found.name))
        a.speaker_named = found.named
        a.speaker_root = found.root
        a.speaks_for = found.speaks_for if found.speaks_for != found.name else None
        if found.root is not None and found.name is not None:
            spoken.append((mention.start, found, _names_person(found.root)))
            root = found.root
            if found.named and _names_person(root) and all(not _overlap(p.span, root) for p in names.persons):
                # A speaker the entity recogniser missed ("Eliyahu later said") is a person
                # later pronouns can refer to, here as well as where it was recognised.
                names.persons.append(_Person(found.root, found.name))
                names.persons.sort(key=lambda p: p.span.start)
        if (
            found.named
            and found.name is not None
            and found.root is not None
            and not any(h.name == found.name for h in holders)
        ):
            # A named organisation first met as a speaker ("Russia's defence ministry") can be
            # "the ministry" later.
            described = list(found.root)
            for child in found.root.root.children:  # "Norhydro, the state company that ..."
                if child.dep_ == "appos":
                    described.extend(child.subtree)
            holders.append(_Holder(found.root.start, found.name, _description_words(described), False))
            holders.sort(key=lambda h: h.start)
