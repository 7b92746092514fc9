"""Moderators and their sessions.

A moderator has a lower-case name and a password hashed with argon2id
(argon2-cffi's ``PasswordHasher``: memory-hard, salted, parameters in the hash, so
they can be raised later and old hashes are upgraded at the next login). A session
is a random token the browser keeps in an HttpOnly cookie (or an API client sends
as a Bearer token); the store keeps only its SHA-256, so reading the database does
not let anyone log in. A disabled moderator cannot log in and loses their
sessions, but stays on record as the one who approved or corrected.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..errors import InputError
from .connection import Connection
from .desk import Clock, Service, next_id, utcnow
from .records import Record

log = logging.getLogger(__name__)

NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # argon2 takes any length; a cap keeps hashing time bounded
HASHER = PasswordHasher()  # argon2id, RFC 9106's low-memory profile (64 MiB, 3 passes)


@lru_cache(maxsize=4)
def _dummy_hash(hasher: PasswordHasher) -> str:
    """Verified when a name is unknown, so a wrong name takes as long as a wrong password
    (made on first use: hashing at import would slow every start)."""
    return hasher.hash("no such moderator")


class LoginFailed(InputError):
    """A wrong name or password, or a disabled moderator (one message for all three)."""


@dataclass(frozen=True)
class User(Record):
    """A logged-in moderator."""

    id: int
    name: str


@dataclass(frozen=True)
class UserInfo(Record):
    """A moderator as listed by ``saidwhat users list``."""

    id: int
    name: str
    created_at: str
    disabled_at: str | None


@dataclass(frozen=True)
class Session(Record):
    """A new session: ``token`` goes to the client once; the store keeps its hash."""

    token: str
    user: User
    expires_at: str


def token_hash(token: str) -> str:
    """How a session token is stored and looked up."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    """A moderator name, lower case.

    Raises:
        InputError: not 1-64 letters, digits, dots, dashes or underscores.
    """
    folded = (name or "").strip().lower()
    if not NAME.match(folded):
        raise InputError(
            "a moderator name is 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit"
        )
    return folded


def check_password(password: str) -> str:
    """Raises InputError for a password that is too short or too long."""
    if len(password or "") < MIN_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise InputError(f"a password has at most {MAX_PASSWORD} characters")
    return password


class Users(Service):
    """Moderators: add, list, change passwords, disable; log in and out."""

    def __init__(self, store: Any, *, clock: Clock = utcnow, hasher: PasswordHasher = HASHER) -> None:
        super().__init__(store, clock=clock)
        self.hasher = hasher

    # ---------------------------------------------------------------- accounts

    def add(self, name: str, password: str) -> UserInfo:
        """Create a moderator.

        Raises:
            InputError: a bad name or password, or the name is taken.
            StoreError: the store is read-only or failed.
        """
        name, hashed = check_name(name), self.hasher.hash(check_password(password))
        with self.writing() as db:
            if db.one("SELECT 1 AS v FROM users WHERE name = ?", (name,)):
                raise InputError(f"there is already a moderator called {name}")
            uid, now = next_id(db, "users"), self.now()
            db.execute(
                "INSERT INTO users (id, name, password_hash, created_at) VALUES (?, ?, ?, ?)",
                (uid, name, hashed, now),
            )
        log.info("moderator %s added", name)
        return UserInfo(uid, name, now, None)

    def set_password(self, name: str, password: str) -> None:
        """Change a moderator's password; their sessions end.

        Raises:
            InputError: unknown moderator, or a bad password.
        """
        name, hashed = check_name(name), self.hasher.hash(check_password(password))
        with self.writing() as db:
            uid = self._id(db, name)
            db.execute("UPDATE users SET password_hash = ? WHERE id = ?", (hashed, uid))
            db.execute("DELETE FROM sessions WHERE user_id = ?", (uid,))

    def set_disabled(self, name: str, disabled: bool) -> None:
        """Disable (ending their sessions) or enable a moderator.

        Raises:
            InputError: unknown moderator.
        """
        name = check_name(name)
        with self.writing() as db:
            uid = self._id(db, name)
            db.execute(
                "UPDATE users SET disabled_at = ? WHERE id = ?", (self.now() if disabled else None, uid)
            )
            if disabled:
                db.execute("DELETE FROM sessions WHERE user_id = ?", (uid,))

    def list(self) -> list[UserInfo]:
        """Every moderator, by name."""
        with self.reading() as db:
            return [
                UserInfo(int(r["id"]), r["name"], r["created_at"], r["disabled_at"])
                for r in db.rows("SELECT id, name, created_at, disabled_at FROM users ORDER BY name")
            ]

    @staticmethod
    def _id(db: Connection, name: str) -> int:
        uid = db.scalar("SELECT id AS v FROM users WHERE name = ?", (name,))
        if uid is None:
            raise InputError(f"there is no moderator called {name}")
        return int(uid)

    # ---------------------------------------------------------------- sessions

    def login(self, name: str, password: str, *, hours: float) -> Session:
        """Check a name and password and open a session of ``hours``.

        Raises:
            LoginFailed: the name is unknown, the password wrong or the moderator disabled.
        """
        folded = (name or "").strip().lower()
        with self.reading() as db:
            row = db.one("SELECT id, name, password_hash, disabled_at FROM users WHERE name = ?", (folded,))
        stored = row["password_hash"] if row else _dummy_hash(self.hasher)
        try:
            self.hasher.verify(stored, (password or "")[:MAX_PASSWORD])
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            row = None
        if row is None or row["disabled_at"] is not None:
            raise LoginFailed("the name or the password is wrong")
        user = User(int(row["id"]), row["name"])
        token = secrets.token_urlsafe(32)
        expires = self.later(hours=hours)
        with self.writing() as db:
            if self.hasher.check_needs_rehash(stored):  # parameters were raised since
                db.execute(
                    "UPDATE users SET password_hash = ? WHERE id = ?", (self.hasher.hash(password), user.id)
                )
            db.execute("DELETE FROM sessions WHERE expires_at < ?", (self.now(),))
            db.execute(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                (token_hash(token), user.id, self.now(), expires),
            )
        log.info("moderator %s logged in", user.name)
        return Session(token, user, expires)

    def session(self, token: str | None) -> User | None:
        """The moderator a session token belongs to; None when unknown, expired or disabled."""
        if not token or len(token) > 200:
            return None
        with self.reading() as db:
            row = db.one(
                "SELECT u.id AS id, u.name AS name FROM sessions s JOIN users u ON u.id = s.user_id "
                "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL",
                (token_hash(token), self.now()),
            )
        return User(int(row["id"]), row["name"]) if row else None

    def logout(self, token: str | None) -> None:
        """End a session (nothing happens for an unknown token)."""
        if token:
            with self.writing() as db:
                db.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash(token),))
