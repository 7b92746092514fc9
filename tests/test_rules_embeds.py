"""Embedded posts credited on the line below them: a pure function of the text."""

from __future__ import annotations

from saidwhat.attribution.embeds import posts
from saidwhat.attribution.mentions import Mention
from saidwhat.attribution.speakers import SpeakerResolver
from saidwhat.ingest.text import paragraphs

TEXT = (
    "The mayor has called the smog a crisis.\n"
    "Schools will close on Monday\n"
    "Stay inside and keep the windows shut pic.twitter.com/AbCdEf123\n"
    "— Lena Ortiz (@MayorOrtiz) November 4, 2024\n"
    "Hospitals reported a rise in admissions.\n"
)


def test_a_post_is_its_authors_writing_and_stops_at_the_prose():
    r = SpeakerResolver()
    r.observe(Mention((4, 9), "Lena Ortiz", "Lena Ortiz", (4, 9), "Mayor", "PERSON"))
    (post,) = posts(TEXT, paragraphs(TEXT), r)
    assert post.speaker.name == "Lena Ortiz" and post.speaker.role == "Mayor"
    assert post.act == "writing" and post.cue.text == "—"
    assert post.content.text.startswith("Schools will close") and "admissions" not in post.content.text
    assert "The mayor has called" not in post.content.text


def test_an_unknown_author_is_still_the_author():
    (post,) = posts(TEXT, paragraphs(TEXT), SpeakerResolver())
    assert (post.speaker.name, post.speaker.type) == ("Lena Ortiz", "PERSON")


def test_no_credit_line_no_post():
    text = "Schools will close on Monday\n— a reader wrote in on Sunday.\n"
    assert posts(text, paragraphs(text), SpeakerResolver()) == []
