"""A phrase search's pages check the phrase only on the rows walked for the page
(claims.selectors.claim_lists._phrase_pages): the same claims, in the same order, as the phrase
query, on real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from claims.filters import phrase_words
from claims.models import Claim
from claims.pagination import CappedCountPaginator
from claims.selectors import claim_selection
from tests.api.conftest import make_user, token_client
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

_days = itertools.count()


def claim(content: str, **fields: object) -> Claim:
    day = dt.datetime(2024, 1, 1, 12, tzinfo=dt.UTC) + dt.timedelta(days=next(_days) % 40)
    return ClaimFactory(article=ArticleFactory(published_at=day, text=content), content=content, **fields)


@pytest.fixture
def corpus() -> dict[str, list[int]]:
    """Claims with the phrase, with both words apart or reversed (matched by the loosened words,
    not by the phrase), one rejected, and unrelated ones; dates repeat so the id breaks ties."""
    speaker = ActorFactory(name="Grid Operator")
    phrase = [claim(f"The power plant {i} was hit", speaker=speaker if i % 3 else None) for i in range(23)]
    apart = [claim(f"Power for the plant {i} failed") for i in range(9)] + [
        claim(f"The plant lost power {i}") for i in range(9)
    ]
    rejected = claim("The power plant was closed", review_status=Claim.ReviewStatus.REJECTED)
    for i in range(5):
        claim(f"Drones were seen {i}")
    return {"phrase": [c.pk for c in phrase], "apart": [c.pk for c in apart], "rejected": [rejected.pk]}


def page_ids(query: str, *, walk: bool) -> list[int]:
    params = QueryDict(query)
    selection = claim_selection(params=params)
    if walk:
        assert selection.rows is not None
    paginator = CappedCountPaginator(
        selection.queryset, 5, count=selection.count, rows=selection.rows if walk else None
    )
    return [c.pk for c in paginator.get_page(params.get("page")).object_list]


@pytest.mark.parametrize("sort", ["newest", "oldest", "found", "speaker", "confidence"])
@pytest.mark.parametrize("page", [1, 2, 5, 6])
@pytest.mark.parametrize("search", ['"power plant"', '"power plant" hit', '"the power plant"', '"plant power"'])
def test_the_walked_pages_are_the_phrase_querys_pages(corpus, sort: str, page: int, search: str) -> None:
    query = QueryDict(mutable=True)
    query.update({"q": search, "sort": sort, "page": str(page)})
    walked = page_ids(query.urlencode(), walk=True)
    assert walked == page_ids(query.urlencode(), walk=False)
    assert set(walked) <= set(corpus["phrase"])  # words apart or reversed are never shown
    if search != '"plant power"' and page <= 5:
        assert len(walked) == (5 if page < 5 else 3)


def test_every_phrase_match_is_on_a_page_once_newest_first(corpus) -> None:
    pages = [page_ids(f"q=%22power+plant%22&sort=newest&page={n}", walk=True) for n in range(1, 6)]
    shown = [pk for page in pages for pk in page]
    expected = Claim.objects.filter(pk__in=corpus["phrase"]).order_by("-article__published_at", "-id")
    assert shown == list(expected.values_list("pk", flat=True))


def test_only_phrases_and_plain_words_are_loosened() -> None:
    assert phrase_words('"power plant" hit') == " power plant  hit"
    assert phrase_words('-"power plant"') is None  # a loosened phrase under "not" would match fewer
    assert phrase_words('"power plant" -nuclear') is None
    assert phrase_words('"power plant" or dam') is None
    assert phrase_words("power plant") is None  # no phrase: nothing to check late


def test_the_list_page_and_the_api_show_the_phrase_matches(client: Client, corpus) -> None:
    expected = Claim.objects.filter(pk__in=corpus["phrase"]).order_by("article__published_at", "id")
    response = client.get(reverse("claim-list"), {"q": '"power plant"', "sort": "oldest"})
    assert response.context["selection"].rows is not None
    assert [c.pk for c in response.context["page"].object_list] == list(expected.values_list("pk", flat=True))
    assert "<mark>power</mark> <mark>plant</mark>" in response.content.decode()  # headlines still shown

    api = token_client(make_user("ana", "analyst"))
    rows = api.get("/api/v1/claims/", {"q": '"power plant"', "page_size": 100}).json()["results"]
    assert sorted(row["id"] for row in rows) == sorted(corpus["phrase"] + corpus["rejected"])  # the API lists all
