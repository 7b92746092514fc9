"""End-to-end batch throughput: `saidwhat extract FOLDER --jobs N --output FILE`.

    python bench/throughput.py --corpus /work/shared/polnear/train/text

Builds a folder of at least 1,000 articles from the corpus texts (nested by
publisher under bench/data/throughput/, git-ignored; texts past the corpus size
are varied copies: the same article without its first paragraph), then measures,
each in a fresh process:

    bare spaCy (same)   nlp.pipe over the texts with the components saidwhat loads
    bare spaCy (full)   nlp.pipe over the texts with every component of the model
    extract --jobs 1    the whole command: walk, read, clean, parse, attribute, write
    extract --jobs 2    the same on two worker processes

Articles per second are articles / wall time. For the extract runs the time is
the whole command (start-up and model loading included); for bare spaCy only the
nlp.pipe loop, so the ratio is conservative. Peak memory is each process's
VmHWM (Linux), sampled from /proc while the command runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE / "data" / "throughput"


def build_corpus(corpus: Path, out: Path, articles: int, fmt: str) -> int:
    """Write ``articles`` files under ``out`` from the texts in ``corpus``."""
    files = sorted(corpus.glob("*.txt"))
    if not files:
        sys.exit(f"no .txt files in {corpus}")
    if out.exists():
        shutil.rmtree(out)
    n = 0
    for round_ in range((articles + len(files) - 1) // len(files)):
        for f in files:
            if n >= articles:
                break
            text = f.read_text(encoding="utf-8")
            if round_:
                paragraphs = [p for p in text.split("\n") if p.strip()]
                text = "\n\n".join(paragraphs[round_:]) or text
            publisher = f.name.split("_")[0]
            folder = out / publisher / f"round{round_}"
            folder.mkdir(parents=True, exist_ok=True)
            if fmt == "html":
                body = "".join(f"<p>{_escape(p)}</p>\n" for p in text.split("\n") if p.strip())
                page = (
                    f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{f.stem}</title>"
                    f"</head><body><nav><a href='/'>Home</a></nav><article>{body}</article>"
                    "<footer>© The Example Times</footer></body></html>"
                )
                (folder / f"{f.stem}.html").write_text(page, encoding="utf-8")
            else:
                (folder / f"{f.stem}.txt").write_text(text, encoding="utf-8")
            n += 1
    return n


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------- measuring


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def _peak_kb(pid: int) -> tuple[int, str] | None:
    try:
        with open(f"/proc/{pid}/status") as fh:
            status = fh.read()
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]), cmd
    return None


def _cpu_seconds(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def run_measured(cmd: list[str]) -> dict:
    """Run ``cmd``; wall time and the peak RSS of every process of its tree."""
    peaks: dict[int, tuple[int, str]] = {}
    cpu: dict[int, float] = {}  # CPU seconds of each process of the tree, as last seen
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in _descendants(proc.pid):
                got = _peak_kb(pid)
                if got:
                    peaks[pid] = got
                seconds = _cpu_seconds(pid)
                if seconds is not None:
                    cpu[pid] = seconds
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    main = peaks.get(proc.pid, (0, ""))[0]
    workers = [
        kb
        for pid, (kb, c) in peaks.items()
        if pid != proc.pid
        and ("forkserver" in c or "pyspark.daemon" in c)  # the runner's workers, or Spark's
        and "resource_tracker" not in c
    ]
    # the forkserver itself is the smallest of those: it only imports, workers load the model
    if len(workers) > 1:
        workers = sorted(workers)[1:]
    return {
        "wall": wall,
        "cpu": sum(cpu.values()),
        "main_cpu": cpu.get(proc.pid, 0.0),
        "load": max(load_before, os.getloadavg()[0]),
        "main_mb": main / 1024,
        "worker_mb": [kb / 1024 for kb in workers],
        "stdout": out,
        "stderr": err,
    }


def bare(corpus_dir: str, which: str, batch_size: int) -> None:
    """(child process) Time nlp.pipe over every text of the folder; print JSON."""
    import resource

    import spacy

    from saidwhat.attribution.pipeline import UNUSED_COMPONENTS, resolve_model_name

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(corpus_dir).rglob("*.txt"))]
    name = resolve_model_name("auto")
    nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS)) if which == "same" else spacy.load(name)
    nlp.max_length = max(nlp.max_length, max(len(t) for t in texts) + 1)
    for _ in nlp.pipe(texts[:10]):  # warm-up
        pass
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "articles": len(texts),
                "peak_mb": peak,
                "components": nlp.pipe_names,
            }
        )
    )


def measure_bare(text_folder: Path, which: str) -> dict:
    run = run_measured([sys.executable, __file__, "--corpus", str(text_folder), "--bare", which])
    figures = json.loads(run["stdout"])
    return {
        "articles_per_s": figures["articles"] / figures["seconds"],
        "cpu_ms_per_article": 1000 * figures["cpu"] / figures["articles"],
        "peak_mb": figures["peak_mb"],
        "components": figures["components"],
        "load": run["load"],
    }


def measure_extract(folder: Path, n: int, jobs: int, output: Path) -> dict:
    run = run_measured(
        ["saidwhat", "extract", str(folder), "--jobs", str(jobs), "--output", str(output), "--overwrite"]
    )
    return {
        "articles_per_s": n / run["wall"],
        "wall_s": run["wall"],
        "cpu_ms_per_article": 1000 * run["cpu"] / n,
        "main_cpu_s": run["main_cpu"],
        "main_mb": run["main_mb"],
        "worker_mb": run["worker_mb"] or [run["main_mb"]],  # --jobs 1: in main
        "load": run["load"],
        "summary": run["stderr"].strip().splitlines()[-1],
    }


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", required=True, help="folder of .txt articles (PolNeAR train/text)")
    parser.add_argument("--articles", type=int, default=1000, help="articles in the generated folder")
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="where to build the folder and outputs")
    parser.add_argument(
        "--format",
        choices=["txt", "html"],
        default="txt",
        help="write the articles as text files or as simple HTML pages",
    )
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to measure")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="rounds of interleaved runs; medians are reported (for a shared machine)",
    )
    parser.add_argument("--skip-full", action="store_true", help="leave out bare spaCy with every component")
    parser.add_argument("--bare", choices=["same", "full"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    from saidwhat.settings import load_settings

    if args.bare:
        bare(args.corpus, args.bare, load_settings().batch_size)
        return

    data = Path(args.data)
    folder = data / f"corpus-{args.format}"
    n = build_corpus(Path(args.corpus), folder, args.articles, args.format)
    text_folder = folder
    if args.format == "html":  # bare spaCy reads the same texts as plain text
        text_folder = data / "corpus-txt"
        build_corpus(Path(args.corpus), text_folder, args.articles, "txt")
    print(f"corpus: {n:,} articles in {folder} ({os.cpu_count()} cores, load {os.getloadavg()[0]:.2f})")

    variants = ["bare_same"] + ([] if args.skip_full else ["bare_full"])
    variants += [f"jobs{int(j)}" for j in args.jobs.split(",")]
    runs: dict[str, list[dict]] = {v: [] for v in variants}
    for round_ in range(args.repeat):
        for variant in variants:
            if variant == "bare_full" and round_:
                continue  # slow, and only for reference
            if variant.startswith("bare_"):
                got = measure_bare(text_folder, variant[5:])
                label = f"bare spaCy ({variant[5:]}, {'+'.join(got['components'])})"
            else:
                jobs = int(variant[4:])
                got = measure_extract(folder, n, jobs, data / f"out-jobs{jobs}.jsonl")
                label = f"extract --jobs {jobs}"
            runs[variant].append(got)
            memory = (
                f"main {got['main_mb']:.0f} MB, workers {', '.join(f'{m:.0f}' for m in got['worker_mb'])} MB"
                if "worker_mb" in got
                else f"{got['peak_mb']:.0f} MB"
            )
            main_cpu = f", main process {got['main_cpu_s']:.1f} s CPU" if "main_cpu_s" in got else ""
            print(
                f"[{round_ + 1}/{args.repeat}] {label}: {got['articles_per_s']:6.2f} articles/s, "
                f"{got['cpu_ms_per_article']:.0f} ms CPU/article{main_cpu}, peak {memory} (load {got['load']:.1f})"
            )
            if "summary" in got:
                print(f"        {got['summary']}")

    results: dict = {"articles": n, "format": args.format, "cores": os.cpu_count(), "rounds": args.repeat}
    print(f"\nmedians of {args.repeat} round(s), {n:,} articles:")
    for variant, measured in runs.items():
        rate = _median([m["articles_per_s"] for m in measured])
        cpu_ms = _median([m["cpu_ms_per_article"] for m in measured])
        results[variant] = {"articles_per_s": rate, "cpu_ms_per_article": cpu_ms, "runs": measured}
        if "worker_mb" in measured[0]:
            results[variant]["peak_worker_mb"] = max(max(m["worker_mb"]) for m in measured)
            results[variant]["peak_main_mb"] = max(m["main_mb"] for m in measured)
        print(
            f"  {variant:<10} {rate:6.2f} articles/s  {cpu_ms:5.0f} ms CPU/article"
            + (
                f"  peak per worker {results[variant]['peak_worker_mb']:.0f} MB"
                if "peak_worker_mb" in results[variant]
                else ""
            )
        )
    if "jobs1" in results and "jobs2" in results:
        speedup = results["jobs2"]["articles_per_s"] / results["jobs1"]["articles_per_s"]
        results["speedup_1_to_2"] = speedup
        print(f"speed-up --jobs 1 -> 2: {speedup:.2f}x (target >= 1.8x)")
    workers = [
        results[v]["peak_worker_mb"] for v in results if v.startswith("jobs") and isinstance(results[v], dict)
    ]
    if workers:
        print(f"peak memory per worker: {max(workers):.0f} MB (target < 600 MB)")
    if "jobs1" in results:
        for which in ("same", "full"):
            if f"bare_{which}" in results:
                ratio = results["jobs1"]["articles_per_s"] / results[f"bare_{which}"]["articles_per_s"]
                cpu_ratio = (
                    results[f"bare_{which}"]["cpu_ms_per_article"] / results["jobs1"]["cpu_ms_per_article"]
                )
                results[f"ratio_to_bare_{which}"] = ratio
                results[f"cpu_ratio_to_bare_{which}"] = cpu_ratio
                print(
                    f"extract --jobs 1 / bare spaCy ({which}): {ratio:.2f} in articles/s, {cpu_ratio:.2f} in "
                    "CPU per article (target: within 20% of 'same', i.e. >= 0.80)"
                )
    print("(a load above the core count means other programs shared the CPUs: compare CPU per article)")
    (data / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
