"""``saidwhat serve``: the web app and JSON API over a quote database."""

from __future__ import annotations

import logging
from typing import Any

import click

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
@budget_options
@with_settings
@friendly
def serve(settings: Any, host: str, port: int) -> None:
    """Serve the web app (search, speakers, articles, Try it) and the JSON API."""
    from ..store import open_store
    from ..web.server import listen
    from ..web.server import serve as run_server

    with open_store(settings.db, readonly=True) as store:
        sock = listen(host, port)
        shown = f"[{host}]" if ":" in host else host
        click.echo(f"saidwhat: serving {settings.db} on http://{shown}:{port}/ (Ctrl+C stops)", err=True)
        run_server(store, settings, sock, verbose=logging.getLogger().isEnabledFor(logging.INFO))
