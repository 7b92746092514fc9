"""``saidwhat users``: the moderators of the web app's reply desk."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..errors import InputError
from .common import cli, db_option, format_option, friendly, with_settings


def _password(from_stdin: bool) -> str:
    """A new password: one line of standard input, or asked twice without echo."""
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise InputError("no password on standard input")
        return line.rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


_STDIN = click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of standard input."
)


@cli.group()
def users() -> None:
    """Moderators of the web app: who may approve replies and apply corrections."""


@users.command("add")
@click.argument("name")
@db_option
@_STDIN
@with_settings
@friendly
def add(settings: Any, name: str, password_stdin: bool) -> None:
    """Create the moderator NAME (asks for a password of 10 or more characters)."""
    from ..store import open_store
    from ..store.users import Users, check_name, check_password

    name = check_name(name)
    password = check_password(_password(password_stdin))
    with open_store(settings.db) as store:
        user = Users(store).add(name, password)
    click.echo(f"moderator {user.name} added; log in at /login")


@users.command("passwd")
@click.argument("name")
@db_option
@_STDIN
@with_settings
@friendly
def passwd(settings: Any, name: str, password_stdin: bool) -> None:
    """Set a new password for NAME (their sessions end)."""
    from ..store import open_store
    from ..store.users import Users, check_password

    password = check_password(_password(password_stdin))
    with open_store(settings.db) as store:
        Users(store).set_password(name, password)
    click.echo(f"password of {name.strip().lower()} changed")


def _set_disabled(db: str, name: str, disabled: bool) -> None:
    from ..store import open_store
    from ..store.users import Users

    with open_store(db) as store:
        Users(store).set_disabled(name, disabled)
    click.echo(f"moderator {name.strip().lower()} {'disabled' if disabled else 'enabled'}")


@users.command("disable")
@click.argument("name")
@db_option
@with_settings
@friendly
def disable(settings: Any, name: str) -> None:
    """Stop NAME from logging in (their sessions end; what they did stays on record)."""
    _set_disabled(settings.db, name, True)


@users.command("enable")
@click.argument("name")
@db_option
@with_settings
@friendly
def enable(settings: Any, name: str) -> None:
    """Let a disabled moderator log in again."""
    _set_disabled(settings.db, name, False)


@users.command("list")
@db_option
@format_option("table", "json")
@with_settings
@friendly
def list_users(settings: Any, fmt: str) -> None:
    """The moderators, by name."""
    import json

    from ..store import open_store
    from ..store.users import Users

    with open_store(settings.db, readonly=True) as store:
        found = Users(store).list()
    if fmt == "json":
        click.echo(json.dumps([u.to_json() for u in found], indent=2))
        return
    for u in found:
        state = f"disabled {u.disabled_at[:10]}" if u.disabled_at else "active"
        click.echo(f"{u.name:24} added {u.created_at[:10]}  {state}")
    if not found:
        click.echo("no moderators yet: saidwhat users add NAME")
