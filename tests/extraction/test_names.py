import pytest

from claims.extraction import normalize_name


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The Kremlin", "kremlin"),
        ("the Kremlin's", "kremlin"),
        ("Zelenskyy’s", "zelenskyy"),
        ("U.S.", "us"),
        ("US", "us"),
        ("  José   Ñúñez ", "jose nunez"),
        ("The New York Post", "new york post"),
        ("Washington, D.C.", "washington dc"),
        ("Other", "other"),
        ("Theresa May", "theresa may"),
    ],
)
def test_normalize_name(name, key):
    assert normalize_name(name) == key
