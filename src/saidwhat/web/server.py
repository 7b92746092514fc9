"""Running the web app with uvicorn.

Binds to 127.0.0.1 unless told otherwise: exposing the app (and its reply forms)
to a network is a decision the operator makes explicitly with ``--host``.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from ..settings import Settings

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Connections served at once before uvicorn answers 503: a bound on memory and
# threads under a flood, well above what a newsroom's traffic needs.
MAX_CONCURRENCY = 1000
KEEP_ALIVE_SECONDS = 75


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    store: Any,
    settings: Settings,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    verbose: bool = False,
) -> None:
    """Serve the app over ``store`` (opened by the caller) until interrupted."""
    import uvicorn

    from .app import create_app

    if not is_loopback(host):
        log.warning("binding to %s: anyone who can reach this address can use the app", host)
    uvicorn.run(
        create_app(store, settings, warm=True),
        host=host,
        port=port,
        log_level="info" if verbose else "warning",
        access_log=verbose,
        server_header=False,
        proxy_headers=False,  # no proxy in front unless the operator configures one
        limit_concurrency=MAX_CONCURRENCY,
        # uvicorn closes idle keep-alive connections after 5 s; a client that picks
        # such a connection from its pool just as the server closes it sees a
        # ReadError (6 of 6,127 requests in the load test). Clients close first.
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )
