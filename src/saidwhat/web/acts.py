"""Acts in the web app: which a search keeps by default, how the URL names them,
and how pages label them.

A search keeps what a reader calls a statement unless it names acts: speech and
writing, and statements whose act was never recorded (stored before saidwhat
recorded acts, schema 7; or added by a moderator), so an older store is not emptied
by the default. Stances, plans and perceptions are one click away: ``act=all``, or
acts named one by one (``act=stance&act=plan``). The search page, the speaker page
and the API read the parameter alike.
"""

from __future__ import annotations

from fastapi import Query

from ..errors import InputError, StoreError
from ..store.query import ACT_FILTERS, ALL_ACTS, UNKNOWN_ACT, check_acts

# What act a statement reports (model.Act), and "unknown": stored before acts were recorded.
ACT_LABELS = {
    "speech": "Speech",
    "writing": "Writing",
    "stance": "Stance",
    "plan": "Plan",
    "perception": "Perception",
    "unknown": "Act not recorded",
}
ACT_HINTS = {
    "speech": "said, told, asked",
    "writing": "wrote, posted, a statement or report",
    "stance": "believes, argues, wants",
    "plan": "plans to, intends, vows",
    "perception": "saw, found, noticed",
    "unknown": "stored before saidwhat recorded acts",
}

# What a search keeps unless it names acts: what a reader calls a statement.
STATEMENT_ACTS = ("speech", "writing")
DEFAULT_ACTS: tuple[str, ...] = (*STATEMENT_ACTS, UNKNOWN_ACT)
MAX_ACT_VALUES = 20  # act parameters in one URL; more is not a search
ACT_QUERY = Query(
    [],
    description="the acts to keep, repeated for several: speech, writing, stance, plan, perception, "
    "unknown (stored before acts were recorded), or all. "
    "Default: speech, writing and unknown (what a reader calls a statement)",
)


def parse_acts(values: list[str] | None) -> tuple[str, ...] | None:
    """The acts a search keeps, from its ``act`` parameters: DEFAULT_ACTS when none is
    given, None (every act) for ``all``.

    Raises:
        InputError: an unknown act, or too many parameters.
    """
    given = [v for v in (values or []) if v and v.strip()]
    if not given:
        return DEFAULT_ACTS
    if len(given) > MAX_ACT_VALUES:
        raise InputError(f"act: at most {MAX_ACT_VALUES} values")
    try:
        return check_acts(given)
    except StoreError as exc:
        raise InputError(f"act: {exc}") from None


def act_params(acts: tuple[str, ...] | None) -> list[str]:
    """``acts`` as URL values: none for the default, ``all`` for every act."""
    if acts == DEFAULT_ACTS:
        return []
    return [ALL_ACTS] if acts is None else list(acts)


def kept_acts(acts: tuple[str, ...] | None) -> list[str]:
    """The acts a search kept, every one named (None: all of them), for API answers."""
    return list(ACT_FILTERS if acts is None else acts)
