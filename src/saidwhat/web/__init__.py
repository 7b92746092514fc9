"""saidwhat in a browser: search, speaker timelines, highlighted articles, a JSON API.

    from saidwhat.store import open_store
    from saidwhat.web import create_app

    app = create_app(open_store("quotes.db", readonly=True))

``saidwhat serve --db quotes.db`` runs it on http://127.0.0.1:8000/.
"""

from .app import create_app

__all__ = ["create_app"]
