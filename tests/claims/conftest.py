import pytest

from claims import crossref


@pytest.fixture(autouse=True)
def fresh_common_words():
    """Each test counts the corpus's common words from its own data, not a cache another test filled."""
    crossref._common_cache = None
    yield
    crossref._common_cache = None
