"""What every ``saidwhat`` command shares: the group, error handling, shared flags.

A flag that several commands take (``--db``, ``--format``, the search filters, the
settings such as ``--jobs``) is declared here once, and a setting's help text comes
from its entry in ``settings.Settings``, so no help is typed twice.
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from ..errors import SaidwhatError
from ..model import Failure
from ..settings import SETTINGS, load_settings

F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    """Turn SaidwhatError into a one-line message and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SaidwhatError as exc:
            click.echo(f"saidwhat: error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("saidwhat: interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def setting_help(name: str) -> str:
    """The help text of setting ``name``, with its environment variable."""
    field = next(f for f in SETTINGS if f.name == name)
    return f"{field.metadata['help'].rstrip('.')} (default: SAIDWHAT_{name.upper()} or {field.default!r})."


def setting_option(name: str, *flags: str, **kwargs: Any) -> Callable[[F], F]:
    """A flag that overrides setting ``name``; its help comes from the setting."""
    field = next(f for f in SETTINGS if f.name == name)
    kwargs.setdefault("type", type(field.default) if field.default is not None else str)
    return click.option(
        *(flags or (f"--{name.replace('_', '-')}",)), name, default=None, help=setting_help(name), **kwargs
    )


def db_option(func: F) -> F:
    """``--db``: the quote database (the ``db`` setting)."""
    return setting_option("db")(func)


def published_option(func: F) -> F:
    """``--published``: the date of articles that state none."""
    return click.option(
        "--published",
        default=None,
        help="Publication date (YYYY-MM-DD) for articles that state none, to resolve 'on Tuesday'.",
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
        settings = obj.replace(**changes) if obj is not None else load_settings(**changes)
        return func(settings, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def failure_message(failure: Failure) -> str:
    """One line for a document that was skipped or failed."""
    where = failure.source or failure.id
    reason = failure.reason if failure.reason.startswith(where) else f"{where}: {failure.reason}"
    return f"saidwhat: skipped {reason}"


def terminal_width() -> int:
    return max(60, min(160, shutil.get_terminal_size((100, 24)).columns))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
        click.echo(f"saidwhat: error: {exc}", err=True)
        sys.exit(1)


__all__ = [
    "cli",
    "db_option",
    "failure_message",
    "format_option",
    "friendly",
    "published_option",
    "setting_option",
    "terminal_width",
    "with_settings",
]
