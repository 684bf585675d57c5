"""Who a claim says did it: the agents of the deed a claim reports, read from the named entities
stored with the claim (ClaimEntity: text, label, offsets, actor) and the words around them.

"Russian troops blew up the dam", "deliberate sabotage by Ukraine", "the blast was caused by an
Islamic Jihad rocket", "Moscow's purpose was ...": a claim tells a deed when it holds a word of
attack, destruction, command or responsibility (the engine's ACCUSATION_PREDICATES: blow, shell,
strike, sabotage, order, behind, responsible, cause ...), and its agents are the actors named
- first in a clause, alone or modifying its subject ("the Ukrainian leadership", "Russia's army",
  a title or two allowed before a name: "that President Vladimir Putin ordered ..."),
- or after "by", "on the part of", "at the hands of" (a few words of the noun phrase may come
  between: "by a series of Ukrainian strikes").
A name negated ("not the Israeli army", "Hamas could not have ...") is not an agent of an
assertion; in a denial ("that Israel was not responsible") it is the agent the denial is about.

Two accounts of one deed naming different agents compete ("Russia blew up the dam" against
"sabotage by Ukraine"); the same agent, the same account; a denial answers an assertion naming
the agent it denies. That is claims.crossref.propositions' business; this module only reads
agents. The extraction stored every entity with its offsets and actor, so a cross-referencing
worker needs no parse (and does not load spaCy).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db import connection

from claims.crossref.propositions import LinkClaim
from claims.extraction.lexicon import ACCUSATION_PREDICATES
from claims.extraction.names import actor_key

# Entity kinds that can do something: people, organisations, places standing for their
# governments, nationality adjectives ("Russian troops"). Not dates, laws, facilities, products.
AGENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})

# Before a by-agent: the preposition, then at most four words of its noun phrase.
_BY_AGENT = re.compile(r"\b(?:by|on\s+the\s+part\s+of|at\s+the\s+hands\s+of)\s+(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)
# Before a clause's subject: the start of the content, "that", "which", a semicolon or colon (not a
# comma: lists), then at most an opening quotation mark and a determiner.
_CLAUSE_START = re.compile(
    r"(?:^|\bthat\s+|\bwhich\s+|[;:]\s+)[\"“']?(?:(?:the|a|an)\s+)?(?:(?-i:[A-Z][\w.'’-]*)\s+){0,2}$", re.IGNORECASE
)
# Before a name: a negation ("not the Israeli army", "no Russian").
_NEGATED_BEFORE = re.compile(r"\b(?:not|no)\s+(?:(?:the|a|an)\s+)?$", re.IGNORECASE)
# After a name, within three words: a negation ("Hamas could not have", "Kyiv had no", "didn't").
_NEGATED_AFTER = re.compile(
    r"^(?:['’]s)?(?:\s+[\w'’-]+){0,3}?\s+(?:not|never|no)\b|^(?:\s+[\w'’-]+){0,3}?\s*n['’]t\b", re.IGNORECASE
)

# Inflected forms the suffix rules below miss (ACCUSATION_PREDICATES holds lemmas).
_IRREGULAR = {"blew": "blow", "blown": "blow", "struck": "strike", "shot": "shoot", "led": "lead", "fought": "fight"}
_SUFFIXES = (("ing", ""), ("ing", "e"), ("ied", "y"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", ""))
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class NamedEntity:
    """An entity inside a claim's content, its offsets relative to the content."""

    text: str
    label: str
    start: int
    end: int
    actor_id: int | None


def _lemmas(word: str) -> set[str]:
    """The word and what it may inflect: "shelled" -> shell, "strikes" -> strike, "planned" -> plan."""
    forms = {word, _IRREGULAR.get(word, word)}
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + replacement
            forms.add(stem)
            if stem[-1] == stem[-2]:  # a doubled consonant: "planned" -> "plann" -> "plan"
                forms.add(stem[:-1])
    return forms


def tells_a_deed(content: str) -> bool:
    """Whether the content says someone did something: a word of attack, destruction, command or
    responsibility ("blew up", "shelled", "sabotage", "was behind", "responsible for")."""
    return any(_lemmas(word) & ACCUSATION_PREDICATES for word in _WORD.findall(content.lower()))


def agent_identity(entity: NamedEntity) -> str:
    """One key per actor: its id when the entity resolved to one (merges and aliases followed),
    else its folded name ("Palestinian" and "Palestine" share one)."""
    if entity.actor_id is not None:
        return f"actor:{entity.actor_id}"
    return f"name:{actor_key(entity.text)}"


def claim_agents(content: str, entities: Iterable[NamedEntity], *, negative: bool = False) -> frozenset[str]:
    """The agents the claim names for the deed it reports (see the module docstring); none when it
    reports no deed. `negative`: the claim denies, disputes or doubts, so a negated name is the
    agent it is about."""
    if not tells_a_deed(content):
        return frozenset()
    found = set()
    for entity in entities:
        if entity.label not in AGENT_LABELS or not 0 <= entity.start < entity.end <= len(content):
            continue
        before = content[: entity.start]
        if _NEGATED_BEFORE.search(before):
            continue
        if not negative and _NEGATED_AFTER.search(content[entity.end :]):
            continue
        if _BY_AGENT.search(before) or _CLAUSE_START.search(before):
            found.add(agent_identity(entity))
    return frozenset(found)


_ENTITIES = """
SELECT c.id, c.content, s.speaks_for_id,
       e.text, e.label, e.start - c.content_start, e."end" - c.content_start, e.actor_id
FROM claims_claim c
LEFT JOIN claims_actor s ON s.id = c.speaker_id
LEFT JOIN claims_claimentity e ON e.claim_id = c.id
WHERE c.id = ANY(%s)
ORDER BY c.id, e.start
"""


def claims_with_agents(stories: Mapping[int, Sequence[LinkClaim]]) -> dict[int, list[LinkClaim]]:
    """The stories' claims with their agents and whom their speakers speak for filled in (one query
    for all of them)."""
    ids = [claim.id for claims in stories.values() for claim in claims]
    content: dict[int, str] = {}
    speaks_for: dict[int, int | None] = {}
    entities: dict[int, list[NamedEntity]] = {}
    with connection.cursor() as cursor:
        cursor.execute(_ENTITIES, [ids])
        for claim_id, text, principal, entity_text, label, start, end, actor_id in cursor.fetchall():
            content[claim_id] = text
            speaks_for[claim_id] = principal
            found = entities.setdefault(claim_id, [])
            if entity_text is not None:
                found.append(NamedEntity(entity_text, label, start, end, actor_id))
    return {
        story: [
            dataclasses.replace(
                c,
                agents=claim_agents(content[c.id], entities[c.id], negative=c.negative),
                speaks_for_id=speaks_for[c.id],
            )
            if c.id in content
            else c
            for c in claims
        ]
        for story, claims in stories.items()
    }
