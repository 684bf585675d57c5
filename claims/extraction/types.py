"""The engine's output: plain dataclasses, free of spaCy and Django objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class Kind:
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class Stance:
    ASSERTS = "asserts"
    DENIES = "denies"
    DISPUTES = "disputes"
    DOUBTS = "doubts"
    THREATENS = "threatens"
    DEMANDS = "demands"


class ActorKind:
    PERSON = "person"
    ORGANIZATION = "organization"
    GOVERNMENT = "government"
    COUNTRY = "country"
    MEDIA = "media"
    GROUP = "group"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Entity:
    """A named entity inside a claim's content: what the claim is about."""

    text: str
    label: str  # spaCy's NER label: PERSON, ORG, GPE, NORP, ...
    start: int
    end: int
    canonical: str | None = None  # resolved actor name, when the resolver knows it


@dataclass
class ExtractedClaim:
    """One attributed claim, with character offsets into the article text (end exclusive)."""

    speaker: str | None  # canonical actor name after pronoun and alias resolution
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str
    cue_start: int
    cue_end: int
    content: str
    content_start: int
    content_end: int
    sentence_start: int
    sentence_end: int
    kind: str = Kind.INDIRECT
    stance: str = Stance.ASSERTS
    via: str | None = None
    confidence: float = 0.5
    speaker_kind: str = ActorKind.UNKNOWN
    # False when `speaker` is only a description ("officials", "a presidential adviser") or None:
    # the claim keeps its mention but names no actor.
    speaker_named: bool = True
    # The actor a spokesperson or office speaks for: "Putin's spokesman, Dmitry Peskov" -> Putin.
    speaker_speaks_for: str | None = None
    # Other names the article gives the speaker ("Volodymyr Zelensky, the president of Ukraine").
    speaker_aliases: tuple[str, ...] = ()
    about: tuple[Entity, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ResolvedActor:
    name: str
    kind: str = ActorKind.UNKNOWN


class Resolver(Protocol):
    """Maps a name as written ("the Russian presidency") to a canonical actor, or None."""

    def resolve(self, name: str) -> ResolvedActor | None: ...
