"""Indirect speech from the dependency parse: a reporting verb or noun, its source, its content.

"X said (that) ...", "X has refuted claims that ...", "it threatened to ...", "which called it
“...”", "officials, who also claimed that ...", "..., saying ...", "X's accusation that ...".
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from .attribution import Attribution, ents_of, text_of, trim
from .lexicon import (
    CUE_LEMMAS,
    INFINITIVE_CONTENT,
    NAMING_VERBS,
    NOUN_STANCE,
    OBJECT_CONTENT,
    PHRASAL_CUES,
    REPORTING_NOUNS,
    VERB_STANCE,
)
from .quotes import Quote, quote_at
from .stance import stance_for
from .types import Stance

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Pronoun subjects that never name a source ("what X said", "it is said").
NON_SOURCES = frozenset({"what", "whatever", "this", "there", "these", "those"})

_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})


def tokens_matching(doc: Doc, hashes: numpy.ndarray) -> Iterator[Token]:
    """Tokens whose lemma or lower form is among hashes, found without a Python loop."""
    if len(doc) == 0:
        return
    arr = doc.to_array([LEMMA, LOWER])
    hits = numpy.isin(arr[:, 0], hashes) | numpy.isin(arr[:, 1], hashes)
    for i in numpy.flatnonzero(hits):
        yield doc[int(i)]


def word_hashes(words: set[str] | frozenset[str]) -> numpy.ndarray:
    return numpy.array(sorted({hash_string(w) for w in words}), dtype="uint64")


_CUE_HASHES = word_hashes(CUE_LEMMAS | REPORTING_NOUNS)


def subject_of(verb: Token) -> Token | None:
    """The grammatical source of a reporting verb, climbing through "and said", ", saying"."""
    seen = 0
    while seen < 4:
        # The subject nearest the verb: the parser may take a dateline for a second one
        # ("MOSCOW, Aug 25 (Wire) - The Kremlin denied", "The state news agency TASS reported").
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            before = [c for c in subjects if c.i < verb.i]
            return before[-1] if before else subjects[0]
        for child in verb.children:
            if child.dep_ == "agent":  # "was told by X" names X as the source
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            return None  # "people were told to leave": those told are no source, and no one else is named
        reporter = reporting_head(verb)
        if reporter is not None:
            # "X said Ostland had lied and argued that ...": the parser hangs the second report on
            # the reported clause; its source is the one who reported that clause.
            verb = reporter
            seen += 1
            continue
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            if verb.dep_ == "advcl" and verb.tag_ != "VBG":
                return None  # "..., when X said" heads its own clause
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def reporting_head(verb: Token) -> Token | None:
    """For a reporting verb conjoined to the head of a reported clause and without a subject of
    its own ("X said Ostland had lied and argued that ...", "X rejected Y's claim that ... and
    called it ...", "X argued that it was impossible, insisting that ..."), the verb that
    reported that clause: the second report is its speaker's."""
    reports = verb.lemma_ in VERB_STANCE or verb.lemma_ in NAMING_VERBS
    joined = verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
    if not joined or not reports or not _is_verb(verb) or _has_own_subject(verb):
        return None
    clause = verb.head
    if clause.lemma_ in VERB_STANCE or clause.dep_ not in ("ccomp", "acl"):
        return None
    outer = clause.head
    # "X said its assessment was that Norland was not responsible, while cautioning that ...": the
    # reported clause may itself hold a clause; climb to the verb that reported them.
    for _ in range(2):
        if outer.lemma_ in VERB_STANCE or outer.dep_ != "ccomp" or not _is_verb(outer):
            break
        outer = outer.head
    if outer.pos_ == "NOUN" and outer.lemma_ in REPORTING_NOUNS and outer.dep_ in ("dobj", "pobj", "nsubj"):
        outer = outer.head if outer.dep_ != "pobj" else outer.head.head
    if outer.i == verb.i or not _is_verb(outer) or outer.lemma_ not in VERB_STANCE:
        return None
    return outer


def _has_own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _is_dash(tok: Token) -> bool:
    """A dash between words ("JERUSALEM - "), not a hyphen inside one ("far-right")."""
    return tok.text in _DASHES and bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def _after_dateline(token: Token) -> Token:
    """ "11:30 - The Kremlin rejects", "MOSCOW - The Kremlin said": the parser may take the
    timestamp or dateline before a paragraph's dash for the subject; the source is the noun
    phrase after the dash."""
    doc = token.doc
    dash = next((t for t in doc[token.i + 1 : token.i + 14] if _is_dash(t)), None)
    if dash is None or any(t.text == "\n" or t.is_space for t in doc[token.i : dash.i]):
        return token
    lead = doc[token.i : dash.i]
    depth, credit = 0, []  # "(Northern Wire)": the agency's credit inside a dateline
    for t in lead:
        depth += t.text == "("
        credit.append(depth > 0)
        depth -= t.text == ")"
    if not all(_dateline_word(t) or in_credit for t, in_credit in zip(lead, credit, strict=True)):
        return token
    nominal = next((t for t in doc[dash.i + 1 : dash.i + 8] if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
    if nominal is None:
        return token
    while nominal.dep_ in ("compound", "poss", "amod") and nominal.head.i > nominal.i and nominal.head.i < dash.i + 9:
        nominal = nominal.head
    return nominal


def _dateline_word(tok: Token) -> bool:
    return (
        tok.is_punct
        or tok.like_num
        or all(ch.isdigit() or ch in ":." for ch in tok.text)
        or tok.ent_type_ in ("DATE", "TIME", "GPE", "ORG")
        or tok.is_upper
    )


def mention_of(token: Token) -> Span:
    """The words naming the speaker: its entity, else the noun phrase up to its head. A dateline
    or timestamp before a dash ("JERUSALEM - ", "16:10 - ") is never part of it."""
    token = _after_dateline(token)
    doc = token.doc
    span = _mention_span(token)
    dash = next((t for t in reversed(span) if _is_dash(t) and t.i < token.i), None)
    return doc[dash.i + 1 : span.end] if dash is not None else span


def _mention_span(token: Token) -> Span:
    doc = token.doc
    if token.ent_type_ and token.ent_iob_ != "O" and not token.is_lower:
        # An entity headed by a common noun ("health ministry" in "Ostland's party-run health
        # ministry") is only part of the phrase: the phrase rule below takes all of it.
        for ent in ents_of(doc):
            if ent.start <= token.i < ent.end:
                start = min(ent.start, token.left_edge.i) if token.left_edge.i >= ent.start - 3 else ent.start
                return _within_paragraph(doc[start : ent.end], token)
    start = token.i
    for child in token.lefts:
        if child.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod"):
            start = min(start, child.left_edge.i)
    end = token.i + 1
    # "a number of authorities", "a spokesman for the campaign": keep the "of/for" phrase.
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i == end:
            end = child.right_edge.i + 1
            break
    while start < token.i and doc[start].is_punct:
        start += 1
    return _within_paragraph(doc[start:end], token)


def _within_paragraph(span: Span, token: Token) -> Span:
    """A mention never reaches back over a paragraph break (a subheading is not part of a name)."""
    start = span.start
    for tok in span:
        if tok.i < token.i and "\n" in tok.text_with_ws:
            start = tok.i + 1
    return span.doc[start : span.end]


def _subtree_bounds(token: Token, exclude: Token | None = None) -> tuple[int, int]:
    lo, hi = token.left_edge.i, token.right_edge.i + 1
    if exclude is not None and lo <= exclude.i < hi:
        # The content clause wraps the cue ("which Russia claims was ..."): keep what follows it.
        lo = exclude.i + 1
    return lo, hi


def _clip_nested_relative(doc: Doc, lo: int, hi: int, cue: Token) -> int:
    """End the content before a ", which X claims ..." clause that is a claim of its own."""
    for tok in doc[lo:hi]:
        if tok.dep_ == "relcl" and tok.i > lo and tok.i != cue.i:
            left = tok.left_edge.i
            if (
                left > lo
                and doc[left - 1].text == ","
                and any(t.lemma_ in CUE_LEMMAS or t.lemma_ in REPORTING_NOUNS for t in tok.subtree)
            ):
                return left - 1
    return hi


def _clip_conjoined_report(doc: Doc, lo: int, hi: int) -> int:
    """End the content before a report conjoined to it that belongs to the outer speaker
    ("said Ostland had lied | and argued that ...", see `reporting_head`)."""
    for tok in doc[lo:hi]:
        if tok.i > lo and reporting_head(tok) is not None:
            end = tok.left_edge.i
            while end > lo and doc[end - 1].dep_ in ("cc", "punct") and doc[end - 1].text not in ('"', "\u201d"):
                end -= 1
            return end if end > lo else hi
    return hi


def content_bounds(cue: Token, phrasal: Token | None) -> tuple[int, int, str] | None:
    """Token bounds of what the cue reports and the construction that gave them, or None
    when it reports nothing we can see."""
    lemma = cue.lemma_
    children = list(cue.children)
    if phrasal is not None and phrasal.dep_ == "prep":
        for pobj in phrasal.children:
            if pobj.dep_ in ("pobj", "pcomp"):
                return pobj.left_edge.i, pobj.right_edge.i + 1, "phrasal"
    clauses = [c for c in children if c.dep_ == "ccomp" and c.i > cue.i - 40 and not _closed_before(c, cue)]
    if clauses:
        # "Carson seems to ... — he told the AP that ...": the clause after the cue wins.
        child = next((c for c in clauses if c.i > cue.i), clauses[0])
        lo, hi = _subtree_bounds(child, exclude=cue)
        hi = min(hi, _clause_end(child))
        for after in clauses:
            # "argued that A: either B or C": what follows the colon spells the claim out.
            if after.i > child.i and after.left_edge.i > hi and cue.doc[after.left_edge.i - 1].text == ":":
                hi = _clause_end(after)
        return lo, hi, "clause"
    if cue.dep_ == "parataxis" and cue.head.i != cue.i:
        aside = _parenthetical_bounds(cue)
        return None if aside is None else (*aside, "aside")
    objects = [c for c in children if c.dep_ in ("dobj", "dative")] or _shifted_object(cue)
    xcomps = [c for c in children if c.dep_ == "xcomp"]
    if lemma in INFINITIVE_CONTENT and xcomps:
        lo, hi = _subtree_bounds(xcomps[0], exclude=cue)
        if objects and objects[0].i < xcomps[0].i and lemma not in ("tell",):
            lo = objects[0].left_edge.i  # "urged Congress to act"
        return lo, hi, "infinitive"
    if lemma in NAMING_VERBS or lemma == "describe":
        named = [c for c in children if c.dep_ in ("oprd", "acomp")]
        as_phrase = [c for c in children if c.dep_ == "prep" and c.lower_ == "as"]
        tail = named or as_phrase
        if objects and tail:
            # "called it “a terrorist act”": the pronoun object is not part of what was said.
            first = tail[0] if objects[0].pos_ == "PRON" else objects[0]
            return first.left_edge.i, tail[-1].right_edge.i + 1, "naming"
        return None
    if objects:
        obj = objects[-1]
        if _reciprocal(obj):
            # "X and Y accused each other of wrecking the bridge": what each says is the charge.
            charge = next(
                (c for c in (*children, *obj.children) if c.dep_ == "prep" and c.lower_ in ("of", "for")), None
            )
            if charge is None or not any(c.dep_ in ("pobj", "pcomp") for c in charge.children):
                return None
            pobj = next(c for c in charge.children if c.dep_ in ("pobj", "pcomp"))
            end = pobj.right_edge.i + 1
            for tok in pobj.subtree:  # "..., as water surged downstream": the narrator's, not theirs
                if tok.dep_ == "advcl" and tok.left_edge.i > pobj.i and tok.doc[tok.left_edge.i - 1].text == ",":
                    end = min(end, tok.left_edge.i - 1)
            return pobj.left_edge.i, end, "reciprocal"
        if lemma in OBJECT_CONTENT or obj.lemma_ in REPORTING_NOUNS:
            lo, hi = obj.left_edge.i, obj.right_edge.i + 1
            for child in children:  # "accused X of Y"
                if child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i >= hi:
                    hi = child.right_edge.i + 1
            for child in children:
                # "denied any part in the crash presumed to have killed X": a participle right
                # after the object qualifies it, though the parser hangs it on the verb;
                # "dismissed the account as fabricated": the verdict goes with what it judges.
                verdict = child.dep_ in ("advcl", "prep") and (
                    child.lower_ == "as" or any(t.lower_ == "as" for t in child.lefts)
                )
                participle = child.dep_ in ("advcl", "acl") and child.tag_ == "VBN"
                if (verdict or participle) and child.left_edge.i == hi:
                    hi = child.right_edge.i + 1
            return lo, hi, "object"
    return None


def _closed_before(clause: Token, cue: Token) -> bool:
    """A clause ended by a semicolon before the cue is a sentence of its own, not what the cue
    reports ("Last year X warned that ...; officials said at the time that ...")."""
    if clause.i > cue.i:
        return False
    return any(t.text == ";" for t in cue.doc[clause.right_edge.i + 1 : cue.i])


def _shifted_object(cue: Token) -> list[Token]:
    """ "dismissed as inaccurate the reports that ...": the object after its "as" predicate, which
    the parser hangs on the predicate."""
    for child in cue.rights:
        if child.dep_ in ("advcl", "acomp", "oprd") and any(t.lower_ == "as" for t in child.lefts):
            return [c for c in child.rights if c.dep_ == "dobj"][:1]
    return []


def _reciprocal(obj: Token) -> bool:
    """ "each other", "one another", "X and Y each accused the other" """
    if obj.lower_ not in ("other", "another"):
        return False
    if any(c.lower_ in ("each", "one") for c in obj.lefts):
        return True
    verb = obj.head
    return any(t.lower_ == "each" for c in verb.lefts if c.dep_ == "nsubj" for t in c.subtree) or any(
        c.lower_ == "each" for c in verb.children
    )


def _each_party(subject: Token, reciprocal: bool) -> list[Token]:
    """The subject and the subjects coordinated with it ("Kyiv and Moscow", "Kyiv, Moscow and
    Minsk"). Parties to a reciprocal charge may be any nouns; others must all be names, so that
    "Smith and his wife" stays one source."""
    subject = _after_dateline(subject)
    parties = [subject]
    for tok in subject.subtree:
        if tok.dep_ == "conj" and tok.head.i in {p.i for p in parties} and tok.pos_ in ("PROPN", "NOUN"):
            parties.append(tok)
    if not reciprocal and not all(_names_party(p) for p in parties):
        return [subject]
    return parties


def _names_party(tok: Token) -> bool:
    """A name ("Ostland"), or a noun a name owns ("Ostland's health authorities")."""
    if tok.pos_ == "PROPN":
        return not tok.is_lower and tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "")
    return tok.pos_ == "NOUN" and any(
        c.dep_ in ("poss", "compound") and c.pos_ == "PROPN" and not c.is_lower for c in tok.children
    )


def _clause_end(head: Token) -> int:
    """Where a reported clause stops: before what the parser hung on it but the speaker did
    not say (", noting ...", ", an acknowledgment that ..."). Coordinated clauses stay: the
    speaker said them too, more often than not."""
    end = head.right_edge.i + 1
    for child in head.rights:
        before = child.left_edge.i - 1
        after_comma = before > head.i and child.doc[before].text in (",", ";", "—", "--", "-")
        cut = (
            child.dep_ in ("advcl", "conj", "xcomp", "dep") and child.lemma_ in VERB_STANCE and child.tag_ == "VBG"
        ) or (child.dep_ in ("appos", "npadvmod") and after_comma)
        if cut:
            end = child.left_edge.i
            # The comma and conjunction before the cut go too.
            while end > head.i + 1 and child.doc[end - 1].dep_ in ("cc", "punct"):
                end -= 1
            return end
    return end


def _parenthetical_bounds(cue: Token) -> tuple[int, int] | None:
    """ "The plan, he said, would cost too much": the clause around the aside is the content.

    When the clause is itself a report ("..., a general said, Reuters reported"), only the
    side away from that report's verb is.
    """
    head = cue.head
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    c_lo, c_hi = cue.left_edge.i, cue.right_edge.i + 1
    head_is_cue = head.lemma_ in VERB_STANCE
    if head_is_cue:
        return (lo, c_lo) if head.i >= c_hi and c_lo > lo else (c_hi, hi) if hi > c_hi else None
    return lo, hi


def _clip_to_paragraph(doc: Doc, lo: int, hi: int, cue: Token) -> tuple[int, int]:
    """Reported speech stays in its cue's paragraph; quotations are widened later."""
    text = text_of(doc)
    par_start = text.rfind("\n", 0, cue.idx) + 1
    par_end = text.find("\n", cue.idx)
    if par_end < 0:
        par_end = len(text)
    while lo < hi and doc[lo].idx < par_start:
        lo += 1
    while hi > lo and doc[hi - 1].idx >= par_end:
        hi -= 1
    return lo, hi


def _says_something(content: Span) -> bool:
    """ "what the Kremlin is claiming", "denied it": a lone pronoun reports nothing."""
    words = [t for t in content if not t.is_punct]
    return len(words) >= 2 or (len(words) == 1 and words[0].pos_ not in ("PRON", "DET"))


def _phrasal_particle(cue: Token) -> tuple[Token | None, str | None]:
    for child in cue.rights:
        stance = PHRASAL_CUES.get((cue.lemma_, child.lower_))
        if stance is not None and child.dep_ in ("prt", "prep"):
            return child, stance
    return None, None


def _is_verb(tok: Token) -> bool:
    return tok.tag_ in _VERB_TAGS and tok.pos_ in ("VERB", "AUX")


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _source_outside_quotes(cue: Token, subject: Token | None, quotes: list[Quote]) -> Token | None:
    """The source must stand in the cue's paragraph and outside any quotation.

    The parser sometimes takes a vocative inside the quote ("..., Mr. President,'' X told")
    or a dateline from the line above as the subject; then the nearest name between the
    quotation (or paragraph start) and the cue is the source, else the one just after the cue.
    """
    doc = cue.doc
    par_start = _paragraph_start(text_of(doc), cue.idx)
    if subject is not None and subject.idx >= par_start and quote_at(quotes, subject.idx) is None:
        return subject
    if quote_at(quotes, cue.idx) is not None:
        return None
    floor = par_start
    for q in quotes:
        if q.end <= cue.idx:
            floor = max(floor, q.end)
    if subject is None and floor == par_start:
        return None  # no subject and no quotation to speak for: not a report we can place
    nominal = ("PROPN", "NOUN", "PRON")
    for i in range(cue.i - 1, -1, -1):
        tok = doc[i]
        if tok.idx < floor:
            break
        if tok.pos_ in nominal and tok.dep_ in ("nsubj", "appos", "ROOT", "dep", "npadvmod", "compound"):
            head = tok
            while head.dep_ in ("compound", "appos") and head.head.i < cue.i and head.head.idx >= floor:
                head = head.head
            return head
    for tok in doc[cue.i + 1 : cue.i + 6]:
        if quote_at(quotes, tok.idx) is not None or tok.text in ".;\n":
            break
        if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG"):
            return tok
    return None


def verb_attributions(doc: Doc, quotes: list[Quote]) -> Iterator[Attribution]:
    text = text_of(doc)
    for cue in tokens_matching(doc, _CUE_HASHES):
        lemma = cue.lemma_
        if _is_verb(cue):
            phrasal, phrasal_stance = _phrasal_particle(cue)
            if phrasal is None and lemma not in VERB_STANCE and lemma not in NAMING_VERBS:
                continue
            quoted = _quoted_as(cue)
            relay = quoted[1] if quoted is not None else None
            subject = quoted[0] if quoted is not None else _source_outside_quotes(cue, subject_of(cue), quotes)
            cited = _cited_source(cue) if quoted is None else None
            if cited is not None:
                # "..., the agency reported, citing Kremlin spokesman Dmitry Peskov": Peskov said
                # it, the agency relays it.
                relay, subject = _named_relay(subject), cited
            if _confirms_nor_denies(cue):
                continue
            inherits = False
            if subject is None and cue.tag_ == "VBG" and cue.dep_ in ("advcl", "xcomp", "conj"):
                inherits = True  # ", adding ...": filled from the paragraph's last speaker
            elif subject is None or subject.lower_ in NON_SOURCES:
                continue
            bounds = content_bounds(cue, phrasal)
            if bounds is None:
                bare = _bare_cue(cue, subject, inherits)  # direct quotes may still attach to it
                bare.via = mention_of(relay) if relay is not None else None
                yield bare
                continue
            lo, hi, how = bounds
            hi = _clip_nested_relative(doc, lo, hi, cue)
            hi = _clip_conjoined_report(doc, lo, hi)
            lo, hi = _clip_to_paragraph(doc, lo, hi, cue)
            if hi <= lo:
                continue
            if not _says_something(doc[lo:hi]):
                yield _bare_cue(cue, subject)
                continue
            base_stance = phrasal_stance or VERB_STANCE.get(lemma) or "asserts"
            stance = stance_for(base_stance, cue, doc[lo:hi])
            said_from = lo
            if how == "object" and stance in (Stance.DENIES, Stance.DISPUTES):
                objects = [c for c in cue.children if c.dep_ in ("dobj", "dative")] or _shifted_object(cue)
                accusation = _answered_accusation(objects[-1], hi) if objects else None
                said_from = accusation if accusation is not None and accusation > lo else lo
            start, end = trim(text, doc[said_from].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
            if end <= start:
                continue
            cue_end_tok = phrasal if phrasal is not None and phrasal.i > cue.i else cue
            cue_start = _cue_start(cue)
            # Parties speaking together ("X and Y say ...", "X and Y accused each other of ...")
            # each make the claim.
            speakers = _each_party(subject, how == "reciprocal") if subject is not None else [subject]
            for speaker in speakers:
                yield Attribution(
                    cue_start=cue_start,
                    cue_end=cue_end_tok.idx + len(cue_end_tok.text),
                    content_start=start,
                    content_end=end,
                    speaker=mention_of(speaker) if speaker is not None else None,
                    stance=stance,
                    rule=f"verb-{how}",
                    confidence=0.7,
                    cue_token=cue,
                    inherits_speaker=inherits,
                    via=mention_of(relay) if relay is not None else None,
                    shared=len(speakers) > 1,
                )
        else:
            attribution = None
            if cue.pos_ == "NOUN" and lemma in REPORTING_NOUNS:
                attribution = _noun_attribution(doc, cue)
            if attribution is None and cue.tag_ in ("NNS", "NN") and lemma in VERB_STANCE:
                attribution = _verb_read_as_plural_noun(doc, cue)
            if attribution is not None:
                yield attribution


_NO_POSITION_PAIR = frozenset({"confirm", "deny"})
_DECLINING = frozenset({"decline", "refuse"})


def _confirms_nor_denies(cue: Token) -> bool:
    """ "has never confirmed or denied that ...", "neither confirmed nor denied", "declined to
    confirm or deny": a refusal to take a position, neither an assertion nor a denial."""
    if cue.lemma_ not in _NO_POSITION_PAIR:
        return False
    first = cue.head if cue.dep_ == "conj" else cue
    pair = {first.lemma_} | {c.lemma_ for c in first.children if c.dep_ == "conj"}
    if not pair >= _NO_POSITION_PAIR:
        return False
    refused = any(c.dep_ == "neg" or c.lower_ in ("neither", "nor") for c in first.children)
    declined = first.dep_ == "xcomp" and first.head.lemma_ in _DECLINING
    return refused or declined


def _quoted_as(cue: Token) -> tuple[Token, Token | None] | None:
    """ "the readout quoted Putin as saying", "Putin was quoted as telling X": the one quoted is the
    speaker, whoever quotes him relays (speaker, relay)."""
    if cue.lemma_ != "quote" or not any(c.dep_ == "prep" and c.lower_ == "as" for c in cue.children):
        return None
    quoted = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if quoted is not None:
        return quoted, _named_relay(next((c for c in cue.children if c.dep_ == "nsubj"), None))
    quoted = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if quoted is None:
        return None
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    return quoted, _named_relay(next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None)


def _cited_source(cue: Token) -> Token | None:
    """The one a report cites by name: "X reported, citing Kremlin spokesman Dmitry Peskov"."""
    for child in cue.children:
        if child.lemma_ == "cite" and child.tag_ == "VBG" and child.dep_ in ("advcl", "xcomp", "conj"):
            cited = next((c for c in child.children if c.dep_ == "dobj"), None)
            if cited is not None and cited.ent_type_ in ("PERSON", "ORG", "GPE"):
                return cited
    return None


def _named_relay(token: Token | None) -> Token | None:
    """The relay by name ("his spokesman, Serhiy Nykyforov" -> Nykyforov; "Tass"), or None for a
    mere description ("the readout"): a relay is stored as an actor."""
    if token is None:
        return None
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return token
    return next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG")), None)


def _cue_start(cue: Token) -> int:
    """Auxiliaries belong to the cue: "has refuted", "have already demanded"."""
    start = cue.idx
    for child in cue.lefts:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i >= cue.i - 3:
            start = min(start, child.idx)
    return start


def _bare_cue(cue: Token, subject: Token | None, inherits: bool = False) -> Attribution:
    """A cue with a source but no content clause: "he said." after a quote."""
    return Attribution(
        inherits_speaker=inherits,
        cue_start=_cue_start(cue),
        cue_end=cue.idx + len(cue.text),
        content_start=-1,
        content_end=-1,
        speaker=mention_of(subject) if subject is not None else None,
        stance=VERB_STANCE.get(cue.lemma_, "asserts"),
        rule="bare",
        cue_token=cue,
    )


def _that_clause(noun: Token) -> Token | None:
    """The "that" clause a reporting noun spells out: "accusation that ..."."""
    return next(
        (
            c
            for c in noun.rights
            if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )


def _noun_source(noun: Token) -> Token | None:
    """Whose statement a reporting noun is: "Russia's accusation", "a claim by X"."""
    source: Token | None = next((c for c in noun.lefts if c.dep_ == "poss"), None)
    if source is None:
        for prep in noun.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
                source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if source is None or source.lower_ in NON_SOURCES or source.pos_ == "DET":
        return None
    return source


def _answered_accusation(obj: Token, hi: int) -> int | None:
    """Where the accusation starts in "rejected Kyiv's accusation that Russian troops ...": a
    reporting noun with a source of its own and a "that" clause is its source's claim (see
    `_noun_attribution`); the one rejecting it denies what the clause says, not the noun. The
    token after "that", or None for any other object ("rejected the claims", "denied reports
    that ...", whose source is no one named)."""
    if obj.lemma_ not in REPORTING_NOUNS or _noun_source(obj) is None:
        return None
    clause = _that_clause(obj)
    if clause is None:
        return None
    start = clause.left_edge.i
    while start < hi and (start <= obj.i or clause.doc[start].lower_ == "that"):
        start += 1
    return start if start < hi else None


def _noun_attribution(doc: Doc, noun: Token) -> Attribution | None:
    """ "Russia's accusation that ...", "a claim by X that ...": a noun with source and clause."""
    clause = _that_clause(noun)
    if clause is None:
        return None
    source = _noun_source(noun)
    if source is None:
        return None
    lo, hi = _subtree_bounds(clause)
    hi = _clip_conjoined_report(doc, lo, hi)
    start, end = trim(text_of(doc), doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
    return Attribution(
        cue_start=noun.idx,
        cue_end=noun.idx + len(noun.text),
        content_start=start,
        content_end=end,
        speaker=mention_of(source),
        stance=stance_for(NOUN_STANCE[noun.lemma_], noun, doc[lo:hi]),
        rule="noun",
        confidence=0.6,
        cue_token=noun,
    )


_CLAUSE_END = frozenset({".", ";", "!", "?", ":"})


def _verb_read_as_plural_noun(doc: Doc, cue: Token) -> Attribution | None:
    """A relative clause whose reporting verb the tagger read as a plural noun: "which Russia claims
    was ...", "that Smith says is ...".

    The general shape of an object relative with a reporting verb: relative pronoun, a proper-noun
    source, the verb's third-person -s form (tagged NNS, not its own lemma: "claims", "says"), then
    a finite verb. A singular noun ("that New York state is shortchanging") is never a cue.
    """
    if cue.tag_ != "NNS" or not cue.lower_.endswith("s") or cue.lower_ == cue.lemma_.lower():
        return None
    nxt = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    if nxt is None or nxt.pos_ not in ("AUX", "VERB") or nxt.tag_ not in ("VBD", "VBZ", "VBP", "MD"):
        return None
    i = cue.i - 1
    while i >= 0 and doc[i].pos_ == "PROPN" and cue.i - i <= 4:
        i -= 1
    if i == cue.i - 1 or i < 0 or doc[i].lower_ not in RELATIVE_PRONOUNS:
        return None
    source = doc[i + 1 : cue.i]
    end_i = nxt.i
    while (
        end_i < len(doc) and doc[end_i].text not in _CLAUSE_END and not (doc[end_i].text == "," and end_i > nxt.i + 3)
    ):
        end_i += 1
    last = doc[end_i - 1]
    start, end = trim(text_of(doc), nxt.idx, last.idx + len(last.text))
    return Attribution(
        cue_start=cue.idx,
        cue_end=cue.idx + len(cue.text),
        content_start=start,
        content_end=end,
        speaker=source,
        stance=stance_for(VERB_STANCE[cue.lemma_], cue, doc[nxt.i : end_i]),
        rule="relative",
        confidence=0.5,
        cue_token=cue,
    )
