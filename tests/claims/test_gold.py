"""Editors' claims exported as gold files and used to score the extractor."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from articles.services import article_ingest
from claims.editing import claim_reject, claim_update, claim_verify
from claims.extraction.scoring import load_gold, score
from claims.gold import score_extractor_against_editors
from claims.models import ActorAlias, Claim
from claims.pipeline import article_process
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

TEXT = "Peskov said that the drones came from Kyiv. Ukraine denied that it sent them. Others said it rained."
GOLD_FIELDS = {
    "speaker", "speaker_mention", "speaker_span", "cue", "cue_span", "content", "content_span", "kind", "stance", "via"
}  # fmt: skip


def make_claim(article, speaker, mention: str, cue: str, content: str) -> Claim:
    text = article.text
    s, c, t = text.index(mention), text.index(cue), text.index(content)
    return ClaimFactory(
        article=article,
        speaker=speaker,
        speaker_mention=mention,
        speaker_start=s,
        speaker_end=s + len(mention),
        cue=cue,
        cue_start=c,
        cue_end=c + len(cue),
        content=content,
        content_start=t,
        content_end=t + len(content),
        sentence_start=s,
        sentence_end=t + len(content),
    )


@pytest.fixture
def reviewed(editor):
    article = ArticleFactory(text=TEXT)
    peskov = ActorFactory(name="Dmitry Peskov")
    ActorAlias.objects.create(actor=peskov, name="Peskov", normalized="peskov")
    verified = make_claim(article, peskov, "Peskov", "said", "the drones came from Kyiv")
    corrected = make_claim(article, None, "Ukraine", "denied", "it sent them")
    rejected = make_claim(article, None, "Others", "said it", "rained")
    make_claim(article, None, "Others", "said it", "it rained")
    claim_verify(claim=verified, user=editor, expected_version=1)
    claim_update(claim=corrected, user=editor, expected_version=1, changes={"speaker": ActorFactory(name="Ukraine")})
    claim_reject(claim=rejected, user=editor, expected_version=1, reason="Weather, not a claim.")
    ClaimFactory(article=ArticleFactory())  # an article nobody reviewed: no gold file
    return article


@pytest.mark.django_db
def test_export_gold_writes_reviewed_claims_in_the_eval_format(tmp_path, reviewed):
    article = reviewed

    call_command("export_gold", str(tmp_path), stdout=io.StringIO())

    files = list(tmp_path.glob("*.json"))
    assert [f.name for f in files] == [f"article-{article.pk}.json"]
    gold = json.loads(files[0].read_text(encoding="utf-8"))
    assert gold["document"] == f"article-{article.pk}.txt"
    assert gold["text"] == TEXT
    assert gold["aliases"]["Dmitry Peskov"] == ["Peskov"]
    by_content = {c["content"]: c for c in gold["claims"]}
    assert set(by_content) == {"the drones came from Kyiv", "it sent them", "it rained"}  # rejected left out
    for claim in gold["claims"]:
        assert set(claim) >= GOLD_FIELDS
        start, end = claim["content_span"]
        assert TEXT[start:end] == claim["content"]
        assert TEXT[slice(*claim["cue_span"])] == claim["cue"]
    assert by_content["the drones came from Kyiv"]["speaker"] == "Dmitry Peskov"
    assert by_content["the drones came from Kyiv"]["speaker_span"] == [0, 6]
    assert by_content["it sent them"]["speaker"] == "Ukraine"
    assert by_content["it rained"]["optional"] is True
    assert "optional" not in by_content["it sent them"]


@pytest.mark.django_db
def test_exported_gold_scores_with_the_project_scorer(tmp_path, reviewed):
    call_command("export_gold", str(tmp_path), stdout=io.StringIO())
    ((name, (gold, _text)),) = load_gold(tmp_path).items()
    perfect = [
        {
            "document": name,
            "speaker": c["speaker"],
            "content_start": c["content_span"][0],
            "content_end": c["content_span"][1],
            "stance": c["stance"],
        }
        for c in gold["claims"]
    ]
    wrong_speaker = [dict(p, speaker="Somebody Else") for p in perfect]

    assert score(tmp_path, perfect).attribution.f1 == 1.0
    assert score(tmp_path, [dict(p, speaker="Peskov") for p in perfect[:1]]).attribution.tp == 1  # an alias
    assert score(tmp_path, wrong_speaker).attribution.tp == 0


@pytest.mark.django_db
def test_evaluation_from_the_database_scores_the_extractor_against_editors(seed_text, editor):
    article = article_ingest(text=seed_text).article
    assert article_process(article_id=article.pk, task_id="t")
    machine = list(Claim.objects.filter(article=article).order_by("content_start"))
    # The editor vouches for the first claim and rejects the second.
    claim_verify(claim=machine[0], user=editor, expected_version=1)
    claim_reject(claim=machine[1], user=editor, expected_version=1, reason="Not a claim.")

    result = score_extractor_against_editors()

    assert result.documents == 1
    assert result.attribution.tp >= 1  # the extractor still finds the verified claim
    assert result.content.fp >= 1  # and the rejected one counts against it


@pytest.mark.django_db
def test_evaluate_extraction_from_db_prints_the_scores(seed_text, editor):
    article = article_ingest(text=seed_text).article
    assert article_process(article_id=article.pk, task_id="t")
    first = Claim.objects.filter(article=article).order_by("content_start").first()
    claim_verify(claim=first, user=editor, expected_version=1)
    out = io.StringIO()

    call_command("evaluate_extraction", "--from-db", stdout=out)

    report = out.getvalue()
    assert "documents 1," in report
    assert report.strip().splitlines()[-1].startswith("attribution F1 ")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [(["--from-db"], "no article has a verified"), (["--from-db", "somewhere"], "not both"), ([], "GOLD_DIR")],
)
def test_evaluate_extraction_needs_one_gold_source(args, message):
    ClaimFactory()  # an unreviewed claim is no gold
    with pytest.raises(CommandError, match=message):
        call_command("evaluate_extraction", *args, stdout=io.StringIO())
