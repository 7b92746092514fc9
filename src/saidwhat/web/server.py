"""Running the web app with uvicorn.

Binds to 127.0.0.1 unless told otherwise: exposing the app (and its reply forms)
to a network is a decision the operator makes explicitly with ``--host``.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import socket
from typing import Any

from ..errors import ConfigError
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


def listen(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> socket.socket:
    """A socket bound to ``host``:``port``, for ``serve``: binding first lets a busy port
    or an unknown host be said in one line before anything claims to be serving.

    Raises:
        ConfigError: the address cannot be used (in use, not this machine's, unknown).
    """
    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (OSError, UnicodeError, ValueError) as exc:  # unknown host, NUL, bad IDNA
        raise ConfigError(f"cannot listen on {host}: {getattr(exc, 'strerror', None) or exc}") from None
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        why = exc.strerror or str(exc)
        if exc.errno == errno.EADDRINUSE:
            why = f"port {port} is already in use (another server?); choose another with --port"
        elif exc.errno == errno.EACCES:
            why = f"port {port} needs privileges this user lacks; choose one above 1023 with --port"
        raise ConfigError(f"cannot listen on {host}:{port}: {why}") from None
    sock.set_inheritable(True)
    return sock


def serve(
    store: Any,
    settings: Settings,
    sock: socket.socket,
    *,
    verbose: bool = False,
) -> None:
    """Serve the app over ``store`` (opened by the caller) on ``sock`` (from ``listen``)
    until interrupted."""
    import uvicorn

    from .app import create_app

    host = sock.getsockname()[0]
    if not is_loopback(host):
        log.warning("binding to %s: anyone who can reach this address can use the app", host)
    config = uvicorn.Config(
        create_app(store, settings, warm=True),
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
    uvicorn.Server(config).run(sockets=[sock])
