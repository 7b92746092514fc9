"""Shared pieces of the reply desk's tests: a clock tests move by hand, a store of
small articles written for these tests (no language model needed), and helpers that
fill in the reply form as a reader would (reading the question off the page)."""

from __future__ import annotations

import html
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

from saidwhat.store import open_store
from saidwhat.store.users import Users
from test_store_support import Said, make_article

EMAIL = "reader.secret.7f3a@example.org"  # distinctive, so its absence can be searched for
PASSWORD = "correct horse battery"


class FakeClock:
    """A clock that only moves when told (``clock.move(hours=2)``)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def move(self, **delta: float) -> None:
        self.now += timedelta(**delta)


HOSPITALS = make_article(
    [
        Said(
            "We will not close any hospital this winter, whatever the budget says",
            "Karen Obi",
            "Health Minister",
        ),
        Said("the unions would strike if wards closed", "Tomás Silva", kind="indirect"),
        Said("Nurses have carried this service through three hard winters", "Karen Obi", kind="direct"),
    ],
    url="https://herald.example/hospitals",
    site="Herald",
    title="Minister rules out hospital closures",
    published="2026-02-20",
    lead="The health minister spoke after a cabinet meeting. Dr Ana Ribeiro called the plan reckless. ",
)
TRAMS = make_article(
    [Said("The tram line will open in spring as promised", "Ana Ribeiro", "Mayor")],
    url="https://courier.example/trams",
    site="Courier",
    title="Tram line on schedule",
    published="2026-02-22",
)


def fresh_articles():
    """New copies of the test articles (ingest may rewrite an id)."""
    from saidwhat.model import Article

    return [Article.from_json(a.to_json()) for a in (HOSPITALS, TRAMS)]


def build_store(url: str, moderator: str | None = "mira"):
    """A store at ``url`` holding the test articles (and a moderator), opened read-write."""
    store = open_store(url)
    store.ingest(fresh_articles())
    if moderator:
        Users(store).add(moderator, PASSWORD)
    return store


def statement_ids(store, article_id: str) -> list[int]:
    return store.article(article_id).attribution_ids


def solve(question: str) -> int:
    """The number in the box of ``17 − ◻ = 15``, ``◻ + 8 = 26`` or ``4 + 5 = ◻``."""
    left, right = (part.strip() for part in html.unescape(question).split("="))
    if right == "◻":
        a, b = (int(x) for x in left.split("+"))
        return a + b
    if left.startswith("◻"):
        return int(right) - int(left.split("+")[1])
    a, _ = left.split("−")
    return int(a) - int(right)


def form_fields(page: str) -> dict[str, str]:
    """The CSRF token, challenge token and question of the reply form in ``page``."""
    found = {
        "csrf": re.search(r'name="csrf" value="([^"]+)"', page),
        "challenge": re.search(r'name="challenge" value="([^"]+)"', page),
        "question": re.search(r'class="sum" aria-hidden="true">([^<]+)<', page),
    }
    return {k: v.group(1) for k, v in found.items() if v}


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def reply_form(client, path: str, **fields):
    """GET the form at ``path``, answer its question, and POST ``fields`` to it."""
    page = client.get(path)
    assert page.status_code == 200, page.text[:500]
    got = form_fields(page.text)
    action = re.search(r'class="reply-form" method="post" action="([^"]+)"', page.text).group(1)
    data = {
        "csrf": got["csrf"],
        "challenge": got["challenge"],
        "answer": str(solve(got["question"])),
        "name": "A reader",
        "email": EMAIL,
        "body": "A comment.",
    }
    data.update({k: v for k, v in fields.items() if v is not None})
    return client.post(action, data=data, follow_redirects=False)


def login(client, name: str = "mira", password: str = PASSWORD):
    page = client.get("/login")
    r = client.post(
        "/login",
        data={"csrf": csrf_of(page.text), "name": name, "password": password},
        follow_redirects=False,
    )
    return r


@contextmanager
def served(app) -> Iterator[str]:
    """``app`` served by uvicorn on a free port of 127.0.0.1 (loopback only); yields its URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the test server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
