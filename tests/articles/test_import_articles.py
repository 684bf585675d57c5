"""`manage.py import_articles`: JSON Lines or a folder, a progress bar, a summary, and safe to run again."""

from __future__ import annotations

import io
import json
import random

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from tests.articles.conftest import article_html

_VOCABULARY = (
    "harbour quay ferry council budget repairs storm tide crane dock pier vessel cargo fishermen market "
    "bridge engineer mayor ministry report delay contract union strike wages season tourists hotel road "
    "rail station port tanker permit inspector survey coast cliff beach erosion wall funding grant"
)
WORDS = _VOCABULARY.split()


def story(n: int) -> str:
    """A distinct made-up story per n (random words, seeded), so no two are near-duplicates."""
    words = random.Random(n).choices(WORDS, k=60)
    return f"The harbour master said that {' '.join(words[:30])}. Critics claimed {' '.join(words[30:])}."


def run(path, **options) -> str:
    out = io.StringIO()
    call_command("import_articles", str(path), stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def jsonl(tmp_path, web, wire_story):
    page = web.page("/flood", article_html(title="Barrier approved", body=wire_story, author="Nora Jensen"))
    lines = [
        {"text": story(1), "title": "One", "outlet": "Harbour Times", "published_at": "2026-03-01T08:00:00+01:00"},
        {"text": story(2), "url": "https://harbour.example/two?utm_source=x", "byline": "A. Writer"},
        {"url": page, "title": "from the feed"},
        {"text": "<html><body><script>steal()</script><p>" + story(3) + "</p></body></html>", "title": "Three"},
        {"text": story(1).upper(), "title": "One again, shouted"},
        {"text": "   ", "title": "empty"},
        {"title": "nothing to import"},
        {"text": story(4), "published_at": "last Tuesday"},
    ]
    path = tmp_path / "articles.jsonl"
    raw = "\n".join(json.dumps(line) for line in lines) + "\n{not json\n"
    path.write_text(raw, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_import_of_json_lines_stores_each_article_once_and_reports_what_failed(jsonl, capsys):
    summary = run(jsonl)

    assert "Imported 4 (of which 0 near-duplicates of stored articles), duplicates 1, failed 4." in summary
    assert "articles.jsonl:6: the article has no text" in summary
    assert "articles.jsonl:7: the record has neither text nor url" in summary
    assert "articles.jsonl:8: published_at 'last Tuesday' is not an ISO 8601 date" in summary
    assert "articles.jsonl:9: not valid JSON" in summary
    assert "9/9" in capsys.readouterr().err  # the progress bar reached the end

    one = Article.objects.get(title="One")
    assert one.outlet.name == "Harbour Times"
    assert one.published_at.isoformat() == "2026-03-01T07:00:00+00:00"
    two = Article.objects.get(url="https://harbour.example/two")
    assert two.outlet.domain == "harbour.example" and two.byline == "A. Writer"
    fetched = Article.objects.get(title="Barrier approved")
    assert fetched.byline == "Nora Jensen" and "Mayor Elena Ruiz" in fetched.text
    three = Article.objects.get(title="Three")
    assert "steal()" not in three.text and "harbour master said" in three.text


@pytest.mark.django_db
def test_running_the_import_again_adds_nothing(jsonl):
    run(jsonl)
    before = sorted(Article.objects.values_list("pk", "text_hash"))

    summary = run(jsonl, no_progress=True)

    assert "Imported 0 (of which 0 near-duplicates of stored articles), duplicates 5, failed 4." in summary
    assert sorted(Article.objects.values_list("pk", "text_hash")) == before


@pytest.mark.django_db
def test_an_interrupted_import_completes_on_the_next_run_without_doubles(tmp_path, monkeypatch):
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps({"text": story(n), "title": f"S{n}"}) for n in range(10)), encoding="utf-8")
    from articles import services

    real_queue = services.article_queue_extraction
    calls = {"n": 0}

    def interrupt_on_the_fifth(*, article):
        # Ctrl-C lands inside the fifth article's transaction, after its row was written.
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        real_queue(article=article)

    monkeypatch.setattr(services, "article_queue_extraction", interrupt_on_the_fifth)
    out = io.StringIO()
    with pytest.raises(CommandError, match="interrupted after 4 of 10; run the same command again") as stopped:
        call_command("import_articles", str(path), stdout=out, no_progress=True)
    assert stopped.value.returncode == 130
    assert "Imported 4 " in out.getvalue()
    assert Article.objects.count() == 4  # the interrupted one was rolled back, not half-stored

    monkeypatch.setattr(services, "article_queue_extraction", real_queue)
    summary = run(path, no_progress=True)

    assert "Imported 6 (of which 0 near-duplicates of stored articles), duplicates 4, failed 0." in summary
    assert sorted(Article.objects.values_list("title", flat=True)) == sorted(f"S{n}" for n in range(10))


@pytest.mark.django_db
def test_import_of_a_folder_takes_text_and_html_files_and_explains_the_bad_ones(tmp_path, settings):
    settings.INGEST_MAX_BYTES = 5_000_000
    folder = tmp_path / "inbox"
    (folder / "2026").mkdir(parents=True)
    (folder / "quay-reopens.txt").write_text(story(1), encoding="utf-8")
    (folder / "2026" / "harbour.html").write_text(
        article_html(title="Harbour news", body=story(2)).replace("<article>", "<article><script>x()</script>"),
        encoding="utf-8",
    )
    (folder / "latin1.txt").write_bytes(story(3).replace("harbour", "café").encode("latin-1"))
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "empty.txt").write_text("\n \n", encoding="utf-8")
    (folder / "notes.md").write_text(story(5), encoding="utf-8")
    (folder / "huge.html").write_bytes(b"<html><body><p>" + b"word " * 4_200_000 + b"</p></body></html>")

    summary = run(folder, no_progress=True)

    assert "Imported 2 (of which 0 near-duplicates of stored articles), duplicates 0, failed 4." in summary
    assert "huge.html: the file is too large (21,000,033 bytes; the limit is 5,000,000)" in summary
    assert "latin1.txt: the text is not valid UTF-8" in summary
    assert "image.txt: the data looks binary" in summary
    assert "empty.txt: the article has no text" in summary
    assert Article.objects.get(title="Quay reopens").text == story(1)
    html = Article.objects.get(title="Harbour news")
    assert "x()" not in html.text and "harbour master said" in html.text


def test_a_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_articles", str(tmp_path / "nope.jsonl"))
