"""The model's rule components with what they decide per token remembered: the same annotations
for a fraction of the CPU.

The attribute ruler (tag map, morphology and lemma exceptions).
spaCy's AttributeRuler runs a Matcher of the model's rules over every token of every doc; in
en_core_web_sm most rules carry `IN` and `NOT_IN` predicates that the Matcher evaluates in Python
token by token, about 9 ms per news article, an eighth of the whole model. But whether a one-token
rule matches a token depends only on the token's text, tag and dependency label (the only things
those rules read: `MemoizedAttributeRuler` checks), and a news text repeats the same few thousand
(text, tag, label) triples. So each new triple is matched once, by spaCy's own Matcher on a
one-token probe doc, and remembered; rules over several tokens run on the doc as before. The
matches, their order and the annotations set from them are exactly the ruler's
(tests/extraction/test_memoized_components.py compares them on real articles).

The lemmatizer. spaCy's rule lemmatizer is a function of the token's text, part of speech and
morphology (its own cache's key), but it looks each token up in Python, and caches only the words
its rules change: a base form (most nouns) goes through the morphology each time, about 2 ms per
article. `MemoizedLemmatizer` reads the three from the doc's arrays, asks spaCy's lemmatizer once
per new triple and writes the lemmas back in one array.
"""

from __future__ import annotations

from typing import Any, cast

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

RULER_FACTORY = "claims_attribute_ruler"
LEMMATIZER_FACTORY = "claims_lemmatizer"
# Token attributes a one-token rule may read for its match to be remembered by (text, tag, label):
# those derived from the text alone, and the tag and the label themselves.
_DETERMINED_BY_KEY = frozenset({"ORTH", "TEXT", "LOWER", "IS_SPACE", "TAG", "DEP"})
# Distinct triples remembered by each component; past it its memory starts again.
MEMORY_LIMIT = 200_000

Match = tuple[int, int, int, int]  # what AttributeRuler.match gives: (rule index, match id, start, end)


class MemoizedAttributeRuler(AttributeRuler):
    """AttributeRuler whose one-token rules are matched once per (text, tag, label)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._split: tuple[Matcher, Matcher] | None = None
        self._memory: dict[tuple[int, int, int], tuple[tuple[int, int], ...]] = {}

    # Every change of the rules goes through these: the split matchers and the memory start again.
    def add(self, *args: Any, **kwargs: Any) -> None:
        super().add(*args, **kwargs)
        self._forget()

    def clear(self) -> None:
        super().clear()
        self._forget()

    def _forget(self) -> None:
        self._split = None
        self._memory = {}

    def match(self, doc: Doc) -> list[Match]:
        split = self._split_rules()
        if split is None:
            return super().match(doc)
        one_token, longer = split
        keys = [tuple(row) for row in doc.to_array(["ORTH", "TAG", "DEP"]).tolist()]
        memory = self._remember(doc, keys, one_token)
        matches = [(rule, match_id, i, i + 1) for i, key in enumerate(keys) for rule, match_id in memory[key]]
        matches += [
            (int(self.vocab.strings[match_id]), match_id, start, end)
            for match_id, start, end in longer(doc, allow_missing=True, as_spans=False)
        ]
        matches.sort()
        return matches

    def _remember(
        self, doc: Doc, keys: list[tuple[int, int, int]], one_token: Matcher
    ) -> dict[tuple[int, int, int], tuple[tuple[int, int], ...]]:
        """Match the one-token rules on a probe doc of the triples not seen yet, one token each;
        returns the memory, which then holds every triple of the doc."""
        if len(self._memory) > MEMORY_LIMIT:
            self._memory = {}  # before looking: the doc's triples all go into the new memory
        memory = self._memory
        new: dict[tuple[int, int, int], int] = {}
        for i, key in enumerate(keys):
            if key not in memory and key not in new:
                new[key] = i
        if not new:
            return memory
        tokens = [doc[i] for i in new.values()]
        probe = Doc(self.vocab, words=[token.text for token in tokens], spaces=[False] * len(tokens))
        for token, copy in zip(tokens, probe, strict=True):
            copy.tag = token.tag
            copy.dep = token.dep
        found: list[list[tuple[int, int]]] = [[] for _ in tokens]
        for match_id, start, _ in one_token(probe, allow_missing=True, as_spans=False):
            found[start].append((int(self.vocab.strings[match_id]), match_id))
        for key, matched in zip(new, found, strict=True):
            memory[key] = tuple(matched)
        return memory

    def _split_rules(self) -> tuple[Matcher, Matcher] | None:
        """The rules in two matchers, one-token and longer, under the ruler's own match ids; None
        when a one-token rule reads more than the text, tag and label (then nothing is remembered)."""
        if self._split is None:
            one_token, longer = Matcher(self.vocab), Matcher(self.vocab)
            for rule in range(len(self.attrs)):
                key = str(rule)
                patterns = self.matcher.get(key)[1]
                short = [p for p in patterns if len(p) == 1]
                if not all(_read_by(p[0]) <= _DETERMINED_BY_KEY for p in short):
                    return None
                if short:
                    one_token.add(key, short)
                long = [p for p in patterns if len(p) != 1]
                if any("OP" in token for p in long for token in p):
                    return None  # it could match one token too, which the full matcher would count once
                if long:
                    longer.add(key, long)
            self._split = (one_token, longer)
        return self._split


def _read_by(token_pattern: dict[str, Any]) -> set[str]:
    """The token attributes one token's pattern reads (and "OP", which is none of the key's)."""
    return {name.upper() for name in token_pattern}


@Language.factory(
    RULER_FACTORY,
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_memoized_attribute_ruler(nlp: Language, name: str, validate: bool, scorer: Any) -> MemoizedAttributeRuler:
    return MemoizedAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


class MemoizedLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer, asked once per (text, part of speech, morphology)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._memory: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule":
            return super().__call__(doc)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        if len(self._memory) > MEMORY_LIMIT:
            self._memory = {}
        memory, strings = self._memory, self.vocab.strings
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma == 0 or self.overwrite:  # a lemma the attribute ruler set stays, as in spaCy's
                key = (orth, pos, morph)
                found = memory.get(key)
                if found is None:
                    found = memory[key] = strings.add(self.lemmatize(doc[i])[0])
                lemmas[i] = found
        doc.from_array([LEMMA], cast(Any, lemmas.reshape(-1, 1)))
        return doc


@Language.factory(
    LEMMATIZER_FACTORY,
    default_config={
        "model": None,
        "mode": "rule",
        "overwrite": False,
        "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"},
    },
)
def make_memoized_lemmatizer(
    nlp: Language, model: Any, name: str, mode: str, overwrite: bool, scorer: Any
) -> MemoizedLemmatizer:
    return MemoizedLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


def pipeline_memoize(nlp: Language) -> None:
    """Replace the pipeline's attribute ruler and English rule lemmatizer with their memoized
    forms, with the same rules and tables; any other component stays."""
    components = dict(nlp.pipeline)
    ruler = components.get("attribute_ruler")
    if type(ruler) is AttributeRuler:
        rules = ruler.patterns
        cast(AttributeRuler, nlp.replace_pipe("attribute_ruler", RULER_FACTORY)).add_patterns(rules)
    lemmatizer = components.get("lemmatizer")
    if type(lemmatizer) is EnglishLemmatizer and lemmatizer.mode == "rule":
        config = {"mode": lemmatizer.mode, "overwrite": lemmatizer.overwrite}
        memoized = cast(MemoizedLemmatizer, nlp.replace_pipe("lemmatizer", LEMMATIZER_FACTORY, config=config))
        memoized.initialize(lookups=lemmatizer.lookups)
