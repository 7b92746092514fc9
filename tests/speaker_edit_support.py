"""Shared pieces of the speaker-correction tests (web pages, API, browser): a store of
small articles written for these tests, where the rules keep two Sanders and two
Gores apart, with two moderators; and helpers to log in and read the log. No model."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from reply_support import PASSWORD, FakeClock, csrf_of, login
from saidwhat.model import Article
from saidwhat.settings import Settings
from saidwhat.store import open_store
from saidwhat.store.users import Users
from saidwhat.web import create_app
from test_store_support import Said, make_article

ARTICLES = [
    make_article(
        [Said("We will tax the largest fortunes in this country", "Bernie Sanders", "Senator")],
        url="https://ledger.example/tax",
        published="2024-03-04",
        title="Senator sets out a wealth tax",
    ),
    make_article(
        [Said("that the minimum wage had fallen behind rents", "Bernard Sanders", kind="indirect")],
        url="https://ledger.example/wages",
        published="2024-03-05",
        title="Wages trail rents",
    ),
    make_article(
        [Said("The ice sheets are shrinking faster than we feared", "Al Gore")],
        url="https://ledger.example/ice",
        published="2024-03-06",
        title="Ice sheets shrink",
    ),
    make_article(
        [Said("that carbon must carry a price", "Albert Gore Jr.", kind="indirect")],
        url="https://ledger.example/carbon",
        published="2024-03-07",
        title="A price on carbon",
    ),
]
MODERATORS = ("mira", "noor")


def fresh_articles() -> list[Article]:
    """New copies of the test articles (ingest may rewrite an id)."""
    return [Article.from_json(a.to_json()) for a in ARTICLES]


def editor_store(url: str, readonly: bool = False):
    """A store at ``url`` with the test articles and two moderators (opened read-only
    afterwards when asked)."""
    store = open_store(url)
    store.ingest(fresh_articles())
    users = Users(store)
    for name in MODERATORS:
        users.add(name, PASSWORD)
    if readonly:
        store.close()
        store = open_store(url, readonly=True)
    return store


@pytest.fixture
def store(tmp_path):
    """A SQLite store of the test articles and moderators (import it with ``client``)."""
    store = editor_store(str(tmp_path / "quotes.db"))
    yield store
    store.close()


@pytest.fixture
def client(store):
    """The app over ``store``, through FastAPI's test client."""
    with TestClient(create_app(store, Settings(), clock=FakeClock())) as client:
        yield client


def speaker_id(store, name: str) -> int:
    return store.speaker(name).id


def log_in(client, name: str = "mira") -> str:
    """Log ``client`` in as moderator ``name``; returns the CSRF token for its forms."""
    assert login(client, name).status_code == 303
    return csrf_of(client.get("/moderation/speakers").text)


def decisions(store) -> list[tuple[str, str]]:
    """The speaker decisions as (action, actor), oldest first."""
    return [(d.action, d.actor) for d in reversed(store.speaker_decisions(100))]


__all__ = [
    "PASSWORD",
    "client",
    "decisions",
    "editor_store",
    "fresh_articles",
    "log_in",
    "speaker_id",
    "store",
]
