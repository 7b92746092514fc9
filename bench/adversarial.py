"""What adversarial texts cost, and what the per-article budget does with them.

    python bench/adversarial.py                      # every family at 50k, 200k, 800k chars
    python bench/adversarial.py --sizes 100000 --issue --batch

Part 1: each family of ``saidwhat.adversarial`` extracted in a fresh process at
each size: wall and CPU seconds, peak memory beyond the loaded model, characters
per CPU second, and how much more CPU than plain text (many short paragraphs) of
the same length. Growth in proportion to length shows as steady characters per
CPU second. (CPU time, not the wall clock, is what to compare on a shared machine.)

``--issue`` adds the issue's input: one paragraph of about 1.9 million characters,
a quoted sentence repeated (it once took more than 400 s and 7.5 GB).

Part 2 (``--batch``): ``saidwhat extract FOLDER --output`` over 20 good articles
and that paragraph, with the default budget and with ``--extract-timeout``
lowered: when the last row was written and what the error log says.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from saidwhat.adversarial import FAMILIES, ISSUE_SENTENCE, make, measure

ISSUE_CHARS = 1_900_000


def part_costs(sizes: list[int], issue: bool) -> None:
    print(
        f"{'family':<18} {'chars':>10} {'wall s':>8} {'CPU s':>8} {'extra MB':>9} {'chars/CPU s':>12} {'vs plain':>9}"
    )
    plain: dict[int, float] = {}
    for size in sizes:
        plain[size] = measure("many-paragraphs", size).cpu_seconds
    runs = [(family, size) for family in FAMILIES for size in sizes]
    if issue:
        runs.append(("repeated-quote", ISSUE_CHARS))
    for family, size in runs:
        try:
            cost = measure(family, size, timeout=1800)
        except subprocess.TimeoutExpired:
            print(f"{family:<18} {size:>10,} {'> 1800':>9}")
            continue
        base = plain.get(size) or plain[max(sizes)] * size / max(sizes)
        print(
            f"{family:<18} {cost.chars:>10,} {cost.seconds:>8.2f} {cost.cpu_seconds:>8.2f} "
            f"{cost.extra_mb:>9.0f} {cost.chars / max(cost.cpu_seconds, 1e-6):>12,.0f} "
            f"{cost.cpu_seconds / max(base, 1e-6):>8.1f}x"
        )


def part_batch(timeouts: list[float]) -> None:
    sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
    from batch_support import story  # short articles we wrote

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "in")
        folder.mkdir()
        for n in range(20):
            (folder / f"good-{n:02d}.txt").write_text(story(n), encoding="utf-8")
        (folder / "issue.txt").write_text(
            "Mayor stands firm\n\n" + make("repeated-quote", ISSUE_CHARS), encoding="utf-8"
        )
        print(
            f"\nfolder: 20 articles and one paragraph of {ISSUE_CHARS:,} characters ({ISSUE_SENTENCE.strip()!r} ...)"
        )
        print(f"{'extract_timeout':>15} {'rows at':>9} {'run s':>7}  error log")
        for timeout in timeouts:
            out = Path(tmp, f"out-{timeout:g}.jsonl")
            env = {**os.environ, "SAIDWHAT_EXTRACT_TIMEOUT": str(timeout)}
            started = time.monotonic()
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "saidwhat.cli",
                    "extract",
                    str(folder),
                    "--output",
                    str(out),
                    "--jobs",
                    "1",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            first_rows = None
            while proc.poll() is None:
                if first_rows is None and out.exists() and out.stat().st_size > 0:
                    first_rows = time.monotonic() - started
                time.sleep(0.2)
            total = time.monotonic() - started
            errors = out.with_name(out.stem + ".errors.jsonl")
            log = [json.loads(line) for line in errors.read_text().splitlines()] if errors.exists() else []
            said = ", ".join(f"{e['id']}: {e['kind']}" for e in log) or "empty"
            rows = f"{first_rows:.1f}" if first_rows is not None else "-"
            print(f"{timeout:>15g} {rows:>9} {total:>7.1f}  {said}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[50_000, 200_000, 800_000], help="none: skip part 1"
    )
    parser.add_argument("--issue", action="store_true", help="add the 1.9M-character paragraph")
    parser.add_argument("--batch", action="store_true", help="run part 2, the budget in a batch run")
    parser.add_argument("--timeouts", type=float, nargs="+", default=[30.0, 5.0])
    args = parser.parse_args()
    if args.sizes:
        part_costs(args.sizes, args.issue)
    if args.batch:
        part_batch(args.timeouts)


if __name__ == "__main__":
    main()
