"""What every ``saidwhat`` command shares: the group, error handling, shared flags.

A flag that several commands take (``--db``, ``--format``, ``--published``, the
search filters, ``--limit``, the settings such as ``--jobs``) is declared here once,
and a setting's help text and range come from its entry in ``settings.Settings``,
so no help is typed twice.

Errors end in one line on stderr, never a traceback: a SaidwhatError or an
operating-system error (a missing folder, a full disk) exits 1, a bad flag exits 2
with Click's usage message.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import os
import shutil
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn, TypeVar

import click

from ..errors import SaidwhatError
from ..model import KINDS, SPEAKER_TYPES, Failure
from ..settings import SETTINGS, load_settings
from ..store.query import ACT_FILTERS, ALL_ACTS

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, status: int = 1) -> NoReturn:
    """Print ``saidwhat: error: message`` on stderr and exit."""
    click.echo(f"saidwhat: error: {message}", err=True)
    sys.exit(status)


def os_error_message(exc: OSError) -> str:
    """One line for an operating-system error: what, where, why."""
    why = exc.strerror or str(exc)
    if exc.filename is None:
        return why
    where = str(exc.filename)
    if exc.errno == errno.ENOENT:
        folder = os.path.dirname(where)
        if folder and not os.path.isdir(folder):
            return f"{where}: the folder {folder} does not exist"
    return f"{where}: {why}"


def friendly(func: F) -> F:
    """Turn SaidwhatError and OSError into a one-line message and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SaidwhatError as exc:
            fail(str(exc))
        except OSError as exc:  # a file or folder the user named: their mistake, one line
            logging.getLogger(__name__).debug("OS error", exc_info=True)
            fail(os_error_message(exc))
        except KeyboardInterrupt:
            click.echo("saidwhat: interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def setting_help(name: str) -> str:
    """The help text of setting ``name``, with its environment variable."""
    field = next(f for f in SETTINGS if f.name == name)
    return f"{field.metadata['help'].rstrip('.')} (default: SAIDWHAT_{name.upper()} or {field.default!r})."


def setting_type(name: str) -> click.ParamType:
    """The Click type of setting ``name``: its Python type within its range."""
    field = next(f for f in SETTINGS if f.name == name)
    low, high = field.metadata.get("minimum"), field.metadata.get("maximum")
    if isinstance(field.default, bool) or isinstance(field.default, str):
        return click.STRING
    if isinstance(field.default, int):
        return click.IntRange(None if low is None else int(low), None if high is None else int(high))
    return click.FloatRange(low, high)


def setting_option(name: str, *flags: str, **kwargs: Any) -> Callable[[F], F]:
    """A flag that overrides setting ``name``; its help and range come from the setting."""
    kwargs.setdefault("type", setting_type(name))
    unit = next(f for f in SETTINGS if f.name == name).metadata.get("unit")
    if unit:
        kwargs.setdefault("metavar", unit)
    return click.option(
        *(flags or (f"--{name.replace('_', '-')}",)), name, default=None, help=setting_help(name), **kwargs
    )


def db_option(func: F) -> F:
    """``--db``: the quote database (the ``db`` setting)."""
    return setting_option("db")(func)


def budget_options(func: F) -> F:
    """``--extract-timeout`` and ``--worker-memory``: what one article may cost."""
    return setting_option("extract_timeout")(setting_option("worker_memory")(func))


class IsoDate(click.ParamType):
    """A date as YYYY-MM-DD (or an ISO datetime), checked as a real calendar date."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text).isoformat()
            return dt.datetime.fromisoformat(text).isoformat()
        except ValueError:
            self.fail(f"{value!r} is not a date (use YYYY-MM-DD)", param, ctx)


def published_option(func: F) -> F:
    """``--published``: the date of articles that state none."""
    return click.option(
        "--published",
        type=IsoDate(),
        default=None,
        help="Publication date (YYYY-MM-DD) for articles that state none, to resolve 'on Tuesday'.",
    )(func)


def dates_from_names_option(func: F) -> F:
    """``--dates-from-names``: take dates in file names as publication dates."""
    return click.option(
        "--dates-from-names",
        is_flag=True,
        help="Read a date in a file's path (2016-09-12, 20160912, 2016/09/12) as the publication date "
        "of a text file, and of a web page that states none.",
    )(func)


def act_option(func: F) -> F:
    """``--act`` (repeatable): the acts of the statements to keep; arrives as ``act``, a tuple."""
    return click.option(
        "--act",
        "act",
        type=click.Choice([*ACT_FILTERS, ALL_ACTS], case_sensitive=False),
        multiple=True,
        help="Only statements reporting this act (repeat for several): speech, writing, stance, plan, "
        "perception, or unknown (stored before acts were recorded). Default: every act.",
    )(func)


def search_filters(func: F) -> F:
    """The filters a search takes: speaker, date range, kind, site, speaker type, act."""
    for option in reversed(
        (
            click.option(
                "--speaker", default=None, help="Only statements by this speaker (a name or alias)."
            ),
            click.option("--since", type=IsoDate(), default=None, help="From this date on (YYYY-MM-DD)."),
            click.option(
                "--until", type=IsoDate(), default=None, help="Up to this date, inclusive (YYYY-MM-DD)."
            ),
            click.option(
                "--kind", type=click.Choice(KINDS), default=None, help="Only this kind of statement."
            ),
            click.option("--site", default=None, help="Only articles from this site."),
            click.option(
                "--type",
                "speaker_type",
                type=click.Choice(list(SPEAKER_TYPES), case_sensitive=False),
                default=None,
                help="Only statements whose speaker has this type (PERSON: people only).",
            ),
            act_option,
        )
    ):
        func = option(func)
    return func


def limit_option(func: F) -> F:
    """``--limit``: how many results to show."""
    return click.option(
        "--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Show at most this many."
    )(func)


def format_option(*choices: str, default: str | None = "table", help: str | None = None) -> Callable[[F], F]:
    """``--format`` with ``choices``; the chosen one arrives as ``fmt``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=default is not None,
        help=help,
    )


def with_settings(func: F) -> F:
    """Pass the command's Settings with its setting flags applied as ``settings``.

    Every keyword argument named after a setting is taken out of the call and applied
    (``None``, a flag not given, keeps the environment's or the default value).
    """
    names = {f.name for f in SETTINGS}

    @click.pass_obj
    @wraps(func)
    def wrapper(obj: Any, *args: Any, **kwargs: Any) -> Any:
        changes = {k: kwargs.pop(k) for k in list(kwargs) if k in names}
        try:
            settings = obj.replace(**changes) if obj is not None else load_settings(**changes)
        except SaidwhatError as exc:
            fail(str(exc))
        return func(settings, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def failure_message(failure: Failure) -> str:
    """One line for a document that was skipped or failed."""
    where = failure.source or failure.id
    reason = failure.reason if failure.reason.startswith(where) else f"{where}: {failure.reason}"
    return f"saidwhat: skipped {reason}"


def terminal_width() -> int:
    return max(60, min(160, shutil.get_terminal_size((100, 24)).columns))


class SaidwhatGroup(click.Group):
    """The command group, with the last line of defence against a traceback.

    Commands turn the errors they expect into one line (``friendly``); anything else,
    a bug or a value Click's own types choke on (a NUL in a path), is said in one
    line too, with its traceback logged for ``saidwhat -v``.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except OSError as exc:
            logging.getLogger(__name__).info("traceback", exc_info=True)
            fail(os_error_message(exc))
        except Exception as exc:  # noqa: BLE001 - logged with its traceback for -v
            logging.getLogger(__name__).info("traceback", exc_info=True)
            if isinstance(exc, ValueError) and "null" in str(exc):
                # "embedded null byte": a NUL in a path that Click's own Path type checked
                fail("a file name or value contains a NUL character")
            fail(f"internal error: {type(exc).__name__}: {exc} (run 'saidwhat -v ...' to see where)")


class PathType(click.Path):
    """``click.Path`` that refuses a NUL character (the OS would raise ValueError)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if "\x00" in str(value):
            self.fail(f"{value!r} contains a NUL character", param, ctx)
        return super().convert(value, param, ctx)


@click.group(cls=SaidwhatGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="saidwhat")
@setting_option("model")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
@click.pass_context
def cli(ctx: click.Context, model: str | None, verbose: bool) -> None:
    """saidwhat: who said what in news articles."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    try:
        ctx.obj = load_settings(model=model)
    except SaidwhatError as exc:
        fail(str(exc))


__all__ = [
    "IsoDate",
    "PathType",
    "act_option",
    "budget_options",
    "cli",
    "dates_from_names_option",
    "db_option",
    "fail",
    "failure_message",
    "format_option",
    "friendly",
    "limit_option",
    "published_option",
    "search_filters",
    "setting_option",
    "terminal_width",
    "with_settings",
]
