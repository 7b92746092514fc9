"""saidwhat: who said what in the news.

    >>> import saidwhat
    >>> article = saidwhat.extract("“We will win,” the senator said on Tuesday.")
    >>> [a.speaker for a in article.attributions]

The easy call is ``extract``; ``load_pipeline`` gives the reusable pipeline (and
its spaCy ``nlp`` for power users); the records are plain dataclasses.
"""

from typing import TYPE_CHECKING, Any

from .errors import ConfigError, InputError, ModelError, SaidwhatError, StoreError
from .model import Article, Attribution, Failure, Span, Speaker, When
from .settings import Settings, load_settings

__all__ = [
    "Article",
    "Attribution",
    "ConfigError",
    "Failure",
    "InputError",
    "ModelError",
    "Pipeline",
    "SaidwhatError",
    "Settings",
    "Span",
    "Speaker",
    "StoreError",
    "When",
    "extract",
    "load_pipeline",
    "load_settings",
]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from .attribution.pipeline import Pipeline, extract, load_pipeline

_LAZY = {"Pipeline", "extract", "load_pipeline"}


def __getattr__(name: str) -> Any:
    # spaCy is imported only when extraction is asked for, so the store, the CLI's
    # help and the web app start fast
    if name in _LAZY:
        from .attribution import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'saidwhat' has no attribute {name!r}")
