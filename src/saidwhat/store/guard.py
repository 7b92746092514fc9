"""Spam and abuse guards without third-party services: the arithmetic challenge,
per-network rate limits, anonymised addresses, and the server's secret.

**Challenge.** A reply form carries a question such as ``17 − ◻ = 15`` and an
opaque random token. The answer stays on the server (``challenges``, the token
stored as its SHA-256), so nothing in the page's HTML answers it but the question
itself: no hidden answer, hash or signature to read or brute-force. A token is
single use (a wrong answer spends it too, so answers cannot be tried in turn) and
expires.

**Rate limits.** Fixed windows counted per bucket (reply, report, login,
challenge) and key (a network, or a moderator name) in ``rate_limits``.

**Networks.** Addresses are never stored: IPv4 as its /24, IPv6 as its /48.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone

from ..errors import SaidwhatError
from .desk import Service, stamp

log = logging.getLogger(__name__)

IPV4_PREFIX = 24
IPV6_PREFIX = 48
UNKNOWN_NETWORK = "unknown"
KEEP_WINDOWS_HOURS = 48  # counters older than this are deleted as new ones are written


class ChallengeFailed(SaidwhatError):
    """The answer to the arithmetic challenge is wrong, or its token unknown, used or expired."""


class TooManyRequests(SaidwhatError):
    """A rate limit is reached; ``retry_after`` seconds until the window rolls over."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Challenge:
    """A question to show and the token to send back with its answer."""

    token: str
    question: str  # "17 − ◻ = 15"
    spoken: str  # "17 minus what number makes 15?", for screen readers
    expires_at: str


def network(address: str | None) -> str:
    """The network an address is stored as: ``203.0.113.0/24``, ``2001:db8:7::/48``.

    IPv4-mapped IPv6 addresses count as IPv4; anything unreadable is ``unknown``.
    """
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return UNKNOWN_NETWORK
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = IPV4_PREFIX if ip.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def _question() -> tuple[str, str, int]:
    """A small sum with one number hidden: (question, spoken, answer)."""
    a, b = secrets.randbelow(19) + 2, secrets.randbelow(9) + 1
    form = secrets.randbelow(3)
    if form == 0:  # a − ◻ = c
        return f"{a + b} − ◻ = {a}", f"{a + b} minus what number makes {a}?", b
    if form == 1:  # ◻ + b = c
        return f"◻ + {b} = {a + b}", f"what number plus {b} makes {a + b}?", a
    return f"{a} + {b} = ◻", f"what is {a} plus {b}?", a + b


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Guard(Service):
    """Challenges, rate limits and secrets, in the store (shared by every server process)."""

    # ---------------------------------------------------------------- challenge

    def challenge(self, seconds: int) -> Challenge:
        """A new challenge answerable for ``seconds``; expired ones are cleared away."""
        question, spoken, answer = _question()
        token = secrets.token_urlsafe(24)
        expires = self.later(seconds=seconds)
        with self.writing() as db:
            db.execute("DELETE FROM challenges WHERE expires_at < ?", (self.now(),))
            db.execute(
                "INSERT INTO challenges (token_hash, answer, expires_at) VALUES (?, ?, ?)",
                (_hash(token), answer, expires),
            )
        return Challenge(token, question, spoken, expires)

    def check(self, token: str | None, answer: str | int | None) -> None:
        """Spend the challenge ``token`` on ``answer``.

        Raises:
            ChallengeFailed: unknown or expired token, already used, or a wrong answer
                (which spends the token as well).
        """
        if not token or len(token) > 200:
            raise ChallengeFailed("the anti-spam question is missing; answer the new one")
        with self.writing() as db:
            row = db.one(
                "SELECT answer, expires_at, used_at FROM challenges WHERE token_hash = ?", (_hash(token),)
            )
            if row is None:
                raise ChallengeFailed("the anti-spam question has expired; answer the new one")
            if row["used_at"] is not None:
                raise ChallengeFailed("that anti-spam question was already answered; answer the new one")
            if row["expires_at"] <= self.now():
                raise ChallengeFailed("the anti-spam question has expired; answer the new one")
            db.execute("UPDATE challenges SET used_at = ? WHERE token_hash = ?", (self.now(), _hash(token)))
        given = str(answer if answer is not None else "").strip().replace("−", "-")
        if not given.lstrip("-").isdigit() or int(given) != int(row["answer"]):
            raise ChallengeFailed("the answer to the anti-spam question is wrong; try the new one")

    # ---------------------------------------------------------------- rate limits

    def hit(self, bucket: str, key: str, limit: int, window_seconds: int) -> None:
        """Count one request of ``bucket`` from ``key`` in the current window.

        Raises:
            TooManyRequests: this request is over ``limit`` in the window (it still counts).
        """
        now = self.clock().astimezone(timezone.utc)
        epoch = int(now.timestamp())
        start = epoch - epoch % window_seconds
        window = stamp(datetime.fromtimestamp(start, timezone.utc))
        with self.writing() as db:
            db.execute(
                "INSERT INTO rate_limits (bucket, key, window_start, count) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (bucket, key, window_start) DO UPDATE SET count = rate_limits.count + 1",
                (bucket, key, window),
            )
            count = int(
                db.scalar(
                    "SELECT count AS v FROM rate_limits WHERE bucket = ? AND key = ? AND window_start = ?",
                    (bucket, key, window),
                )
            )
            db.execute(
                "DELETE FROM rate_limits WHERE window_start < ?", (self.ago(hours=KEEP_WINDOWS_HOURS),)
            )
        if count > limit:
            log.info("rate limit %s reached", bucket)  # the key may be a typed name: not logged
            raise TooManyRequests(
                f"too many requests from your network ({limit} in {window_seconds // 60} minutes); "
                "try again later",
                retry_after=start + window_seconds - epoch,
            )

    # ---------------------------------------------------------------- secrets

    def secret(self, name: str) -> bytes:
        """A random 32-byte secret kept in the store, made on first use (the same for
        every process serving it)."""
        with self.reading() as db:
            value = db.scalar("SELECT value AS v FROM site_secrets WHERE name = ?", (name,))
        if value is None:
            with self.writing() as db:
                db.execute(
                    "INSERT INTO site_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    (name, secrets.token_hex(32)),
                )
                value = db.scalar("SELECT value AS v FROM site_secrets WHERE name = ?", (name,))
        return bytes.fromhex(value)
