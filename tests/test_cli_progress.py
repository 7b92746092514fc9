"""The batch progress bar: it says the model is loading until the first article is done."""

from __future__ import annotations

import io
import sys

from saidwhat.batch.job import Summary
from saidwhat.cli.progress import LOADING, Progress
from saidwhat.model import Article, Failure


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_says_loading_until_the_first_article(monkeypatch):
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    summary = Summary()
    with Progress() as progress:
        progress.bar.refresh()
        assert LOADING in screen.getvalue() and "articles: 0" in screen.getvalue()
        for result in (Article(text="a", id="a"), Failure("b", "bad")):
            summary.count(result)
            progress.tick(result, summary)
        progress.bar.refresh()
    last = screen.getvalue().split("\r")[-1]
    assert "articles: 1" in last and "0 attributions, 1 errors" in last and LOADING not in last


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with Progress() as progress:
        progress.tick(Article(text="a", id="a"), Summary())
        assert not progress.drawn
