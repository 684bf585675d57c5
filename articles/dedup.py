"""Telling that two articles are the same: canonical URLs and near-duplicate text fingerprints.

Near-duplicates use MinHash over word shingles: the share of shingles two texts have in common
(their Jaccard similarity) is estimated by the share of equal signature values. Signatures are cut
into bands; two articles whose band hashes meet are candidates, found through a GIN index on the
bands, and the signatures then decide. A wire story with a few words changed scores far above a
different story on the same topic (tests/articles/test_dedup.py measures both).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

# Query parameters that say how a reader arrived, not which page they read.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "cmpid",
        "ocid",
        "ito",
        "at_medium",
        "at_campaign",
        "ns_source",
        "ns_mchannel",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
        "rss",
        "ref_src",
        "smid",
    }
)
TRACKING_PREFIXES = ("utm_", "at_", "ns_", "mc_", "pk_", "hsa_")
_DEFAULT_PORTS = {"http": 80, "https": 443}

SHINGLE_WORDS = 4
SIGNATURE_SIZE = 128
BAND_ROWS = 4  # 32 bands of 4: a pair at similarity 0.6 meets in some band with probability 0.99
NEAR_DUPLICATE_THRESHOLD = 0.6
# Below this a changed word or two swings the similarity wildly: short texts are deduplicated
# by their exact hash only.
MIN_WORDS_FOR_NEAR_DUPLICATES = 40
_WORD = re.compile(r"\w+")
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no credentials, default port, fragment or
    tracking parameters, no trailing slash (except the root), query parameters sorted."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    # No user name or password: they are credentials, never stored or shown, and not part of the page.
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMETERS and not key.lower().startswith(TRACKING_PREFIXES)
    )
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def _hash64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


# Fixed salts, derived rather than drawn at random so stored signatures stay comparable forever.
_SALTS = np.array([_hash64(f"minhash-salt-{i}".encode()) for i in range(SIGNATURE_SIZE)], dtype=np.uint64)


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a cheap, well-spread 64-bit hash of each value."""
    z = values.copy()
    z ^= z >> np.uint64(30)
    z *= np.uint64(0xBF58476D1CE4E5B9)
    z ^= z >> np.uint64(27)
    z *= np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return z & _MASK64


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.casefold())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def minhash_signature(text: str) -> list[int]:
    """SIGNATURE_SIZE signed 64-bit values (PostgreSQL bigint); empty for texts too short to compare."""
    if len(_WORD.findall(text)) < MIN_WORDS_FOR_NEAR_DUPLICATES:
        return []
    items = shingles(text)
    hashes = np.array([_hash64(item.encode("utf-8")) for item in items], dtype=np.uint64)
    with np.errstate(over="ignore"):
        mixed = _mix(hashes[:, None] ^ _SALTS[None, :])
    return [int(v) for v in mixed.min(axis=0).view(np.int64)]


def signature_bands(signature: list[int]) -> list[int]:
    """One hash per band of BAND_ROWS values, tagged with the band's position."""
    bands = []
    for start in range(0, len(signature), BAND_ROWS):
        rows = signature[start : start + BAND_ROWS]
        data = start.to_bytes(2, "little") + b"".join(v.to_bytes(8, "little", signed=True) for v in rows)
        bands.append(int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True))
    return bands


def estimated_similarity(first: list[int], second: list[int]) -> float:
    if not first or len(first) != len(second):
        return 0.0
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def exact_similarity(first: str, second: str) -> float:
    """The exact shingle similarity (for tests and diagnostics; MinHash estimates it)."""
    a, b = shingles(first), shingles(second)
    return len(a & b) / len(a | b) if a | b else 0.0
