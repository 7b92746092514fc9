"""Work for the budget tests, injected into the batch runner and the web app in place
of the extraction: instant, except for documents that ask to be slow, greedy or fatal.
Module-level functions, so they travel to the worker processes."""

from __future__ import annotations

import os
import time

from saidwhat.batch.runner import Work
from saidwhat.ingest import Document
from saidwhat.model import Article, Failure

SLOW, GREEDY, CRASH = "SLOW", "GREEDY", "CRASH"


def misbehave(text: str) -> None:
    """Sleep for an hour, eat memory until killed, or die, as ``text`` asks."""
    if SLOW in text:
        time.sleep(3600)
    if GREEDY in text:
        hog = []
        while True:  # written to, so the pages are really resident
            hog.append(bytearray(b"\x01") * (20 * 2**20))
            time.sleep(0.005)
    if CRASH in text:
        os._exit(3)


def prepare_nothing(settings) -> None:
    return None


def run_marked(items, settings, skip_ids):
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        text = item.data if isinstance(item.data, str) else item.data.decode()
        misbehave(text)
        yield Article(text=text, id=item.id, source=item.source)


def prepare_broken(settings) -> None:
    from saidwhat.errors import ModelError

    raise ModelError("no model here")


MARKED = Work(prepare_nothing, run_marked)
BROKEN = Work(prepare_broken, run_marked)


def documents(*texts: str) -> list[Document]:
    return [Document(source=f"doc{n}.txt", format="text", data=t, id=f"doc{n}") for n, t in enumerate(texts)]


def extract_marked(article: Article) -> Article:
    """The web app's extract function, misbehaving on demand."""
    misbehave(article.text)
    return article
