"""Texts built to make extraction slow, and a way to measure what they cost.

Each family makes a text of about ``chars`` characters that stresses one part of
the extraction: one long paragraph, a repeated quoted sentence (the 1.9-million
character paragraph that once ran for 400 s at 7.5 GB), thousands of cues in one
paragraph, thousands of unbalanced quotation marks. ``measure`` runs the pipeline
on one of them in a fresh process and reports its time and peak memory, so a test
can assert that both grow in proportion to length, and bench/adversarial.py can
chart them.

    python -m saidwhat.adversarial repeated-quote 200000   # prints one JSON line
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count, cycle

__all__ = ["FAMILIES", "Cost", "make", "measure"]

NAMES = ["Mayor John Smith", "Anna Berg", "the minister", "Omar Haddad", "officials", "Grace Oduya"]
CUES = ["said", "told reporters", "added", "warned", "insisted", "argued", "claimed", "denied"]
DAYS = ["on Monday", "on Tuesday", "yesterday", "last week"]
ISSUE_SENTENCE = "“We will not back down,” said Mayor John Smith on Tuesday. "


def _fill(chars: int, pieces: Callable[[int], str], separator: str = "") -> str:
    out: list[str] = []
    size = 0
    for n in count():
        piece = pieces(n)
        out.append(piece)
        size += len(piece) + len(separator)
        if size >= chars:
            break
    return separator.join(out)


def repeated_quote(chars: int) -> str:
    """The issue's input: one quoted sentence repeated in a single paragraph."""
    return _fill(chars, lambda n: ISSUE_SENTENCE)


def long_paragraph(chars: int) -> str:
    """Ordinary reported speech, never broken into paragraphs."""
    names, cues, days = cycle(NAMES), cycle(CUES), cycle(DAYS)
    return _fill(
        chars,
        lambda n: f"{next(names)} {next(cues)} {next(days)} that the council would review plan {n}. ",
    )


def many_cues(chars: int) -> str:
    """Reports nested in reports: thousands of cues in one paragraph, each one inside the
    previous one's content ("A said B told C that D warned ...")."""
    names, cues = cycle(NAMES), cycle(CUES)
    return _fill(chars, lambda n: f"{next(names)} {next(cues)} that ") + "the budget was final."


def unbalanced_marks(chars: int) -> str:
    """Thousands of quotation marks that never close, of every style, with cues between."""
    marks, names, cues = cycle("“\"‘«„'"), cycle(NAMES), cycle(CUES)
    return _fill(chars, lambda n: f"{next(marks)}We will act {n} {next(names)} {next(cues)} ")


def many_paragraphs(chars: int) -> str:
    """The well-behaved reference: short paragraphs, one quote each."""
    names, cues = cycle(NAMES), cycle(CUES)
    return _fill(
        chars,
        lambda n: f"“Plan {n} will go ahead as agreed,” {next(names)} {next(cues)} on Monday.",
        separator="\n\n",
    )


FAMILIES: dict[str, Callable[[int], str]] = {
    "repeated-quote": repeated_quote,
    "long-paragraph": long_paragraph,
    "many-cues": many_cues,
    "unbalanced-marks": unbalanced_marks,
    "many-paragraphs": many_paragraphs,
}


def make(family: str, chars: int) -> str:
    """A text of family ``family`` with at least ``chars`` characters.

    Raises:
        KeyError: an unknown family.
    """
    return FAMILIES[family](chars)


@dataclass(frozen=True)
class Cost:
    """What extracting one adversarial text cost, in a fresh process."""

    family: str
    chars: int
    seconds: float  # wall clock
    cpu_seconds: float  # user + system time of the process: steady on a shared machine
    baseline_mb: float  # peak resident memory with the model loaded, before the text
    peak_mb: float  # peak resident memory after extracting it
    attributions: int

    @property
    def extra_mb(self) -> float:
        """Memory the text itself needed."""
        return max(0.0, self.peak_mb - self.baseline_mb)


def measure(family: str, chars: int, *, timeout: float | None = None) -> Cost:
    """Extract a ``family`` text of ``chars`` characters in a fresh Python process.

    Raises:
        subprocess.TimeoutExpired: the process ran past ``timeout`` seconds (it is killed).
        RuntimeError: the process failed.
    """
    done = subprocess.run(
        [sys.executable, "-m", "saidwhat.adversarial", family, str(chars)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "SAIDWHAT_MAX_CHARS": str(max(2_000_000, chars * 2))},
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{family} {chars}: exit status {done.returncode}: {done.stderr.strip()[-2000:]}")
    return Cost(**json.loads(done.stdout.strip().splitlines()[-1]))


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    """This process's peak resident memory. On Linux, the high-water mark of its own
    address space (VmHWM): ru_maxrss would also count the parent's peak, which a
    process started by fork and exec inherits, so a small run under a large pytest
    read no memory of its own at all."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def _main(family: str, chars: int) -> None:
    from .attribution.pipeline import load_pipeline
    from .model import Article

    pipeline = load_pipeline()
    pipeline.extract(Article(text=make("many-paragraphs", 2000)))  # warm up
    text = make(family, chars)
    baseline = _peak_mb()
    started, cpu = time.perf_counter(), _cpu_seconds()
    article = pipeline.extract(Article(text=text))
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    result = Cost(
        family,
        len(text),
        round(seconds, 3),
        round(cpu, 3),
        round(baseline, 1),
        round(_peak_mb(), 1),
        len(article.attributions),
    )
    print(json.dumps(result.__dict__))


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in FAMILIES or not sys.argv[2].isdigit():
        sys.exit(f"usage: python -m saidwhat.adversarial {{{','.join(FAMILIES)}}} CHARS")
    _main(sys.argv[1], int(sys.argv[2]))
