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


# Adjectives of nationality and the country they fold to, so that "Israeli army" and "Israel's
# army" share a key. General knowledge, not a list of any article's actors.
DEMONYMS = {
    "afghan": "afghanistan",
    "algerian": "algeria",
    "american": "us",
    "argentine": "argentina",
    "argentinian": "argentina",
    "armenian": "armenia",
    "australian": "australia",
    "austrian": "austria",
    "azerbaijani": "azerbaijan",
    "belarusian": "belarus",
    "belgian": "belgium",
    "brazilian": "brazil",
    "british": "uk",
    "bulgarian": "bulgaria",
    "canadian": "canada",
    "chilean": "chile",
    "chinese": "china",
    "colombian": "colombia",
    "croatian": "croatia",
    "cuban": "cuba",
    "czech": "czech republic",
    "danish": "denmark",
    "dutch": "netherlands",
    "egyptian": "egypt",
    "emirati": "uae",
    "estonian": "estonia",
    "ethiopian": "ethiopia",
    "european": "europe",
    "filipino": "philippines",
    "finnish": "finland",
    "french": "france",
    "georgian": "georgia",
    "german": "germany",
    "greek": "greece",
    "hungarian": "hungary",
    "indian": "india",
    "indonesian": "indonesia",
    "iranian": "iran",
    "iraqi": "iraq",
    "irish": "ireland",
    "israeli": "israel",
    "italian": "italy",
    "japanese": "japan",
    "jordanian": "jordan",
    "kazakh": "kazakhstan",
    "kenyan": "kenya",
    "latvian": "latvia",
    "lebanese": "lebanon",
    "libyan": "libya",
    "lithuanian": "lithuania",
    "malaysian": "malaysia",
    "mexican": "mexico",
    "moldovan": "moldova",
    "moroccan": "morocco",
    "nigerian": "nigeria",
    "north korean": "north korea",
    "norwegian": "norway",
    "pakistani": "pakistan",
    "palestinian": "palestine",
    "peruvian": "peru",
    "polish": "poland",
    "portuguese": "portugal",
    "qatari": "qatar",
    "romanian": "romania",
    "russian": "russia",
    "saudi": "saudi arabia",
    "serbian": "serbia",
    "slovak": "slovakia",
    "south african": "south africa",
    "south korean": "south korea",
    "spanish": "spain",
    "sudanese": "sudan",
    "swedish": "sweden",
    "swiss": "switzerland",
    "syrian": "syria",
    "taiwanese": "taiwan",
    "thai": "thailand",
    "tunisian": "tunisia",
    "turkish": "turkey",
    "ukrainian": "ukraine",
    "venezuelan": "venezuela",
    "vietnamese": "vietnam",
    "yemeni": "yemen",
}
# Heads that name one institution in several words: "army", "military", "armed forces" and
# "defense forces" of a country are its military.
_HEAD_SYNONYMS = (
    (re.compile(r"\b(?:armed forces|defen[cs]e forces|army|military)\b"), "military"),
    (re.compile(r"\bdefense\b"), "defence"),
)
_TITLE_WORDS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "prime",
        "minister",
        "sen",
        "rep",
        "gov",
        "senator",
        "governor",
        "secretary",
        "chancellor",
        "gen",
        "general",
        "adm",
        "admiral",
        "rear",
        "col",
        "colonel",
        "lt",
        "sgt",
        "judge",
        "justice",
        "mayor",
    ]
)


def fold_spelling(word: str) -> str:
    """Fold transliteration variants of one word: Zelenskiy/Zelenskyy/Zelensky, Serhiy/Sergiy,
    Kharkiv/Harkiv, Dmitriy/Dmitry. Used on keys only, never shown."""
    word = word.replace("kh", "h").replace("ph", "f").replace("g", "h").replace("y", "i")
    # ii (from iy, yy) and doubled consonants; not doubled vowels: "Moody" is not "Modi".
    word = re.sub(r"([^aeou])\1+", r"\1", word)
    return word


def actor_key(name: str) -> str:
    """A looser key than normalize_name, for joining spellings of one actor across articles.

    Leading titles and middle initials go, nationality adjectives become their country,
    synonymous institution heads one word, and each word is folded for transliteration:
    "Dmitry S. Peskov" and "Dmitriy Peskov", "the Israeli army" and "Israel's military",
    "Volodymyr Zelenskiy" and "Volodymyr Zelenskyy" share a key.
    """
    key = normalize_name(name)
    for adjective, country in DEMONYMS.items():
        if adjective in key:
            key = re.sub(rf"\b{adjective}\b", country, key)
    for pattern, replacement in _HEAD_SYNONYMS:
        key = pattern.sub(replacement, key)
    words = key.split()
    while len(words) > 1 and words[0] in _TITLE_WORDS:
        words = words[1:]
    if len(words) > 2:  # middle initials: "dmitry s peskov"
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(fold_spelling(w) for w in words)


def person_names_agree(a: str, b: str) -> bool:
    """Two person keys (actor_key) name the same person: one surname, and the given names of the
    shorter are initials or words of the longer ("peskov" ~ "dmitri peskov", "taiip erdohan" ~
    "recep taiip erdohan"); "john smith" and "jane smith" do not."""
    wa, wb = a.split(), b.split()
    if not wa or not wb or wa[-1] != wb[-1]:
        return False
    short, long = sorted((wa[:-1], wb[:-1]), key=len)
    return all(any(_same_given_name(w, x) for x in long) for w in short)


def _same_given_name(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))
