"""Issue 23: the catalogue client reuses GET answers as `Cache-Control` allows, never a POST.

`responses` replaces the adapter's transport, so CacheControl never sees the end of a body and
keeps nothing there; these tests serve the client from a small HTTP server on 127.0.0.1.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from actions.catalogue_client import CatalogueClient
from tests.actions.helpers import hub_json, page_json, project_json

KEEP = "public, max-age=30"


@dataclass
class FakeCatalogue:
    """Answers by path with a JSON body and a `Cache-Control`; records every request."""

    url: str = ""
    answers: dict[str, tuple[object, str]] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)

    def count(self, method: str, path: str) -> int:
        return sum(1 for seen in self.requests if seen == (method, path))


def _handler(fake: FakeCatalogue) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int) -> None:
            path = self.path.split("?")[0]
            fake.requests.append((self.command, self.path))
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            body, cache_control = fake.answers[path]
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", cache_control)
            self.send_header("Vary", "Accept-Language")  # as the catalogue's public reads
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._answer(200)

        def do_POST(self) -> None:
            self._answer(201)

        def log_message(self, *args: object) -> None:
            """Quiet."""

    return Handler


@pytest.fixture
def fake_catalogue() -> Iterator[FakeCatalogue]:
    fake = FakeCatalogue()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()
    thread.join()


def client(fake: FakeCatalogue, *, cache: bool = True) -> CatalogueClient:
    return CatalogueClient(fake.url, timeout_seconds=2.0, read_retries=0, cache=cache)


def test_a_second_identical_read_is_answered_from_the_cache(fake_catalogue):
    fake_catalogue.answers["/projects"] = (page_json([project_json()], total=1), KEEP)
    fake_catalogue.answers["/hub"] = (hub_json(), KEEP)
    api = client(fake_catalogue)
    first = api.search_projects(language="en", sector="medical")
    assert api.search_projects(language="en", sector="medical") == first
    assert api.hub_info(language="zh") == api.hub_info(language="zh")
    assert [path for _, path in fake_catalogue.requests] == [
        "/projects?lang=en&sector=medical&page=1&page_size=3",
        "/hub?lang=zh",
    ]
    api.search_projects(language="ru", sector="medical")
    assert len(fake_catalogue.requests) == 3, "another query is another answer"


def test_an_answer_marked_no_store_is_fetched_again(fake_catalogue):
    fake_catalogue.answers["/projects"] = (page_json([project_json()], total=1), "no-store")
    api = client(fake_catalogue)
    for _ in range(2):
        assert api.search_projects(language="en", query="plaza").total == 1
    assert fake_catalogue.count("GET", "/projects?lang=en&q=plaza&page=1&page_size=3") == 2


def test_a_client_without_cache_reads_every_time(fake_catalogue):
    fake_catalogue.answers["/services"] = ({"items": []}, KEEP)
    api = client(fake_catalogue, cache=False)
    api.list_services(language="en")
    api.list_services(language="en")
    assert fake_catalogue.count("GET", "/services?lang=en") == 2


def test_a_lead_is_never_cached(fake_catalogue):
    fake_catalogue.answers["/leads"] = ({"id": 7, "status": "new", "created": True}, KEEP)
    api = client(fake_catalogue)
    assert api.create_lead({"name": "A"}).id == 7
    assert api.create_lead({"name": "A"}).id == 7
    assert fake_catalogue.count("POST", "/leads") == 2
