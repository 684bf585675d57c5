"""Links by proposition: which claims of one story say the same thing, and which deny what another
asserts. Pure functions over plain dataclasses; no database access.

Two claims are about the same proposition when their content words match once the words of
denial, negation and reporting are set aside ("Ukraine had no connection to the crash" and "Ukraine
had a hand in the crash" are about one thing), or when a denial names whom it answers, or is
answered by a claim naming its speaker (a denial with little content, "It is all a lie", denies the
accusations aimed at its speaker). Polarity decides the relation: a claim that denies, disputes or
doubts is negative, any other positive. The same polarity agrees (`same` for one speaker, else
`supports`), opposite polarities contradict (the negative claim is the source).

Words cannot tell rival accounts of one deed from agreeing ones ("Norland troops blew up the bridge",
"deliberate sabotage by Ostland"), so the agents a claim names for the deed it reports
(claims.crossref.agents) decide where they are known: two assertions naming different agents
compete (contradict) when one of the agents is disputed in the story (some claim denies that it
did it); a denial contradicts an assertion naming the agent it denies, and does not answer one
naming another; an assertion setting an agent aside ("militants, not the Norland army, did it")
contradicts the account naming that agent; two assertions naming the same agents in different
articles agree even when worded apart. Whom a speaker answers for (its `voice`: itself, whom it
speaks for, their country) completes them: a bare denial ("The Kremlin denies the accusations")
denies the deeds of its voice; a denial of an accuser's account sides with blaming the accuser and
answers whoever speaks for the accuser; an assertion of the accused side answers the accusation
against it (contradicts); two speakers answering for one actor or country are one side and never
contradict each other.

Each claim is linked to its few best partners of each polarity (PARTNERS_CONTRADICTING,
PARTNERS_AGREEING, and apart from those AGENT_PARTNERS_CONTRADICTING, AGENT_PARTNERS_AGREEING for
links decided by agents), not to every claim of the other side: every extra link is a chance to
be wrong.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from typing import Literal

# Stances that take a proposition as false or unproven.
NEGATIVE_STANCES = frozenset({"denies", "disputes", "doubts"})

# Stemmed (PostgreSQL english) words that say how something is claimed, not what: denial and
# negation words, reporting verbs and vague nouns. Set aside before comparing propositions.
FRAMING_WORDS = frozenset(
    """
    said say says told tell accord report claim statement also would could may might one thing time
    accus alleg deni deny lie fals absurd ludicr fabric baseless groundless rumour rumor specul
    nonsens complet absolut utter involv noth anyth part respons role connect categor firm reject
    insist suggest version account
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# Two claims of the same polarity in different articles agree from this similarity on (two
# speakers must say nearly the same thing: alike words about one event are often rival accounts)...
AGREE_THRESHOLD = 0.40
# ...and from this lower one for one speaker: a speaker retelling its account in another outlet
# rewords it more than two speakers echo each other on a fact.
SAME_SPEAKER_AGREE_THRESHOLD = 0.15
# Claims of opposite polarity contradict from this similarity on...
CONTRADICT_THRESHOLD = 0.25
# ...when the assertion has at least this many proposition words: one or two ("the blast", "the
# raid a crime") are mostly the event's name, which a denial of anything about it shares (measured:
# 2 and 3 both drop wrong links only, 4 drops right ones)...
CONTRADICTED_MIN_WORDS = 3
# ...or when one names the other's speaker (see relation_between), whatever the words.
NAMED_SCORE = 0.45
NAMED_ACCUSER_MIN_SIMILARITY = 0.15
# After a name, the words that make it the source of what a denial answers ("Russia's baseless
# accusations", "the US claim"); a PostgreSQL regular expression, matched case-insensitively.
ACCUSER_PATTERN = r"^(['’]s)?\s+(\w+\s+)?(accusation|allegation|claim|charge|version|account|assertion|suggestion)s?\M"
# How many partners of each kind a claim keeps, the best first: an accusation answered by several
# camps, or restated by several outlets, is linked to a few of them, not to every claim alike.
PARTNERS_CONTRADICTING = 3
PARTNERS_AGREEING = 2
# One speaker's denials within one story deny one thing, however they are worded.
SAME_SPEAKER_DENIALS_SCORE = 0.50
# Links decided by the agents of a deed (see relation_between): the score of competing accounts
# and of a denial against the assertion of the agent it denies...
AGENT_CONTRADICT_SCORE = 0.35
# ...of two assertions naming the same agents (plus a tenth of their similarity, which must be
# at least AGENT_AGREE_MIN_SIMILARITY: one word of the deed in common)...
AGENT_AGREE_SCORE = 0.30
AGENT_AGREE_MIN_SIMILARITY = 0.10
# An assertion of the accused side's own account contradicts the accusation from this similarity
# on (one word of the event in common; see _answers). Measured 0.10 to 0.40: 0.20 is best on
# contradicting links, and from any of them an accusation and its answer no longer agree by words.
ACCUSED_ANSWER_MIN_SIMILARITY = 0.20
# ...and how many of them each claim keeps, apart from the links decided by words.
AGENT_PARTNERS_CONTRADICTING = 3
AGENT_PARTNERS_AGREEING = 1


@dataclass(frozen=True)
class LinkClaim:
    """What linking needs to know about one claim."""

    id: int
    article_id: int
    speaker_id: int | None
    stance: str
    words: frozenset[str]  # stemmed content words
    named: frozenset[int]  # actors the content names
    accusers: frozenset[int] = frozenset()  # actors named as the source of what it answers
    agents: frozenset[str] = frozenset()  # who it says did the deed it reports (claims.crossref.agents)
    rejected: frozenset[str] = frozenset()  # whom an assertion says did not do it ("X, not Y, did it")
    by_itself: bool = False  # it says the thing happened of itself ("the bridge fell on its own")
    speaks_for_id: int | None = None  # whom its speaker speaks for (Actor.speaks_for)
    voice: frozenset[str] = frozenset()  # agents its speaker answers for (claims.crossref.agents)

    @cached_property
    def negative(self) -> bool:
        return self.stance in NEGATIVE_STANCES

    @cached_property
    def proposition(self) -> frozenset[str]:
        return self.words - FRAMING_WORDS

    @cached_property
    def denied_agents(self) -> frozenset[str]:
        """For a negative claim, the agents whose deed it denies (not its accusers: "Kyiv's
        accusation that Russian troops ..." denies Russia's deed, not Kyiv's). A bare denial, naming
        no agent of its own ("the Kremlin denies the accusations"), denies the deeds of whom its
        speaker answers for (`voice`: itself, whom it speaks for, their country)."""
        return self.named_denied_agents or self.voice

    @cached_property
    def named_denied_agents(self) -> frozenset[str]:
        """The agents a negative claim names for the deed it denies, its accusers set aside; none
        for a bare denial ("the Kremlin denies the accusations", "It is all a lie")."""
        return self.agents - self.accuser_agents

    @cached_property
    def accuser_agents(self) -> frozenset[str]:
        return frozenset(f"actor:{actor}" for actor in self.accusers)


@dataclass(frozen=True, slots=True)
class SuggestedLink:
    source_id: int
    target_id: int
    relation: str  # same | supports | contradicts
    score: float
    by_agents: bool = False  # decided by the agents of a deed, not by words (not stored)


def proposition_similarity(a: LinkClaim, b: LinkClaim) -> float:
    """Dice over the two claims' content words, framing words set aside."""
    left, right = a.proposition, b.proposition
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


def _by_agents(
    a: LinkClaim, b: LinkClaim, similarity: float, disputed: frozenset[str]
) -> SuggestedLink | Literal[False] | None:
    """The link the agents of a deed call for; None when they rule a link out; False when they
    leave it to the words (agents unknown on a side, one speaker, not plain assertions, or words
    alike enough to agree on their own)."""
    if one_voice(a, b):
        return False
    low, high = (a.id, b.id) if a.id < b.id else (b.id, a.id)
    for itself, other in ((a, b), (b, a)) if a.by_itself or b.by_itself else ():
        if itself.by_itself and itself.stance == "asserts" and not itself.agents:
            if other.negative and other.named_denied_agents:
                return None  # "X did not blow it up" and "it fell on its own": one side
            if other.stance == "asserts" and other.agents & disputed:
                # "it fell on its own" against "X blew it up", where someone denies X did it.
                return SuggestedLink(itself.id, other.id, "contradicts", AGENT_CONTRADICT_SCORE, by_agents=True)
    if a.negative != b.negative:
        negative, positive = (a, b) if a.negative else (b, a)
        denied = negative.denied_agents
        if denied & positive.rejected and positive.stance == "asserts":
            # "X was not responsible" and "militants, not X, did it": one account of X's part.
            return SuggestedLink(low, high, "supports", AGENT_AGREE_SCORE, by_agents=True)
        if not denied or not positive.agents or positive.stance != "asserts":
            return False
        if positive.agents <= negative.accuser_agents:
            # "Ostland denies the Norland account" and "a Norland strike hit the depot":
            # rejecting A's account and blaming A are one side.
            return SuggestedLink(low, high, "supports", AGENT_AGREE_SCORE, by_agents=True)
        if denied & positive.agents:
            score = max(similarity, AGENT_CONTRADICT_SCORE)
            return SuggestedLink(negative.id, positive.id, "contradicts", round(min(score, 1.0), 4), by_agents=True)
        if not negative.named_denied_agents:
            return False  # who a bare denial answers for did not do it here: the words decide
        return None  # denying that X did it does not answer "Y did it"
    if not a.negative and not b.negative and a.stance == b.stance == "asserts" and (a.agents or b.agents):
        for account, other in ((a, b), (b, a)):
            if account.rejected & other.agents:
                # "Ostland militants, not the Norland army, did it" against "a Norland strike hit it".
                return SuggestedLink(account.id, other.id, "contradicts", AGENT_CONTRADICT_SCORE, by_agents=True)
        for accusation, answer in ((a, b), (b, a)):
            if _answers(answer, accusation) and similarity >= ACCUSED_ANSWER_MIN_SIMILARITY:
                return SuggestedLink(answer.id, accusation.id, "contradicts", AGENT_CONTRADICT_SCORE, by_agents=True)
    if not a.agents or not b.agents:
        return False
    if a.negative or a.stance != "asserts" or b.stance != "asserts":
        return False
    if not a.agents & b.agents:
        if (a.agents | b.agents) & disputed:
            # Rival accounts: the later claim contradicts the earlier one.
            return SuggestedLink(high, low, "contradicts", AGENT_CONTRADICT_SCORE, by_agents=True)
        return False
    if (
        a.agents == b.agents
        and a.article_id != b.article_id
        and AGENT_AGREE_MIN_SIMILARITY <= similarity < AGREE_THRESHOLD
    ):
        score = round(AGENT_AGREE_SCORE + similarity / 10, 4)
        return SuggestedLink(low, high, "supports", score, by_agents=True)
    return False


def _answers(answer: LinkClaim, accusation: LinkClaim) -> bool:
    """Whether `answer` is the accused side's own account of what `accusation` blames it for: the
    accusation names as agent whom the answer's speaker answers for ("Norland troops blew up the
    bridge"; Norland's spokesman, for its government: "the Ostland leadership would have to answer
    for the consequences"), not its own side (an admission), and the answer does not blame its own side
    or the same agents."""
    return bool(
        accusation.agents & answer.voice
        and not accusation.agents & accusation.voice
        and not answer.agents & (answer.voice | accusation.agents)
    )


def one_voice(a: LinkClaim, b: LinkClaim) -> bool:
    """One speaker, or a spokesperson and whom they speak for: they never contradict each other."""
    if a.speaker_id is None or b.speaker_id is None:
        return False
    return a.speaker_id == b.speaker_id or a.speaks_for_id == b.speaker_id or b.speaks_for_id == a.speaker_id


def one_side(a: LinkClaim, b: LinkClaim) -> bool:
    """Two speakers answering for one actor (`voice`: one principal, or one country: the Kremlin
    and Russia's foreign ministry, Israel's military and its spokesman, the White House and the
    Pentagon): what one side's voices say of one event are parts of one account, not a dispute.
    Where they seem to contradict, the reading is wrong (a denial extracted with the accusation it
    answers, "Kyiv's accusation that Russian troops ..." against a Russian account)."""
    return bool(a.voice & b.voice)


@dataclass(frozen=True)
class StoryContext:
    """What deciding one pair reads of the story around it, besides the two claims: `disputed`, the
    agents the story's negative claims deny; `accusations`, per agent, the words of the story's
    assertions naming it as the agent of a deed (see accusation_words). A rule that reads more of
    the story adds it here: LinkMemory reuses a decision only under an equal context."""

    disputed: frozenset[str] = frozenset()
    accusations: Mapping[str, frozenset[str]] = field(default_factory=dict)


def story_context(claims: Iterable[LinkClaim]) -> StoryContext:
    every = list(claims)
    # Only what denials name is disputed: a bare denial answers for its speaker's side, which is
    # not evidence that the side's deed is in dispute in the story.
    disputed = frozenset(agent for claim in every if claim.negative for agent in claim.named_denied_agents)
    return StoryContext(disputed=disputed, accusations=accusation_words(every))


def relation_between(a: LinkClaim, b: LinkClaim, context: StoryContext = StoryContext()) -> SuggestedLink | None:
    """The link two claims of one story call for, if any (unordered; see links_by_proposition).
    A pure function of its arguments: LinkMemory relies on it."""
    similarity = proposition_similarity(a, b)
    same_speaker = a.speaker_id is not None and a.speaker_id == b.speaker_id
    decided = _by_agents(a, b, similarity, context.disputed)
    link = decided if decided is not False else _by_words(a, b, similarity, same_speaker, context.accusations)
    if link is not None and link.relation == "contradicts" and one_side(a, b):
        return None
    return link


def accusation_words(claims: Iterable[LinkClaim]) -> dict[str, frozenset[str]]:
    """Per agent, the proposition words of the assertions naming it as the agent of a deed: what
    the story accuses it of ("Norland troops blew up the bridge": bridge, blown, troops for Norland)."""
    words: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        if claim.stance == "asserts":
            for agent in claim.agents:
                words[agent] |= claim.proposition
    return {agent: frozenset(found) for agent, found in words.items()}


def _tells_the_accusation(answer: LinkClaim, denial: LinkClaim, accusations: Mapping[str, frozenset[str]]) -> bool:
    """Whether a claim of the accuser's side is part of the account a denial rejects ("denies the
    Norland account"): it blames the denier's side, or shares a word with what the story accuses
    that side of ("the shell's casing" after "a stray shell of X's hit it"), not another
    thing the accuser says ("Ostland inflated the casualty figures")."""
    side = denial.voice
    if answer.agents & side:
        return True
    return any(answer.proposition & accusations.get(agent, frozenset()) for agent in side)


def _by_words(
    a: LinkClaim,
    b: LinkClaim,
    similarity: float,
    same_speaker: bool,
    accusations: Mapping[str, frozenset[str]],
) -> SuggestedLink | None:
    if a.negative == b.negative:
        if a.article_id == b.article_id:
            return None  # an article restating itself is not news
        if a.negative and same_speaker:
            similarity = max(similarity, SAME_SPEAKER_DENIALS_SCORE)
        if similarity < (SAME_SPEAKER_AGREE_THRESHOLD if same_speaker else AGREE_THRESHOLD):
            return None
        low, high = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        relation = "same" if same_speaker else "supports"
        return SuggestedLink(low, high, relation, round(similarity, 4))
    if one_voice(a, b):
        return None
    negative, positive = (a, b) if a.negative else (b, a)
    # An accusation aimed at the denier, or a denial naming its accuser ("Russia's accusations are
    # a cover"). A denial naming the other speaker otherwise may name the accused ("that Putin
    # ordered it"): that counts only with some words in common too.
    accused = negative.speaker_id is not None and negative.speaker_id in positive.named
    names_other = positive.speaker_id is not None and positive.speaker_id in negative.named
    # A denial naming its accuser ("Norland's accusations are a cover") answers the accuser's claims.
    # "Ostland denies the Norland account" also answers whoever gives that account for Norland: its
    # military, its spokesman, its government (the positive speaker's voice), but only in what they
    # say of the denier's side, not their other claims ("the casualty figures are inflated" is no
    # part of "the Norland account" of who hit the depot).
    names_accuser = (positive.speaker_id is not None and positive.speaker_id in negative.accusers) or (
        positive.stance == "asserts"
        and bool(negative.accuser_agents & positive.voice)
        and _tells_the_accusation(positive, negative, accusations)
    )
    if accused or names_accuser or (names_other and similarity >= NAMED_ACCUSER_MIN_SIMILARITY):
        similarity = max(similarity, NAMED_SCORE)
    if similarity < CONTRADICT_THRESHOLD:
        return None
    if len(positive.proposition) < CONTRADICTED_MIN_WORDS and not (accused or names_accuser or names_other):
        return None  # "the blast": the event's name, which every claim about it shares
    return SuggestedLink(negative.id, positive.id, "contradicts", round(min(similarity, 1.0), 4))


def _candidate_pairs(claims: list[LinkClaim], touching: set[int] | None = None) -> set[tuple[int, int]]:
    """Index pairs worth comparing: sharing a proposition word, one naming the other's speaker, one
    speaker's two negative claims, two claims naming agents of a deed (or a denial and a claim
    naming agents), or a denial naming its accuser and a claim of whoever answers for the accuser.
    The others cannot reach a threshold (an accusation and its answer share a word:
    ACCUSED_ANSWER_MIN_SIMILARITY). `touching`: only the pairs with an end among these indexes."""
    by_word: dict[str, list[int]] = defaultdict(list)
    by_speaker: dict[int, list[int]] = defaultdict(list)
    by_named: dict[int, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        for word in claim.proposition:
            by_word[word].append(index)
        if claim.speaker_id is not None:
            by_speaker[claim.speaker_id].append(index)
        for actor in claim.named:
            by_named[actor].append(index)
    pairs: set[tuple[int, int]] = set()

    def add_all(group: list[int]) -> None:
        # groups list indexes in increasing order: combinations gives (low, high)
        if touching is None:
            pairs.update(combinations(group, 2))
            return
        ends = [index for index in group if index in touching]
        pairs.update(combinations(ends, 2))
        pairs.update((min(end, other), max(end, other)) for end in ends for other in group if other not in touching)

    def add(found: Iterable[tuple[int, int]]) -> None:
        pairs.update(found if touching is None else (p for p in found if p[0] in touching or p[1] in touching))

    for group in by_word.values():
        add_all(group)
    for speaker, group in by_speaker.items():
        add_all([i for i in group if claims[i].negative])
        add((min(a, b), max(a, b)) for a in group for b in by_named.get(speaker, ()) if a != b)
    add_all(
        [
            index
            for index, claim in enumerate(claims)
            if claim.agents or claim.rejected or claim.by_itself or (claim.negative and claim.denied_agents)
        ]
    )
    # A denial naming its accuser and whoever answers for that accuser (see _by_words).
    by_voice: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        for voice in claim.voice:
            by_voice[voice].append(index)
    for index, claim in enumerate(claims):
        if claim.negative:
            for accuser in claim.accuser_agents:
                add((min(index, other), max(index, other)) for other in by_voice.get(accuser, ()) if other != index)
    return pairs


class LinkMemory:
    """The pair decisions of the stories this process linked last (at most `stories` of them), so
    that linking a story again after an article arrives decides only the pairs with a new or
    changed claim: a 200-claim story has about 20,000 candidate pairs, an article brings a few
    hundred. Exact: relation_between is a pure function of the two claims and the StoryContext, so
    a decision is reused only for two claims equal (every field) to those it was made for, under an
    equal context; a story whose context changed is decided whole again."""

    def __init__(self, *, stories: int) -> None:
        self.stories = stories
        self._decided: OrderedDict[int, tuple[dict[int, LinkClaim], StoryContext, list[SuggestedLink]]] = OrderedDict()

    def recall(self, story_id: int, context: StoryContext) -> tuple[dict[int, LinkClaim], list[SuggestedLink]]:
        """The claims last decided in the story and the links their pairs called for (none if the
        context differs)."""
        claims, remembered_context, links = self._decided.get(story_id, ({}, context, []))
        if remembered_context != context:
            return {}, []
        return claims, links

    def remember(
        self, story_id: int, claims: list[LinkClaim], context: StoryContext, links: list[SuggestedLink]
    ) -> None:
        self._decided[story_id] = ({claim.id: claim for claim in claims}, context, links)
        self._decided.move_to_end(story_id)
        while len(self._decided) > self.stories:
            self._decided.popitem(last=False)


def links_by_proposition(
    *, claims: Iterable[LinkClaim], memory: LinkMemory | None = None, story_id: int | None = None
) -> list[SuggestedLink]:
    """The links within one story's claims: for each claim, its few best agreeing and contradicting
    partners. A function of the claims alone, so the links do not depend on the order
    the articles came in, and running again gives the same links. With a `memory` (and the
    story's id) the pairs decided in its last run are not decided again: the same links."""
    every = sorted(claims, key=lambda c: c.id)
    context = story_context(every)
    decided: list[SuggestedLink] = []
    touching = None
    if memory is not None and story_id is not None:
        known, known_links = memory.recall(story_id, context)
        unchanged = {claim.id for claim in every if known.get(claim.id) == claim}
        # a pair's candidacy, like its decision, depends on its two claims alone
        decided = [link for link in known_links if link.source_id in unchanged and link.target_id in unchanged]
        touching = {index for index, claim in enumerate(every) if claim.id not in unchanged}
    for a, b in _candidate_pairs(every, touching):
        link = relation_between(every[a], every[b], context)
        if link is not None:
            decided.append(link)
    if memory is not None and story_id is not None:
        memory.remember(story_id, every, context, decided)
    return _best_partners(decided)


def _best_partners(links: Iterable[SuggestedLink]) -> list[SuggestedLink]:
    """Each claim's few best links of each kind (contradicting or not, decided by agents or by
    words): in one pass over the links from the best down, a link is kept while either of its
    claims has fewer than its kind's number. Ties go to the older pair, so the choice is the same
    every time."""
    ranked = sorted(
        links,
        key=lambda link: (link.score, -min(link.source_id, link.target_id), -max(link.source_id, link.target_id)),
        reverse=True,
    )
    kept: dict[tuple[int, bool, bool], int] = defaultdict(int)
    chosen = []
    for link in ranked:
        contradicts = link.relation == "contradicts"
        if link.by_agents:
            keep = AGENT_PARTNERS_CONTRADICTING if contradicts else AGENT_PARTNERS_AGREEING
        else:
            keep = PARTNERS_CONTRADICTING if contradicts else PARTNERS_AGREEING
        source, target = (link.source_id, contradicts, link.by_agents), (link.target_id, contradicts, link.by_agents)
        if kept[source] < keep or kept[target] < keep:
            chosen.append(link)
        kept[source] += 1
        kept[target] += 1
    return sorted(chosen, key=lambda link: (link.source_id, link.target_id, link.relation))
