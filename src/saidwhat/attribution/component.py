"""saidwhat as a spaCy pipeline component.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("saidwhat")
    doc = nlp(text)
    doc._.attributions   # list[saidwhat.Attribution], offsets into doc.text

    # per document: its publication date (to resolve "on Tuesday") and title
    doc = nlp.make_doc(text)
    doc._.published = "2024-05-07"
    doc = nlp(doc)

The component runs the same function as ``saidwhat.extract`` and the batch runner
(attribute.py): page debris and the headline are read the same way, and for the
same text it gives the same attributions. Detection (``match``) is separate from
writing results onto the Doc (``set_annotations``); both run under the pipeline's
error handler, so ``nlp.pipe`` can skip a bad document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article, Attribution
from .attribute import Attributor, prepare_body
from .lexicon import load_lexicon
from .lines import add_line_sentences
from .scoring import scorer_setting

EXTENSION = "attributions"
# Per-document inputs, set on the Doc before the component runs.
PUBLISHED = "published"
TITLE = "title"


def _register_extensions() -> None:
    for name in (EXTENSION, PUBLISHED, TITLE):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class AttributionComponent:
    """Finds attributed statements in a parsed Doc.

    Args:
        threshold: the lexicon score a cue needs to be weighed (None: as ``saidwhat.extract``).
        lexicon_path: a cue statistics file (``saidwhat learn-cues``) instead of the packaged one.
        scorer_path: a report scorer file (``saidwhat learn-cues``) instead of the packaged one;
            "none": the lexicon decides alone.
        published: a publication date for documents that carry none in ``doc._.published``.
        min_confidence: attributions scored lower are dropped.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "saidwhat",
        *,
        threshold: float | None = None,
        lexicon_path: str | None = None,
        scorer_path: str | None = None,
        published: str | None = None,
        min_confidence: float = 0.0,
    ) -> None:
        self.name = name
        self.published = published
        self.attributor = Attributor(
            load_lexicon(lexicon_path),
            scorer=scorer_setting(scorer_path or ""),
            threshold=threshold,
            min_confidence=min_confidence,
        )
        _register_extensions()
        self._error_handler = None

    def match(self, doc: Doc) -> list[Attribution]:
        """Detect the attributions of ``doc`` without changing it."""
        if not doc.has_annotation("DEP"):
            raise ValueError("the saidwhat component needs a dependency parse: add it after 'parser'")
        article = Article(
            text=doc.text,
            id="doc",
            title=doc._.get(TITLE),
            published=doc._.get(PUBLISHED) or self.published,
        )
        prepare_body(article)
        return self.attributor(article, [(doc, 0)])

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
    default_config={
        "threshold": None,
        "scorer_path": None,
        "lexicon_path": None,
        "published": None,
        "min_confidence": 0.0,
    },
    requires=["token.dep", "token.tag"],
    assigns=[f"doc._.{EXTENSION}"],
)
def make_attribution_component(
    nlp: Language,
    name: str,
    threshold: float | None,
    lexicon_path: str | None,
    scorer_path: str | None,
    published: str | None,
    min_confidence: float,
) -> AttributionComponent:
    add_line_sentences(nlp)  # parse as extraction does: a line break ends a sentence
    return AttributionComponent(
        nlp,
        name,
        threshold=threshold,
        lexicon_path=lexicon_path,
        scorer_path=scorer_path,
        published=published,
        min_confidence=min_confidence,
    )
