"""The seed article's claims as the gold file gives them (offsets into
articles/samples/kremlin-drone-report.txt), with what each claim is about."""

from __future__ import annotations

from articles.models import Article
from claims.models import Claim
from claims.services import SeedActor, actor_resolve, actors_seed
from tests.factories import ArticleFactory, claim_at

SEED_ACTORS = [
    {"name": "Kremlin", "kind": "government", "aliases": ["the Kremlin", "Russian presidency"]},
    {"name": "Russia", "kind": "country", "aliases": ["Moscow"]},
    {"name": "Vladimir Putin", "kind": "person", "aliases": ["Putin", "President Putin"]},
    {"name": "Volodymyr Zelensky", "kind": "person", "aliases": ["Zelensky"]},
]

# speaker, speaker span, cue span, content span, stance, kind, names inside the content
GOLD = {
    "zelensky_denial": ("Volodymyr Zelensky", (10, 28), (56, 67), (68, 130), "denies", "indirect", ("Kremlin",)),
    "russia_assassination": ("Russia", (138, 144), (145, 151), (152, 199), "asserts", "indirect", ("Vladimir Putin",)),
    "zelensky_quote": ("Volodymyr Zelensky", (304, 306), (307, 315), (202, 302), "asserts", "direct",
                       ("Moscow", "Putin")),
    "kremlin_drones_down": ("Kremlin", (361, 368), (407, 415), (416, 459), "asserts", "indirect", ()),
    "kremlin_threat": ("Kremlin", (461, 463), (464, 474), (475, 531), "threatens", "indirect", ()),
    "kremlin_targeted": ("Kremlin", (917, 939), (904, 916), (838, 901), "asserts", "direct",
                         ("Kremlin", "Vladimir Putin", "Ukraine")),
    "kremlin_terrorist_act": ("Kremlin", (941, 946), (947, 953), (958, 1031), "asserts", "direct", ()),
    "officials_putin_away": ("Russian officials", (1113, 1122), (1100, 1112), (1033, 1098), "asserts", "indirect",
                             ("Putin",)),
    "officials_neutralised": ("Russian officials", (1124, 1127), (1133, 1140), (1146, 1245), "asserts", "indirect",
                              ()),
    "ukraine_dispute": ("Ukraine", (1256, 1263), (1264, 1270), (1276, 1350), "disputes", "indirect", ("Russia",)),
    "us_doubt": ("United States", (1356, 1362), (1363, 1367), (1373, 1419), "doubts", "indirect", ("Russia",)),
    "podolyak_provocation": ("Mykhailo Podolyak", (2594, 2626), (2581, 2593), (2628, 2725), "asserts", "mixed",
                             ("Russia", "Ukraine")),
    "podolyak_counterproductive": ("Mykhailo Podolyak", (2772, 2789), (2759, 2771), (2791, 2895), "asserts",
                                   "indirect", ("Ukraine", "Russia")),
}  # fmt: skip


def seed_article_with_gold_claims(text: str) -> tuple[Article, dict[str, Claim]]:
    actors_seed(entries=[SeedActor.from_json(entry) for entry in SEED_ACTORS])
    article = ArticleFactory(text=text, title="Kremlin drone report")
    claims = {}
    for key, (speaker, speaker_span, cue_span, content_span, stance, kind, about) in GOLD.items():
        claims[key] = claim_at(
            article,
            speaker=actor_resolve(name=speaker),
            speaker_span=speaker_span,
            cue_span=cue_span,
            content_span=content_span,
            stance=stance,
            kind=kind,
            about=tuple((name, actor_resolve(name=name)) for name in about),
        )
    return article, claims
