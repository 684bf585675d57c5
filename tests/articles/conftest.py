"""A small web server on localhost serving fixture pages and feeds to the ingestion tests."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Route:
    body: bytes | Callable[[BaseHTTPRequestHandler], None]
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class FixtureWeb:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[str] = []
        self.hosts: list[str] = []
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                web.hits.append(self.path)
                web.hosts.append(self.headers.get("Host", ""))
                route = web.routes.get(self.path.split("?")[0])
                if route is None:
                    self.send_error(404)
                    return
                if callable(route.body):
                    route.body(self)
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, body: str | bytes, **options: object) -> str:
        self.routes[path] = Route(body.encode("utf-8") if isinstance(body, str) else body, **options)  # type: ignore[arg-type]
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        self.routes[path] = Route(b"", status=status, headers={"Location": location})
        return self.url(path)


@pytest.fixture
def web(settings) -> Iterator[FixtureWeb]:
    """Fixture pages on 127.0.0.1; fetching local addresses is allowed for the test."""
    settings.INGEST_ALLOW_PRIVATE_URLS = True
    fixture = FixtureWeb()
    thread = threading.Thread(target=fixture.server.serve_forever, daemon=True)
    thread.start()
    yield fixture
    fixture.server.shutdown()
    fixture.server.server_close()


def article_html(*, title: str, body: str, author: str = "", date: str = "", extra_head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    meta = f'<meta name="author" content="{author}">' if author else ""
    if date:
        meta += f'<meta property="article:published_time" content="{date}">'
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>{meta}{extra_head}</head>"
        "<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright Example News. All rights reserved.</footer></body></html>"
    )


@pytest.fixture
def wire_story() -> str:
    return (DATA / "wire-story.txt").read_text(encoding="utf-8")


@pytest.fixture
def wire_story_edited() -> str:
    return (DATA / "wire-story-edited.txt").read_text(encoding="utf-8")


@pytest.fixture
def same_topic_story() -> str:
    return (DATA / "same-topic-story.txt").read_text(encoding="utf-8")
