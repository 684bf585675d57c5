"""A small labelled set for cross-referencing: short articles written for this project, each claim
marked with the event it is about. Several outlets cover the same events; other articles are about
unrelated events (some sharing actors and words with the first) that must stay apart.

Each claim sentence reads "<speaker mention> <cue> <content>."; `about` lists names inside the
content (what the engine's entity step would report), as `surface` or `surface=Canonical Name`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class LabelledClaim:
    event: str
    speaker: str  # canonical actor name
    mention: str
    cue: str
    content: str
    stance: str = "asserts"
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class LabelledArticle:
    title: str
    outlet: str
    published: datetime
    parts: tuple[str | LabelledClaim, ...]


def day(d: int, hour: int = 9) -> datetime:
    return datetime(2023, 5, d, hour, tzinfo=UTC)


C = LabelledClaim

# Canonical actors and their aliases, as the seed list would carry them.
ACTORS = [
    {"name": "Kremlin", "kind": "government", "aliases": ["the Kremlin", "Russian presidency", "Kremlin spokesman"]},
    {"name": "Russia", "kind": "country", "aliases": ["Russian Federation", "Moscow"]},
    {"name": "Ukraine", "kind": "country", "aliases": ["Kyiv"]},
    {"name": "Vladimir Putin", "kind": "person", "aliases": ["Putin", "President Putin"]},
    {"name": "Volodymyr Zelensky", "kind": "person", "aliases": ["Zelensky", "Zelenskyy"]},
    {"name": "Dmitry Peskov", "kind": "person", "aliases": ["Peskov"]},
    {"name": "Mykhailo Podolyak", "kind": "person", "aliases": ["Podolyak"]},
]

ARTICLES: list[LabelledArticle] = [
    LabelledArticle(
        "Drones downed over the Kremlin, Moscow says",
        "Moscow Wire",
        day(3, 14),
        (
            "MOSCOW: Two drones were brought down over the Kremlin overnight.",
            C(
                "kremlin-drones",
                "Kremlin",
                "The Kremlin",
                "said",
                "Ukraine had tried to strike the residence of President Putin with two drones",
                about=("Ukraine", "Putin=Vladimir Putin"),
            ),
            C(
                "kremlin-drones",
                "Dmitry Peskov",
                "Spokesman Dmitry Peskov",
                "called",
                "the drone attack on the Kremlin a planned terrorist act against the president",
                about=("Kremlin",),
            ),
            C(
                "kremlin-drones",
                "Russia",
                "Russia",
                "said",
                "it reserved the right to retaliate for the attack on the Kremlin",
                stance="threatens",
                about=("Kremlin",),
            ),
        ),
    ),
    LabelledArticle(
        "Kyiv rejects Kremlin drone accusation",
        "Kyiv Daily",
        day(3, 18),
        (
            "KYIV: Ukrainian officials reacted within hours to the accusation from Moscow.",
            C(
                "kremlin-drones",
                "Volodymyr Zelensky",
                "Volodymyr Zelensky",
                "denied",
                "that Ukraine attacked the Kremlin or Putin with drones",
                stance="denies",
                about=("Ukraine", "Kremlin", "Putin=Vladimir Putin"),
            ),
            C(
                "kremlin-drones",
                "Mykhailo Podolyak",
                "Adviser Mykhailo Podolyak",
                "said",
                "the Kremlin drone story was staged by Russia to justify new strikes",
                stance="disputes",
                about=("Kremlin", "Russia"),
            ),
        ),
    ),
    LabelledArticle(
        "Washington cautious over Kremlin drone claims",
        "Atlantic Ledger",
        day(4, 10),
        (
            "WASHINGTON: The White House responded carefully to the events in Moscow.",
            C(
                "kremlin-drones",
                "United States",
                "The State Department",
                "said",
                "it could not verify the Russian claim that Ukraine sent drones against the Kremlin",
                stance="doubts",
                about=("Ukraine", "Kremlin"),
            ),
            C(
                "kremlin-drones",
                "Kremlin",
                "The Kremlin",
                "repeated",
                "that Ukraine had tried to strike the residence of President Putin with drones",
                about=("Ukraine", "Putin=Vladimir Putin"),
            ),
        ),
    ),
    LabelledArticle(
        "Missiles hit Odesa grain terminal",
        "Black Sea Post",
        day(5, 8),
        (
            "ODESA: Firefighters worked through the night at the port.",
            C(
                "odesa-port",
                "Oleh Kiper",
                "Governor Oleh Kiper",
                "said",
                "Russian missiles hit the grain terminal in the port of Odesa and wounded three dock workers",
                about=("Odesa",),
            ),
            C(
                "odesa-port",
                "Ukrainian Navy",
                "The Ukrainian navy",
                "said",
                "two cruise missiles struck grain silos at the Odesa port terminal",
                about=("Odesa",),
            ),
            C(
                "odesa-port",
                "Ukraine",
                "Ukraine",
                "said",
                "the strike on the Odesa port was meant to choke grain exports",
                about=("Odesa",),
            ),
            "The attack came two days after the incident in Moscow.",
            # A look back at another event inside this article: it belongs to that event's story.
            C(
                "kremlin-drones",
                "Dmitry Peskov",
                "Kremlin spokesman Dmitry Peskov",
                "repeated",
                "that the drone attack on the Kremlin would not go unanswered",
                stance="threatens",
                about=("Kremlin",),
            ),
        ),
    ),
    LabelledArticle(
        "Moscow says port strike hit military target",
        "Moscow Wire",
        day(5, 16),
        (
            "MOSCOW: The defence ministry gave its own account of the night.",
            C(
                "odesa-port",
                "Russian Defence Ministry",
                "The Russian defence ministry",
                "said",
                "its missiles hit a military depot in the port of Odesa, not grain silos",
                stance="disputes",
                about=("Odesa",),
            ),
            C(
                "odesa-port",
                "Ukraine",
                "Ukraine",
                "denied",
                "that any weapons were stored at the Odesa grain terminal",
                stance="denies",
                about=("Odesa",),
            ),
        ),
    ),
    LabelledArticle(
        "Opposition rejects Valdoria election result",
        "Valdoria Today",
        day(4, 20),
        (
            "VALDORIA: Crowds gathered outside the electoral commission on Thursday night.",
            C(
                "valdoria-election",
                "Central Election Commission",
                "The Central Election Commission",
                "said",
                "the Union for Progress won the parliamentary election with 54 percent of the vote",
                about=("Union for Progress",),
            ),
            C(
                "valdoria-election",
                "Anna Petrescu",
                "Opposition leader Anna Petrescu",
                "said",
                "the parliamentary election was rigged and demanded a recount of the vote",
                stance="disputes",
            ),
        ),
    ),
    LabelledArticle(
        "Valdoria ruling party claims victory",
        "Eastern Monitor",
        day(5, 11),
        (
            "Observers arrived in the capital on Friday.",
            C(
                "valdoria-election",
                "Mihai Dorin",
                "Prime Minister Mihai Dorin",
                "said",
                "the Union for Progress had won a fair election and the vote count was final",
                about=("Union for Progress",),
            ),
            C(
                "valdoria-election",
                "Anna Petrescu",
                "Anna Petrescu",
                "insisted",
                "the election was rigged and thousands of ballots were forged",
                stance="disputes",
            ),
            C(
                "valdoria-election",
                "OSCE",
                "Election observers from the OSCE",
                "said",
                "the vote count in several districts showed serious irregularities",
                stance="doubts",
            ),
        ),
    ),
    LabelledArticle(
        "Norland presidential vote heads to a runoff",
        "Nordic Observer",
        day(5, 9),
        (
            "Voters in Norland will return to the polls in two weeks.",
            C(
                "norland-runoff",
                "Norland Election Council",
                "The Norland Election Council",
                "said",
                "no candidate won more than half of the vote in the presidential election",
            ),
            C(
                "norland-runoff",
                "Erik Sand",
                "Challenger Erik Sand",
                "said",
                "the vote count was slow but the presidential runoff would be fair",
            ),
        ),
    ),
    LabelledArticle(
        "European Central Bank raises rates again",
        "Finance Daily",
        day(4, 12),
        (
            "FRANKFURT: Markets had expected the move.",
            C(
                "ecb-rates",
                "European Central Bank",
                "The European Central Bank",
                "said",
                "it raised its main interest rate by a quarter point to fight inflation",
            ),
            C(
                "ecb-rates",
                "Christine Lagarde",
                "President Christine Lagarde",
                "said",
                "inflation in the euro area remained too high for too long",
            ),
        ),
    ),
    LabelledArticle(
        "Drones hit refinery in Ryazan region",
        "Moscow Wire",
        day(12, 9),
        (
            "RYAZAN: A fire broke out at the refinery before dawn.",
            C(
                "ryazan-refinery",
                "Pavel Malkov",
                "Governor Pavel Malkov",
                "said",
                "drones set fire to a fuel tank at the oil refinery near Ryazan",
                about=("Ryazan",),
            ),
            C(
                "ryazan-refinery",
                "Russian Defence Ministry",
                "The Russian defence ministry",
                "said",
                "air defences destroyed eight Ukrainian drones over the Ryazan region",
                about=("Ryazan",),
            ),
        ),
    ),
    LabelledArticle(
        "Heatwave grips southern Spain",
        "Iberian News",
        day(4, 7),
        (
            "SEVILLE: Temperatures climbed again on Thursday.",
            C(
                "spain-heat",
                "AEMET",
                "The weather agency AEMET",
                "said",
                "temperatures in Seville would pass 40 degrees for a third day",
                about=("Seville",),
            ),
        ),
    ),
]


def load_labelled_set(articles: list[LabelledArticle] = ARTICLES) -> dict[int, str]:
    """Store the articles and their claims; returns each claim's gold event by claim id."""
    from claims.services import SeedActor, actor_resolve, actors_seed
    from tests.factories import ArticleFactory, OutletFactory, claim_at

    actors_seed(entries=[SeedActor.from_json(entry) for entry in ACTORS])
    outlets: dict[str, object] = {}
    gold: dict[int, str] = {}
    for item in articles:
        pieces, placed = [], []
        offset = 0
        for part in item.parts:
            if isinstance(part, str):
                sentence = part
            else:
                sentence = f"{part.mention} {part.cue} {part.content}."
                placed.append((offset, part))
            pieces.append(sentence)
            offset += len(sentence) + 1
        text = " ".join(pieces)
        if item.outlet not in outlets:
            outlets[item.outlet] = OutletFactory(name=item.outlet)
        article = ArticleFactory(text=text, title=item.title, outlet=outlets[item.outlet], published_at=item.published)
        for start, claim in placed:
            cue_start = start + len(claim.mention) + 1
            content_start = cue_start + len(claim.cue) + 1
            about = []
            for entry in claim.about:
                surface, _, canonical = entry.partition("=")
                about.append((surface, actor_resolve(name=canonical or surface)))
            made = claim_at(
                article,
                speaker=actor_resolve(name=claim.speaker),
                speaker_span=(start, start + len(claim.mention)),
                cue_span=(cue_start, cue_start + len(claim.cue)),
                content_span=(content_start, content_start + len(claim.content)),
                stance=claim.stance,
                about=tuple(about),
            )
            gold[made.pk] = claim.event
    return gold


@dataclass(frozen=True)
class PairScores:
    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int


def pairwise_scores(gold: dict[int, str], predicted: dict[int, int | None]) -> PairScores:
    """Precision and recall over claim pairs: a pair is positive when both claims share a story
    (predicted) or an event (gold). A claim in no story pairs with nothing."""
    ids = sorted(gold)
    true_pairs = predicted_pairs = both = 0
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            same_gold = gold[a] == gold[b]
            same_story = predicted.get(a) is not None and predicted.get(a) == predicted.get(b)
            true_pairs += same_gold
            predicted_pairs += same_story
            both += same_gold and same_story
    return PairScores(
        precision=both / predicted_pairs if predicted_pairs else 1.0,
        recall=both / true_pairs if true_pairs else 1.0,
        true_pairs=true_pairs,
        predicted_pairs=predicted_pairs,
    )
