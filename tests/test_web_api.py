"""The web app through FastAPI's test client, over a real store (SQLite, and
PostgreSQL when its server binaries are installed) built from the fixture
articles with the real pipeline: the JSON API, the pages, errors, limits and
escaping."""

from __future__ import annotations

import asyncio
import re
import threading
import time
import uuid

import pytest
from fastapi.testclient import TestClient

from budget_support import GREEDY, SLOW, extract_marked
from saidwhat.budget import Budget
from saidwhat.errors import StoreError
from saidwhat.model import Article
from saidwhat.settings import Settings
from saidwhat.store import open_store
from saidwhat.web import create_app
from saidwhat.web.extraction import ExtractionBusy, ExtractionTimeout, Extractor
from web_support import FIXTURES, build_database, read_fixture

pytestmark = pytest.mark.model

HOSTILE_QUOTE = "<script>alert('xss')</script> is not a policy"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_path(request, tmp_path_factory, pipeline):
    """A quote database of the fixture articles on each backend."""
    if request.param == "sqlite":
        yield build_database(tmp_path_factory.mktemp("web") / "quotes.db", pipeline)
        return
    import psycopg

    from test_store_support import postgres_server  # the store tests' throwaway server

    server = postgres_server()
    schema = "web_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield build_database(server.url(schema=schema), pipeline)
    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(scope="module")
def store(db_path):
    with open_store(db_path, readonly=True) as store:
        yield store


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store, Settings())) as client:
        yield client


def speaker_id(client, name: str) -> int:
    found = client.get("/api/speakers", params={"q": name}).json()["speakers"]
    return next(s["id"] for s in found if s["name"] == name)


# ---------------------------------------------------------------- JSON API


def test_search_api(client):
    r = client.get("/api/search", params={"q": "hospital winter"})
    assert r.status_code == 200
    data = r.json()
    assert set(data) >= {"results", "total"}
    assert data["total"] >= 2 and len(data["results"]) == data["total"]
    # the store matches the statement, its speaker and its article's title
    assert all("hospital" in (h["content"] + " " + h["title"]).lower() for h in data["results"])
    assert any("We will not close" in h["content"] for h in data["results"])
    hit = data["results"][0]
    assert {"speaker", "role", "content", "cue", "date", "site", "article_id", "attribution_id"} <= set(hit)


def test_search_filters_and_paging(client):
    newest = client.get("/api/search").json()
    dates = [h["date"] for h in newest["results"]]
    assert dates == sorted(dates, reverse=True), "without a query: newest first"
    by_site = client.get("/api/search", params={"site": "Valley Daily"}).json()
    assert by_site["total"] > 0 and {h["site"] for h in by_site["results"]} == {"Valley Daily"}
    direct = client.get("/api/search", params={"kind": "direct", "speaker": "Karen Obi"}).json()
    assert direct["total"] > 0
    assert all(h["kind"] == "direct" and h["speaker"] == "Karen Obi" for h in direct["results"])
    window = client.get("/api/search", params={"since": "2025-02-01", "until": "2025-02-28"}).json()
    assert window["total"] > 0 and all("2025-02-01" <= h["date"] <= "2025-02-28" for h in window["results"])
    first = client.get("/api/search", params={"limit": 2}).json()
    second = client.get("/api/search", params={"limit": 2, "offset": 2}).json()
    assert len(first["results"]) == 2 and first["total"] == second["total"]
    assert {h["attribution_id"] for h in first["results"]}.isdisjoint(
        h["attribution_id"] for h in second["results"]
    )


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "last week"}, "since"),
        ({"until": "2025-13-01"}, "until"),
        ({"since": "2025-03-01", "until": "2025-01-01"}, "since"),
        ({"kind": "rumour"}, "kind"),
        ({"limit": 1000}, "limit"),
        ({"offset": -1}, "offset"),
        ({"q": "word " * 80}, "q"),
    ],
)
def test_search_api_rejects_bad_parameters_with_422(client, params, field):
    r = client.get("/api/search", params=params)
    assert r.status_code == 422
    body = r.json()
    assert body["status"] == 422 and field in body["message"]


def test_search_text_is_never_syntax(client):
    for q in ['"unclosed', "NEAR(a b)", "hospital' OR 1=1 --", "*", "a:b ^c"]:
        r = client.get("/api/search", params={"q": q})
        assert r.status_code == 200, (q, r.text)


def test_speakers_api(client):
    speakers = client.get("/api/speakers").json()["speakers"]
    assert speakers[0]["name"] == "Karen Obi"
    counts = [s["statements"] for s in speakers]
    assert counts == sorted(counts, reverse=True)
    sid = speakers[0]["id"]
    record = client.get(f"/api/speakers/{sid}").json()
    assert record["speaker"]["name"] == "Karen Obi"
    assert record["speaker"]["roles"][0]["role"] == "Health Minister"
    assert sum(w["count"] for w in record["weekly"]) == record["speaker"]["statements"]
    statements = record["statements"]
    assert statements["total"] == record["speaker"]["statements"]
    dates = [h["date"] for h in statements["results"]]
    assert dates == sorted(dates, reverse=True)
    filtered = client.get(f"/api/speakers/{sid}", params={"q": "door"}).json()["statements"]
    assert filtered["total"] == 1 and "door" in filtered["results"][0]["content"]


def test_article_api_is_the_core_json_with_store_ids(client, pipeline):
    r = client.get("/api/articles/01-hospitals-herald")
    assert r.status_code == 200
    data = r.json()
    assert set(data) >= {"id", "text", "article", "attributions"}
    assert data["article"]["site"] == "Northbridge Herald"
    meta = read_fixture(FIXTURES / "01-hospitals-herald.txt")
    assert data["text"] == meta["text"]
    for a in data["attributions"]:
        assert {"id", "speaker_id", "cluster_id", "content", "kind"} <= set(a)
        for s, e in a["content"]["spans"]:
            assert 0 <= s < e <= len(data["text"])
        assert " ".join(data["text"][s:e] for s, e in a["content"]["spans"]) == a["content"]["text"]


def test_quote_api(client):
    hits = client.get("/api/search", params={"q": "close hospital winter", "limit": 50}).json()["results"]
    cluster_id = next(h["cluster_id"] for h in hits if h["cluster_id"] is not None)
    cluster = client.get(f"/api/quotes/{cluster_id}").json()
    assert len(cluster["variants"]) >= 2
    published = [v["published"] for v in cluster["variants"]]
    assert published == sorted(published), "earliest first"
    assert cluster["canonical"] == cluster["variants"][0]["text"]


def test_stats_api(client):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == len(list(FIXTURES.glob("*.txt")))


@pytest.mark.parametrize(
    "path",
    ["/api/speakers/999999", "/api/articles/no-such-article", "/api/quotes/999999", "/api/nothing-here"],
)
def test_api_not_found_is_json_404(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["status"] == 404 and r.json()["message"]


def test_api_wrong_type_is_json_422(client):
    r = client.get("/api/speakers/karen")
    assert r.status_code == 422 and "speaker_id" in r.json()["message"]


def test_openapi_describes_every_route(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in [
        "/api/search",
        "/api/speakers",
        "/api/speakers/{speaker_id}",
        "/api/articles/{article_id}",
        "/api/quotes/{cluster_id}",
        "/api/extract",
    ]:
        assert path in paths, path
    assert "/" not in paths and "/try" not in paths, "pages are not API"
    body = paths["/api/extract"]["post"]["requestBody"]["content"]
    assert {"application/json", "text/plain", "text/html"} <= set(body)
    assert "404" in paths["/api/speakers/{speaker_id}"]["get"]["responses"]
    assert client.get("/docs").status_code == 200


# ---------------------------------------------------------------- extraction


def test_extract_json_text_plain_and_html(client):
    text = read_fixture(FIXTURES / "04-tram-herald.txt")["text"]
    r = client.post("/api/extract", json={"text": text, "published": "2025-02-04"})
    assert r.status_code == 200
    data = r.json()
    assert data["text"] == text and data["article"]["published"] == "2025-02-04"
    speakers = {a["speaker"]["name"] for a in data["attributions"] if a["speaker"]}
    assert "Ana Ribeiro" in speakers
    raw = client.post(
        "/api/extract",
        content=text.encode(),
        params={"published": "2025-02-04"},
        headers={"content-type": "text/plain; charset=utf-8"},
    )
    assert raw.status_code == 200 and raw.json()["attributions"] == data["attributions"]
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:])
    html = f"<html><head><title>Tram vote</title></head><body><nav>Home</nav><article><h1>Tram</h1>{paragraphs}</article></body></html>"
    page = client.post("/api/extract", json={"html": html})
    assert page.status_code == 200
    assert "Ana Ribeiro" in {a["speaker"]["name"] for a in page.json()["attributions"] if a["speaker"]}
    raw_html = client.post("/api/extract", content=html.encode(), headers={"content-type": "text/html"})
    assert raw_html.status_code == 200


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"json": {"text": "   "}}, 422),
        ({"json": {"text": "a", "html": "<p>a</p>"}}, 422),
        ({"json": {}}, 422),
        ({"json": {"text": "He said so.", "published": "Tuesday"}}, 422),
        ({"json": {"txt": "typo in the field name"}}, 422),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
        ({"content": b"\x00\x01binary", "headers": {"content-type": "text/plain"}}, 422),
        ({"content": b"hello", "headers": {"content-type": "application/pdf"}}, 415),
        ({"content": b"hello"}, 415),
    ],
)
def test_extract_errors_are_json(client, kwargs, status):
    r = client.post("/api/extract", **kwargs)
    assert r.status_code == status, r.text
    assert r.json()["status"] == status and r.json()["message"]
    assert "Traceback" not in r.text


def test_extract_size_limit_declared_and_streamed(store):
    with TestClient(create_app(store, Settings(max_upload_bytes=2000))) as client:
        big = "The minister said it would rain. " * 100
        r = client.post("/api/extract", json={"text": big})
        assert r.status_code == 413 and "too large" in r.json()["message"]

        def chunks():  # no Content-Length: the limit must hold while reading
            for _ in range(100):
                yield b"The minister said it would rain. "

        r = client.post("/api/extract", content=chunks(), headers={"content-type": "text/plain"})
        assert r.status_code == 413
        r = client.post("/try", files={"file": ("big.html", b"<p>x</p>" * 1000, "text/html")})
        assert r.status_code == 413 and "too large" in r.text
        ok = client.post("/api/extract", json={"text": "“We are ready,” the minister said on Monday."})
        assert ok.status_code == 200


def test_an_overrunning_extraction_is_stopped_and_answered_504(store):
    app = create_app(store, Settings(extract_timeout=0.5), extract=extract_marked)
    with TestClient(app) as client:
        app.state.extractor.warm()
        before = app.state.extractor.processes
        r = client.post("/api/extract", json={"text": f"“We are ready,” the minister said. {SLOW}"})
        assert r.status_code == 504
        assert "longer than 0.5 seconds" in r.json()["message"] and "stopped" in r.json()["message"]
        # the abandoned extraction really ended: its worker was killed, another took its place
        assert sum(not p.is_alive() for p in before) == 1
        assert len(app.state.extractor.processes) == 2
        page = client.post("/try", data={"text": f"“We are ready,” the minister said. {SLOW}"})
        assert page.status_code == 504 and "longer than" in page.text
        ok = client.post("/api/extract", json={"text": "“We are ready,” the minister said on Monday."})
        assert ok.status_code == 200


def test_an_extraction_over_the_memory_limit_is_stopped_and_answered_413(store):
    app = create_app(store, Settings(worker_memory=600), extract=extract_marked)
    with TestClient(app) as client:
        r = client.post("/api/extract", json={"text": f"“We are ready,” the minister said. {GREEDY}"})
        assert r.status_code == 413 and "more than 600 MB" in r.json()["message"]
        ok = client.post("/api/extract", json={"text": "“We are ready,” the minister said on Monday."})
        assert ok.status_code == 200


def test_a_slow_extraction_does_not_hold_up_the_others(store):
    app = create_app(store, Settings(extract_timeout=5), extract=extract_marked)
    with TestClient(app) as client:
        app.state.extractor.warm()
        answers: dict[str, float] = {}

        def post(text: str) -> None:
            started = time.monotonic()
            client.post("/api/extract", json={"text": text})
            answers[text] = time.monotonic() - started

        slow = threading.Thread(target=post, args=(f"“We are ready,” the minister said. {SLOW}",))
        slow.start()
        time.sleep(0.5)
        post("“We are ready,” the minister said on Monday.")
        assert slow.is_alive()  # the quick one came back while the slow one still ran
        slow.join()
        assert (
            answers["“We are ready,” the minister said on Monday."]
            < answers[f"“We are ready,” the minister said. {SLOW}"]
        )


def test_extractor_refuses_when_the_queue_is_full():
    extractor = Extractor(extract_marked, Budget(seconds=0.5), workers=1, queue=1)

    async def scenario() -> None:
        slow = asyncio.ensure_future(extractor.run(Article(text=f"a {SLOW}")))
        await asyncio.sleep(0.1)
        # the running extraction holds the only place
        with pytest.raises(ExtractionBusy):
            await extractor.run(Article(text="b"))
        with pytest.raises(ExtractionTimeout):
            await slow
        assert (await extractor.run(Article(text="c"))).text == "c"

    try:
        asyncio.run(scenario())
    finally:
        extractor.close()


# ---------------------------------------------------------------- pages


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "Latest statements"),
        ("/?q=hospital&kind=direct", "found"),
        ("/speakers", "Karen Obi"),
        ("/articles/04-tram-herald", "most important transport decision"),
        ("/try", "Find who said what"),
    ],
)
def test_pages_render(client, path, expected):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert expected in r.text
    assert "content-security-policy" in r.headers and r.headers["x-content-type-options"] == "nosniff"


def test_search_page_keeps_the_query_in_links(client):
    r = client.get("/", params={"q": "hospital", "speaker": "Karen Obi"})
    assert r.status_code == 200
    assert 'value="hospital"' in r.text and 'value="Karen Obi"' in r.text
    assert "?mark=" in r.text


def test_search_page_shows_bad_filters_next_to_the_form(client):
    r = client.get("/", params={"since": "yesterday"})
    assert r.status_code == 422 and "not a date" in r.text and 'role="alert"' in r.text


def test_speaker_and_quote_pages(client):
    sid = speaker_id(client, "Karen Obi")
    r = client.get(f"/speakers/{sid}")
    assert r.status_code == 200
    assert "Health Minister" in r.text and "<svg" in r.text and 'class="bar"' in r.text
    assert "Week of 2025-01-06: 6" in r.text or "Week of 2025-01-06" in r.text
    filtered = client.get(f"/speakers/{sid}", params={"q": "door"})
    assert "The door to my office is open" in filtered.text
    assert "This budget puts hospitals first" not in filtered.text
    hits = client.get("/api/search", params={"q": "close hospital winter", "limit": 50}).json()["results"]
    cluster_id = next(h["cluster_id"] for h in hits if h["cluster_id"] is not None)
    page = client.get(f"/quotes/{cluster_id}")
    assert page.status_code == 200 and "<ins>" in page.text and "<del>" in page.text


def test_pages_not_found_are_html_404(client):
    for path in ["/speakers/424242", "/articles/missing", "/quotes/424242", "/no/such/page"]:
        r = client.get(path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html"), path
        assert "<h1>Not Found</h1>" in r.text


def test_article_page_marks_the_requested_attribution(client):
    data = client.get("/api/articles/04-tram-herald").json()
    target = data["attributions"][1]["id"]
    r = client.get("/articles/04-tram-herald", params={"mark": target})
    marked = re.findall(r'<mark class="[^"]*\bmarked\b[^"]*"[^>]*data-marks="([^"]*)"', r.text)
    assert marked and all("1:" in m for m in marked)
    assert f'id="item-{target}"' in r.text


def test_try_it_with_text_and_html_file(client):
    text = read_fixture(FIXTURES / "05-nurses-courier.txt")["text"]
    r = client.post("/try", data={"text": text, "published": "2025-02-18"})
    assert r.status_code == 200
    assert 'id="article-text"' in r.text and "Marta Hale" in r.text
    html = (
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        + "</article></body></html>"
    )
    r = client.post("/try", files={"file": ("nurses.html", html.encode(), "text/html")})
    assert r.status_code == 200 and "the file nurses.html" in r.text and "Marta Hale" in r.text
    example = client.get("/try", params={"example": 1})
    assert "City council approves new tram line" in example.text
    empty = client.post("/try", data={"text": "  "})
    assert empty.status_code == 422 and "paste some text" in empty.text


# ---------------------------------------------------------------- hostile text


def test_hostile_article_is_escaped_everywhere(client):
    page = client.get("/articles/07-hostile").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b onmouseover" not in page
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page, "a javascript: URL is never a link"
    results = client.get("/", params={"q": "policy"}).text
    assert "<script>alert" not in results and "&lt;script&gt;" in results
    api = client.get("/api/search", params={"q": "policy"}).json()
    assert any(HOSTILE_QUOTE in h["content"] for h in api["results"]), "the API returns the text as is"
    tried = client.post("/try", data={"text": read_fixture(FIXTURES / "07-hostile.txt")["text"]}).text
    assert "<script>alert" not in tried and "<img src=x" not in tried


def test_reflected_parameters_are_escaped(client):
    r = client.get("/", params={"q": '"><script>alert(1)</script>'})
    assert "<script>alert(1)" not in r.text and "&lt;script&gt;alert(1)" in r.text


# ---------------------------------------------------------------- failures


class BrokenStore:
    """A store whose every call fails unexpectedly (not a StoreError)."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise RuntimeError("internal detail: password=hunter2 at /srv/secret.py line 12")

        return fail


def test_unexpected_errors_answer_500_without_details():
    with TestClient(create_app(BrokenStore(), Settings()), raise_server_exceptions=False) as client:
        for path in ["/api/search", "/"]:
            r = client.get(path)
            assert r.status_code == 500
            assert "hunter2" not in r.text and "Traceback" not in r.text and "secret.py" not in r.text


def test_store_errors_answer_503(db_path):
    closed = open_store(db_path, readonly=True)
    closed.close()
    with TestClient(create_app(closed, Settings())) as client:
        r = client.get("/api/search", params={"q": "hospital"})
        assert r.status_code == 503 and "quote database" in r.json()["message"]
        page = client.get("/speakers")
        assert page.status_code == 503 and "quote database" in page.text


def test_serve_command(tmp_path):
    from click.testing import CliRunner

    from saidwhat.cli import cli

    runner = CliRunner()
    help_text = " ".join(runner.invoke(cli, ["serve", "--help"]).output.split())  # however it wraps
    assert "--db" in help_text and "[default: 127.0.0.1]" in help_text and "default: 8000" in help_text
    missing = runner.invoke(cli, ["serve", "--db", str(tmp_path / "absent.db"), "--port", "8999"])
    assert missing.exit_code == 1 and "error:" in missing.output and "serving" not in missing.output
    with pytest.raises(StoreError):
        open_store(str(tmp_path / "absent.db"), readonly=True)


def test_serve_listens_on_loopback_by_default(db_path, tmp_path):
    """The real command in its own process: it answers, and only on 127.0.0.1."""
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "saidwhat.cli", "serve", "--db", db_path, "--port", str(port)],
        stdout=log,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["articles"] > 0
        tcp = Path("/proc/net/tcp")
        if tcp.exists():  # Linux: the listening socket's local address is 127.0.0.1
            listening = [
                line.split()[1] for line in tcp.read_text().splitlines()[1:] if line.split()[3] == "0A"
            ]
            assert f"0100007F:{port:04X}" in listening
            assert f"00000000:{port:04X}" not in listening
    finally:
        server.terminate()
        server.wait(10)
        log.close()


def test_a_total_beyond_the_counting_limit_reads_as_more_than(client, monkeypatch):
    from saidwhat.store.postgres import PostgresConnection
    from saidwhat.store.sqlite import SQLiteConnection

    exact = client.get("/api/search", params={"q": "hospital"}).json()
    assert exact["total"] > 1 and exact["total_exact"] is True
    for engine in (SQLiteConnection, PostgresConnection):
        monkeypatch.setattr(engine, "count_limit", 1)
    capped = client.get("/api/search", params={"q": "hospital"}).json()
    assert (capped["total"], capped["total_exact"]) == (1, False)
    assert capped["results"] == exact["results"]
    assert "More than 1 statement found" in client.get("/", params={"q": "hospital"}).text
