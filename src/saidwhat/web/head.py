"""HEAD requests answered like GET, without the body (RFC 9110 section 9.3.2).

FastAPI routes declared with ``get`` answer HEAD with 405; link checkers, uptime
monitors and ``curl -I`` send HEAD. Rather than declare HEAD on every route, this
middleware runs the GET and drops the body, keeping its headers (Content-Length
included), so every page and API route answers HEAD the same way.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGetMiddleware:
    """Serve HEAD as GET and send only the response's status and headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)
