"""Spark job throughput against the batch runner on the same cores.

    python bench/spark_throughput.py --corpus /work/shared/polnear/train/text --cores 2

Builds the same folder of articles as bench/throughput.py (under bench/data/,
git-ignored), then times, alternately in fresh processes, ``--rounds`` times each:

    runner   saidwhat extract FOLDER --jobs N --output out.jsonl
    spark    saidwhat spark FOLDER --master local[N] --no-merge --output DIR

Both are whole commands (start-up, the JVM for Spark, model loading in every
worker). For each it reports articles per second (articles / wall time), CPU
seconds per article summed over every process of the command's tree (the JVM and
the Python workers for Spark: the figure to compare when other work shares the
machine), and the peak memory of one Python worker (what
``spark.executor.pyspark.memory`` must hold). Then the cross-article steps alone
(``saidwhat spark --output DIR``, no inputs), once. The target is Spark >= 0.8 of
the runner's articles per second.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from throughput import _descendants, build_corpus, run_measured  # noqa: E402, F401

DATA = HERE / "data" / "spark-throughput"


def worker_peak_mb(result: dict) -> float:
    """The largest Python worker's peak memory in a measured run (0 when none seen)."""
    return max(result["worker_mb"], default=0.0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, required=True, help="a folder of .txt articles")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--merge", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--small", type=int, default=20, help="articles of the start-up run (0: skip)")
    args = parser.parse_args()

    folder = DATA / "texts"
    n = build_corpus(args.corpus, folder, args.articles, "text")
    scratch = Path(tempfile.mkdtemp(prefix="saidwhat-spark-bench-"))
    exe = [sys.executable, "-m", "saidwhat.cli"]
    runs: dict[str, list[dict]] = {"runner": [], "spark": []}
    startup: dict[str, dict] = {}
    try:
        if args.small:
            few = scratch / "few"
            for f in sorted(folder.rglob("*.txt"))[: args.small]:
                few.mkdir(exist_ok=True)
                shutil.copy(f, few / f.name)
            startup["runner"] = run_measured(
                [*exe, "extract", str(few), "--jobs", str(args.cores), "--output", str(scratch / "few.jsonl")]
            )
            startup["spark"] = run_measured(
                [
                    *exe,
                    "spark",
                    str(few),
                    "--master",
                    f"local[{args.cores}]",
                    "--no-merge",
                    "--output",
                    str(scratch / "few"),
                ]
            )
        for r in range(args.rounds):
            out = scratch / f"runner-{r}.jsonl"
            runs["runner"].append(
                run_measured([*exe, "extract", str(folder), "--jobs", str(args.cores), "--output", str(out)])
            )
            target = scratch / f"spark-{r}"
            runs["spark"].append(
                run_measured(
                    [
                        *exe,
                        "spark",
                        str(folder),
                        "--master",
                        f"local[{args.cores}]",
                        "--no-merge",
                        "--output",
                        str(target),
                    ]
                )
            )
            print(
                f"round {r + 1}: runner {n / runs['runner'][-1]['wall']:.1f} articles/s "
                f"({1000 * runs['runner'][-1]['cpu'] / n:.0f} ms CPU/article), spark {n / runs['spark'][-1]['wall']:.1f} "
                f"articles/s ({1000 * runs['spark'][-1]['cpu'] / n:.0f} ms CPU/article); load {runs['spark'][-1]['load']:.1f}",
                flush=True,
            )
        merged = None
        if args.merge:
            merged = run_measured(
                [*exe, "spark", "--master", f"local[{args.cores}]", "--output", str(scratch / "spark-0")]
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    def rate(name: str) -> float:
        return statistics.median(n / x["wall"] for x in runs[name])

    def cpu(name: str) -> float:
        return statistics.median(1000 * x["cpu"] / n for x in runs[name])

    print(f"\n{n:,} articles, {args.cores} cores, medians of {args.rounds} rounds:")
    for name, label in (
        ("runner", f"batch runner (extract --jobs {args.cores})"),
        ("spark", f"spark (local[{args.cores}])"),
    ):
        print(
            f"  {label:<34} {rate(name):6.1f} articles/s  {rate(name) / args.cores:5.1f} per core  "
            f"{cpu(name):5.0f} ms CPU/article"
        )
    if startup:
        extra = n - args.small

        def marginal(name: str) -> tuple[float, float]:
            wall = statistics.median(x["wall"] for x in runs[name]) - startup[name]["wall"]
            cpu_s = statistics.median(x["cpu"] for x in runs[name]) - startup[name]["cpu"]
            return extra / wall, 1000 * cpu_s / extra

        print(f"once started (cost of the last {extra:,} articles beyond a {args.small}-article run):")
        for name in ("runner", "spark"):
            r, c = marginal(name)
            print(
                f"  {name:<34} {r:6.1f} articles/s  {r / args.cores:5.1f} per core  {c:5.0f} ms CPU/article  "
                f"(start-up {startup[name]['wall']:.0f} s, {startup[name]['cpu']:.0f} s CPU)"
            )
        (rr, rc), (sr, sc) = marginal("runner"), marginal("spark")
        print(f"spark / runner once started: {sr / rr:.2f} in articles/s, {rc / sc:.2f} in CPU per article")
    spark_workers = [worker_peak_mb(x) for x in runs["spark"]]
    print(
        f"spark / runner: {rate('spark') / rate('runner'):.2f} in articles/s (target >= 0.80), "
        f"{cpu('runner') / cpu('spark'):.2f} in CPU per article"
    )
    if any(spark_workers):
        print(f"peak memory of a Python worker: {max(spark_workers):.0f} MB")
    if merged:
        found = re.search(r"merged .*", merged["stderr"])
        print(f"cross-article steps alone: {merged['wall']:.1f} s ({found.group(0) if found else '?'})")


if __name__ == "__main__":
    main()
