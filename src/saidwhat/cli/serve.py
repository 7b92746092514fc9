"""``saidwhat serve``: the web app and JSON API over a quote database."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import click

from ..errors import StoreError
from .common import budget_options, cli, db_option, friendly, with_settings


@cli.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; only this machine can connect unless you change it.",
)
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on."
)
@click.option(
    "--read-only",
    is_flag=True,
    help="Open the database read-only: no replies, corrections or moderators' logins.",
)
@budget_options
@with_settings
@friendly
def serve(settings: Any, host: str, port: int, read_only: bool) -> None:
    """Serve the web app (search, speakers, articles, Try it, readers' replies and
    moderation) and the JSON API."""
    from ..store import open_store
    from ..web.server import listen
    from ..web.server import serve as run_server

    _require_database(settings.db)
    with open_store(settings.db, readonly=read_only) as store:
        sock = listen(host, port)
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"saidwhat: serving {settings.db} on http://{shown}:{port}/ (Ctrl+C stops)", err=True)
        run_server(store, settings, sock, verbose=logging.getLogger().isEnabledFor(logging.INFO))


def _require_database(url: str) -> None:
    """Serving never creates a database: a mistyped path is an error, not an empty site."""
    path = url[len("sqlite:///") :] if url.startswith("sqlite:///") else url
    if "://" not in path and path != ":memory:" and not Path(path).exists():
        raise StoreError(f"no database at {path}; create it with 'saidwhat ingest ... --db {path}'")
