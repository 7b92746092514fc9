"""The ``saidwhat`` command: a thin layer over the library.

Each command parses its flags, calls the library, and prints. A SaidwhatError
becomes one line on stderr and exit status 1; a usage error exits 2 (Click).
One module per family of commands; ``common`` holds the group and the shared flags.
"""

from __future__ import annotations

from . import evaluate, extract, replies, serve, spark, speakers, store, users  # noqa: F401  (each registers its commands)
from .common import cli
from .store import extracted_articles

__all__ = ["cli", "extracted_articles", "main"]


def main() -> None:
    cli(prog_name="saidwhat")
