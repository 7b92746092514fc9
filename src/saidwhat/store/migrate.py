"""Versioned schema migrations.

Migrations are SQL files in ``migrations/`` named ``NNNN_name.ENGINE.sql`` (ENGINE
is ``sqlite`` or ``postgres``); every version exists for both engines. Each pending
migration runs in its own write transaction together with the row recording it in
``schema_migrations``, so a migration is applied entirely or not at all, and two
processes opening a new database at once apply it once (the write lock serialises
them and the second finds it done).

A migration is pending when its number is not recorded, not only when it is above
the highest recorded: numbers are handed out to branches developed side by side,
so a database made by a build with 0008 gets 0005-0007 when they arrive.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timezone
from importlib import resources

from ..errors import StoreError
from .connection import Connection

log = logging.getLogger(__name__)

_NAME = re.compile(r"^(\d{4})_(\w+)\.(sqlite|postgres)\.sql$")
_CREATE = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"""


def migrations(engine: str) -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` of every migration for ``engine``, in order."""
    found = []
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        m = _NAME.match(entry.name)
        if m and m.group(3) == engine:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(found)


def latest(engine: str) -> int:
    """The schema version this code expects."""
    return max(v for v, _, _ in migrations(engine))


def current_version(db: Connection) -> int:
    """The schema version of the database (0 when it has none)."""
    if not db.has_table("schema_migrations"):
        return 0
    return int(db.scalar("SELECT coalesce(max(version), 0) AS v FROM schema_migrations") or 0)


def applied(db: Connection) -> set[int]:
    """The migrations recorded in the database."""
    if not db.has_table("schema_migrations"):
        return set()
    return {int(r["version"]) for r in db.rows("SELECT version FROM schema_migrations")}


def pending(db: Connection, engine: str) -> list[int]:
    """The migrations this code has and the database lacks, in order."""
    done = applied(db)
    return [v for v, _, _ in migrations(engine) if v not in done]


def migrate(db: Connection, engine: str) -> int:
    """Apply the pending migrations; returns the resulting schema version.

    Raises:
        StoreError: a migration failed (the database keeps its previous version), or
            the database is newer than this code.
    """
    wanted = latest(engine)
    version = current_version(db)
    if version > wanted:
        raise StoreError(
            f"the database has schema version {version}, newer than this saidwhat "
            f"understands ({wanted}); upgrade saidwhat"
        )
    done = applied(db)
    for number, name, sql in migrations(engine):
        if number in done:
            continue
        with db.transaction(write=True):
            db.execute(_CREATE)
            if number in applied(db):  # another process got here first
                continue
            log.info("applying migration %04d_%s (%s)", number, name, engine)
            try:
                db.script(sql)
            except StoreError as exc:
                raise StoreError(f"migration {number:04d}_{name} failed: {exc}") from exc
            db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (number, name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
        version = max(version, number)
    return version
