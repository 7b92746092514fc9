"""The "Try it" page: paste text or upload an HTML file, see its attributions at once.

Nothing is stored. The form posts as multipart so a file can ride along; the
result is rendered on the same page, so it works without JavaScript. Errors
(too large, not English, too slow) are shown next to the form with the status
code they deserve.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile

from ..errors import InputError, SaidwhatError
from .errors import status_of
from .highlight import segment
from .reading import article_from_text, article_from_upload, check_size
from .search import check_date
from .templating import render

log = logging.getLogger(__name__)
router = APIRouter()

SAMPLE = (
    "City council approves new tram line\n\n"
    "The city council voted 31 to 12 on Tuesday to build a tram line to the airport, "
    "ending a two-year dispute over its cost.\n\n"
    "“This is the most important transport decision in a generation,” Mayor Ana Ribeiro "
    "told reporters after the vote.\n\n"
    "Opposition leader Tomás Silva said the project would cost far more than planned."
)


def _form_page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    values = {"text": "", "published": "", "error": None, "result": None, "source": None}
    values.update(context)
    return render(
        request,
        "tryit.html",
        status,
        active="try",
        max_bytes=request.app.state.settings.max_upload_bytes,
        **values,
    )


@router.get("/try", response_class=HTMLResponse, include_in_schema=False)
def try_form(request: Request, example: bool = False) -> HTMLResponse:
    """The form, empty or holding a short example article."""
    return _form_page(request, text=SAMPLE if example else "")


@router.post("/try", response_class=HTMLResponse, include_in_schema=False)
async def try_submit(request: Request) -> HTMLResponse:
    """Extract from the pasted text or uploaded file and render it highlighted."""
    settings = request.app.state.settings
    text = published = ""
    try:
        # The body limit middleware caps the whole request; parts may use all of it.
        form = await request.form(max_files=1, max_fields=8, max_part_size=request.app.state.body_limit)
        # Browsers send a textarea's line breaks as CRLF (HTML spec), while the page
        # shows them as LF: undo it so the offsets index the text as it appears.
        text = str(form.get("text") or "").replace("\r\n", "\n")
        published = str(form.get("published") or "").strip()
        if published:
            check_date(published, "publication date")
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(settings.max_upload_bytes + 1)
            article = article_from_upload(
                data,
                settings,
                filename=upload.filename,
                content_type=upload.content_type,
                published=published or None,
            )
            source = f"the file {upload.filename}"
        elif text.strip():
            check_size(len(text.encode("utf-8")), settings, "the text")
            article = article_from_text(text, settings, published=published or None)
            source = "the pasted text"
        else:
            raise InputError("paste some text or choose a file first")
        article = await request.app.state.extractor.run(article)
    except SaidwhatError as exc:
        return _form_page(request, status_of(exc), text=text, published=published, error=str(exc))
    return _form_page(
        request,
        text=text,
        published=published,
        result=article,
        source=source,
        segments=segment(article.text, article.attributions, article.body),
        keys=list(range(len(article.attributions))),
    )
