"""saidwhat as a spaCy pipeline component.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("saidwhat")
    doc = nlp(text)
    doc._.attributions   # list[saidwhat.Attribution], offsets into doc.text

The component reads the tagger's and parser's annotations. Detection (``match``)
is separate from writing results onto the Doc (``set_annotations``); both run
under the pipeline's error handler, so ``nlp.pipe`` can skip a bad document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..ingest.text import paragraphs
from ..model import Attribution
from .assemble import assemble
from .cues import DEFAULT_THRESHOLD, detect
from .lexicon import load_lexicon
from .mentions import names
from .quotes import find_quotes

EXTENSION = "attributions"


def _register_extension() -> None:
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)


class AttributionComponent:
    """Finds attributed statements in a parsed Doc."""

    def __init__(
        self,
        nlp: Language,
        name: str = "saidwhat",
        *,
        threshold: float = DEFAULT_THRESHOLD,
        lexicon_path: str | None = None,
        published: str | None = None,
    ) -> None:
        self.name = name
        self.threshold = threshold
        self.lexicon = load_lexicon(lexicon_path)
        self.published = published
        _register_extension()
        self._error_handler = None

    def match(self, doc: Doc) -> list[Attribution]:
        """Detect the attributions of ``doc`` without changing it."""
        if not doc.has_annotation("DEP"):
            raise ValueError("the saidwhat component needs a dependency parse: add it after 'parser'")
        text = doc.text
        regions = paragraphs(text)
        quotes = find_quotes(text, regions)
        found = detect(doc, 0, quotes, self.lexicon, self.threshold)
        # paragraph numbers matter for continuation and pronoun distance
        for f in found:
            f.paragraph = next((k for k, (s, e) in enumerate(regions) if s <= f.start < e), 0)
        return assemble(text, found, names(doc), quotes=quotes, published=self.published)

    def set_annotations(self, doc: Doc, attributions: list[Attribution]) -> None:
        doc._.set(EXTENSION, attributions)

    def __call__(self, doc: Doc) -> Doc:
        try:
            self.set_annotations(doc, self.match(doc))
        except Exception as exc:  # noqa: BLE001 - spaCy's error handler decides, as in its own components
            handler = self.get_error_handler()
            handler(self.name, self, [doc], exc)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)

    def get_error_handler(self) -> Any:
        from spacy.util import raise_error

        return self._error_handler or raise_error

    def set_error_handler(self, handler: Any) -> None:
        self._error_handler = handler


@Language.factory(
    "saidwhat",
    default_config={"threshold": DEFAULT_THRESHOLD, "lexicon_path": None, "published": None},
    requires=["token.dep", "token.tag"],
    assigns=[f"doc._.{EXTENSION}"],
)
def make_attribution_component(
    nlp: Language, name: str, threshold: float, lexicon_path: str | None, published: str | None
) -> AttributionComponent:
    return AttributionComponent(
        nlp, name, threshold=threshold, lexicon_path=lexicon_path, published=published
    )
