"""Linking with a memory of the pairs decided before gives the links linking from scratch gives,
deciding only the pairs an arrival changed."""

import random

import pytest

from claims.crossref import propositions
from claims.crossref.propositions import LinkClaim, LinkMemory, links_by_proposition

WORDS = [
    "bridge",
    "blown",
    "troops",
    "shell",
    "depot",
    "convoy",
    "dam",
    "flood",
    "border",
    "raid",
    "drone",
    "strike",
    "village",
    "harbour",
]
AGENTS = ["actor:1", "actor:2", "name:ostland", "name:norland"]


def random_claim(rng: random.Random, claim_id: int, article_id: int) -> LinkClaim:
    """A claim of a story about a few events: shared words, some denials, some naming agents."""
    stance = rng.choice(["asserts", "asserts", "asserts", "denies", "disputes", "doubts"])
    agents = frozenset(rng.sample(AGENTS, rng.choice([0, 0, 0, 1, 2])))
    return LinkClaim(
        id=claim_id,
        article_id=article_id,
        speaker_id=rng.choice([None, 10, 11, 12, 13, 14]),
        stance=stance,
        words=frozenset(rng.sample(WORDS, rng.randint(2, 6))),
        named=frozenset(rng.sample([10, 11, 12, 13], rng.choice([0, 0, 1]))),
        accusers=frozenset(rng.sample([10, 11], 1)) if stance != "asserts" and rng.random() < 0.2 else frozenset(),
        agents=agents,
        rejected=frozenset(rng.sample(AGENTS, 1)) if stance == "asserts" and rng.random() < 0.05 else frozenset(),
        by_itself=rng.random() < 0.05,
        voice=frozenset(rng.sample(AGENTS, rng.choice([0, 1]))),
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_links_with_the_memory_are_the_links_from_scratch_as_articles_arrive_change_and_leave(seed):
    rng = random.Random(seed)
    memory = LinkMemory(stories=4)
    story: dict[int, LinkClaim] = {}
    next_id = 1
    for article_id in range(1, 25):
        for _ in range(rng.randint(1, 6)):  # an article arrives
            story[next_id] = random_claim(rng, next_id, article_id)
            next_id += 1
        if article_id % 5 == 0:  # an editor corrects a claim: its words and stance change
            changed = rng.choice(sorted(story))
            story[changed] = random_claim(rng, changed, story[changed].article_id)
        if article_id % 7 == 0:  # a claim leaves the story (moved, or rejected)
            del story[rng.choice(sorted(story))]
        claims = list(story.values())
        rng.shuffle(claims)
        assert links_by_proposition(claims=claims, memory=memory, story_id=1) == links_by_proposition(claims=claims)


def count_decisions(monkeypatch):
    calls = []
    decide = propositions.relation_between

    def counting(*args, **kwargs):
        calls.append(args[:2])
        return decide(*args, **kwargs)

    monkeypatch.setattr(propositions, "relation_between", counting)
    return calls


def plain_story(count: int, *, start: int = 1) -> list[LinkClaim]:
    """Claims sharing the event's words, naming no agents: the story's context never changes."""
    return [
        LinkClaim(
            id=n,
            article_id=n // 4,
            speaker_id=10 + n % 5,
            stance="denies" if n % 6 == 0 else "asserts",
            words=frozenset({"bridge", "convoy", WORDS[n % len(WORDS)], f"word{n}"}),
            named=frozenset(),
        )
        for n in range(start, start + count)
    ]


def test_an_arrival_has_only_its_own_pairs_decided(monkeypatch):
    memory = LinkMemory(stories=4)
    before = plain_story(60)
    links_by_proposition(claims=before, memory=memory, story_id=7)
    calls = count_decisions(monkeypatch)
    arrived = plain_story(3, start=61)

    links = links_by_proposition(claims=before + arrived, memory=memory, story_id=7)

    new_ids = {claim.id for claim in arrived}
    assert calls, "the new claims' pairs are decided"
    assert all({a.id, b.id} & new_ids for a, b in calls)
    assert links == links_by_proposition(claims=before + arrived)


def test_a_changed_context_decides_the_whole_story_again(monkeypatch):
    memory = LinkMemory(stories=4)
    before = plain_story(30)
    links_by_proposition(claims=before, memory=memory, story_id=7)
    calls = count_decisions(monkeypatch)
    # a denial naming an agent: that agent is now disputed in the story, which any pair may read
    denial = LinkClaim(
        id=99, article_id=50, speaker_id=20, stance="denies", words=frozenset({"bridge"}), named=frozenset(),
        agents=frozenset({"name:ostland"}),
    )  # fmt: skip

    links = links_by_proposition(claims=[*before, denial], memory=memory, story_id=7)

    assert any(not ({a.id, b.id} & {99}) for a, b in calls), "pairs of claims that were there before decided again"
    assert links == links_by_proposition(claims=[*before, denial])


def test_the_memory_keeps_the_stories_linked_last():
    memory = LinkMemory(stories=2)
    claims = plain_story(10)
    for story_id in (1, 2, 3):
        links_by_proposition(claims=claims, memory=memory, story_id=story_id)
    context = propositions.story_context(claims)
    assert memory.recall(1, context) == ({}, [])
    remembered, links = memory.recall(3, context)
    assert set(remembered) == {claim.id for claim in claims}
    assert links
