import pytest

from claims.crossref import candidates


@pytest.fixture(autouse=True)
def fresh_common_words():
    """Each test counts the corpus's common words from its own data, not a cache another test filled."""
    candidates._common_cache = None
    yield
    candidates._common_cache = None
