"""Attributed-claim extraction: who claimed what, in which words, at which offsets.

A plain library over spaCy, free of Django:

    from claims.extraction import extract
    for claim in extract(text):
        print(claim.speaker, claim.stance, claim.content)
"""

from .engine import (
    ModelNotFoundError,
    doc_claims,
    doc_names,
    extract,
    extract_batch,
    load_pipeline,
)
from .names import normalize_name
from .resolver import AliasResolver, default_resolver
from .types import (
    ActorKind,
    Entity,
    ExtractedClaim,
    Kind,
    ResolvedActor,
    Resolver,
    Stance,
)

EXTRACTOR_VERSION = "rules-2026.12.1"

__all__ = [
    "EXTRACTOR_VERSION",
    "ActorKind",
    "AliasResolver",
    "Entity",
    "ExtractedClaim",
    "Kind",
    "ModelNotFoundError",
    "ResolvedActor",
    "Resolver",
    "Stance",
    "default_resolver",
    "doc_claims",
    "doc_names",
    "extract",
    "extract_batch",
    "load_pipeline",
    "normalize_name",
]
