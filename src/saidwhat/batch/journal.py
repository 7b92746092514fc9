"""The journal that makes an output file resumable.

Beside ``out.csv`` lives ``out.csv.journal``, JSON lines appended after each
commit: the ids of the articles (and failed documents) whose rows are durably in
the output, and how far the output and the error log had been written. A run
killed at any moment is continued by running it again with the same output:
the journal gives the ids to pass over and the lengths to cut the files back to,
so rows written after the last commit are dropped and written again once, and
nothing is lost or doubled. A completed run keeps its journal, so running the
same command again does nothing, and adding inputs processes only the new ones.

Parquet output is merged from part files at the end of a run in two steps, both
journaled (``merge`` with the temporary file, then the swap), so a kill during
the merge is finished on the next run.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from .output import COLUMN_NAMES

__all__ = ["Journal", "JournalState", "journal_path"]

log = logging.getLogger(__name__)

VERSION = 1


def journal_path(output: str) -> str:
    """Where the journal of ``output`` lives."""
    return output + ".journal"


@dataclass
class JournalState:
    """What the journal says about an earlier run."""

    done: set[str] = field(default_factory=set)
    position: dict[str, Any] = field(default_factory=dict)  # for open_writer
    errors_offset: int = 0
    merging: str | None = None  # a merged temporary file not yet swapped in (Parquet)
    merged_parts: list[str] = field(default_factory=list)
    valid_bytes: int = 0  # the journal's length up to its last complete line


class Journal:
    """Reads the journal of ``output`` (if any) and appends commits to it.

    Raises:
        InputError: the journal belongs to another output or format, or the
            output it vouches for is missing.
    """

    def __init__(self, output: str, fmt: str) -> None:
        self.output, self.fmt = output, fmt
        self.path = journal_path(output)
        self.state = self._read() if os.path.exists(self.path) else JournalState()
        exists = os.path.exists(self.path)
        self.fh = open(self.path, "r+b" if exists else "w+b")  # noqa: SIM115 - closed in close()
        self.fh.truncate(self.state.valid_bytes)  # a line half-written by a killed run
        self.fh.seek(self.state.valid_bytes)
        if not exists or self.state.valid_bytes == 0:
            self._append(
                {
                    "journal": "saidwhat",
                    "version": VERSION,
                    "output": Path(output).name,
                    "format": fmt,
                    "columns": list(COLUMN_NAMES),
                }
            )

    @property
    def resumed(self) -> bool:
        return bool(self.state.done) or bool(self.state.position)

    def _read(self) -> JournalState:
        state = JournalState()
        parts: list[str] = []
        with open(self.path, "rb") as fh:
            for number, raw in enumerate(fh, 1):
                try:
                    entry = json.loads(raw)
                    if not raw.endswith(b"\n"):
                        raise ValueError("incomplete line")
                except ValueError:
                    log.info(
                        "%s: line %d incomplete (the run was killed while writing it)", self.path, number
                    )
                    break
                state.valid_bytes += len(raw)
                if number == 1:
                    self._check_header(entry)
                elif "merge" in entry:
                    tmp = os.path.join(os.path.dirname(self.output), entry["merge"])
                    state.merging, state.merged_parts = tmp, list(parts)
                    parts = []
                else:
                    state.done.update(entry.get("ids", ()))
                    out = entry.get("out", {})
                    if "offset" in out:
                        state.position = {"offset": out["offset"]}
                    parts.extend(out.get("parts", ()))
                    state.errors_offset = entry.get("errors", state.errors_offset)
        if self.fmt == "parquet":
            state.position = {"parts": parts}
        self._check_output(state)
        return state

    def _check_header(self, entry: dict[str, Any]) -> None:
        if entry.get("journal") != "saidwhat":
            raise InputError(f"{self.path}: not a saidwhat journal; move it away or pass --overwrite")
        if entry.get("format") != self.fmt:
            raise InputError(
                f"{self.path}: records a {entry.get('format')} output, not {self.fmt}; "
                "pass --overwrite to start again"
            )
        if entry.get("columns") != list(COLUMN_NAMES):
            raise InputError(
                f"{self.path}: the output was written with other columns (by another version of "
                "saidwhat); pass --overwrite to start again, or choose another output file"
            )

    def _check_output(self, state: JournalState) -> None:
        """Refuse to resume when the output the journal vouches for is gone."""
        missing = None
        if self.fmt == "parquet":
            parts_dir = Path(self.output + ".parts")
            lost = [p for p in state.position.get("parts", []) if not (parts_dir / p).exists()]
            if lost:
                missing = f"its part files ({parts_dir}/{lost[0]} ...) are missing"
            elif state.merging and not os.path.exists(state.merging) and not os.path.exists(self.output):
                missing = f"{self.output} is missing"
        else:
            offset = state.position.get("offset", 0)
            size = os.path.getsize(self.output) if os.path.exists(self.output) else -1
            if offset and size < offset:
                missing = f"{self.output} is missing or shorter than recorded"
        if missing:
            raise InputError(
                f"{self.path} records {len(state.done):,} articles done, but {missing}; "
                "pass --overwrite to start again"
            )

    def commit(self, ids: list[str], out: dict[str, Any], errors_offset: int) -> None:
        """Record that ``ids`` are durably written, with the files' new positions."""
        self._append({"ids": ids, "out": out, "errors": errors_offset})
        self.state.done.update(ids)

    def merging(self, tmp: str) -> None:
        """Record that ``tmp`` (beside the output) holds the merged Parquet output,
        about to replace it."""
        self._append({"merge": os.path.basename(tmp)})

    def _append(self, entry: dict[str, Any]) -> None:
        self.fh.write((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
        self.fh.flush()
        os.fsync(self.fh.fileno())

    def close(self) -> None:
        self.fh.close()
