"""Long claim lists: the count stops at a cap."""

import pytest
from django.urls import reverse

from claims import pagination
from claims.models import Claim
from claims.pagination import CappedCountPaginator
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_cap(monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 4)


def test_the_count_stops_at_the_cap_and_says_so():
    ClaimFactory.create_batch(6)
    paginator = CappedCountPaginator(Claim.objects.order_by("id"), 2)
    assert paginator.count == 5 and paginator.count_is_capped
    assert paginator.num_pages == 2  # the pages within the cap
    assert [c.pk for c in paginator.page(2)] == list(Claim.objects.order_by("id").values_list("pk", flat=True))[2:4]


def test_below_the_cap_the_count_is_exact():
    ClaimFactory.create_batch(3)
    paginator = CappedCountPaginator(Claim.objects.order_by("id"), 2)
    assert (paginator.count, paginator.count_is_capped, paginator.num_pages) == (3, False, 2)


def test_the_claims_page_says_more_than_the_cap(client, monkeypatch):
    monkeypatch.setattr("claims.views.COUNT_CAP", 4)
    ClaimFactory.create_batch(6)
    html = client.get(reverse("claim-list")).content.decode()
    assert "More than 4 claims" in html
