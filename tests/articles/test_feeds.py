"""Polling RSS and Atom feeds: each entry ingested once, failures remembered, feeds on the beat schedule."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from articles.models import Article, Feed, FeedEntry
from articles.services import FEED_ENTRY_MAX_ATTEMPTS, feed_poll
from articles.tasks import poll_feed, poll_feeds
from tests.articles.conftest import article_html
from tests.factories import OutletFactory

ROOT = Path(__file__).resolve().parents[2]


def rss(*items: tuple[str, str, str]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>"
        "<pubDate>Wed, 04 Mar 2026 09:30:00 GMT</pubDate></item>"
        for guid, title, link in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bay News</title>{entries}</channel></rss>'


@pytest.fixture
def bay_feed(web, wire_story, same_topic_story):
    web.page("/flood", article_html(title="Barrier approved", body=wire_story))
    web.page("/fishermen", article_html(title="Fishermen worried", body=same_topic_story))
    feed_url = web.page(
        "/feed.xml",
        rss(
            ("bay-1", "Barrier approved", web.url("/flood?utm_source=rss")),
            ("bay-2", "Fishermen worried", "/fishermen"),  # relative links resolve against the feed
            ("bay-3", "Gone", web.url("/removed")),
        ),
        content_type="application/rss+xml",
    )
    return Feed.objects.create(outlet=OutletFactory(name="Bay News"), url=feed_url)


@pytest.mark.django_db
def test_each_feed_entry_is_ingested_once_however_often_the_feed_is_polled(web, bay_feed):
    first = feed_poll(feed=bay_feed)
    second = feed_poll(feed=bay_feed)

    assert (first.ingested, first.failed) == (2, 1)
    assert (second.ingested, second.already_seen) == (0, 2)
    articles = Article.objects.filter(outlet=bay_feed.outlet).order_by("title")
    assert [a.title for a in articles] == ["Barrier approved", "Fishermen worried"]
    assert articles[0].url == web.url("/flood")
    assert [h for h in web.hits if h.startswith("/flood")] == ["/flood"]
    assert [h for h in web.hits if h.startswith("/fishermen")] == ["/fishermen"]
    assert FeedEntry.objects.filter(feed=bay_feed, article__isnull=False).count() == 2
    bay_feed.refresh_from_db()
    assert bay_feed.last_polled_at is not None and bay_feed.last_error == ""


@pytest.mark.django_db
def test_an_entry_whose_page_fails_keeps_its_error_and_is_retried_a_few_times(web, bay_feed):
    for _ in range(FEED_ENTRY_MAX_ATTEMPTS + 2):
        feed_poll(feed=bay_feed)

    gone = FeedEntry.objects.get(feed=bay_feed, link=web.url("/removed"))
    assert gone.article is None
    assert "answered HTTP 404" in gone.error
    assert gone.attempts == FEED_ENTRY_MAX_ATTEMPTS
    assert web.hits.count("/removed") == FEED_ENTRY_MAX_ATTEMPTS


@pytest.mark.django_db
def test_an_atom_feed_is_read_too_and_an_article_already_stored_is_not_fetched_again(web, wire_story):
    web.page("/flood", article_html(title="Barrier approved", body=wire_story))
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        f'<entry><id>urn:wire:1</id><title>Barrier</title><link href="{web.url("/flood")}"/>'
        "<updated>2026-03-04T09:30:00Z</updated></entry></feed>"
    )
    outlet = OutletFactory()
    wire = Feed.objects.create(outlet=outlet, url=web.page("/atom", atom, content_type="application/atom+xml"))
    mirror = Feed.objects.create(outlet=outlet, url=web.page("/atom2", atom, content_type="application/atom+xml"))

    assert feed_poll(feed=wire).ingested == 1
    assert feed_poll(feed=mirror).ingested == 1  # a new entry of this feed, the same stored article

    assert Article.objects.count() == 1
    assert web.hits.count("/flood") == 1
    assert set(FeedEntry.objects.values_list("article", flat=True)) == {Article.objects.get().pk}


@pytest.mark.django_db
def test_the_periodic_task_polls_active_feeds_only(web, bay_feed, monkeypatch):
    paused = Feed.objects.create(outlet=bay_feed.outlet, url=web.url("/paused.xml"), active=False)
    queued: list[int] = []
    monkeypatch.setattr("articles.tasks.poll_feed.delay", queued.append)

    poll_feeds()
    assert queued == [bay_feed.pk]

    poll_feed(bay_feed.pk)  # what the worker runs
    poll_feed(paused.pk)
    assert Article.objects.filter(outlet=bay_feed.outlet).count() == 2
    assert "/paused.xml" not in web.hits


@pytest.mark.django_db
def test_a_broken_feed_records_its_error(web):
    feed = Feed.objects.create(
        outlet=OutletFactory(), url=web.page("/notafeed", "<html><body>hello</body></html>", content_type="text/html")
    )
    result = feed_poll(feed=feed)

    feed.refresh_from_db()
    assert "text/html" in result.error
    assert "text/html, not one of" in feed.last_error
    assert feed.last_polled_at is not None


def test_feeds_and_the_sweeper_are_on_the_beat_schedule_with_intervals_from_the_environment():
    script = (
        "import django; django.setup(); from django.conf import settings; from claims_tracker.celery import app;"
        "app.loader.import_default_modules();"
        "s = settings.CELERY_BEAT_SCHEDULE;"
        "print(*sorted((e['task'], e['schedule'], e['task'] in app.tasks) for e in s.values()))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "claims_tracker.settings"}
    env |= {"INGEST_FEED_POLL_SECONDS": "120", "INGEST_SWEEP_SECONDS": "30"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)

    assert out.stdout.split() == [
        "('articles.tasks.poll_feeds',",
        "120,",
        "True)",
        "('articles.tasks.sweep_pending',",
        "30,",
        "True)",
        "('claims.tasks.sweep_crossref',",
        "30,",
        "True)",
    ], out.stderr
    bad = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "INGEST_SWEEP_SECONDS": "often"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "INGEST_SWEEP_SECONDS must be a whole number" in bad.stderr
