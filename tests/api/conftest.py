from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def fresh_throttle_buckets(request: pytest.FixtureRequest) -> Iterator[None]:
    """Throttle counters live in the cache (a database table by default): each test starts with a full budget."""
    request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    for cache in (caches["default"], caches["shared"]):
        cache.clear()
    yield
    for cache in (caches["default"], caches["shared"]):
        cache.clear()


def make_user(username: str, *groups: str, staff: bool = False) -> User:
    user = User.objects.create_user(username=username, password="pw-" + username, is_staff=staff)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


@pytest.fixture
def analyst(db: None) -> User:
    return make_user("ana", "analyst")


@pytest.fixture
def editor(db: None) -> User:
    return make_user("eddie", "editor")


def token_client(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def anonymous_client() -> APIClient:
    return APIClient()


@pytest.fixture
def analyst_client(analyst: User) -> APIClient:
    return token_client(analyst)


@pytest.fixture
def editor_client(editor: User) -> APIClient:
    return token_client(editor)
