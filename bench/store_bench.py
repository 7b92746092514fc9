"""Benchmark the quote database: search latency at 1 million attributions, and
ingest throughput against the batch runner.

    python bench/store_bench.py                      # SQLite, 1,000,000 attributions
    python bench/store_bench.py --postgres           # the same on a throwaway PostgreSQL
    python bench/store_bench.py --attributions 100000 --runs 10
    python bench/store_bench.py --attributions 10000000 --via-spark   # the Spark path

``--via-spark`` builds the store the way a cluster run does: the generated articles
are written as a Spark output directory (``batch.spark.write_articles``), the
cross-article steps run on Spark (``local[*]``), and ``saidwhat ingest DIR``'s bulk
load (``Store.ingest_directory``) fills the empty store; each stage is timed, and
the database's size per million attributions is reported.

The corpus is generated (bench/store_corpus.py) straight into a store under
bench/data/ (git-ignored) and reused by later runs of the same size. Latencies are
wall-clock times of ``Store.search`` (page of 20 with its total count) on a warm
store, each query run ``--runs`` times in shuffled order.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from store_corpus import Corpus, news_text  # noqa: E402

from saidwhat.store import Store, open_store  # noqa: E402

DATA = HERE / "data"
PER_ARTICLE = 10
STATEMENTS = ["speech", "writing", "unknown"]  # what the web app's search keeps by default


def build(store: Store, attributions: int, batch_size: int) -> None:
    """Fill ``store`` with the synthetic corpus, reporting the ingest rate."""
    articles = attributions // PER_ARTICLE
    corpus = Corpus()
    started = time.perf_counter()
    generating = 0.0
    done = 0
    chunk = 5_000
    while done < articles:
        t = time.perf_counter()
        batch = [corpus.article(n, PER_ARTICLE) for n in range(done, min(done + chunk, articles))]
        generating += time.perf_counter() - t
        store.ingest(batch, batch_size=batch_size)
        done += len(batch)
        elapsed = time.perf_counter() - started - generating
        print(
            f"  {done * PER_ARTICLE:>9,} attributions stored, {done * PER_ARTICLE / elapsed:,.0f}/s",
            end="\r",
            flush=True,
        )
    elapsed = time.perf_counter() - started - generating
    print(
        f"\ncorpus: {articles:,} articles, {articles * PER_ARTICLE:,} attributions stored in {elapsed:.0f} s "
        f"({articles / elapsed:,.0f} articles/s, {articles * PER_ARTICLE / elapsed:,.0f} attributions/s, "
        f"generation time excluded)"
    )


def build_via_spark(url: str, attributions: int, directory: Path) -> None:
    """Fill the empty store at ``url`` through the Spark path (see the module)."""
    from saidwhat.batch.spark import spark_session, write_articles
    from saidwhat.batch.spark_merge import merge
    from saidwhat.store.bulk import MERGED, is_spark_output

    articles = attributions // PER_ARTICLE
    if is_spark_output(str(directory)) and all((directory / name).exists() for name in MERGED):
        # made by an earlier run (the other engine's)
        print(f"reusing the Spark output {directory}")
        load_directory(url, directory)
        return
    if directory.exists():
        shutil.rmtree(directory)
    t = time.perf_counter()
    write_articles(Corpus().articles(articles, PER_ARTICLE), str(directory), "bench")
    print(
        f"corpus: {articles:,} articles generated and written as Parquet in {time.perf_counter() - t:.0f} s"
    )
    spark = spark_session(
        "local[*]",
        conf={
            "spark.driver.memory": "10g",
            "spark.sql.shuffle.partitions": str(max(8, attributions // 250_000)),
            "spark.ui.enabled": "false",
        },
    )
    spark.sparkContext.setLogLevel("ERROR")
    t = time.perf_counter()
    summary = merge(spark, str(directory))
    spark.stop()
    print(f"cross-article steps on Spark (local[*]): {time.perf_counter() - t:.0f} s; {summary.describe()}")
    load_directory(url, directory)


def load_directory(url: str, directory: Path) -> None:
    """Bulk-load the Spark output ``directory`` into the empty store at ``url``, timed."""
    with open_store(url) as store:
        t = time.perf_counter()
        stats = store.ingest_directory(str(directory))
        elapsed = time.perf_counter() - t
    print(
        f"bulk load: {stats.articles_added:,} articles, {stats.attributions_added:,} attributions in {elapsed:.0f} s "
        f"({stats.attributions_added / elapsed:,.0f} attributions/s, indexes rebuilt included)"
    )


def database_size(url: str) -> int:
    """Bytes on disk: the SQLite file with its WAL, or the PostgreSQL database."""
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
            return int(row[0]) if row else 0
    return sum(os.path.getsize(p) for p in (url, url + "-wal") if os.path.exists(p))


def queries(store: Store) -> list[tuple[str, dict]]:
    """Realistic searches: topics, names, phrases; with and without filters."""
    top = store.speakers(top=50)
    busy, quieter = top[0].name, top[30].name
    site = "courier.example"
    return [
        ("Soleimani", {}),  # a big story: about 6% of all statements
        ("Iran sanctions", {}),
        ("nuclear deal", {}),
        ('"maximum pressure"', {}),
        ("hostages negotiations", {}),
        ("Pompeo", {}),  # a name: matches speakers and quotes
        ("tariffs China", {}),
        ("people", {}),  # a very common word (9% of statements): the worst case for ranking
        ("Soleimani", {"speaker": busy}),
        ("Iran", {"since": "2020-01-01", "until": "2020-01-31"}),
        ("Iran", {"since": "2019-03-15"}),
        ("election fraud", {"kind": "direct"}),
        ("Ukraine", {"site": site}),
        ("Baghdad embassy", {"speaker": quieter, "since": "2019-01-01", "kind": "direct"}),
        ("people", {"offset": 180}),  # the tenth page of the broadest word
        ("Iran", {"speaker_type": "PERSON"}),  # people only
        ("", {}),  # newest first
        ("", {"speaker": busy}),  # a speaker's timeline
        ("", {"site": site, "since": "2021-06-01", "until": "2021-06-30"}),
        ("", {"kind": "headline"}),
        ("", {"speaker_type": "PERSON"}),
        # acts (issue 14): the web app's default keeps speech, writing and unknown (75%)
        ("Soleimani", {"act": STATEMENTS}),
        ("people", {"act": STATEMENTS}),
        ("Iran sanctions", {"act": ["stance", "plan", "perception"]}),
        ("people", {"act": "perception"}),  # a rare act (4%) and the broadest word
        ("", {"act": STATEMENTS}),  # the web app's first page
        ("", {"act": "stance"}),
        ("", {"speaker": busy, "act": STATEMENTS}),  # a speaker's page
    ]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def shown(f: dict) -> str:
    """A query's filters in one short line (several acts as speech+writing)."""
    return ", ".join(f"{k}={'+'.join(v) if isinstance(v, list) else v}" for k, v in f.items())


def measure_search(store: Store, runs: int, only: str | None = None) -> None:
    """Run each query ``runs`` times (shuffled), print p50/p95 per query and overall
    (``only``: the queries whose words or filters contain it)."""
    qs = [(q, f) for q, f in queries(store) if not only or only in f"{q} {f}"]
    totals = {}
    for i, (q, f) in enumerate(qs):  # warm-up (and record how many rows each query matches)
        page = store.search(q, **f)
        totals[i] = f"{page.total:,}" + ("" if page.total_exact else "+")
    times: dict[int, list[float]] = {i: [] for i in range(len(qs))}
    order = [i for i in range(len(qs)) for _ in range(runs)]
    random.Random(1).shuffle(order)
    for i in order:
        q, f = qs[i]
        t = time.perf_counter()
        store.search(q, **f)
        times[i].append((time.perf_counter() - t) * 1000)
    print(f"\n{'query':<34} {'filters':<52} {'matches':>9} {'p50 ms':>7} {'p95 ms':>7}")
    text_only, filtered, everything = [], [], []
    for i, (q, f) in enumerate(qs):
        ts = times[i]
        everything += ts
        (filtered if f else text_only).extend(ts)
        print(
            f"{q or '(empty: newest first)':<34} {shown(f)[:52]:<52} {totals[i]:>9} "
            f"{percentile(ts, 50):>7.1f} {percentile(ts, 95):>7.1f}"
        )
    for name, ts in (("without filters", text_only), ("with filters", filtered), ("all queries", everything)):
        if not ts:
            continue
        print(
            f"{name:<20} p50 {percentile(ts, 50):6.1f} ms   p95 {percentile(ts, 95):6.1f} ms   ({len(ts)} searches)"
        )


def measure_ingest(url_for: Callable[[], str], articles: int, rounds: int = 5) -> None:
    """Articles per second: the batch runner alone, then ``saidwhat ingest`` (runner + store)."""
    from saidwhat.cli import extracted_articles
    from saidwhat.model import Failure
    from saidwhat.settings import load_settings

    folder = Path(tempfile.mkdtemp(prefix="saidwhat-bench-texts-"))
    rng = random.Random(3)
    paths = []
    for n in range(articles):
        path = folder / f"news-{n:04d}.txt"
        path.write_text(news_text(rng, n), encoding="utf-8")
        paths.append(str(path))
    settings = load_settings()
    list(extracted_articles(paths[:5], settings))  # load the model before timing

    def runner() -> float:
        t = time.perf_counter()
        n = sum(1 for _ in extracted_articles(paths, settings))
        return n / (time.perf_counter() - t)

    def ingest() -> float:
        with open_store(url_for()) as store:
            t = time.perf_counter()
            stats = store.ingest(extracted_articles(paths, settings), batch_size=100)
            rate = stats.articles_added / (time.perf_counter() - t)
        return rate

    extracted = [a for a in extracted_articles(paths, settings) if not isinstance(a, Failure)]
    attributions = sum(len(a.attributions) for a in extracted)
    with open_store(url_for()) as store:  # the store's own share: writing extracted articles
        t = time.perf_counter()
        store.ingest(extracted, batch_size=100)
        store_only = time.perf_counter() - t
    runner_rates, ingest_rates = [], []
    for _ in range(rounds):  # interleaved, so the shared machine's load hits both alike
        runner_rates.append(runner())
        ingest_rates.append(ingest())
    r, i = statistics.median(runner_rates), statistics.median(ingest_rates)
    print(
        f"\ningest of {articles} news articles ({attributions} attributions), median of {rounds} interleaved runs:\n"
        f"  batch runner alone        {r:6.1f} articles/s   (runs: {', '.join(f'{x:.1f}' for x in runner_rates)})\n"
        f"  saidwhat ingest           {i:6.1f} articles/s   (runs: {', '.join(f'{x:.1f}' for x in ingest_rates)})"
        f" = {100 * i / r:.0f}% of the runner\n"
        f"  the store's own work      {1000 * store_only / len(extracted):6.2f} ms per article "
        f"({len(extracted) / store_only:,.0f} articles/s; {100 * r * store_only / len(extracted):.1f}% "
        f"of the runner's time per article)"
    )
    shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--attributions", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20, help="runs of each query")
    parser.add_argument("--db", help="store to use (default: bench/data/store-N.db)")
    parser.add_argument("--postgres", action="store_true", help="use a throwaway PostgreSQL server")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument(
        "--via-spark", action="store_true", help="build through Spark's cross-article steps and the bulk load"
    )
    parser.add_argument(
        "--ingest-articles", type=int, default=300, help="articles for the ingest rate (0: skip)"
    )
    parser.add_argument(
        "--search", action=argparse.BooleanOptionalAction, default=True, help="measure search latency"
    )
    parser.add_argument("--only", help="time only the queries whose words or filters contain this")
    args = parser.parse_args()

    server = None
    if args.postgres:
        from saidwhat.store.pgserver import TempPostgres

        server = TempPostgres().start()
        url = server.url()
    else:
        DATA.mkdir(exist_ok=True)
        suffix = "-spark" if args.via_spark else ""
        url = args.db or str(DATA / f"store-{args.attributions}{suffix}.db")
    try:
        print(f"store: {url}")
        with open_store(url) as store:
            have = store.stats()["attributions"]
        if have != args.attributions:
            if have:
                sys.exit(f"{url} holds {have:,} attributions, not {args.attributions:,}; delete it first")
            if args.via_spark:
                build_via_spark(url, args.attributions, DATA / f"spark-{args.attributions}")
            else:
                with open_store(url) as store:
                    build(store, args.attributions, args.batch_size)
        with open_store(url) as store:
            t = time.perf_counter()
            store.optimize()  # as saidwhat ingest leaves a store after a large run
            print(f"optimize (index compaction, statistics): {time.perf_counter() - t:.1f} s")
            stats = store.stats()
            size = database_size(url)
            print(stats)
            print(
                f"database size: {size / 2**30:.2f} GiB, {size / 2**30 / (stats['attributions'] / 1e6):.2f} GiB "
                "per million attributions"
            )
            if args.search:
                measure_search(store, args.runs, args.only)
        if args.ingest_articles:
            scratch = Path(tempfile.mkdtemp(prefix="saidwhat-bench-ingest-"))
            counter = iter(range(1_000))

            def url_for() -> str:
                n = next(counter)
                if server is not None:
                    import psycopg

                    with psycopg.connect(server.url(), autocommit=True) as conn:
                        conn.execute(f"CREATE DATABASE ingest_{n}")
                    return server.url(f"ingest_{n}")
                return str(scratch / f"ingest-{n}.db")

            measure_ingest(url_for, args.ingest_articles)
            shutil.rmtree(scratch, ignore_errors=True)
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
