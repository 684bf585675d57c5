"""Attribution without a verb: "according to X", at the start, middle or end of a sentence."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .attribution import Attribution, text_of, trim
from .cues import mention_of, tokens_matching, word_hashes
from .stance import stance_for
from .types import Stance

_ACCORDING = word_hashes(frozenset({"according"}))


def _source(according: Token) -> Token | None:
    for to in according.children:
        if to.lower_ == "to":
            for pobj in to.children:
                if pobj.dep_ == "pobj":
                    return pobj
    # Some parses hang "to" beside "according" rather than under it.
    nxt = according.nbor(1) if according.i + 1 < len(according.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for pobj in nxt.children:
            if pobj.dep_ == "pobj":
                return pobj
    return None


def according_phrases(doc: Doc) -> Iterator[tuple[Token, Token]]:
    """(the word "according", the head of its source) for each "according to X"."""
    for tok in tokens_matching(doc, _ACCORDING):
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            source = _source(tok)
            if source is not None:
                yield tok, source


def phrase_bounds(according: Token, source: Token) -> tuple[int, int]:
    """Token bounds of "according to X, who ...", the aside the content excludes."""
    lo = according.i
    hi = max(according.right_edge.i, source.right_edge.i) + 1
    # "According to Ostland officials, farmers and traders ... made up": the parser may join
    # the clause's subject to the source; the comma after the source ends the phrase.
    doc = according.doc
    comma = next(
        (t.i for t in doc[source.i + 1 : hi - 1] if t.text == "," and doc[t.i + 1].dep_ == "conj"),
        None,
    )
    return lo, comma if comma is not None else hi


def content_bounds(according: Token, source: Token) -> tuple[int, int] | None:
    """The clause the phrase qualifies, minus the phrase itself."""
    doc = according.doc
    sent = according.sent
    p_lo, p_hi = phrase_bounds(according, source)
    head = according.head if according.head is not according else None
    if head is not None and head.sent == sent:
        lo, hi = head.left_edge.i, head.right_edge.i + 1
    else:
        lo, hi = sent.start, sent.end

    def words(bounds: tuple[int, int] | None) -> int:
        return 0 if bounds is None else sum(1 for t in doc[bounds[0] : bounds[1]] if not t.is_punct)

    # "... (93 percent were white, according to exit polls)": the parenthesis is the claim.
    if p_hi < len(doc) and doc[p_hi].text == ")":
        for i in range(p_lo - 1, sent.start - 1, -1):
            if doc[i].text == "(":
                return (i + 1, p_lo) if words((i + 1, p_lo)) else None
    # At the end of a sentence the phrase covers all of it, not just the clause it hangs on.
    if p_lo > sent.start and words((p_hi, sent.end)) == 0:
        lo = min(lo, sent.start)
    left = (lo, p_lo) if p_lo > lo else None
    right = (p_hi, hi) if hi > p_hi else None

    if words(left) >= 2 and words(right) >= 2:
        return lo, hi  # "Attacking Moscow, according to X, would be ...": the whole clause
    best = left if words(left) >= words(right) else right
    if best is None or words(best) == 0:
        return None
    return best


def according_attributions(doc: Doc) -> Iterator[tuple[Attribution, Token]]:
    """Each "according to X" claim, with the token it hangs from (a cue verb makes it a relay)."""
    text = text_of(doc)
    for according, source in according_phrases(doc):
        bounds = content_bounds(according, source)
        if bounds is None:
            continue
        lo, hi = bounds
        start, end = trim(text, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
        if end <= start:
            continue
        to = doc[according.i + 1]
        content: Span = doc[lo:hi]
        yield (
            Attribution(
                cue_start=according.idx,
                cue_end=to.idx + len(to.text),
                content_start=start,
                content_end=end,
                speaker=mention_of(source),
                stance=stance_for(Stance.ASSERTS, None, content),
                rule="according",
                confidence=0.7,
                cue_token=according,
            ),
            according.head,
        )
