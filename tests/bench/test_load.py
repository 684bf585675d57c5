"""The load test must load the pages it names: every URL of its plan answers 200 to its users."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from bench.generate import Size, generate
from bench.latency import PAGES, pick_arguments
from bench.load import gunicorn_command, load_plan, load_users, locust_command, read_failures, read_stats

TINY = Size(articles=40, claims=320, actors=60, outlets=5, stories=300)


def test_gunicorn_runs_as_the_image_does_but_only_on_loopback():
    command = gunicorn_command(8123)
    dockerfile = (Path(__file__).resolve().parents[2] / "Dockerfile").read_text()
    image = json.loads(next(line for line in dockerfile.splitlines() if line.startswith("CMD "))[4:])
    assert command[:3] == [sys.executable, "-m", "gunicorn"]
    assert command[command.index("--bind") + 1] == "127.0.0.1:8123"
    assert command[command.index("--workers") + 1] == image[image.index("--workers") + 1]


@pytest.mark.django_db(transaction=True)
def test_every_page_of_the_plan_answers_200_under_locust(live_server, settings, tmp_path):
    settings.API_THROTTLE_RATE = "100000/hour"  # read per request, also by the live server's thread
    connection.ensure_connection()
    generate(connection.connection, size=TINY, seed=7, fast=False)
    with connection.cursor() as cursor:
        arguments = pick_arguments(cursor)
    plan = load_plan(arguments, load_users(2))
    assert {page["name"] for page in plan["pages"]} == {page.name for page in PAGES}
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan))

    prefix = tmp_path / "run"
    subprocess.run(
        # Long enough for locust's start-up on a busy machine to leave requests in the window.
        locust_command(base=live_server.url, users=2, seconds=12, prefix=prefix),
        env={**os.environ, "LOAD_PLAN": str(plan_file)},
        check=False,
        timeout=120,
        capture_output=True,
    )
    stats = {row["name"]: row for row in read_stats(prefix)}
    assert read_failures(prefix) == []
    assert stats["Aggregated"]["requests"] > 0
    # A few seconds of weighted choices need not reach every URL: each is asked once more, as locust would.
    credentials = plan["users"][0]
    for page in plan["pages"]:
        headers = (
            {"Authorization": f"Token {credentials['token']}"} if page["api"] else {"Cookie": credentials["cookie"]}
        )
        for url in page["urls"]:
            with urllib.request.urlopen(urllib.request.Request(live_server.url + url, headers=headers)) as response:
                assert response.status == 200, url
                assert response.url == live_server.url + url, f"{url} redirected to {response.url}"
