"""Name keys: one spelling per actor name, for alias lookups and unique keys."""

from __future__ import annotations

import re
import unicodedata

_POSSESSIVE = re.compile(r"['\u2019]s\b")
_PUNCT = re.compile(r"[^\w\s]")
_LEADING_THE = re.compile(r"^the\s+")


def normalize_name(name: str) -> str:
    """Fold a name to its lookup key: "The Kremlin's" -> "kremlin", "U.S." -> "us".

    Case folded, diacritics stripped, possessive 's and a leading "the" dropped, dots of
    initialisms removed, other punctuation turned into spaces, whitespace collapsed.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    text = _POSSESSIVE.sub("", text)
    # Dots inside initialisms ("u.s.", "u.k.") go away so they match the bare form ("us").
    text = re.sub(r"\b(\w)\.(?=\w\.?)", r"\1", text)
    text = _PUNCT.sub(" ", text)
    text = " ".join(text.split())
    return _LEADING_THE.sub("", text)
