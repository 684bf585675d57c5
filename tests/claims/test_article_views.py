"""The article pages that show claims: the marked-up text and the list with claim counts."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from claims.models import Claim
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_article_text_is_always_shown_as_text(client: Client) -> None:
    text = 'The minister said that <script>alert("owned")</script> would pass & <b>more</b>.'
    article = ArticleFactory(text=text, title="<i>Title</i>")
    ClaimFactory(article=article)  # its content covers the script tag

    html = client.get(reverse("article-detail", args=[article.pk])).content.decode()
    assert "<script>alert" not in html
    assert "<b>more</b>" not in html and "<i>Title</i>" not in html
    assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in html


def test_every_claim_is_highlighted_focusable_and_described_by_speaker_cue_and_stance(client: Client) -> None:
    text = "Kyiv said that it was not involved. Moscow warned that it would respond."
    article = ArticleFactory(text=text)
    kyiv, moscow = ActorFactory(name="Kyiv"), ActorFactory(name="Moscow")
    first = ClaimFactory(
        article=article, speaker=kyiv, speaker_mention="Kyiv", speaker_start=0, speaker_end=4,
        cue="said", cue_start=5, cue_end=9, content="that it was not involved", content_start=10, content_end=34,
        sentence_start=0, sentence_end=35, stance=Claim.Stance.DENIES,
    )  # fmt: skip
    second = ClaimFactory(
        article=article, speaker=moscow, speaker_mention="Moscow", speaker_start=36, speaker_end=42,
        cue="warned", cue_start=43, cue_end=49, content="that it would respond", content_start=50, content_end=71,
        sentence_start=36, sentence_end=72, stance=Claim.Stance.THREATENS,
    )  # fmt: skip
    ClaimFactory(
        article=article, speaker=moscow, cue="warned", cue_start=43, cue_end=49, content="it would respond",
        content_start=55, content_end=71, sentence_start=36, sentence_end=72,
        review_status=Claim.ReviewStatus.REJECTED,
    )  # fmt: skip

    response = client.get(reverse("article-detail", args=[article.pk]))
    html = response.content.decode()
    for claim, colour in ((first, 0), (second, 1)):
        assert (
            f'<mark class="claim sp-{colour}" id="claim-mark-{claim.pk}" tabindex="0" data-claim="{claim.pk}" '
            f'aria-describedby="claim-tip-{claim.pk}">{claim.content}</mark>'
        ) in html
        assert f'id="claim-tip-{claim.pk}"' in html
    assert html.count('tabindex="0"') == 2  # the rejected claim is not marked
    assert '<span class="speaker sp-0">Kyiv</span> <span class="cue sp-0">said</span>' in html
    tip = html.split(f'id="claim-tip-{second.pk}"', 1)[1].split("</div>", 1)[0]
    assert "Moscow" in tip and "warned" in tip and "Threatens" in tip


def test_overlapping_claims_still_render_all_the_text_once(client: Client) -> None:
    article = ArticleFactory(text="The minister said that the budget would pass quickly.")
    ClaimFactory(article=article, content="that the budget would pass", content_start=18, content_end=44)
    ClaimFactory(article=article, content="the budget would pass quickly", content_start=23, content_end=52)

    html = client.get(reverse("article-detail", args=[article.pk])).content.decode()
    body = html.split('<div class="article-text">', 1)[1].split("</div>", 1)[0]
    assert re.sub(r"<[^>]+>", "", body) == article.text
    assert body.count("<mark") == 3  # two claims, the second split where the first ends


def test_article_list_filters_by_status(client: Client) -> None:
    failed = ArticleFactory(status=Article.Status.FAILED, error="boom")
    ArticleFactory(status=Article.Status.DONE)

    response = client.get(reverse("article-list"), {"status": "failed"})
    assert [a.pk for a in response.context["page"].object_list] == [failed.pk]
    assert len(client.get(reverse("article-list")).context["page"].object_list) == 2


@pytest.mark.parametrize("rows", [3, 30])
def test_article_list_runs_a_fixed_number_of_queries(client: Client, django_assert_num_queries, rows: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rows):
        ClaimFactory()  # each with its own article and outlet
    with django_assert_num_queries(2):
        response = client.get(reverse("article-list"))
    assert len(response.context["page"].object_list) == rows
