"""The attribution's own CPU time, measured inside a real extraction run.

    python bench/attribution_cpu.py --corpus ../shared/polnear/dev/text
    python bench/attribution_cpu.py --corpus ../shared/polnear/dev/text --compare ../other-checkout

``extract_speed.py`` gives the end-to-end figure (the attribution logic against the
spaCy work), but a shared machine moves its spaCy baseline by a point or two between
runs, more than most single changes to the rules are worth. This script times only
what saidwhat does around the parse (``Pipeline.prepare``, ``Attributor.start``,
``read`` and ``finish``), in the same process and pass as the parse, over the texts
of ``--corpus``, after a warm-up: so a change of a few milliseconds per pass shows.

It must run inside the real pipeline. Timing the stages on parses cached beforehand
misleads: one such harness showed a round of speed work as 16-20% off the attribution
where the real run gained about 9%. Part of that is the garbage collector (with every
Doc of the corpus held at once, each full collection walks them all, which makes code
that allocates many small objects look costlier), but freezing those Docs out of the
collector still left 16%: the rules run between parses in a real run, not back to back.

With ``--compare DIR`` (another checkout of saidwhat), both trees run in turn, in
fresh processes, ``--rounds`` times each, and the minima and medians are printed
side by side (same run, same load).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def measure(corpus: str, passes: int) -> list[dict[str, float]]:
    """Per pass: the attribution's CPU seconds and the whole run's."""
    from saidwhat import Article, load_pipeline

    texts = [f.read_text(encoding="utf-8") for f in sorted(Path(corpus).glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt files in {corpus}")
    pipeline = load_pipeline()
    list(pipeline.pipe([Article(text=t) for t in texts[:3]]))  # warm-up: model, caches
    spent = [0.0]

    def timed(fn):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[0] += time.process_time() - start

        return call

    # instance attributes: the pipeline's own calls go through the timers
    pipeline.prepare = timed(pipeline.prepare)  # type: ignore[method-assign]
    attributor = pipeline.attributor
    for name in ("start", "read", "finish"):
        setattr(attributor, name, timed(getattr(attributor, name)))
    out = []
    for _ in range(passes):
        spent[0] = 0.0
        start = time.process_time()
        sum(len(a.attributions) for a in pipeline.pipe(Article(text=t) for t in texts))
        out.append({"attribution": spent[0], "total": time.process_time() - start, "articles": len(texts)})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", required=True, help="folder of .txt articles (e.g. PolNeAR dev/text)")
    parser.add_argument("--passes", type=int, default=2, help="timed passes per process")
    parser.add_argument("--compare", help="another checkout of saidwhat to time in turn")
    parser.add_argument("--rounds", type=int, default=3, help="processes per tree with --compare")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one process's figures
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.corpus, args.passes)))
        return
    here = str(Path(__file__).resolve().parents[1])
    trees = [here] + ([str(Path(args.compare).resolve())] if args.compare else [])
    runs: dict[str, list[dict[str, float]]] = {t: [] for t in trees}
    for _ in range(args.rounds if args.compare else 1):
        for tree in trees:
            env = dict(os.environ, PYTHONPATH=os.path.join(tree, "src"))
            cmd = [sys.executable, __file__, "--corpus", args.corpus, "--passes", str(args.passes), "--json"]
            out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
            runs[tree].extend(json.loads(out.strip().splitlines()[-1]))
    print(f"{'tree':40}{'attribution ms/article (min / median)':>40}{'share of the run':>18}")
    for tree, passes in runs.items():
        n = passes[0]["articles"]
        ms = [1000 * p["attribution"] / n for p in passes]
        share = statistics.median(p["attribution"] / p["total"] for p in passes)
        label = tree if len(tree) <= 38 else "..." + tree[-35:]
        print(f"{label:40}{min(ms):>28.2f} / {statistics.median(ms):<9.2f}{100 * share:>17.1f}%")


if __name__ == "__main__":
    main()
