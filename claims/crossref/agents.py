"""Who a claim says did it: the agents of the deed a claim reports, read from the named entities
stored with the claim (ClaimEntity: text, label, offsets, actor) and the words around them.

"Norland troops blew up the bridge", "deliberate sabotage by Ostland", "the blast was caused by an
Ostland rocket", "Norland's purpose was ...": a claim tells a deed when it holds a word of
attack, destruction, command or responsibility (the engine's ACCUSATION_PREDICATES: blow, shell,
strike, sabotage, order, behind, responsible, cause ...), and its agents are the actors named
- first in a clause, alone or modifying its subject ("the Ukrainian leadership", "Russia's army",
  a title or two allowed before a name: "that President Vladimir Putin ordered ..."), when a deed
  word follows within the clause (the subject of another verb is not: "that Ostland, urged on by its
  allies, was escalating the war"; nor a relative clause's subject once the deed is told: "blown
  up from its engine room, which Norland troops held"),
- or after "by", "on the part of", "at the hands of" (a few words of the noun phrase may come
  between: "by a series of Ukrainian strikes").
A name negated ("not the Norland army", "Ostland could not have ...") is not an agent of an
assertion; in a denial ("that Norland was not responsible") it is the agent the denial is about; an
assertion setting it aside ("militants, not the Norland army, did it") rejects its deed
(`rejected_agents`).

Two accounts of one deed naming different agents compete ("Norland blew up the bridge" against
"sabotage by Ostland"); the same agent, the same account; a denial answers an assertion naming
the agent it denies. That is claims.crossref.propositions' business; this module only reads
agents, and whom a speaker answers for (speaker_voices: itself, whom it speaks for, their country),
which tells whose deed a bare denial ("The Kremlin denies the accusations") denies. The extraction
stored every entity with its offsets and actor, so a cross-referencing worker needs no parse (and
does not load spaCy).
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from django.db import connection

from claims.crossref.propositions import LinkClaim
from claims.extraction.lexicon import ACCUSATION_PREDICATES
from claims.extraction.names import DEMONYMS, actor_key, normalize_name
from claims.models import ActorKind

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
# Before a name an assertion sets aside: ", not the" ("militants in Ostland, not the Norland army, ...").
_SET_ASIDE_BEFORE = re.compile(r",\s+not\s+(?:(?:the|a|an)\s+)?$", re.IGNORECASE)
# Before a name: a negation ("not the Norland army", "no Ostland").
_NEGATED_BEFORE = re.compile(r"\b(?:not|no)\s+(?:(?:the|a|an)\s+)?$", re.IGNORECASE)
# After a name, within three words: a negation ("Ostland could not have", "Norland had no", "didn't").
_NEGATED_AFTER = re.compile(
    r"^(?:['’]s)?(?:\s+[\w'’-]+){0,3}?\s+(?:not|never|no)\b|^(?:\s+[\w'’-]+){0,3}?\s*n['’]t\b", re.IGNORECASE
)

# Before the subject of a relative clause: "which" or "who", then at most a determiner and two
# capitalised words (as _CLAUSE_START).
_RELATIVE_SUBJECT = re.compile(
    r"\b(?:which|whom)\s+(?:(?:the|a|an)\s+)?(?:(?-i:[A-Z][\w.'’-]*)\s+){0,2}$", re.IGNORECASE
)
# Words saying a thing happened with no one doing it.
_BY_ITSELF = re.compile(r"\b(?:on\s+its\s+own|by\s+itself|of\s+its\s+own\s+accord)\b", re.IGNORECASE)
# A subject is the agent when a deed word follows within this many words, before any punctuation.
DEED_WITHIN_WORDS = 8
_CLAUSE_STOP = re.compile(r"[,;:.!?()\u2014]")

# Words of a deed: the engine's predicates of an accusation, the words of destruction by
# explosives that are not accusations on their own ("Russian troops set off an explosion inside the
# structure", "detonated the structure", "the destruction of the bridge": who did it is the agent),
# and being to blame ("Ostland, not Norland, was to blame"; as the cue, "blamed" is outside the content).
DEED_WORDS = ACCUSATION_PREDICATES | {"detonate", "explode", "blame"}
# Inflected forms the suffix rules below miss (DEED_WORDS holds lemmas), and nouns of a deed.
_IRREGULAR = {
    "blew": "blow",
    "blown": "blow",
    "struck": "strike",
    "shot": "shoot",
    "led": "lead",
    "fought": "fight",
    "explosion": "explode",
    "explosions": "explode",
    "destruction": "destroy",
}
_SUFFIXES = (("ing", ""), ("ing", "e"), ("ied", "y"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", ""))
_WORD = re.compile(r"[a-z]+")


# Seats of government that stand for their country's government in the news ("the Kremlin
# denied", "the White House said"): general knowledge, not any article's actors.
SEATS_OF_GOVERNMENT = {
    "Kremlin": "Russia",
    "White House": "United States",
    "Pentagon": "United States",
    "Capitol Hill": "United States",
    "Downing Street": "United Kingdom",
    "Whitehall": "United Kingdom",
    "Elysee": "France",
    "Elysee Palace": "France",
    "Quai d'Orsay": "France",
    "Chancellery": "Germany",
    "Zhongnanhai": "China",
    "Blue House": "South Korea",
    "Bankova": "Ukraine",
    "Knesset": "Israel",
}
_SEAT_KEYS = {actor_key(seat): actor_key(country) for seat, country in SEATS_OF_GOVERNMENT.items()}
_SEAT_WORDS_AT_MOST = max(len(seat.split()) for seat in _SEAT_KEYS)
# Countries by their folded keys, as an entity naming one resolves to when no actor holds it.
_COUNTRY_KEYS = frozenset(actor_key(country) for country in DEMONYMS.values())


# Words of a public office: a person described with one after a country ("Ukrainian President
# Volodymyr Zelensky", "the Russian leader", "Russia's foreign ministry spokeswoman") answers for
# that country. Words that say they do not hold it for the country ("opposition leader", "former").
OFFICE_WORDS = frozenset(
    """president premier prime minister chancellor leader spokesman spokeswoman spokesperson
    ambassador envoy king queen secretary""".split()  # noqa: SIM905 - a word list reads better as text
)
NOT_IN_OFFICE_WORDS = frozenset("former ex opposition dissident exiled rebel".split())  # noqa: SIM905


def person_country_keys(description: str) -> list[str]:
    """The keys that may name the country a person serves, by how an article describes them: a
    country or its adjective first, then an office ("Ukrainian President Volodymyr Zelensky", "the
    Russian leader", "Russia's foreign ministry spokeswoman", "U.S. President Joe Biden"). None for
    a name alone, an office without a country ("European Council President Charles Michel" names
    no country), or one the person does not hold for it ("Russian dissident analyst",
    "Israeli opposition leader")."""
    words = set(normalize_name(description).split())
    if not words & OFFICE_WORDS or words & NOT_IN_OFFICE_WORDS:
        return []
    return country_keys(description)


def country_keys(name: str) -> list[str]:
    """The folded keys (actor_key) that may name the country an actor belongs to, by its name: a
    seat of government, alone or heading the name ("Kremlin" -> Russia, "White House National
    Security Council" -> United States), else the name's first two words and its first word
    ("Israel Defense Forces", "Russia's foreign ministry", "Saudi Arabia's foreign ministry",
    "Ukrainian military"; "Moscow" or "Russia" itself). Which of them is a country the stored
    actors decide (see claims_with_agents)."""
    key = actor_key(name)
    words = key.split()
    # A seat of government, alone or heading the name: "the White House National Security Council".
    for length in range(min(len(words), _SEAT_WORDS_AT_MOST), 0, -1):
        if " ".join(words[:length]) in _SEAT_KEYS:
            return [_SEAT_KEYS[" ".join(words[:length])]]
    return list(dict.fromkeys(" ".join(words[:length]) for length in (2, 1) if len(words) >= length))


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


# Claims share most of their words, and a story's are read again when a worker first links it.
@lru_cache(maxsize=65_536)
def _names_a_deed(word: str) -> bool:
    return not _lemmas(word).isdisjoint(DEED_WORDS)


def tells_a_deed(content: str) -> bool:
    """Whether the content says someone did something: a word of attack, destruction, command or
    responsibility ("blew up", "shelled", "sabotage", "was behind", "responsible for")."""
    return any(map(_names_a_deed, _WORD.findall(content.lower())))


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
        if _BY_AGENT.search(before) or (
            _CLAUSE_START.search(before) and _deed_follows(content[entity.end :]) and not _qualifies_a_told_deed(before)
        ):
            found.add(agent_identity(entity))
    return frozenset(found)


def rejected_agents(content: str, entities: Iterable[NamedEntity]) -> frozenset[str]:
    """The names an assertion of a deed sets aside ("gunmen in Ostland, not the Norland army, had
    attacked the depot", "Ostland, not Norland, was to blame"): it denies their deed in passing."""
    if not tells_a_deed(content):
        return frozenset()
    return frozenset(
        agent_identity(entity)
        for entity in entities
        if entity.label in AGENT_LABELS
        and 0 <= entity.start < entity.end <= len(content)
        and _SET_ASIDE_BEFORE.search(content[: entity.start])
    )


def happened_by_itself(content: str) -> bool:
    """Whether the claim says it happened of itself, no one doing it: "the bridge may have fallen
    on its own", "the bridge collapsed by itself", "of its own accord"."""
    return _BY_ITSELF.search(content) is not None


def _qualifies_a_told_deed(before: str) -> bool:
    """Whether the name opens a relative clause after the deed was told: "the ship was blown up
    from its engine room, which Norland troops held" describes the room, not who blew it up. A
    relative clause before any deed word may tell it ("the rocket, which Ostland fired, hit ...")."""
    relative = _RELATIVE_SUBJECT.search(before)
    return relative is not None and tells_a_deed(before[: relative.start()])


def _deed_follows(after: str) -> bool:
    """Whether the clause a subject opens tells the deed, within its first few words ("Russian
    troops had blown up", "Moscow's shelling wrecked"): the subject of another verb is no agent of
    the deed ("the engine room, which Russian troops had occupied, was blown up", "that Kyiv, urged
    on by its sponsors, was escalating the war")."""
    clause = _CLAUSE_STOP.split(after, maxsplit=1)[0]
    return any(map(_names_a_deed, _WORD.findall(clause.lower())[:DEED_WITHIN_WORDS]))


_ENTITIES = """
SELECT c.id, c.content, s.speaks_for_id, c.speaker_id, c.speaker_mention,
       e.text, e.label, e.start - c.content_start, e."end" - c.content_start, e.actor_id
FROM claims_claim c
LEFT JOIN claims_actor s ON s.id = c.speaker_id
LEFT JOIN claims_claimentity e ON e.claim_id = c.id
WHERE c.id = ANY(%s)
ORDER BY c.id, e.start
"""
# Whom each speaker speaks for, two steps up ("Dmitry Peskov" -> "Kremlin" -> ...), with names.
_VOICES = """
SELECT s.id, s.name, s.kind, f.id, f.name, f.kind, g.id, g.name, g.kind
FROM claims_actor s
LEFT JOIN claims_actor f ON f.id = s.speaks_for_id
LEFT JOIN claims_actor g ON g.id = f.speaks_for_id
WHERE s.id = ANY(%s)
"""
# The country actors some keys name, a key held by several countries naming none.
_COUNTRIES = """
SELECT al.loose_key, min(al.actor_id)
FROM claims_actoralias al JOIN claims_actor a ON a.id = al.actor_id
WHERE a.kind = %s AND a.merged_into_id IS NULL AND al.loose_key = ANY(%s)
GROUP BY al.loose_key HAVING count(DISTINCT al.actor_id) = 1
"""


# The names a person is stored under ("Russian President Vladimir Putin" as an alias).
_PERSON_ALIASES = """
SELECT actor_id, name FROM claims_actoralias WHERE actor_id = ANY(%s)
"""


def speaker_voices(
    speaker_ids: Iterable[int], descriptions: Mapping[int, Iterable[str]] | None = None
) -> dict[int, frozenset[str]]:
    """For each speaker, the agent identities it answers for: itself, whom it speaks for (two steps
    up: a spokesperson, their office), and the countries their names say they belong to (see
    country_keys): "the Kremlin" answers for Russia, "Dmitry Peskov" (speaking for the Kremlin) for
    the Kremlin and Russia, "Israel's military" for Israel. A person's name says nothing of their
    country; how they are described does (person_country_keys, over their stored aliases and
    `descriptions`, the mentions articles make of each speaker: "Ukrainian President Volodymyr
    Zelensky" answers for Ukraine), when every such description names one country."""
    descriptions = descriptions or {}
    chains: dict[int, list[int]] = {}
    keys: dict[int, list[list[str]]] = {}  # per actor, the keys of each of its names or descriptions
    persons: set[int] = set()
    with connection.cursor() as cursor:
        cursor.execute(_VOICES, [list(set(speaker_ids))])
        for row in cursor.fetchall():
            speaker = row[0]
            chains[speaker] = []
            for actor, name, kind in (row[0:3], row[3:6], row[6:9]):
                if actor is None:
                    continue
                chains[speaker].append(actor)
                if kind == ActorKind.PERSON:
                    persons.add(actor)
                    keys[actor] = [person_country_keys(text) for text in descriptions.get(actor, ())]
                else:
                    keys[actor] = [country_keys(name)]
        if persons:
            cursor.execute(_PERSON_ALIASES, [sorted(persons)])
            for actor, alias in cursor.fetchall():
                keys[actor].append(person_country_keys(alias))
        wanted = sorted({key for found in keys.values() for names in found for key in names})
        cursor.execute(_COUNTRIES, [ActorKind.COUNTRY, wanted])
        countries = dict(cursor.fetchall())

    def country(names: list[str]) -> str | None:
        for key in names:
            if key in countries:
                return f"actor:{countries[key]}"
            if key in _COUNTRY_KEYS:  # a country no stored actor holds
                return f"name:{key}"
        return None

    voices = {}
    for speaker, chain in chains.items():
        voice = set()
        for actor in chain:
            voice.add(f"actor:{actor}")
            found = {side for side in (country(names) for names in keys[actor]) if side is not None}
            if len(found) == 1:  # described as serving two countries: neither
                voice.update(found)
        voices[speaker] = frozenset(voice)
    return voices


class DeedReading(NamedTuple):
    agents: frozenset[str]
    rejected: frozenset[str]
    by_itself: bool


# A story's claims are read again each time an article joins it: what a claim says of a deed is a
# pure function of its content and entities, so it is read once per process (a few thousand claims).
@lru_cache(maxsize=20_000)
def _deed_reading(content: str, entities: tuple[NamedEntity, ...], negative: bool) -> DeedReading:
    return DeedReading(
        agents=claim_agents(content, entities, negative=negative),
        rejected=frozenset() if negative else rejected_agents(content, entities),
        by_itself=happened_by_itself(content),
    )


def claims_with_agents(stories: Mapping[int, Sequence[LinkClaim]]) -> dict[int, list[LinkClaim]]:
    """The stories' claims with their agents, whom their speakers speak for and whom they answer
    for (speaker_voices) filled in (two queries for all of them, and one for the countries)."""
    ids = [claim.id for claims in stories.values() for claim in claims]
    content: dict[int, str] = {}
    speaks_for: dict[int, int | None] = {}
    entities: dict[int, list[NamedEntity]] = {}
    descriptions: dict[int, set[str]] = defaultdict(set)  # how the stories' claims name each speaker
    with connection.cursor() as cursor:
        cursor.execute(_ENTITIES, [ids])
        for row in cursor.fetchall():
            claim_id, text, principal, speaker, mention, entity_text, label, start, end, actor_id = row
            content[claim_id] = text
            speaks_for[claim_id] = principal
            if speaker is not None and mention:
                descriptions[speaker].add(mention)
            found = entities.setdefault(claim_id, [])
            if entity_text is not None:
                found.append(NamedEntity(entity_text, label, start, end, actor_id))
    speakers = {c.speaker_id for claims in stories.values() for c in claims if c.speaker_id is not None}
    voices = speaker_voices(speakers, descriptions) if speakers else {}
    readings = {
        c.id: _deed_reading(content[c.id], tuple(entities[c.id]), c.negative)
        for claims in stories.values()
        for c in claims
        if c.id in content
    }
    return {
        story: [
            dataclasses.replace(
                c,
                agents=readings[c.id].agents,
                rejected=readings[c.id].rejected,
                by_itself=readings[c.id].by_itself,
                speaks_for_id=speaks_for[c.id],
                voice=voices.get(c.speaker_id, frozenset()) if c.speaker_id is not None else frozenset(),
            )
            if c.id in content
            else c
            for c in claims
        ]
        for story, claims in stories.items()
    }
