"""Direct speech: give each quotation its cue and speaker, and widen reported speech to quotes.

The speaker may stand before ("X said: “...”"), after ("“...,” he declared"), inside
("“...,” said Smith, “...”"), after a dash ("“...” -Commissioner X") or in an introducing
line ("From Chairwoman X:").
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span

from .attribution import Attribution, char_span, ents_within, text_of
from .quotes import Quote
from .stance import cue_stance, stance_for
from .types import Kind, Stance

# A quote must hold this many words to be speech on its own; shorter ones are scare quotes or
# titles and only count inside reported speech (mixed quotes).
MIN_QUOTE_WORDS = 4
_GAP = re.compile(r"^[\s,;:.\u2014\u2013-]*$")
_DASH_NAME = re.compile(r"^\s*[-\u2014\u2013]+\s*(?=[A-Z])")
_INTRO = re.compile(r"\bfrom\s+[^.:\n]{2,80}:\s*$", re.IGNORECASE)


def _words(text: str) -> int:
    return len(text.split())


def absorb_quotes(attributions: list[Attribution], quotes: list[Quote], text: str, cue_starts: list[int]) -> None:
    """Reported speech that runs into a quotation takes the whole quotation.

    Content inside quotes becomes the quotation (direct), together with the quotations just
    before and after it that only its own cue separates ("“...,” he said. “...”"); a quotation
    inside reported speech makes it mixed. cue_starts: where every cue of the text begins.
    """
    starts = [q.start for q in quotes]
    for a in attributions:
        if a.content_start < 0:
            continue
        touched = _overlapping(quotes, starts, a.content_start, a.content_end)
        if not touched:
            continue
        lo = min(a.content_start, touched[0].start)
        hi = max(a.content_end, touched[-1].end)
        inside = touched[0].start <= a.content_start and a.content_end <= touched[0].end
        if inside and len(touched) == 1:
            k = quotes.index(touched[0])
            first, last = k, k
            while first > 0 and _joined(quotes[first - 1], quotes[first], a, text, cue_starts):
                first -= 1
            while last + 1 < len(quotes) and _joined(quotes[last], quotes[last + 1], a, text, cue_starts):
                last += 1
            a.content_start, a.content_end = quotes[first].start, quotes[last].end
            a.kind = Kind.DIRECT
            _restance(a)
        else:
            # A quote the cue sits in the middle of ("“...,” he said, “...”") is not content.
            if any(q.start <= a.cue_start < q.end for q in touched):
                continue
            a.content_start, a.content_end = lo, hi
            a.kind = Kind.MIXED
            last = quotes.index(touched[-1])
            if hi == quotes[last].end:
                # 'Clinton “drew well,” said X. “That was ...”': the speaker goes on quoting.
                while last + 1 < len(quotes) and _joined(quotes[last], quotes[last + 1], a, text, cue_starts):
                    last += 1
                a.content_end = quotes[last].end
            _restance(a)


def _restance(a: Attribution) -> None:
    """Reported speech widened to its quotation reads its stance again, from the whole quotation."""
    if a.cue_token is not None:
        span = char_span(a.cue_token.doc, a.content_start, a.content_end)
        a.stance = stance_for(cue_stance(a.cue_token), a.cue_token, span)


def _joined(before: Quote, after: Quote, a: Attribution, text: str, cue_starts: list[int]) -> bool:
    """Two quotations of one speaker: same paragraph, nothing but this claim's cue between."""
    gap = text[before.end : after.start]
    if "\n" in gap or len(gap) > 160:
        return False
    own = before.end <= a.cue_start < after.start
    others = [c for c in cue_starts if before.end <= c < after.start and c != a.cue_start]
    return not others and (own or _GAP.match(gap) is not None)


def _overlapping(quotes: list[Quote], starts: list[int], start: int, end: int) -> list[Quote]:
    i = max(0, bisect_right(starts, start) - 1)
    out = []
    while i < len(quotes) and quotes[i].start < end:
        q = quotes[i]
        if q.end > start:
            out.append(q)
        i += 1
    return out


def _covering(q: Quote, attributions: list[Attribution]) -> Attribution | None:
    """The claim whose content holds most of the quotation already, if any."""
    size = q.end - q.start
    for a in attributions:
        if a.content_start < 0:
            continue
        inter = min(q.end, a.content_end) - max(q.start, a.content_start)
        if inter * 2 >= size:
            return a
    return None


def attach_quotes(
    doc: Doc, quotes: list[Quote], attributions: list[Attribution], bare: list[Attribution]
) -> list[Attribution]:
    """Direct claims for the quotations no reported speech covered yet."""
    text = text_of(doc)
    added: list[Attribution] = []
    used_bare: set[int] = set()
    previous: Attribution | None = None
    for q in quotes:
        covering = _covering(q, attributions) or _covering(q, added)
        if covering is not None:
            previous = covering if covering.kind == Kind.DIRECT else None
            continue
        if _words(text[q.start + 1 : q.end - 1]) < MIN_QUOTE_WORDS:
            # Too short to be speech alone, but it may end the quote before it ("Right?").
            if previous is not None and _same_paragraph(text, previous.content_end, q.start):
                previous.content_end = q.end
            continue
        cue = _nearest_bare_cue(doc, q, bare, used_bare)
        if cue is not None:
            used_bare.add(id(cue))
            claim = _claim_from(doc, cue, q)
            added.append(claim)
            previous = claim
            continue
        # "“...,” he said. “...”": the next quotation in the same paragraph continues the claim.
        if previous is not None and _same_paragraph(text, previous.content_end, q.start):
            previous.content_end = q.end
            continue
        claim = _dash_or_intro(doc, q)
        if claim is not None:
            added.append(claim)
            previous = claim
            continue
        previous = None
    return added


def _same_paragraph(text: str, a: int, b: int) -> bool:
    return a <= b and "\n" not in text[a:b]


def _claim_from(doc: Doc, cue: Attribution, q: Quote) -> Attribution:
    cue.content_start, cue.content_end = q.start, q.end
    cue.kind = Kind.DIRECT
    cue.rule = "quote"
    cue.confidence = 0.8
    cue.stance = stance_for(cue.stance, cue.cue_token, char_span(doc, q.start, q.end))
    return cue


def _nearest_bare_cue(doc: Doc, q: Quote, bare: list[Attribution], used: set[int]) -> Attribution | None:
    """A cue without content in the quote's own sentences, or in the line introducing it."""
    text = text_of(doc)
    first = char_span(doc, q.start, q.start + 1)
    last = char_span(doc, q.end - 1, q.end)
    if first is None or last is None:
        return None
    lo_sent, hi_sent = first[0].sent, last[-1].sent
    lo, hi = lo_sent.start_char, hi_sent.end_char
    # "X said:" on the line before, or the sentence after when the quote ends its sentence
    # without a cue ("“...” \n he said" never happens; "“...”, he said." is one sentence).
    intro_start = lo
    if lo_sent.start > 0:
        prev_sent = doc[lo_sent.start - 1].sent
        if prev_sent.text.rstrip().endswith(":") or text[prev_sent.start_char : q.start].rstrip().endswith(","):
            intro_start = prev_sent.start_char
    if hi_sent.end < len(doc):
        next_sent = doc[hi_sent.end].sent
        gap = text[q.end : next_sent.start_char]
        if _GAP.match(gap) and "\n" not in gap:
            hi = max(hi, next_sent.end_char)
    best: Attribution | None = None
    best_distance = 10**9
    for cue in bare:
        if id(cue) in used or not (intro_start <= cue.cue_start < hi):
            continue
        if q.start <= cue.cue_start < q.end:
            continue
        distance = q.start - cue.cue_end if cue.cue_end <= q.start else cue.cue_start - q.end
        if distance < best_distance:
            best, best_distance = cue, distance
    return best


def _dash_or_intro(doc: Doc, q: Quote) -> Attribution | None:
    """ "“...” -Commissioner X" and "From Chairwoman X: “...”"."""
    text = text_of(doc)
    after = text[q.end : q.end + 120]
    match = _DASH_NAME.match(after)
    if match:
        name_start = q.end + match.end()
        line_end = text.find("\n", name_start)
        line_end = len(text) if line_end < 0 else line_end
        name = _name_at(doc, name_start, min(line_end, name_start + 80))
        if name is not None:
            dash_at = q.end + after.index(match.group().strip()[0])
            return Attribution(
                cue_start=dash_at,
                cue_end=dash_at + 1,
                content_start=q.start,
                content_end=q.end,
                speaker=name,
                kind=Kind.DIRECT,
                stance=stance_for(Stance.ASSERTS, None, char_span(doc, q.start, q.end)),
                rule="dash",
                confidence=0.6,
            )
    line_start = text.rfind("\n", 0, max(0, q.start - 1)) + 1
    intro = text[max(0, line_start - 200) : q.start]
    match = _INTRO.search(intro)
    if match:
        offset = max(0, line_start - 200)
        from_start = offset + match.start()
        name = _name_at(doc, from_start + 5, offset + match.end())
        if name is not None:
            return Attribution(
                cue_start=from_start,
                cue_end=from_start + 4,
                content_start=q.start,
                content_end=q.end,
                speaker=name,
                kind=Kind.DIRECT,
                stance=stance_for(Stance.ASSERTS, None, char_span(doc, q.start, q.end)),
                rule="intro",
                confidence=0.5,
            )
    return None


def _name_at(doc: Doc, start: int, end: int) -> Span | None:
    """The last person or organisation named between two offsets, titles included."""
    window = char_span(doc, start, end)
    if window is None:
        return None
    ents = [e for e in ents_within(window) if e.label_ in ("PERSON", "ORG", "NORP", "GPE")]
    if ents:
        ent = ents[0]
        lo = window.start
        return doc[lo : ent.end] if ent.start - lo <= 3 else ent
    words = [t for t in window if t.is_title or t.is_upper]
    if words and words[0].i == window.start:
        end_i = words[0].i
        while end_i < window.end and (doc[end_i].is_title or doc[end_i].is_upper):
            end_i += 1
        return doc[window.start : end_i]
    return None
