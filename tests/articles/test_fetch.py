"""Ingesting articles by URL: metadata and main text, canonical URLs, redirects, and what is refused."""

from __future__ import annotations

import ipaddress
import time

import pytest

from articles import fetch
from articles.errors import IngestError
from articles.models import Article
from articles.services import article_ingest_url
from articles.text import InvalidText
from tests.articles.conftest import Route, article_html


@pytest.mark.django_db
def test_ingesting_a_url_stores_title_author_date_and_only_the_main_text(
    web, wire_story, django_capture_on_commit_callbacks
):
    html = article_html(
        title="Harlow Bay approves flood barrier",
        body=wire_story,
        author="Nora Jensen",
        date="2026-03-04T09:30:00Z",
        extra_head="<script>window.tracker = 'do-not-store';</script><style>p { color: red }</style>",
    )
    url = web.page("/news/flood-barrier", html)

    with django_capture_on_commit_callbacks() as queued:
        result = article_ingest_url(url=url)

    article = result.article
    assert result.created and article.status == Article.Status.PENDING
    assert len(queued) == 1  # extraction is queued once the row is committed
    assert article.title == "Harlow Bay approves flood barrier"
    assert article.byline == "Nora Jensen"
    assert article.published_at.date().isoformat() == "2026-03-04"
    assert article.url == url
    assert article.outlet.domain == "127.0.0.1"
    assert "Mayor Elena Ruiz said the barrier would protect" in article.text
    for boilerplate in ("do-not-store", "color: red", "All rights reserved", "Home | World", "<p>"):
        assert boilerplate not in article.text


@pytest.mark.django_db
def test_the_same_page_behind_tracking_parameters_is_fetched_once(web, wire_story):
    url = web.page("/news/story", article_html(title="Barrier", body=wire_story))

    first = article_ingest_url(url=url + "?utm_source=newsletter&utm_medium=email&fbclid=abc#comments")
    again = article_ingest_url(url=url.replace("http://", "HTTP://") + "/")

    assert first.created and not again.created
    assert again.article.pk == first.article.pk
    assert first.article.url == url
    assert web.hits == ["/news/story?utm_source=newsletter&utm_medium=email&fbclid=abc"]


@pytest.mark.django_db
def test_redirects_are_followed_and_the_final_url_is_stored(web, wire_story):
    final = web.page("/2026/03/barrier", article_html(title="Barrier", body=wire_story))
    web.redirect("/b", "/2026/03/barrier", status=301)
    short = web.redirect("/a", web.url("/b"))

    article = article_ingest_url(url=short).article

    assert article.url == final
    assert web.hits == ["/a", "/b", "/2026/03/barrier"]


@pytest.mark.django_db
def test_a_redirect_loop_stops_with_a_clear_error(web):
    loop = web.redirect("/loop", "/loop")
    with pytest.raises(IngestError, match="too many redirects"):
        article_ingest_url(url=loop)
    assert len(web.hits) == 6  # the first request and five redirects, then it gives up
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/news",
        "http://localhost:{port}/news",
        "http://[::1]:{port}/news",
        "http://10.1.2.3/news",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]:{port}/news",
        "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",  # NAT64 of 169.254.169.254
        "http://[2002:7f00:1::]:{port}/news",  # 6to4 of 127.0.0.1
        "http://[::127.0.0.1]:{port}/news",  # IPv4-compatible
        "http://[64:ff9b:1::a00:1]/news",  # a local-use NAT64 prefix
    ],
)
def test_private_and_loopback_addresses_are_refused(web, settings, url):
    settings.INGEST_ALLOW_PRIVATE_URLS = False
    web.page("/news", "<html><body><p>Internal only.</p></body></html>")
    port = web.server.server_address[1]

    with pytest.raises(IngestError, match="leads to a private or local network"):
        article_ingest_url(url=url.format(port=port))

    assert web.hits == []


@pytest.fixture
def public_loopback(monkeypatch, settings):
    """Pretend 127.0.0.1 (only) is a public address, and news.example resolves to it."""
    settings.INGEST_ALLOW_PRIVATE_URLS = False
    real_resolve = fetch.resolve_host
    monkeypatch.setattr(
        "articles.fetch.address_is_public", lambda address: address == ipaddress.ip_address("127.0.0.1")
    )
    monkeypatch.setattr(
        "articles.fetch.resolve_host",
        lambda host, port: [ipaddress.ip_address("127.0.0.1")] if host == "news.example" else real_resolve(host, port),
    )


@pytest.mark.django_db
def test_each_redirect_hop_is_checked_and_a_hop_to_a_private_address_is_refused(web, public_loopback, wire_story):
    port = web.server.server_address[1]
    web.page("/internal", article_html(title="Secret", body=wire_story))
    start = web.redirect("/go", f"http://127.0.0.2:{port}/internal")

    with pytest.raises(IngestError, match=r"leads to a private or local network \(127\.0\.0\.2\)"):
        article_ingest_url(url=start)

    assert web.hits == ["/go"]


@pytest.mark.django_db
def test_the_connection_goes_to_the_checked_address_with_the_name_in_the_host_header(web, public_loopback, wire_story):
    port = web.server.server_address[1]
    web.page("/story", article_html(title="Barrier", body=wire_story))

    article = article_ingest_url(url=f"http://news.example:{port}/story").article

    assert article.url == f"http://news.example:{port}/story"
    assert web.hosts == [f"news.example:{port}"]
    assert article.outlet.domain == "news.example"


@pytest.mark.django_db
def test_a_page_over_the_size_limit_is_refused_whether_or_not_it_declares_its_length(web, settings):
    settings.INGEST_MAX_BYTES = 1_000_000
    twenty_mb = b"<html><body>" + b"<p>" + b"x" * (20 * 1024 * 1024) + b"</p></body></html>"
    declared = web.page("/big", twenty_mb)

    def undeclared_stream(handler):
        handler.protocol_version = "HTTP/1.0"  # no Content-Length: the body ends when the connection closes
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        try:
            for _ in range(20 * 16):
                handler.wfile.write(b"y" * 65536)
        except OSError:
            pass  # the client hung up: that is the point

    web.routes["/stream"] = Route(undeclared_stream)

    with pytest.raises(IngestError, match=r"too large \(20,971,5\d\d bytes; the limit is 1,000,000\)"):
        article_ingest_url(url=declared)
    with pytest.raises(IngestError, match=r"too large \(more than 1,000,000 bytes\)"):
        article_ingest_url(url=web.url("/stream"))
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/octet-stream", ""])
def test_a_url_that_is_not_a_web_page_is_refused(web, content_type):
    url = web.page("/file", b"%PDF-1.7 binary", content_type=content_type)
    with pytest.raises(IngestError, match="not one of: application/xhtml\\+xml, text/html"):
        article_ingest_url(url=url)


@pytest.mark.django_db
def test_a_server_that_does_not_answer_in_time_gives_a_timeout_error(web, settings):
    settings.INGEST_TIMEOUT_SECONDS = 1

    def slow(handler):
        time.sleep(2.5)
        handler.send_response(200)
        handler.end_headers()

    web.routes["/slow"] = Route(slow)
    started = time.monotonic()
    with pytest.raises(IngestError, match="did not answer in time"):
        article_ingest_url(url=web.url("/slow"))
    assert time.monotonic() - started < 2.4


@pytest.mark.django_db
def test_error_statuses_are_reported(web):
    with pytest.raises(IngestError, match="answered HTTP 404: there is no page at this address"):
        article_ingest_url(url=web.url("/missing"))


@pytest.mark.django_db
def test_a_page_in_a_declared_legacy_charset_is_decoded_and_an_undeclared_one_is_refused(web, wire_story):
    body = article_html(title="Café", body="Le maire a déclaré que la digue serait construite.\n\n" + wire_story)
    body = body.replace("<meta charset='utf-8'>", "")
    latin = web.page("/latin", body.encode("latin-1"), content_type="text/html; charset=iso-8859-1")
    undeclared = web.page("/undeclared", body.replace("Café", "Cafés").encode("latin-1"), content_type="text/html")

    article = article_ingest_url(url=latin).article
    assert "Le maire a déclaré" in article.text

    with pytest.raises(InvalidText, match="not valid UTF-8"):
        article_ingest_url(url=undeclared)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("64:ff9b::a9fe:a9fe", False),
        ("64:ff9b::808:808", True),  # NAT64 of a public address (an IPv6-only host reaching 8.8.8.8)
        ("2002:7f00:1::", False),
        ("2002:a00:1::1", False),
        ("2002:808:808::1", True),
        ("::127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("::ffff:8.8.8.8", True),
        ("2001:0:4136:e378:8000:63bf:3f57:fefe", False),  # Teredo, client 192.168.1.1
        ("2001:4860:4860::8888", True),
    ],
)
def test_ipv4_hidden_in_ipv6_is_judged_by_the_ipv4_address(address, public):
    """Before: NAT64, 6to4 and IPv4-compatible forms of private addresses passed as public."""
    assert fetch.address_is_public(ipaddress.ip_address(address)) is public


@pytest.mark.django_db
def test_one_deadline_covers_every_redirect_hop(web, settings):
    """Before: each of up to 6 hops had the whole timeout (6 x 15 s)."""
    settings.INGEST_TIMEOUT_SECONDS = 1

    def slow_redirect(to: str):
        def handler(request_handler):
            time.sleep(0.6)
            request_handler.send_response(302)
            request_handler.send_header("Location", to)
            request_handler.send_header("Content-Length", "0")
            request_handler.end_headers()

        return handler

    for hop in range(4):
        web.routes[f"/hop{hop}"] = Route(slow_redirect(f"/hop{hop + 1}"))
    web.page("/hop4", article_html(title="Finally", body="The mayor said the bridge would reopen in May."))
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"took too long|did not answer in time"):
        article_ingest_url(url=web.url("/hop0"))
    assert time.monotonic() - started < 1.6


@pytest.mark.django_db
def test_a_url_is_stored_without_its_user_name_and_password(web, wire_story):
    port = web.server.server_address[1]
    web.page("/story", article_html(title="Barrier", body=wire_story))
    article = article_ingest_url(url=f"http://reader:s3cret@127.0.0.1:{port}/story").article
    assert article.url == f"http://127.0.0.1:{port}/story"
    assert "s3cret" not in article.url and "reader" not in article.url


def test_a_stalled_name_lookup_is_cut_off_by_the_same_deadline(settings, monkeypatch):
    """The system resolver has no timeout of its own: a lookup that hangs must not hold the fetch."""
    settings.INGEST_ALLOW_PRIVATE_URLS = False

    def stalled(host, port):
        time.sleep(5)
        return [ipaddress.ip_address("93.184.215.14")]

    monkeypatch.setattr("articles.fetch.resolve_host", stalled)
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"looking up the name news\.example took too long"):
        fetch.fetch_url("http://news.example/a", accept=fetch.HTML_TYPES, max_bytes=1000, timeout=1)
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://[::1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://[2002:7f00:1::]/",
        "http://169.254.169.254/",
    ],
)
def test_check_url_refuses_private_address_literals_without_the_network(url):
    with pytest.raises(IngestError, match="private or local network"):
        fetch.check_url(url)


def test_check_url_leaves_names_and_public_addresses_to_the_fetch():
    assert fetch.check_url("https://news.example/a") == "https://news.example/a"
    assert fetch.check_url("http://93.184.215.14/") == "http://93.184.215.14/"
    with pytest.raises(IngestError, match="only web addresses starting with http"):
        fetch.check_url("file:///etc/passwd")
