"""Screenshots of the analyst UI's main pages, saved to docs/screenshots/*.png. Run by hand:

    .venv/bin/python docs/screenshots.py [--keep]

It works in a throwaway database (an embedded PostgreSQL under a temporary VAR_DIR), so your own
data is never touched: it ingests the seed article, extracts its claims in-process (no worker
needed), adds a demo story and demo claim links so those pages have something to show, starts
`manage.py runserver` and photographs each page with headless Chromium.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare_environment(var_dir: Path) -> dict[str, str]:
    broker = var_dir / "broker"
    for folder in ("queue", "processed", "control"):
        (broker / folder).mkdir(parents=True, exist_ok=True)
    env = {
        "DEBUG": "1",
        "VAR_DIR": str(var_dir),
        "CELERY_BROKER_URL": f"filesystem://{broker}",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    os.environ.pop("DATABASE_URL", None)
    return {**os.environ, **env}


EXTRA_TEXTS = sorted((ROOT / "tests" / "articles" / "data").glob("*.txt"))  # invented stories used by the tests


def load_demo_data() -> dict[str, Any]:
    """The seed article and the tests' invented stories, extracted and cross-referenced in-process;
    a demo story and demo links only where cross-referencing found none. Returns ids to photograph."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claims_tracker.settings")
    django.setup()
    from django.core.management import call_command
    from django.db.models import Count

    from articles.models import Article
    from articles.services import article_ingest, outlet_get_or_create
    from claims.crossref import article_crossref
    from claims.models import Claim, ClaimLink, Story
    from claims.pipeline import article_process

    call_command("migrate", verbosity=0)
    call_command("seed_actors", verbosity=0)
    call_command("load_samples", verbosity=0)
    outlet = outlet_get_or_create(name="Harlow Bay Gazette (invented)")
    for path in EXTRA_TEXTS:
        title = path.stem.replace("-", " ").capitalize()
        article_ingest(text=path.read_text(encoding="utf-8"), title=title, outlet=outlet)
    # Publication dates a few days apart (the seed report's own, then a day each), so the charts
    # have days to draw; an article left undated shows how those are counted apart.
    first_day = dt.datetime(2023, 5, 3, 9, tzinfo=dt.UTC)
    undated = Article.objects.order_by("-id").values_list("id", flat=True).first()
    for index, article in enumerate(Article.objects.filter(published_at__isnull=True).order_by("id")):
        if article.pk != undated:
            Article.objects.filter(pk=article.pk).update(published_at=first_day + dt.timedelta(days=index))
    for article in Article.objects.order_by("id"):
        if article.status == Article.Status.PENDING:
            article_process(article_id=article.pk, task_id="screenshots")
        article_crossref(article_id=article.pk)
    seed = Article.objects.order_by("id").first()
    assert seed is not None, "the seed article was not ingested"
    claims = list(Claim.objects.filter(article=seed).order_by("content_start"))
    assert claims, "the engine found no claims in the seed article"

    story = Story.objects.annotate(speakers=Count("claims__speaker", distinct=True)).order_by("-speakers").first()
    if story is None or story.speakers < 2:
        story = Story.objects.create(
            title="Drone strike on the Kremlin (demo story)",
            first_seen_at=seed.created_at,
            last_seen_at=seed.created_at,
        )
        Claim.objects.filter(pk__in=[c.pk for c in claims]).update(story=story)
    first_by_speaker = {}
    for claim in claims:
        first_by_speaker.setdefault(claim.speaker_id, claim)
    distinct = list(first_by_speaker.values())
    if not ClaimLink.objects.filter(relation=ClaimLink.Relation.CONTRADICTS).exists():
        for other, score in zip(distinct[1:3], (0.82, 0.67), strict=False):
            ClaimLink.objects.create(
                source=other, target=distinct[0], relation=ClaimLink.Relation.CONTRADICTS, score=score
            )
    claim = distinct[0]
    return {
        "article": seed.pk,
        "claim": claim.pk,
        "actor": claim.speaker_id or 0,
        "story": story.pk,
        "editor_session": editor_session(),
    }


def editor_session() -> str:
    """A signed-in session of a throwaway editor (no password), for the editor pages' pictures."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.utils.module_loading import import_string

    from claims.accounts import user_set_role

    user, _ = get_user_model().objects.get_or_create(username="demo-editor")
    user.set_unusable_password()
    user.save()
    user_set_role(user=user, role="editor")
    session = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"runserver did not listen on port {port}")


def photograph(base: str, ids: dict[str, Any]) -> None:
    from playwright.sync_api import sync_playwright

    pages = [
        ("dashboard", "/", 1280, 900),
        ("claims-list", "/claims/?q=drones+OR+attacks", 1280, 900),
        ("claim", f"/claims/{ids['claim']}/", 1280, 1000),
        ("article", f"/articles/{ids['article']}/", 1280, 880),
        ("actor", f"/actors/{ids['actor']}/", 1280, 900),
        ("story", f"/stories/{ids['story']}/", 1280, 900),
        ("claims-list-phone", "/claims/", 375, 800),
        ("article-phone", f"/articles/{ids['article']}/", 375, 800),
        ("dashboard-phone", "/", 375, 800),
        ("story-phone", f"/stories/{ids['story']}/", 375, 800),
        # Editors' pages, signed in as a throwaway editor.
        ("review-queue", "/review/", 1280, 900),
        ("review-claim-phone", f"/review/{ids['claim']}/", 375, 800),
        ("claim-edit", f"/claims/{ids['claim']}/edit/", 1280, 1000),
    ]
    editor_pages = {"review-queue", "review-claim-phone", "claim-edit"}
    OUT.mkdir(parents=True, exist_ok=True)
    launch = {"headless": True, "args": CHROMIUM_ARGS}
    if Path(CHROMIUM).exists():
        launch["executable_path"] = CHROMIUM
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch)
        for name, path, width, height in pages:
            context = browser.new_context(viewport={"width": width, "height": height})
            if name in editor_pages:
                context.add_cookies([{"name": "sessionid", "value": ids["editor_session"], "url": base}])
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            if name == "article":
                page.locator(".article-text .claim").first.focus()
            page.screenshot(path=str(OUT / f"{name}.png"))
            context.close()
            print(f"docs/screenshots/{name}.png", (OUT / f"{name}.png").stat().st_size // 1024, "KB")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database folder")
    args = parser.parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="claims-tracker-screenshots-"))
    env = prepare_environment(var_dir)
    server = None
    try:
        ids = load_demo_data()
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(port)
        photograph(f"http://127.0.0.1:{port}", ids)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        from django.db import connections

        connections.close_all()
        from claims_tracker.embedded import stop_server

        stop_server(str(var_dir / "pgdata"))
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
