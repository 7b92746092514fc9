"""The progress bar of batch commands (``extract``, ``ingest``) on stderr.

Drawn only when stderr is a terminal; piped or redirected runs stay quiet but for
the summary line the command prints at the end. Until the first article is done
it says the model is loading (workers load it before their first chunk, which
takes seconds), rather than sitting at zero.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

from ..model import Article, Failure

LOADING = "loading the model…"


class Progress:
    """Articles done, their rate, attributions, errors and skips, as results arrive.

    Args:
        enabled: draw it (when stderr is a terminal); a disabled Progress does nothing.
    """

    def __init__(self, enabled: bool = True) -> None:
        self.bar: Any = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(
                desc="saidwhat",
                unit="",
                file=sys.stderr,
                dynamic_ncols=True,
                smoothing=0.05,
                bar_format="{desc} | articles: {n_fmt} | {rate_fmt} | {elapsed}{postfix}",
                postfix=LOADING,
            )

    @property
    def drawn(self) -> bool:
        return self.bar is not None

    def tick(self, result: Article | Failure, summary: Any) -> None:
        """Count ``result``; ``summary`` is the run's ``batch.job.Summary``."""
        if self.bar is None:
            return
        if isinstance(result, Article):
            self.bar.update(1)
        skipped = sum(summary.skipped.values())
        self.bar.set_postfix_str(
            f"{summary.attributions:,} attributions, {summary.errors:,} errors"
            + (f", {skipped:,} skipped" if skipped else ""),
            refresh=False,
        )

    def write(self, line: str) -> None:
        """A line on stderr above the bar."""
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
