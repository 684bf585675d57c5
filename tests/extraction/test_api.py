import pytest

from claims.extraction import (
    EXTRACTOR_VERSION,
    ModelNotFoundError,
    extract,
    extract_batch,
    load_pipeline,
)


def test_pipeline_is_loaded_once_with_the_engine_components(nlp):
    assert load_pipeline() is nlp
    assert {"claims_quotes", "claims_attributions", "claims_speakers"} <= set(nlp.pipe_names)


def test_unknown_model_names_itself():
    with pytest.raises(ModelNotFoundError, match="no_such_model_xyz"):
        load_pipeline("no_such_model_xyz")


def test_model_from_the_environment(monkeypatch):
    monkeypatch.setenv("SPACY_MODEL", "another_missing_model")
    with pytest.raises(ModelNotFoundError, match="another_missing_model"):
        load_pipeline()


def test_batch_gives_one_list_per_text_in_order(nlp):
    texts = ["Nothing is claimed here.", "The mayor said that taxes would rise.", ""]
    results = list(extract_batch(texts, batch_size=2))
    assert len(results) == 3
    assert results[0] == [] and results[2] == []
    assert results[1][0].speaker_mention == "The mayor"
    assert results[1] == extract(texts[1])


def test_version_is_a_string():
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


def test_doc_extension_holds_the_attributions(nlp):
    doc = nlp("The mayor said that taxes would rise.")
    assert len(doc._.attributions) == 1
    assert doc._.quotes == []
    assert [c.content for c in doc._.claims] == ["that taxes would rise"]
