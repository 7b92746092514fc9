"""A bounded load test of the web app's search API, against loopback only.

Starts ``saidwhat serve`` in its own process on a free 127.0.0.1 port (or uses
``--url``, which must be a loopback address), then runs ``--clients`` concurrent
HTTP clients for ``--duration`` seconds, each sending search requests from a
fixed mix (full-text, phrases, filters, pages) one after another, and prints
requests per second, latency percentiles and errors. It stops by itself: the
duration and the number of clients are capped.

Without ``--db`` it builds a test database first: the web tests' fixture
articles, extracted with the real pipeline, stored many times over with
different URLs, dates and outlets (``--copies``).

    python bench/web_load.py                      # 50 clients, 30 s
    python bench/web_load.py --db quotes.db --clients 20 --duration 10
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import ipaddress
import logging
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import httpx

log = logging.getLogger("web_load")

ROOT = Path(__file__).resolve().parents[1]
MAX_CLIENTS = 200
MAX_DURATION = 120.0
SITES = ("Northbridge Herald", "East Coast Courier", "Valley Daily", "Harbour Times", "Metro Wire")
QUERIES = (
    "/api/search?q=hospital",
    "/api/search?q=%22close+a+single+hospital%22",
    "/api/search?q=nurses+strike",
    "/api/search?q=budget&site=valley+daily",
    "/api/search?speaker=Karen+Obi&kind=direct",
    "/api/search",
    "/api/search?q=tram&since=2025-03-01&until=2025-06-30",
    "/api/search?q=minister&offset=40",
    "/api/search?q=opposition+leader&limit=50",
    "/api/search?q=office+door",
)


def build_database(path: Path, copies: int) -> None:
    """The fixture articles, extracted once, stored ``copies`` times with new URLs,
    dates and outlets (a line appended to each copy keeps content hashes distinct;
    offsets before it are unchanged)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from saidwhat import load_pipeline
    from saidwhat.store import open_store
    from web_support import fixture_articles

    originals = fixture_articles(load_pipeline())

    def clones():
        for k in range(copies):
            for n, a in enumerate(originals):
                day = date.fromisoformat(a.published[:10]) + timedelta(days=(k * 3 + n) % 700)
                yield dataclasses.replace(
                    a,
                    id=f"{a.id}-{k}",
                    text=a.text + f"\n\nArchive copy {k}.\n",
                    url=f"https://archive.example/{k}/{a.id}",
                    published=day.isoformat(),
                    site=SITES[(k + n) % len(SITES)] if n != 6 else a.site,
                )

    with open_store(str(path)) as store:
        stats = store.ingest(clones(), batch_size=500)
    log.info("built %s: %d articles, %d attributions", path, stats.articles_added, stats.attributions_added)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, log_path: Path) -> subprocess.Popen:
    """``saidwhat serve`` in its own process (so the clients do not share its CPU time);
    its messages go to ``log_path`` (a pipe nobody reads would block it when full)."""
    command = [
        sys.executable,
        "-m",
        "saidwhat.cli",
        "serve",
        "--db",
        str(db),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with open(log_path, "w") as log_file:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log_file)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {log_path.read_text()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not start within 60 s")


def check_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(f"refusing to load-test {host!r}: only loopback addresses (127.0.0.1, ::1)")


@dataclasses.dataclass
class Result:
    latencies: list[float] = dataclasses.field(default_factory=list)
    statuses: Counter = dataclasses.field(default_factory=Counter)
    failures: Counter = dataclasses.field(default_factory=Counter)


async def run_load(base: str, clients: int, duration: float) -> tuple[Result, float]:
    """``clients`` workers sending requests back to back until ``duration`` is up."""
    result = Result()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:
        started = time.perf_counter()
        deadline = started + duration

        async def worker(n: int) -> None:
            k = n
            while time.perf_counter() < deadline:
                path = QUERIES[k % len(QUERIES)]
                k += 1
                t0 = time.perf_counter()
                try:
                    response = await client.get(path)
                    await response.aread()
                except httpx.HTTPError as exc:
                    result.failures[type(exc).__name__] += 1
                    continue
                result.latencies.append(time.perf_counter() - t0)
                result.statuses[response.status_code] += 1

        await asyncio.gather(*(worker(n) for n in range(clients)))
        elapsed = time.perf_counter() - started
    return result, elapsed


def report(result: Result, elapsed: float, clients: int, stats: dict) -> str:
    lat = sorted(result.latencies)
    count = len(lat)
    errors = sum(c for s, c in result.statuses.items() if s != 200) + sum(result.failures.values())

    def pct(p: float) -> float:
        return lat[min(count - 1, int(p * count))] * 1000 if count else float("nan")

    lines = [
        f"database: {stats.get('articles', '?')} articles, {stats.get('attributions', '?')} attributions",
        f"load: {clients} concurrent clients for {elapsed:.1f} s, {len(QUERIES)} search queries in rotation",
        f"requests: {count + sum(result.failures.values())}  ({count / elapsed:.1f} requests/s)",
        (
            f"latency ms: p50 {pct(0.50):.1f}  p95 {pct(0.95):.1f}  p99 {pct(0.99):.1f}  "
            f"max {lat[-1] * 1000 if lat else float('nan'):.1f}  "
            f"mean {statistics.fmean(lat) * 1000 if lat else float('nan'):.1f}"
        ),
        f"status codes: {dict(sorted(result.statuses.items()))}",
        f"errors: {errors}" + (f"  (transport: {dict(result.failures)})" if result.failures else ""),
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing quote database (default: build one)")
    parser.add_argument("--url", help="an already running server on a loopback address")
    parser.add_argument("--clients", type=int, default=50, help=f"concurrent clients (at most {MAX_CLIENTS})")
    parser.add_argument("--duration", type=float, default=30.0, help=f"seconds (at most {MAX_DURATION:g})")
    parser.add_argument(
        "--copies", type=int, default=300, help="copies of each fixture article in a built database"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    clients = max(1, min(args.clients, MAX_CLIENTS))
    duration = max(1.0, min(args.duration, MAX_DURATION))

    server = None
    with tempfile.TemporaryDirectory(prefix="saidwhat-load-") as tmp:
        if args.url:
            check_loopback(args.url)
            base = args.url.rstrip("/")
        else:
            db = args.db
            if db is None:
                db = Path(tmp) / "quotes.db"
                build_database(db, args.copies)
            port = free_port()
            server_log = Path(tmp) / "server.log"
            server = start_server(db, port, server_log)
            base = f"http://127.0.0.1:{port}"
        try:
            stats = httpx.get(base + "/api/stats", timeout=10).json()
            for path in QUERIES:  # warm caches, and fail early on a broken query
                httpx.get(base + path, timeout=10).raise_for_status()
            result, elapsed = asyncio.run(run_load(base, clients, duration))
        finally:
            if server is not None:
                server.terminate()
                try:
                    server.wait(10)
                except subprocess.TimeoutExpired:
                    server.kill()
                messages = server_log.read_text().strip()
                if messages:
                    log.info("server messages:\n%s", messages)
    print(report(result, elapsed, clients, stats))  # the benchmark's output, not a log line
    return 1 if any(s != 200 for s in result.statuses) or result.failures else 0


if __name__ == "__main__":
    os.environ.setdefault("SAIDWHAT_MODEL", "auto")
    sys.exit(main())
