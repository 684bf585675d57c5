"""The load test's simulated users, for locust (run by bench/load.py; not imported by Django code).

    LOAD_PLAN=plan.json locust -f bench/locustfile.py --headless -u 10 -r 10 -t 60s --host http://127.0.0.1:8000

The plan (written by bench/load.py) lists the pages, each with its weight and the URLs it rotates
through, and one set of credentials per simulated user: a session cookie for the pages and an API
token for the API, as an analyst in a browser and an API client each have their own. Every user
requests without pause (a closed loop), so the request rate is what the server keeps up with.

Any answer other than 200 counts as an error; redirects are not followed (a redirect to the login
page is an error, not a page).
"""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path
from typing import Any

from locust import FastHttpUser, constant, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
PAGES: list[dict[str, Any]] = PLAN["pages"]
WEIGHTS = [page["weight"] for page in PAGES]
# Each simulated user takes the next credentials; more users than credentials would share them.
_credentials = itertools.cycle(PLAN["users"])


class Reader(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        credentials = next(_credentials)
        self.page_headers = {"Cookie": credentials["cookie"]}
        self.api_headers = {"Authorization": f"Token {credentials['token']}", "Accept": "application/json"}
        # Users start at different places in each page's rotation, as different readers would.
        self.random = random.Random(credentials["token"])

    @task
    def read(self) -> None:
        page = self.random.choices(PAGES, weights=WEIGHTS)[0]
        url = self.random.choice(page["urls"])
        headers = self.api_headers if page["api"] else self.page_headers
        with self.client.get(url, name=page["name"], headers=headers, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}")
