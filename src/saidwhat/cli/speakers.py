"""``saidwhat speakers``: the speaker list, and the commands that correct it.

``saidwhat speakers`` (and ``--top``, ``--name``) lists the most quoted speakers;
``merge``, ``split``, ``rename``, ``external-id`` and ``import`` (an alias file) correct who is who,
each decision logged with who made it and when (``log``); ``explain`` says why two
names are one speaker or two, and ``rebuild`` resolves every stored name again.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..store.alias_file import read_alias_file
from .common import cli, db_option, format_option, friendly, with_settings

F = TypeVar("F", bound=Callable[..., Any])


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name here (a container without a passwd entry)
        return "unknown"


def actor_option(func: F) -> F:
    """``--actor``: who makes a correction (logged with it)."""
    return click.option(
        "--actor",
        default=None,
        help="Who makes this correction, for the log (default: the login name).",
    )(func)


@cli.group(invoke_without_command=True)
@db_option
@click.option("--top", type=click.IntRange(1, 1000), default=20, show_default=True, help="Show this many.")
@click.option("--name", "match", default=None, help="Only speakers whose name or alias contains this.")
@format_option("table", "json")
@click.pass_context
@friendly
def speakers(ctx: click.Context, db: str | None, top: int, match: str | None, fmt: str) -> None:
    """Speakers ranked by number of statements; subcommands correct who is who.

    A --db given here holds for the subcommand too.
    """
    from ..settings import load_settings

    settings = ctx.obj if ctx.obj is not None else load_settings()
    ctx.obj = settings.replace(db=db) if db else settings
    if ctx.invoked_subcommand is not None:
        return
    from ..store import open_store
    from ..store.render import speakers_table, to_json

    with open_store(ctx.obj.db, readonly=True) as store:
        found = store.speakers(top=top, q=match)
    click.echo(to_json(found) if fmt == "json" else speakers_table(found))


def _open(settings: Any) -> Any:
    from ..store import open_store

    return open_store(settings.db)


def _said(detail: Any) -> str:
    return f"{detail.name} (speaker {detail.id}, {detail.statements:,} statements)"


@speakers.command()
@click.argument("a")
@click.argument("b")
@db_option
@actor_option
@with_settings
@friendly
def merge(settings: Any, a: str, b: str, actor: str | None) -> None:
    """Make speaker A part of speaker B, for good (names, aliases or ids).

    B keeps its name; A's statements, names and roles join it, and every later
    article naming A does too.
    """
    with _open(settings) as store:
        merged = store.merge_speakers(_id_or_name(a), _id_or_name(b), actor=actor or _default_actor())
    click.echo(f"merged {a!r} into {_said(merged)}")


@speakers.command()
@click.argument("speaker")
@click.argument("name")
@db_option
@actor_option
@with_settings
@friendly
def split(settings: Any, speaker: str, name: str, actor: str | None) -> None:
    """Take NAME away from SPEAKER for good (undoes a merge, or a rule's join)."""
    with _open(settings) as store:
        now = store.split_speaker(_id_or_name(speaker), name, actor=actor or _default_actor())
    click.echo(f"split {name!r} from {speaker!r}: now " + (_said(now) if now else "unresolved"))


@speakers.command()
@click.argument("speaker")
@click.argument("new_name")
@db_option
@actor_option
@with_settings
@friendly
def rename(settings: Any, speaker: str, new_name: str, actor: str | None) -> None:
    """Show SPEAKER under NEW_NAME from now on."""
    with _open(settings) as store:
        renamed = store.rename_speaker(_id_or_name(speaker), new_name, actor=actor or _default_actor())
    click.echo(f"renamed {speaker!r}: {_said(renamed)}")


@speakers.command("external-id")
@click.argument("speaker")
@click.argument("external_id", required=False, default="")
@db_option
@actor_option
@with_settings
@friendly
def external_id(settings: Any, speaker: str, external_id: str, actor: str | None) -> None:
    """Give SPEAKER an id in another catalogue (EXTERNAL_ID, a Wikidata QID such as
    Q76, say); without EXTERNAL_ID, take its id away. Later ingests keep it."""
    with _open(settings) as store:
        done = store.set_speaker_external_id(
            _id_or_name(speaker), external_id, actor=actor or _default_actor()
        )
    click.echo(
        f"{_said(done)}: " + (f"external id {done.external_id}" if done.external_id else "no external id")
    )


@speakers.command("import")
@click.argument("alias_file", type=click.File("rb"))
@db_option
@actor_option
@with_settings
@friendly
def import_(settings: Any, alias_file: Any, actor: str | None) -> None:
    """Apply ALIAS_FILE (CSV: name, canonical name, optional external id such as a
    Wikidata QID; "-" for standard input). Every name joins its canonical name's
    speaker, now and in every later ingest. All rows or none.
    """
    rows = read_alias_file(alias_file, getattr(alias_file, "name", "<stdin>"))
    with _open(settings) as store:
        done = store.import_aliases(rows, actor=actor or _default_actor())
    click.echo(f"imported {done['rows']:,} aliases ({done['external_ids']:,} with an external id)")


@speakers.command()
@click.argument("a")
@click.argument("b")
@db_option
@format_option("table", "json")
@with_settings
@friendly
def explain(settings: Any, a: str, b: str, fmt: str) -> None:
    """Why A and B (names, aliases or speaker ids) are one speaker, or two."""
    from ..store import open_store
    from ..store.render import explanation_text, to_json

    with open_store(settings.db, readonly=True) as store:
        found = store.explain_speakers(a, b)
    click.echo(to_json(found) if fmt == "json" else explanation_text(found))


@speakers.command()
@db_option
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True, help="Show this many.")
@format_option("table", "json")
@with_settings
@friendly
def log(settings: Any, limit: int, fmt: str) -> None:
    """The manual decisions about speakers, newest first: what, who, when."""
    from ..store import open_store
    from ..store.render import decisions_table, to_json

    with open_store(settings.db, readonly=True) as store:
        found = store.speaker_decisions(limit)
    click.echo(to_json(found) if fmt == "json" else decisions_table(found))


@speakers.command()
@db_option
@with_settings
@friendly
def rebuild(settings: Any) -> None:
    """Resolve every stored speaker name again (after an upgrade of the rules); manual
    decisions hold. Nothing is extracted again."""
    with _open(settings) as store:
        done = store.rebuild_speakers()
        total = store.stats()
    click.echo(
        f"{done['attributed']:,} statements have a speaker, {done['moved']:,} changed; "
        f"{total['speakers']:,} speakers",
        err=True,
    )


def _id_or_name(text: str) -> int | str:
    return int(text) if text.strip().isdigit() else text


__all__ = ["read_alias_file", "speakers"]
