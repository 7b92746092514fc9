"""Spark job throughput against the batch runner on the same cores.

    python bench/spark_throughput.py --corpus /work/shared/polnear/train/text --cores 2

Builds the same folder of articles as bench/throughput.py (under bench/data/,
git-ignored), then times, alternately in fresh processes, ``--rounds`` times each:

    runner   saidwhat extract FOLDER --jobs N --output out.jsonl
    spark    saidwhat spark FOLDER --master local[N] --no-merge --output DIR

Both are whole commands (start-up, the JVM for Spark, model loading in every
worker); the Spark job's own time (its summary line: planning, extraction,
writing Parquet) is shown too. Then the cross-article steps alone
(``saidwhat spark --output DIR``, no inputs) once. Articles per second are articles
/ wall time; the target is Spark >= 0.8 of the runner.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from throughput import build_corpus  # noqa: E402

DATA = HERE / "data" / "spark-throughput"


def timed(cmd: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0,):
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return elapsed, done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, required=True, help="a folder of .txt articles")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    folder = DATA / "texts"
    n = build_corpus(args.corpus, folder, args.articles, "text")
    scratch = Path(tempfile.mkdtemp(prefix="saidwhat-spark-bench-"))
    exe = [sys.executable, "-m", "saidwhat.cli"]
    runner_rates, spark_rates, job_rates = [], [], []
    try:
        for r in range(args.rounds):
            out = scratch / f"runner-{r}.jsonl"
            seconds, _ = timed(
                [*exe, "extract", str(folder), "--jobs", str(args.cores), "--output", str(out)]
            )
            runner_rates.append(n / seconds)
            target = scratch / f"spark-{r}"
            seconds, log = timed(
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
            spark_rates.append(n / seconds)
            job = re.search(r"([\d.]+) s, ([\d.]+) articles/s", log)
            if job:
                job_rates.append(float(job.group(2)))
            print(
                f"round {r + 1}: runner {runner_rates[-1]:.1f} articles/s, spark {spark_rates[-1]:.1f} articles/s"
                + (f" (job alone {job_rates[-1]:.1f})" if job_rates else ""),
                flush=True,
            )
        seconds, log = timed(
            [*exe, "spark", "--master", f"local[{args.cores}]", "--output", str(scratch / "spark-0")]
        )
        merged = re.search(r"merged .*", log)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    runner, spark = statistics.median(runner_rates), statistics.median(spark_rates)
    print(
        f"\n{n:,} articles, {args.cores} cores, medians of {args.rounds} rounds (load {os.getloadavg()[0]:.1f}):"
    )
    print(
        f"  batch runner (extract --jobs {args.cores})   {runner:6.1f} articles/s  {runner / args.cores:5.1f} per core"
    )
    print(
        f"  spark (local[{args.cores}], whole command)   {spark:6.1f} articles/s  {spark / args.cores:5.1f} per core"
    )
    if job_rates:
        job = statistics.median(job_rates)
        print(
            f"  spark job alone (no JVM start-up)   {job:6.1f} articles/s  {job / args.cores:5.1f} per core"
        )
    print(f"spark / runner: {spark / runner:.2f} (target >= 0.80)")
    if merged:
        print(f"cross-article steps alone: {seconds:.1f} s ({merged.group(0)})")


if __name__ == "__main__":
    main()
