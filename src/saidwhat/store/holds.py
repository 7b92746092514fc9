"""Why a reply waits for a moderator: the site's mode, and the automatic holds.

The mode of a site (``moderation_modes``; the row ``''`` is every site without its
own, else the ``reply_moderation`` setting): ``all`` holds every reply, ``first``
holds a new email's first reply until one of its replies is approved, ``none``
publishes at once. Whatever the mode, a reply is held when it has more links than
allowed, a word from the list (``moderation_words``: whole words, case and accents
aside), repeats an earlier reply (the same words from the same email, or from the
same network within a day), or comes from an email whose replies were rejected
recently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError, InputError
from . import names
from .connection import Connection
from .desk import Clock, Service, utcnow
from .query import site_key

MODES = ("all", "first", "none")
REPEAT_HOURS = 24  # the same words from the same network within this are a repeat
REJECTED_DAYS = 30  # an email with a reply rejected this recently is held
_LINK = re.compile(r"https?://|\bwww\.", re.IGNORECASE)


@dataclass(frozen=True)
class Rules:
    """How replies are moderated (from the settings)."""

    default_mode: str = "first"
    max_chars: int = 4000
    max_links: int = 2

    def __post_init__(self) -> None:
        if self.default_mode not in MODES:
            raise ConfigError(f"moderation mode is one of {', '.join(MODES)}, not {self.default_mode!r}")


class Holds(Service):
    """The moderation modes and words, and the reasons a new reply is held."""

    def __init__(self, store: Any, *, rules: Rules | None = None, clock: Clock = utcnow) -> None:
        super().__init__(store, clock=clock)
        self.rules = rules or Rules()

    def reasons(
        self, db: Connection, body: str, digest: str, poster: int, network: str | None, site: str
    ) -> list[str]:
        """Why a new reply waits for a moderator (empty: it is published), inside the
        posting transaction."""
        reasons = []
        links = len(_LINK.findall(body))
        if links > self.rules.max_links:
            reasons.append(f"{links} links (more than {self.rules.max_links})")
        folded = f" {' '.join(names.fold(body).split())} "
        for r in db.rows("SELECT word FROM moderation_words ORDER BY word"):
            if f" {r['word']} " in folded:
                reasons.append(f"the word “{r['word']}”")
        if db.one(
            "SELECT 1 AS v FROM replies WHERE body_hash = ? AND (poster_id = ? OR (ip_net = ? AND created_at >= ?))",
            (digest, poster, network, self.ago(hours=REPEAT_HOURS)),
        ):
            reasons.append("repeats an earlier reply")
        if db.one(
            "SELECT 1 AS v FROM replies WHERE poster_id = ? AND status = 'rejected' AND moderated_at >= ?",
            (poster, self.ago(days=REJECTED_DAYS)),
        ):
            reasons.append("this email's replies were rejected recently")
        mode = self._mode(db, site) or self.rules.default_mode
        if mode == "all":
            reasons.append("this site holds every reply")
        elif mode == "first" and not db.one(
            "SELECT 1 AS v FROM replies WHERE poster_id = ? AND status = 'approved'", (poster,)
        ):
            reasons.append("first reply from this email")
        return reasons

    # ---------------------------------------------------------------- modes and words

    @staticmethod
    def _mode(db: Connection, site: str) -> str:
        row = db.one(
            "SELECT mode FROM moderation_modes WHERE site IN (?, '') ORDER BY length(site) DESC", (site,)
        )
        return row["mode"] if row else ""

    def mode_for(self, site: str | None) -> str:
        """The moderation mode of a site."""
        with self.reading() as db:
            return self._mode(db, site_key(site) or "") or self.rules.default_mode

    def set_mode(self, mode: str, site: str | None = None) -> None:
        """Set the moderation mode of ``site`` (None: of every site without its own).

        Raises:
            InputError: an unknown mode.
        """
        if mode not in MODES:
            raise InputError(f"mode is one of {', '.join(MODES)}")
        with self.writing() as db:
            db.execute(
                "INSERT INTO moderation_modes (site, mode) VALUES (?, ?) "
                "ON CONFLICT (site) DO UPDATE SET mode = excluded.mode",
                (site_key(site) or "", mode),
            )

    def modes(self) -> dict[str, str]:
        """The modes set: site -> mode ('' is every other site)."""
        with self.reading() as db:
            return {
                r["site"]: r["mode"] for r in db.rows("SELECT site, mode FROM moderation_modes ORDER BY site")
            }

    def words(self) -> list[str]:
        """The words that hold a reply."""
        with self.reading() as db:
            return [r["word"] for r in db.rows("SELECT word FROM moderation_words ORDER BY word")]

    def set_words(self, add: Sequence[str] = (), remove: Sequence[str] = ()) -> None:
        """Add words (matched as whole words, case and accents aside) and remove others."""
        with self.writing() as db:
            for word in add:
                folded = " ".join(names.fold(word).split())
                if folded:
                    db.execute(
                        "INSERT INTO moderation_words (word) VALUES (?) ON CONFLICT (word) DO NOTHING",
                        (folded,),
                    )
            for word in remove:
                db.execute(
                    "DELETE FROM moderation_words WHERE word = ?", (" ".join(names.fold(word).split()),)
                )
