"""Speaker resolution inside one article, on spaCy's parse and entities (no coreference model).

Pronouns ("he", "it", "they") go to the nearest compatible earlier subject; relative pronouns
("who", "which") to the noun their clause hangs from; partial names ("Podolyak") to the fullest
name the article uses; an indefinite description ("a presidential adviser") to the person named
as a source just after it; appositions become aliases.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .attribution import Attribution, ents_of, ents_within

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
    start = span.start
    while start < span.end - 1 and (span.doc[start].lower_ in TITLES or span.doc[start].is_punct):
        start += 1
    return span.doc[start : span.end]


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


def _is_subjectish(span: Span) -> bool:
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in span) or (
        span.root.dep_ in ("pobj",) and span.root.head.head.lower_ == "according"
    )


def _antecedent_person(names: ArticleNames, before: int, gender: str | None, doc: Doc) -> str | None:
    """The nearest earlier person outside quotations, within four sentences, subjects first."""
    sent_starts: list[int] = []
    sent = doc[before].sent if before < len(doc) else doc[-1].sent
    for _ in range(5):
        sent_starts.append(sent.start)
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    horizon = sent_starts[-1]
    candidates = [p for p in names.persons if horizon <= p.span.start < before and not p.quoted]
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
    best = None
    for ent in names.organisations:
        if not (horizon <= ent.start < before and (ent.label_ != "NORP" or plural)):
            continue
        if best is None or _is_subjectish(ent) or not _is_subjectish(best):
            best = ent
    if best is not None:
        return best
    # A plain noun subject: "the government said ... it".
    for tok in reversed(doc[horizon:before]):
        if tok.dep_ in ("nsubj", "nsubjpass") and (tok.lower_ in ORG_NOUNS or (plural and tok.tag_ in ("NNS", "NNPS"))):
            return _noun_phrase(tok)
    return None


def _noun_phrase(tok: Token) -> Span:
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nmod"):
            start = min(start, child.left_edge.i)
    return tok.doc[start : tok.i + 1]


def _description_named_later(doc: Doc, mention: Span, later_speakers: list[Span]) -> str | None:
    """ "According to a Ukrainian presidential adviser, ... " then "Mykhailo Podolyak" speaks."""
    if mention[0].lower_ not in ("a", "an", "one") or mention.root.ent_type_:
        return None
    sent = mention.sent
    limit = sent.end
    if limit < len(doc):
        limit = doc[limit].sent.end
    for span in later_speakers:
        if mention.end <= span.start < limit and span.root.ent_type_ == "PERSON":
            return span.text
    return None


def _aliases(head: Token) -> tuple[str, ...]:
    out = []
    for child in head.children:
        if child.dep_ == "appos":
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


def resolve_speakers(doc: Doc, attributions: list[Attribution]) -> None:
    """Fill speaker_name, speaker_root and aliases of each attribution from the article."""
    if not attributions:
        return
    names = article_names(doc)
    mentions = [a.speaker for a in attributions if a.speaker is not None]
    for a in attributions:
        mention = a.speaker
        if mention is None:
            continue
        head = mention.root
        word = head.lower_ if len(mention) == 1 else ""
        root: Span | None = mention
        name: str | None = None
        if word in RELATIVE and head.head.dep_ == "relcl":
            root = _noun_phrase(head.head.head)
            name = _entity_name(root, names) or _description_named_later(doc, root, mentions) or _plain_name(root)
            a.aliases = _aliases(head.head.head)
        elif word in PERSONAL:
            name = _antecedent_person(names, mention.start, PERSONAL[word], doc)
            root = None
        elif word in NEUTER or word in PLURAL:
            found = _antecedent_org(names, mention.start, doc, plural=word in PLURAL)
            if found is not None:
                root = found
                name = _entity_name(found, names) or _plain_name(found)
            else:
                root = None
        else:
            name = _entity_name(mention, names) or _description_named_later(doc, mention, mentions)
            if name is None:
                for child in head.children:  # "a spokesman, John Smith, said"
                    if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                        name = _entity_name(_noun_phrase(child), names)
            name = name or _plain_name(mention)
            a.aliases = _aliases(head)
        a.speaker_name = name or mention.text
        a.speaker_root = root
