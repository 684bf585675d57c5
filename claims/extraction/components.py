"""The engine's spaCy components: quotes, attributions, speakers, each Doc -> Doc."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .according import according_attributions
from .attribution import Attribution, text_of
from .cues import verb_attributions
from .direct import absorb_quotes, attach_quotes
from .quotes import Quote, find_quotes, quote_at
from .resolver import looks_like_media
from .speakers import resolve_speakers

QUOTES = "claims_quotes"
ATTRIBUTIONS = "claims_attributions"
SPEAKERS = "claims_speakers"

for _name, _default in (("quotes", None), ("attributions", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.component(QUOTES)
def quotes_component(doc: Doc) -> Doc:
    doc._.quotes = find_quotes(text_of(doc))
    return doc


@Language.component(ATTRIBUTIONS, requires=["doc.sents", "token.dep", "token.lemma", "doc.ents"])
def attributions_component(doc: Doc) -> Doc:
    quotes = doc._.quotes if doc._.quotes is not None else find_quotes(text_of(doc))
    doc._.attributions = find_attributions(doc, quotes)
    return doc


@Language.component(SPEAKERS, requires=["doc.ents"])
def speakers_component(doc: Doc) -> Doc:
    resolve_speakers(doc, doc._.attributions or [])
    doc._.attributions = _without_self_reports(doc._.attributions or [])
    return doc


def _without_self_reports(claims: list[Attribution]) -> list[Attribution]:
    """ "Hagari said he could not confirm whether ...": a report inside a claim's content by the
    same speaker, named again by a pronoun, is part of that claim, not a second one."""
    dropped = set()
    for inner in claims:
        if inner.speaker is None or inner.speaker.root.pos_ != "PRON" or inner.speaker_name is None:
            continue
        if any(
            outer is not inner
            and outer.speaker_name == inner.speaker_name
            and outer.contains(inner.cue_start, inner.cue_end)
            and outer.contains(inner.content_start, inner.content_end)
            for outer in claims
        ):
            dropped.add(id(inner))
    return [a for a in claims if id(a) not in dropped]


def find_attributions(doc: Doc, quotes: list[Quote]) -> list[Attribution]:
    found = list(verb_attributions(doc, quotes))
    claims = [a for a in found if a.rule != "bare"]
    bare = [a for a in found if a.rule == "bare"]
    # Keyed by position: spaCy makes a new Token object on each access, so identity never matches.
    by_cue = {a.cue_token.i: a for a in found if a.cue_token is not None}
    for claim, head in according_attributions(doc):
        host = by_cue.get(head.i) if head is not None else None
        if host is not None and _relays(claim, host):
            # "..., he declared, according to the BBC": the BBC relays, it does not claim.
            host.via = claim.speaker
            continue
        claims.append(claim)
    # Speech reported inside a quotation belongs to the quotation's claim.
    claims = [a for a in claims if quote_at(quotes, a.cue_start) is None]
    bare = [a for a in bare if quote_at(quotes, a.cue_start) is None]
    cue_starts = sorted({a.cue_start for a in claims} | {a.cue_start for a in bare})
    absorb_quotes(claims, quotes, text_of(doc), cue_starts)
    claims.extend(attach_quotes(doc, quotes, claims, bare))
    _inherit_speakers(text_of(doc), claims)
    claims = [a for a in claims if a.speaker is not None]
    claims = _fold_relays(claims)
    claims = _dedupe(claims)
    claims.sort(key=lambda a: (a.content_start, a.cue_start))
    return claims


def _relays(according: Attribution, host: Attribution) -> bool:
    """ "According to the Kremlin's account, the Russian leader told Erdogan that ...": the source
    named first relays a report whose speaker the sentence names (the innermost source speaks).
    Not after the report ("..., police said, according to the family's lawyers", where the lawyers
    are the source of the whole), nor when the one reporting is a news outlet, which relays in turn,
    or a pronoun ("according to her account, she insisted ...": one voice, told by the account)."""
    if according.cue_start > host.cue_start or host.speaker is None or host.speaker.root.pos_ == "PRON":
        return False
    return not looks_like_media(host.speaker.text)


def _inherit_speakers(text: str, claims: list[Attribution]) -> None:
    """ "She said ..., adding ...": the participle's source is the paragraph's last speaker."""
    ordered = sorted(claims, key=lambda a: a.cue_start)
    last: Attribution | None = None
    for a in ordered:
        if a.inherits_speaker and a.speaker is None:
            if last is not None and "\n" not in text[last.cue_start : a.cue_start]:
                a.speaker = last.speaker
        elif a.speaker is not None:
            last = a


def _fold_relays(claims: list[Attribution]) -> list[Attribution]:
    """ "According to X, ..., the BBC said": a news outlet reporting a claim relays it."""
    dropped: set[int] = set()
    for outer in claims:
        if outer.speaker is None or not looks_like_media(outer.speaker.text):
            continue
        inner = [
            a
            for a in claims
            if a is not outer
            and a.speaker is not None
            and (outer.contains(a.cue_start, a.cue_end) or _same_content(a, outer))
        ]
        if inner:
            for a in inner:
                a.via = a.via or outer.speaker
            dropped.add(id(outer))
    return [a for a in claims if id(a) not in dropped]


def _same_content(a: Attribution, b: Attribution) -> bool:
    inter = min(a.content_end, b.content_end) - max(a.content_start, b.content_start)
    union = max(a.content_end, b.content_end) - min(a.content_start, b.content_start)
    return union > 0 and inter * 2 >= union


def _dedupe(claims: list[Attribution]) -> list[Attribution]:
    """Two rules finding the same content keep the more confident one."""
    best: dict[tuple[int, int, int], Attribution] = {}
    for a in claims:
        # Parties accusing each other share one content and one cue, each their own claim.
        party = a.speaker.start if a.shared and a.speaker is not None else -1
        key = (a.content_start, a.content_end, party)
        if key not in best or a.confidence > best[key].confidence:
            best[key] = a
    return list(best.values())
