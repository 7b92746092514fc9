"""No traceback anywhere: every CLI command and every web route, with hostile values
for each parameter, answers with a one-line error (or a usage error, or a 4xx), never
a traceback or a 500.

The commands are read from the Click group and the routes from the FastAPI app, so
commands and routes added later are walked too. The store is an empty database and
the extraction is injected (budget_support), so no model is needed.
"""

from __future__ import annotations

import socket
from urllib.parse import quote

import click
import pytest
from click.testing import CliRunner
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Mount

from budget_support import extract_marked
from saidwhat.cli import cli
from saidwhat.settings import Settings
from saidwhat.store import open_store
from saidwhat.web import create_app

HOSTILE = {
    "huge": "9" * 30,
    "negative": "-1",
    "non-numeric": "abc",
    "unicode": "Zürich ☃ 𝔘 ٣",
    "nul": "a\x00b",
    "empty": "",
}
SECURITY_HEADERS = ("x-content-type-options", "x-frame-options", "content-security-policy")
PROMPT_ANSWERS = "a long enough password\na long enough password\n"


# ---------------------------------------------------------------- the CLI


def commands(group: click.Group = cli, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "empty.db"
    open_store(str(path)).close()
    return str(path)


@pytest.fixture(scope="module")
def busy_port():
    """A port something else already listens on, so 'serve' stops before serving."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield sock.getsockname()[1]


def benign(command: click.Command, param: click.Parameter, empty_db: str, tmp: str, port: int) -> list[str]:
    """Harmless values for every other required part, so the hostile one is what is tested."""
    args: list[str] = []
    for other in command.params:
        if other is param or not isinstance(other, click.Option) or other.name not in ("db", "port", "gold"):
            continue
        value = {"db": empty_db, "port": str(port), "gold": tmp}[other.name or ""]
        args += [other.opts[0], value]
    for other in command.params:
        if isinstance(other, click.Argument) and other is not param and other.required:
            args.append("1" if other.name == "cluster_id" else "missing-input.txt")
    if command.name in ("learn-cues",) and param.name != "output":
        args += ["--output", f"{tmp}/cues.json"]
    return args


def hostile_cases():
    for path, command in commands():
        for param in command.params:
            if param.name in ("help",):
                continue
            for label, value in HOSTILE.items():
                yield pytest.param(path, param.name, value, id=f"{' '.join(path)}-{param.name}-{label}")


def check_cli_result(result, path) -> None:
    text = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert "Traceback" not in text, text
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), (result.exit_code, text)
    assert "internal error" not in text, text  # the group's last resort caught a bug
    if result.exit_code == 1:
        errors = [line for line in result.stderr.splitlines() if line.startswith("saidwhat: error:")]
        assert len(errors) <= 1, result.stderr
        # one line of ours, or Click's own for a prompt left unanswered
        assert errors or "saidwhat:" in result.stderr or result.stderr == "Aborted!\n", result.stderr
    if result.exit_code == 2:
        assert "Error:" in text, text


@pytest.mark.parametrize(("path", "name", "value"), list(hostile_cases()))
def test_every_command_refuses_hostile_values_in_one_line(path, name, value, empty_db, busy_port, tmp_path):
    command = dict(commands())[path]
    param = next(p for p in command.params if p.name == name)
    args = [*path, *benign(command, param, empty_db, str(tmp_path), busy_port)]
    if isinstance(param, click.Argument):
        args.append(value)
    elif param.is_flag:
        args.append(param.opts[0])
    else:
        args += [param.opts[0], value]
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):
        # an answer for any prompt (a new password, asked twice), so what follows it runs too
        result = runner.invoke(cli, args, input=PROMPT_ANSWERS, catch_exceptions=True)
    check_cli_result(result, path)


@pytest.mark.parametrize(("label", "value"), list(HOSTILE.items()))
def test_group_options_refuse_hostile_values(label, value, tmp_path):
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):
        result = runner.invoke(cli, ["--model", value, "extract", "missing-input.txt"])
    check_cli_result(result, ("extract",))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SAIDWHAT_MAX_CHARS", "abc"),
        ("SAIDWHAT_JOBS", "-3"),
        ("SAIDWHAT_EXTRACT_TIMEOUT", "nan"),
        ("SAIDWHAT_WORKER_MEMORY", "9" * 30 + "x"),
        ("SAIDWHAT_MIN_CONFIDENCE", "2"),
        ("SAIDWHAT_MODEL", ""),
    ],
)
def test_bad_settings_in_the_environment_are_one_line(name, value, tmp_path):
    result = CliRunner().invoke(cli, ["extract", "missing-input.txt"], env={name: value})
    check_cli_result(result, ("extract",))
    assert result.exit_code == 1 and name in result.stderr and "Traceback" not in result.output


def test_every_command_has_help():
    for path, _command in commands():
        result = CliRunner().invoke(cli, [*path, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, path


def test_serving_on_a_busy_port_is_one_line(empty_db, busy_port):
    result = CliRunner().invoke(cli, ["serve", "--db", empty_db, "--port", str(busy_port)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"saidwhat: error: cannot listen on 127.0.0.1:{busy_port}: port {busy_port} is already in use "
        "(another server?); choose another with --port"
    ]


# ---------------------------------------------------------------- the web app


@pytest.fixture(scope="module")
def client(empty_db):
    # writable, so the routes that write (readers' replies, moderation) run, not refuse
    with open_store(empty_db) as store:
        app = create_app(store, Settings(extract_timeout=5), extract=extract_marked)
        with TestClient(app, raise_server_exceptions=False) as client:
            yield client


def flat_routes(routes, prefix: str = ""):
    """Every route, with the routers included in the app opened up (FastAPI includes
    routers lazily, as wrappers holding the original router and its prefix)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from flat_routes(inner.routes, prefix + route.include_context.prefix)
        else:
            yield prefix, route


def routes(app):
    for prefix, route in flat_routes(app.routes):
        if isinstance(route, APIRoute):
            params = [p.name for p in route.dependant.path_params]
            query = [p.alias for p in route.dependant.query_params]
            for method in sorted(route.methods):
                yield method, prefix + route.path, params, query
        elif isinstance(route, Mount):
            yield "GET", prefix + route.path + "/{path}", ["path"], []


def test_the_walk_finds_the_routes():
    found = {(method, path) for method, path, _, _ in routes(_app_for_walk())}
    assert {("GET", "/api/speakers/{speaker_id}"), ("POST", "/api/extract"), ("GET", "/")} <= found
    assert len(found) >= 15


def route_cases(app):
    for method, path, params, query in routes(app):
        for name in params + query:
            for label, value in HOSTILE.items():
                yield pytest.param(method, path, params, name, value, id=f"{method} {path} {name}-{label}")


def _app_for_walk():
    return create_app(open_store(":memory:"), Settings(), extract=extract_marked)


def check_response(r) -> None:
    assert r.status_code < 500, (r.status_code, r.text[:500])
    assert "Traceback" not in r.text
    for header in SECURITY_HEADERS:
        assert header in r.headers, header


@pytest.mark.parametrize(("method", "path", "params", "name", "value"), list(route_cases(_app_for_walk())))
def test_every_route_answers_hostile_values_with_a_4xx(client, method, path, params, name, value):
    url = path
    for p in params:
        url = url.replace("{" + p + "}", quote(value if p == name else "1", safe=""))
    query = {name: value} if name not in params else {}
    if method == "POST":
        r = client.request(method, url, params=query, json={"text": "“We are ready,” the minister said."})
    else:
        r = client.request(method, url, params=query)
    check_response(r)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b'{"text": 123}'),
        ("application/json", b'{"text": "a\\u0000b"}'),
        ("application/json", b'{"html": "<p>' + b"\xff" * 10 + b'</p>"}'),
        ("application/json", b"[" * 10000),
        ("application/json", b"9" * 1000),
        ("text/plain; charset=bogus", b"The minister said it."),
        ("text/plain; charset=utf-16", "“We are ready,” the minister said.".encode("utf-16")),
        ("text/plain", b"\x00\x01\x02" * 100),
        ("text/html; charset=latin-1", "<p>Zürich</p>".encode("latin-1")),
        ("image/png", b"\x89PNG"),
        ("multipart/form-data; boundary=x", b"--x\r\n"),
    ],
)
def test_hostile_bodies_get_a_4xx(client, content_type, body):
    for path in ("/api/extract", "/try"):
        r = client.post(path, content=body, headers={"content-type": content_type})
        check_response(r)


def test_unexpected_errors_are_a_500_with_headers_and_no_traceback(empty_db):
    class Broken:
        """A store whose reads fail in a way nobody foresaw."""

        def __init__(self, store):
            self.store = store

        def __getattr__(self, name):
            if name in ("stats", "search"):
                raise RuntimeError("the disk caught fire")
            return getattr(self.store, name)

    app = create_app(Broken(open_store(empty_db)), Settings(), extract=extract_marked)
    with TestClient(app, raise_server_exceptions=False) as client:
        for path in ("/api/stats", "/"):
            r = client.get(path)
            assert r.status_code == 500 and "Traceback" not in r.text and "fire" not in r.text
            for header in SECURITY_HEADERS:
                assert header in r.headers, header
        assert r.headers["content-type"].startswith("text/html")


def test_head_answers_like_get(client):
    for path in ("/", "/speakers", "/api/stats", "/docs", "/static/style.css"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]
