"""A web page -> Article: trafilatura finds the article and its metadata.

Boilerplate removal is trafilatura's job (navigation, related links, cookie
banners, comment sections and their captchas stay out); its extracted body text
becomes ``Article.text``, the text every offset indexes, and the page's title,
author, site name, publication date (htmldate) and URL become the Article's
metadata. The same cleanup as for scraped text then picks the prose regions.
"""

from __future__ import annotations

import logging
import re

from ..errors import InputError
from ..model import Article
from .text import clean, validate

__all__ = ["MIN_ARTICLE_WORDS", "THIRD_PARTY_LOGGERS", "from_html"]

log = logging.getLogger(__name__)

# Fewer words than this after extraction is a page without an article (an index,
# a login wall, an error page), not a very short news item.
MIN_ARTICLE_WORDS = 20
# Loggers of the extraction libraries: their messages about a page repeat what the
# InputError we raise already says, so entry points usually turn them down.
THIRD_PARTY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability")

_WORD = re.compile(r"[^\W\d_]+")


def from_html(
    html: bytes | str,
    *,
    id: str = "",
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    fallback_date: str | None = None,
    source: str = "input",
    max_chars: int = 2_000_000,
) -> Article:
    """The article in a web page.

    Args:
        html: the page; bytes are decoded by trafilatura (meta charset, then detection).
        id: the article id; by default from the URL, else from the extracted text.
        url: where the page was fetched (wins over the page's canonical URL).
        title: a known title (wins over the page's).
        published: a known publication date (wins over the page's).
        fallback_date: used when the page states no date (a crawl date).

    Raises:
        InputError: no article in the page, or its text is empty, too long or not
            English (``NotEnglishError``).
    """
    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,  # readers' comments are not the article
            include_tables=True,
            include_images=False,
            include_links=False,
        )
    except Exception as exc:  # lxml and trafilatura raise a variety; all mean "unreadable page"
        log.debug("trafilatura failed on %s", source, exc_info=True)
        raise InputError(f"{source}: cannot parse the HTML page ({type(exc).__name__}: {exc})") from None
    if doc is not None and not hasattr(doc, "text"):  # a dict only when as_dict=True is asked
        raise InputError(f"{source}: unexpected result from trafilatura ({type(doc).__name__})")
    text = (doc.text or "") if doc is not None else ""
    words = len(_WORD.findall(text))
    if words < MIN_ARTICLE_WORDS:
        found = f" (only {words} words of text outside page furniture)" if words else ""
        raise InputError(f"{source}: no article text found in the HTML page{found}")
    validate(text, source, max_chars)
    assert doc is not None and not isinstance(doc, dict)  # for the type checker: words > 0 above
    body, first_line_title, dateline = clean(text)
    return Article(
        text=text,
        id=id,
        title=title or doc.title or first_line_title,
        dateline=dateline,
        published=published or doc.date or fallback_date,
        url=url or doc.url,
        author=doc.author,
        site=doc.sitename or doc.hostname,
        language=doc.language or "en",
        body=body,
    )
