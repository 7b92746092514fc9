"""Editors correct who is who from the speaker page (logged-in moderators only).

A moderator looking at ``/speakers/{id}`` sees an editing panel (``editor_panel``):
rename the speaker, set its external id (a Wikidata QID, say), find another speaker
to merge it into, split a name off it, why each of its names is its own, and the
decisions made about it. Every action is a POST form with the CSRF token, made in
the moderator's name (the decision log's actor):

    POST /speakers/{id}/rename        name                 undo: the notice's button
    POST /speakers/{id}/external-id   external_id          undo: the notice's button
    GET  /speakers/{id}/merge?q=      find the speaker to merge into
    GET  /speakers/{id}/merge?into=   what merging would do, and the button
    POST /speakers/{id}/merge         into, confirmed=yes  (without it: back to the review)
    GET  /speakers/{id}/split?name=   what splitting the name off would do
    POST /speakers/{id}/split         name, confirmed=yes
    GET  /speakers/{id}/explain?with= every name's rule and evidence, and the decisions

A merge or a split cannot be undone in one click (undoing takes splits, or a
merge), so each asks for confirmation on a page of its own; a rename or a new id
can, so it is made at once and the page says what it replaced, with a button to
put it back. That notice travels in the redirect's URL, signed with the store's
secret, so a link from elsewhere cannot put a button on the page.

Without a login the routes send the browser to /login (``require_moderator``);
the JSON API is ``speaker_edits_api``; the alias upload and the whole log are
``speaker_log``.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import InputError
from ..store.decisions import CONTROL, DecisionConflict, DecisionRefused, NoSuchSpeaker
from ..store.query import MAX_ID
from ..store.records import Explanation, SpeakerDecision, SpeakerLink
from ..store.users import User
from .auth import Moderator
from .csrf import FORM_LIMITS
from .desk import desk_of, no_store, viewer
from .errors import REASONS, error_response, wants_json
from .speakers import get_speaker
from .templating import ENV, render

router = APIRouter()

MAX_NAME = 200  # as store.decisions
CANDIDATES = 20  # speakers offered to merge into
PANEL_DECISIONS = 10  # decisions shown on the speaker page
NOTICE_KEYS = ("edited", "name", "was", "to", "now", "rows", "ids")

# Why a name is a speaker's, in words (the rules of store.identity and the manual ones).
RULE_LABELS = {
    "same-name": "its own name",
    "same-first-and-last-name": "same first and last name",
    "same-name-and-role": "same name and the same role",
    "short-first-name": "a short form of the first name",
    "same-role": "same surname and the same role",
    "only-one-in-window": "the only person of that surname named within a year",
    "dominant-in-window": "the one most named of that surname within a year",
    "one-gender-of-surname": "the only one of that surname and gender",
    "gender-conflict": "left apart: its statements give the other gender",
    "role-conflict": "left apart: a role the full names do not share",
    "unresolved-surname": "left apart: several people have that surname",
    "no-full-name": "no full name to join",
    "merge": "merged by a moderator",
    "alias-file": "joined by an alias file",
}


# ---------------------------------------------------------------- shared pieces


def actor(user: User) -> str:
    """The decision log's actor for a moderator's correction."""
    return user.name


def rule_label(rule: str) -> str:
    """A link's rule in words (unknown rules as they are named)."""
    return RULE_LABELS.get(rule, rule)


@dataclass
class NameRow:
    """One name of a speaker, its links taken together (a one-word name has one link per
    role and year): how many statements, by which rules, and whether it can be split off."""

    name: str
    statements: int = 0
    rules: list[str] = field(default_factory=list)
    own: bool = False
    decided_by: str | None = None
    decided_at: str | None = None


def name_rows(links: Iterable[SpeakerLink]) -> list[NameRow]:
    """The speaker's names, most statements first."""
    rows: dict[str, NameRow] = {}
    for x in links:
        row = rows.setdefault(x.name, NameRow(x.name))
        row.statements += x.statements
        row.own = row.own or x.own
        if x.rule not in row.rules:
            row.rules.append(x.rule)
        if x.actor:
            row.decided_by, row.decided_at = x.actor, x.decided_at
    return sorted(rows.values(), key=lambda r: (not r.own, -r.statements, r.name))


def explanation(request: Request, speaker_id: int, other: str = "") -> Explanation:
    """Why the speaker's names are its own (and, given ``other``, why that name or id is
    or is not the same speaker)."""
    store = request.app.state.store
    return store.explain_speakers(str(speaker_id), other or str(speaker_id))  # type: ignore[no-any-return]


def _signature(request: Request, items: list[tuple[str, str]]) -> str:
    message = b"speaker-notice\0" + urlencode(items).encode()
    return hmac.new(desk_of(request).secret(), message, hashlib.sha256).hexdigest()[:32]


def notice_location(request: Request, speaker_id: int | None, **notice: Any) -> str:
    """Where a correction sends the browser: the speaker page (or the speakers'
    moderation page) with a signed notice of what was done."""
    items = sorted((k, str(v)) for k, v in notice.items() if v is not None and k in NOTICE_KEYS)
    query = urlencode([*items, ("sig", _signature(request, items))])
    root = request.scope.get("root_path", "")
    if speaker_id is None:
        return f"{root}/moderation/speakers?{query}#notice"
    return f"{root}/speakers/{speaker_id}?{query}#editor"


def read_notice(request: Request) -> dict[str, str] | None:
    """The notice in this page's URL, if this app signed it."""
    params = request.query_params
    items = sorted((k, v) for k, v in params.items() if k in NOTICE_KEYS)
    sig = params.get("sig", "")
    if not items or not hmac.compare_digest(sig, _signature(request, items)):
        return None
    return dict(items)


def redirect(location: str) -> RedirectResponse:
    """After a form: see the result (303, so a reload does not send the form again)."""
    return RedirectResponse(location, status_code=303)


def _text(form: Any, name: str, limit: int = MAX_NAME * 4) -> str:
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    if len(value) > limit:
        raise InputError(f"{name}: at most {limit} characters")
    if CONTROL.search(value):
        raise InputError(f"{name}: no control characters")
    return value


def _speaker_id(form: Any, name: str) -> int:
    text = _text(form, name, 30).strip()
    if not text.isdecimal() or not 1 <= int(text) <= MAX_ID:
        raise InputError(f"{name}: choose a speaker (a speaker id)")
    return int(text)


# ---------------------------------------------------------------- the speaker page


def editor_panel(request: Request, speaker: Any) -> dict[str, Any] | None:
    """What the speaker page shows a logged-in moderator (None for everyone else): the
    speaker's names with their rules, the latest decisions about it, and the notice
    of a correction just made."""
    if viewer(request) is None:
        return None
    why = explanation(request, speaker.id)
    decisions = list(reversed(why.decisions))
    return {
        "names": name_rows(why.links_a),
        "decisions": decisions[:PANEL_DECISIONS],
        "more_decisions": len(decisions) > PANEL_DECISIONS,
        "notice": read_notice(request),
    }


# ---------------------------------------------------------------- rename, external id


@router.post("/speakers/{speaker_id}/rename", include_in_schema=False)
async def rename(request: Request, user: Moderator, speaker_id: int = Path(ge=1, le=MAX_ID)) -> Response:
    """Show the speaker under another name (the notice offers the old one back)."""
    store = request.app.state.store
    form = await request.form(**FORM_LIMITS)
    before = get_speaker(store, speaker_id)
    done = await run_in_threadpool(store.rename_speaker, speaker_id, _text(form, "name"), actor=actor(user))
    return redirect(notice_location(request, done.id, edited="renamed", name=done.name, was=before.name))


@router.post("/speakers/{speaker_id}/external-id", include_in_schema=False)
async def external_id(request: Request, user: Moderator, speaker_id: int = Path(ge=1, le=MAX_ID)) -> Response:
    """Set or clear the speaker's external id (the notice offers the old one back)."""
    store = request.app.state.store
    form = await request.form(**FORM_LIMITS)
    before = get_speaker(store, speaker_id)
    done = await run_in_threadpool(
        store.set_speaker_external_id, speaker_id, _text(form, "external_id"), actor=actor(user)
    )
    return redirect(
        notice_location(
            request, done.id, edited="external-id", name=done.external_id or "", was=before.external_id or ""
        )
    )


# ---------------------------------------------------------------- merge


def merge_warnings(a: Any, b: Any) -> list[str]:
    """What suggests that speakers ``a`` and ``b`` are two people, not one."""
    out = []
    if a.gender and b.gender and a.gender != b.gender:
        out.append(
            f"Their statements say {a.name} is {_gender(a.gender)} and {b.name} {_gender(b.gender)}; "
            "the rules never join the two."
        )
    if a.type != b.type and "UNKNOWN" not in (a.type, b.type):
        out.append(f"{a.name} is {_kind(a.type)} and {b.name} {_kind(b.type)}.")
    if a.external_id and b.external_id and a.external_id != b.external_id:
        out.append(f"They have different external ids ({a.external_id} and {b.external_id}).")
    return out


def _gender(g: str) -> str:
    return {"m": "a man", "f": "a woman"}.get(g, g)


def _kind(t: str) -> str:
    return {"PERSON": "a person", "ORG": "an organisation", "GROUP": "a group of people"}.get(t, t.lower())


@router.get("/speakers/{speaker_id}/merge", response_class=HTMLResponse, include_in_schema=False)
def merge_page(
    request: Request,
    user: Moderator,
    speaker_id: int = Path(ge=1, le=MAX_ID),
    q: str = Query("", max_length=MAX_NAME),
    into: int | None = Query(None, ge=1, le=MAX_ID),
) -> Response:
    """Find the speaker to merge this one into (``q``), then review the merge (``into``)."""
    store = request.app.state.store
    speaker = get_speaker(store, speaker_id)
    target = candidates = None
    q = " ".join(q.split())
    if into is not None:
        if into == speaker_id:
            raise DecisionConflict("a speaker cannot be merged into itself; choose another")
        target = get_speaker(store, into)
    elif q:
        candidates = [s for s in store.speakers(top=CANDIDATES + 1, q=q) if s.id != speaker_id][:CANDIDATES]
    return no_store(
        render(
            request,
            "speaker_merge.html",
            active="speakers",
            speaker=speaker,
            q=q,
            candidates=candidates,
            target=target,
            warnings=merge_warnings(speaker, target) if target else [],
        )
    )


@router.post("/speakers/{speaker_id}/merge", include_in_schema=False)
async def merge(request: Request, user: Moderator, speaker_id: int = Path(ge=1, le=MAX_ID)) -> Response:
    """Merge this speaker into ``into``, once confirmed on the review page."""
    store = request.app.state.store
    form = await request.form(**FORM_LIMITS)
    into = _speaker_id(form, "into")
    if _text(form, "confirmed") != "yes":
        return redirect(f"{request.scope.get('root_path', '')}/speakers/{speaker_id}/merge?into={into}")
    before = get_speaker(store, speaker_id)
    done = await run_in_threadpool(store.merge_speakers, speaker_id, into, actor=actor(user))
    return redirect(notice_location(request, done.id, edited="merged", name=before.name, was=str(speaker_id)))


# ---------------------------------------------------------------- split


def split_name(request: Request, speaker: Any, name: str) -> NameRow:
    """The speaker's name ``name``, if it can be split off.

    Raises:
        DecisionRefused: not one of its names, or its own name.
    """
    rows = name_rows(explanation(request, speaker.id).links_a)
    wanted = " ".join(name.split()).casefold()
    found = next((r for r in rows if r.name.casefold() == wanted), None)
    if found is None:
        known = ", ".join(r.name for r in rows) or "none"
        raise DecisionRefused(f"{speaker.name!r} has no name {name!r}; its names: {known}")
    if found.own:
        raise DecisionRefused(
            f"{found.name!r} is the speaker's own name; split the other names off it, or rename it"
        )
    return found


@router.get("/speakers/{speaker_id}/split", response_class=HTMLResponse, include_in_schema=False)
def split_page(
    request: Request,
    user: Moderator,
    speaker_id: int = Path(ge=1, le=MAX_ID),
    name: str = Query(max_length=MAX_NAME),
) -> Response:
    """What splitting ``name`` off the speaker would do, and the button to do it."""
    speaker = get_speaker(request.app.state.store, speaker_id)
    row = split_name(request, speaker, name)
    return no_store(render(request, "speaker_split.html", active="speakers", speaker=speaker, row=row))


@router.post("/speakers/{speaker_id}/split", include_in_schema=False)
async def split(request: Request, user: Moderator, speaker_id: int = Path(ge=1, le=MAX_ID)) -> Response:
    """Take a name away from the speaker for good, once confirmed on the review page."""
    store = request.app.state.store
    form = await request.form(**FORM_LIMITS)
    name = _text(form, "name")
    if _text(form, "confirmed") != "yes":
        query = urlencode({"name": name})
        return redirect(f"{request.scope.get('root_path', '')}/speakers/{speaker_id}/split?{query}")
    now = await run_in_threadpool(store.split_speaker, speaker_id, name, actor=actor(user))
    return redirect(
        notice_location(
            request,
            speaker_id,
            edited="split",
            name=name,
            to=str(now.id) if now else "",
            now=now.name if now else "",
        )
    )


# ---------------------------------------------------------------- explain


@router.get("/speakers/{speaker_id}/explain", response_class=HTMLResponse, include_in_schema=False)
def explain_page(
    request: Request,
    user: Moderator,
    speaker_id: int = Path(ge=1, le=MAX_ID),
    with_: str = Query("", alias="with", max_length=MAX_NAME),
) -> Response:
    """Every name of the speaker with its rule and evidence, the decisions about it, and
    (``with``: another name or speaker id) whether that one is the same speaker."""
    speaker = get_speaker(request.app.state.store, speaker_id)
    other = " ".join(with_.split())
    why = explanation(request, speaker_id, other)
    return no_store(
        render(
            request,
            "speaker_explain.html",
            active="speakers",
            speaker=speaker,
            other=other,
            why=why,
            names=name_rows(why.links_a),
        )
    )


# ---------------------------------------------------------------- errors and setup


def key_text(key: str) -> str:
    """A stored name key for people: ``obama|m`` -> ``obama (male)``."""
    name, _, gender = key.partition("|")
    return f"{name} ({ {'m': 'male', 'f': 'female'}.get(gender, gender) })" if gender else name


def decision_text(d: SpeakerDecision) -> str:
    """A logged decision in words (the speaker as it is named now, else by its key)."""
    who = d.speaker_name or key_text(d.speaker)
    name = key_text(d.name)
    return {
        "merge": f"merged “{name}” into {who}",
        "alias-file": f"alias file: “{name}” is {who}" + (f" (shown as “{d.value}”)" if d.value else ""),
        "split": f"split “{name}” off {who}",
        "rename": f"renamed “{key_text(d.speaker)}” to “{d.value}”",
        "external-id": f"set the external id of {who} to {d.value}"
        if d.value
        else f"removed the external id of {who}",
    }.get(d.action, f"{d.action} {name} {who} {d.value or ''}".strip())


def _status(status: int):  # type: ignore[no-untyped-def]
    async def handler(request: Request, exc: Exception) -> Response:
        if wants_json(request):
            return no_store(error_response(request, status, str(exc)))
        speaker_id = str(request.path_params.get("speaker_id", ""))
        back = f"/speakers/{speaker_id}" if speaker_id.isdecimal() else "/moderation/speakers"
        page = render(
            request, "speaker_edit_error.html", status, reason=REASONS[status], message=str(exc), back=back
        )
        return no_store(page)

    return handler


def wikidata_url(value: str | None) -> str | None:
    """The Wikidata page of a QID (``Q76``); None for any other id."""
    if value and value[:1] == "Q" and value[1:].isdecimal() and len(value) <= 20:
        return f"https://www.wikidata.org/wiki/{value}"
    return None


def install(app: FastAPI) -> None:
    """Answer refused corrections with their own status (not the store's 503), and give
    the templates the helpers of the editing pages."""
    for exc, status in ((NoSuchSpeaker, 404), (DecisionConflict, 409), (DecisionRefused, 422)):
        app.add_exception_handler(exc, _status(status))
    ENV.filters["rule_label"] = rule_label
    ENV.filters["decision_text"] = decision_text
    ENV.filters["wikidata_url"] = wikidata_url
