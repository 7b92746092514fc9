"""Single-process extraction speed and peak memory, beside bare spaCy on the same texts.

    python bench/extract_speed.py --corpus ../shared/polnear/dev/text

Each variant runs in a fresh process (so its peak RSS is its own) over the same
texts, after a short warm-up:

    saidwhat extract     the whole pipeline: cleanup, parse, attribution, resolution
    spacy full           nlp.pipe with every component of the model (incl. NER)
    spacy same           nlp.pipe with the model's components saidwhat loads, on the
                         same whole texts in batches of the same size: the spaCy work
                         extraction does, so the difference to "saidwhat extract" is
                         the cost of the attribution logic (saidwhat's own component
                         before the parser, which ends sentences at line breaks,
                         counts as attribution logic, so it is left out here)

With ``--rounds N`` every variant runs N times, interleaved, and the medians are
reported (for a shared machine, whose load then hits every variant alike), and so is
each round's own figure (its extraction against its spaCy run) and their median.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

VARIANTS = ("saidwhat extract", "spacy full", "spacy same")


def _texts(corpus: str, limit: int | None) -> list[str]:
    files = sorted(Path(corpus).glob("*.txt"))[:limit]
    if not files:
        sys.exit(f"no .txt files in {corpus}")
    return [f.read_text(encoding="utf-8") for f in files]


def run_variant(variant: str, corpus: str, limit: int | None, repeat: int) -> dict:
    from saidwhat import Article, load_pipeline
    from saidwhat.attribution.pipeline import DOC_BATCH, load_nlp, resolve_model_name

    texts = _texts(corpus, limit) * repeat
    if variant == "saidwhat extract":
        pipeline = load_pipeline()
        list(pipeline.pipe([Article(text=t) for t in texts[:3]]))

        def work() -> int:
            return sum(len(a.attributions) for a in pipeline.pipe(Article(text=t) for t in texts))

    elif variant == "spacy full":
        import spacy

        nlp = spacy.load(resolve_model_name("auto"))
        list(nlp.pipe(texts[:3]))

        def work() -> int:
            return sum(len(d) for d in nlp.pipe(texts))

    else:
        from saidwhat.attribution.lines import LINE_SENTENCES

        nlp = load_nlp()
        nlp.disable_pipe(LINE_SENTENCES)
        list(nlp.pipe(texts[:3]))

        def work() -> int:
            return sum(len(d) for d in nlp.pipe(texts, batch_size=DOC_BATCH))

    start, cpu_start = time.perf_counter(), time.process_time()
    count = work()
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "variant": variant,
        "articles": len(texts),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "articles_per_s": len(texts) / seconds,
        "peak_mb": peak_mb,
        "count": count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", required=True, help="folder of .txt articles (e.g. PolNeAR dev/text)")
    parser.add_argument("--limit", type=int, default=None, help="use the first N files")
    parser.add_argument("--repeat", type=int, default=1, help="process the texts N times")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds; medians are reported")
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:
        print(json.dumps(run_variant(args.variant, args.corpus, args.limit, args.repeat)))
        return
    runs: dict[str, list[dict]] = {v: [] for v in VARIANTS}
    for _ in range(args.rounds):
        for variant in VARIANTS:
            cmd = [sys.executable, __file__, "--corpus", args.corpus, "--repeat", str(args.repeat)]
            cmd += ["--variant", variant] + (["--limit", str(args.limit)] if args.limit else [])
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            runs[variant].append(json.loads(out.strip().splitlines()[-1]))
    results = {v: sorted(rs, key=lambda r: r["seconds"])[len(rs) // 2] for v, rs in runs.items()}
    for variant, rs in runs.items():  # the median CPU time, whichever run it came from
        results[variant] = {
            **results[variant],
            "cpu_seconds": statistics.median(r["cpu_seconds"] for r in rs),
        }
    n = results["saidwhat extract"]["articles"]
    print(f"{n} articles, one process, median of {args.rounds} round(s)\n")
    print(f"{'':20}{'articles/s':>12}{'CPU ms/article':>16}{'peak MB':>10}")
    for variant, r in results.items():
        cpu_ms = 1000 * r["cpu_seconds"] / r["articles"]
        print(f"{variant:20}{r['articles_per_s']:12.1f}{cpu_ms:16.1f}{r['peak_mb']:10.0f}")
    ours = results["saidwhat extract"]
    spacy_work = results["spacy same"]
    # CPU time is the steadier figure on a shared machine: other jobs stretch wall time
    for label, key in (("CPU time", "cpu_seconds"), ("wall time", "seconds")):
        added = 100 * (ours[key] - spacy_work[key]) / spacy_work[key]
        print(f"\nattribution logic adds {added:+.1f}% to the spaCy work it does ({label})", end="")
    print()
    if args.rounds > 1:
        # each round's own figure, its two runs a minute apart: a machine whose speed
        # drifts over the rounds (a shared host) weighs on both alike
        paired = [
            100 * (o["cpu_seconds"] - b["cpu_seconds"]) / b["cpu_seconds"]
            for o, b in zip(runs["saidwhat extract"], runs["spacy same"], strict=True)
        ]
        spread = ", ".join(f"{p:+.1f}%" for p in paired)
        print(f"the rounds' own figures (CPU time): median {statistics.median(paired):+.1f}% ({spread})")
    ours = ours["seconds"]
    print(f"speed vs full spaCy pipeline: {results['spacy full']['seconds'] / ours:.2f}x")


if __name__ == "__main__":
    main()
