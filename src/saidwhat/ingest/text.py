"""Plain text -> Article: validation and cleanup of already-scraped text.

Cleanup never rewrites the text: it selects the regions that are article prose
(``Article.body``) and leaves out page debris (a headline repeated by the scraper,
comment forms, captchas, share buttons, cookie notices), so every offset reported
later indexes the input exactly as given.
"""

from __future__ import annotations

import codecs
import logging
import re

from ..errors import InputError
from ..model import Article, Offsets

log = logging.getLogger(__name__)

# A line that is page furniture, never article prose.
_DEBRIS_LINE = re.compile(
    r"""^(?:
        share(?:\s+(?:this|on\s+\w+))?|tweet|e-?mail|print|pin\s+it|whatsapp|copy\s+link
      | advertisement|sponsored(?:\s+content)?|related(?:\s+(?:articles|stories|posts))?:?
      | read\s+more:?|see\s+also:?|more\s+from\s+.*|click\s+here.*|subscribe.*|sign\s+up.*
      | (?:we|this\s+(?:web)?site)\s+uses?\s+cookies.*|accept(?:\s+all)?(?:\s+cookies)?
      | name\s*\*?|email\s*\*?|website|save\s+my\s+name.*|post\s+comment|submit
      | required\s+fields\s+are\s+marked.*|notify\s+me\s+of.*
      | (?:\d+\s*)?comments?|log\s*in|sign\s*in|register|menu|search|home|skip\s+to\s+content
      | (?:photo|image|video)\s*(?:credit)?:.*|©.*|copyright\b.*|all\s+rights\s+reserved.*
    )[.:]?$""",
    re.IGNORECASE | re.VERBOSE,
)
# A cookie notice: a line naming cookies and what to do about them. Searched only in a
# line whose lower case has "cook" (every character the pattern takes for c, o or k
# lowers to it): searching every line cost three times the rest of the debris check.
_COOKIE_NOTICE = re.compile(r"\bcookies?\b.*\b(?:accept|consent|policy|settings)\b", re.IGNORECASE)
# A line after which nothing is article text: the comment section.
_COMMENTS_START = re.compile(
    r"^(?:leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|add\s+a\s+comment|join\s+the\s+"
    r"(?:discussion|conversation)|comments?\s*(?:\(\d+\))?|your\s+email\s+address\s+will\s+not"
    r"\s+be\s+published.*|show\s+comments|view\s+comments|\d+\s+comments?)\.?$",
    re.IGNORECASE,
)
# An arithmetic captcha: "17 − = 15", "3 + 4 = ?", "four × two ="
_CAPTCHA = re.compile(r"^[\w\s]{0,12}[−+×x*/-][\w\s]{0,12}=\s*[\w?]*\s*$")
# "WASHINGTON:", "LONDON (Reuters) -", "KABUL, Afghanistan —"
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.' ]{1,30})?(?:\s*\([^)]{1,40}\))?)"
    r"\s*(?::|—|–|--|-)\s+"
)
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")


class NotEnglishError(InputError):
    """The text is not English: batch runs count these as skipped, not as faults."""


BINARY_CONTROL_RATIO = 0.02
# control characters (but line breaks and tabs) and private-use code points
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]")
# the ASCII bytes _CONTROL does not match
_ASCII_NOT_CONTROL = bytes(c for c in range(128) if not _CONTROL.match(chr(c)))
ENGLISH_MIN_STOPWORD_RATIO = 0.08
_STOPWORDS = frozenset(
    "the a an of to in and is was for on that with as by at he she it said says from "
    "his her they have has be are were but not this which who will would".split()
)


# Byte-order marks, longest first (UTF-32's little-endian mark begins with UTF-16's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, source: str = "input") -> str:
    """Bytes -> text: by byte-order mark (UTF-8, UTF-16, UTF-32), else UTF-8, else
    Windows-1252. UTF-8 text with a few stray bytes that are not UTF-8 keeps its
    UTF-8: the stray bytes become U+FFFD and a warning says how many and where.

    Raises:
        InputError: the bytes look like a binary file, or a BOM's encoding is broken.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{source}: starts as {encoding.upper()} but is not ({exc.reason})"
                ) from None
    if b"\x00" in data[:65536]:
        raise InputError(f"{source}: looks like a binary file (it contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for c in text if "\udc80" <= c <= "\udcff")
    utf8_letters = sum(1 for c in text if c > "\x7f" and not "\udc80" <= c <= "\udcff")
    if utf8_letters <= stray:
        # no more UTF-8 sequences than invalid bytes: the Windows code page, if it fits
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    log.warning(
        "%s: %d byte%s that %s not UTF-8 replaced by U+FFFD (the first at byte %d)",
        source,
        stray,
        "" if stray == 1 else "s",
        "is" if stray == 1 else "are",
        first,
    )
    return data.decode("utf-8", errors="replace")


def validate(text: str, source: str = "input", max_chars: int = 2_000_000) -> None:
    """Refuse text that cannot be an English news article, with a reason.

    Raises:
        InputError: empty, too long, binary-looking, or not English
            (``NotEnglishError``, a subclass).
    """
    if not text.strip():
        raise InputError(f"{source}: empty (no text to read)")
    if len(text) > max_chars:
        raise InputError(
            f"{source}: too long ({len(text):,} characters; the limit is {max_chars:,}, "
            "set SAIDWHAT_MAX_CHARS to raise it)"
        )
    sample = text[:20000]
    if sample.isascii():  # (the bytes without every byte but the control ones: no regex pass)
        control = len(sample.encode("ascii").translate(None, _ASCII_NOT_CONTROL))
    else:
        control = len(_CONTROL.findall(sample))
    if control / len(sample) > BINARY_CONTROL_RATIO:
        raise InputError(f"{source}: looks like a binary file, not text")
    words = _words(sample.lower())
    if len(words) >= 20:
        ratio = sum(map(_STOPWORDS.__contains__, words)) / len(words)
        if ratio < ENGLISH_MIN_STOPWORD_RATIO:
            raise NotEnglishError(f"{source}: does not look like English text; saidwhat reads English news")


# ASCII bytes -> the same with every byte but a lower-case letter made a space
_LOWER_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
# a character beyond ASCII that is a letter (as [^\W\d_] reads it), and any beyond ASCII
_LETTER_BEYOND_ASCII = re.compile(r"[^\W\d_\x00-\x7f]")
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")


def _words(low: str) -> list[str]:
    r"""The runs of letters in lower-case ``low``, as ``re.findall(r"[^\W\d_]+", low)``
    finds them (words with a letter beyond ASCII come out with "q" for it, which no
    stopword has) in a third of the time: each character beyond ASCII is made "q" or
    a space, then a byte table keeps the letters."""
    if not low.isascii():
        if _LETTER_BEYOND_ASCII.search(low) is None:
            # (most news: beyond ASCII only quotation marks and dashes) each character
            # beyond ASCII is "?" in the bytes, which the table makes a space
            data = low.encode("ascii", "replace")
            return data.translate(_LOWER_LETTERS_ONLY).decode("ascii").split()
        # two regex passes (a C loop each, whatever the number of distinct characters:
        # CJK text has thousands); str.translate with a table looks up every character,
        # four times slower on news, whose curly quotes make nearly every text non-ASCII
        low = _BEYOND_ASCII.sub(" ", _LETTER_BEYOND_ASCII.sub("q", low))
    return low.encode("ascii").translate(_LOWER_LETTERS_ONLY).decode("ascii").split()


def paragraphs(text: str) -> list[Offsets]:
    """Each non-blank line as (start, end), surrounding whitespace excluded."""
    regions = []
    for m in _LINE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            regions.append((s, e))
    return regions


def _is_debris(line: str, lower: str | None = None) -> bool:
    """Page furniture: ``line`` is one line (no line break), as ``paragraphs`` gives
    (``lower``: its lower case, if already made; its spaces may be collapsed)."""
    return bool(
        _DEBRIS_LINE.match(line)
        or "cook" in (lower if lower is not None else line.lower())
        and _COOKIE_NOTICE.search(line)
        or "=" in line
        and _CAPTCHA.match(line)
    )


# "Sanders: Clinton needs to change course." (a speaker of one to four capitalised words)
_SPEAKER_HEADLINE = re.compile(r"^(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*:\s+\S")


def _looks_like_title(line: str) -> bool:
    """A headline: short, one sentence, and either unpunctuated at the end or in
    Title Case ("Trump Says He Won't Attend.")."""
    if len(line) > 250 or re.search(r"[.!?]\s+[A-Z]", line):
        return False
    if not line.rstrip().endswith((".", "”", '"')) or _SPEAKER_HEADLINE.match(line):
        return True
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.6


# A related-stories widget a page glued into a sentence: the name it is about, run
# into the word before it, then headlines, then "MORE" ("...kill Rep. Ilhan
# OmarIlhan OmarHillicon Valley: ... | Lawmakers spar over ... MORE (D-Minn.)").
_INLINE_WIDGET = re.compile(r"(?<=[a-z.])[A-Z][^\n]{10,600}?\sMORE\b(?=\s*[(,.])")


def _without_widgets(text: str, s: int, e: int) -> list[Offsets]:
    """[s, e) without the related-stories widgets glued into it."""
    pieces = []
    # a widget ends in "MORE": a line without it is not searched (the pattern tries
    # every capital letter of the line)
    matches = _INLINE_WIDGET.finditer(text, s, e) if text.find("MORE", s, e) >= 0 else ()
    for m in matches:
        pieces.append((s, m.start()))
        s = m.end()
    pieces.append((s, e))
    out = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def clean(text: str) -> tuple[list[Offsets], str | None, str | None]:
    """Select the article prose in scraped text.

    Returns:
        (body regions, title, dateline). The title is a short first line that does
        not end a sentence; its repeats are dropped from the body. The dateline is
        a leading "CITY:" or "CITY (Agency) -" of the first prose paragraph, left
        out of that paragraph's region.
    """
    body: list[Offsets] = []
    seen: set[str] = set()
    title = None
    for s, e in paragraphs(text):
        line = text[s:e]
        # a repeat is the same words whatever the spaces between them; most lines have
        # no space to collapse (every space but " " is unprintable), so their own lower
        # case is that key
        simple = line.isprintable() and "  " not in line
        key = line.lower() if simple else " ".join(line.lower().split())
        if _COMMENTS_START.match(line):
            break
        if _is_debris(line, key) or key in seen:
            continue
        seen.add(key)
        if text.find("MORE", s, e) < 0:  # (no widget: the line is a region as it is, stripped)
            body.append((s, e))
        else:
            body.extend(_without_widgets(text, s, e))
    if len(body) > 1 and _looks_like_title(text[body[0][0] : body[0][1]]):
        title = text[body[0][0] : body[0][1]]
    dateline = None
    k = 1 if title else 0
    if k < len(body):
        s, e = body[k]
        m = _DATELINE.match(text[s:e])
        if m and m.end() < e - s:
            dateline = m.group("dateline").strip()
            body[k] = (s + m.end(), e)  # the dateline is metadata, not prose
    return body, title, dateline


def from_text(
    text: str,
    *,
    id: str = "",
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str = "input",
    max_chars: int = 2_000_000,
) -> Article:
    """An Article from scraped plain text, validated and cleaned.

    Raises:
        InputError: see ``validate``.
    """
    validate(text, source, max_chars)
    body, found_title, dateline = clean(text)
    return Article(
        text=text,
        id=id,
        title=title or found_title,
        dateline=dateline,
        published=published,
        url=url,
        language="en",
        body=body,
    )
