"""The speakers' moderation page (web/speaker_log.py): an alias file uploaded, shown
with what each row would do, imported only when confirmed, in the moderator's name;
files that cannot be imported are refused whole; the log of every decision, paged.
No model."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from reply_support import FakeClock
from saidwhat.settings import Settings
from saidwhat.web import create_app
from speaker_edit_support import client, decisions, editor_store, log_in, speaker_id, store  # noqa: F401

GOOD = b"Bernard Sanders,Bernie Sanders\n"
ALIASES = "name,canonical,wikidata\n# the Sanders\nBernard Sanders,Bernie Sanders,Q359442\nAlbert Gore Jr.,Al Gore,\n"


def upload(client, token: str, data: bytes, filename: str = "aliases.csv"):
    return client.post(
        "/moderation/speakers/aliases/preview",
        data={"csrf": token},
        files={"file": (filename, data, "text/csv")},
    )


def test_an_alias_file_is_shown_then_imported_when_confirmed(client, store):
    token = log_in(client, "noor")
    preview = upload(client, token, ("\ufeff" + ALIASES).encode())
    assert preview.status_code == 200 and preview.headers["cache-control"] == "no-store"
    page = preview.text
    assert "Import “aliases.csv”?" in page and "2 aliases, 1 with an external id" in page
    bernard = speaker_id(store, "Bernard Sanders")
    assert f'<a href="/speakers/{bernard}">Bernard Sanders</a>' in page  # where the name is now
    assert "Q359442" in page and "Import 2 aliases" in page
    assert decisions(store) == []  # nothing yet
    text = re.search(
        r'<textarea id="aliases-text" name="aliases" rows="8" readonly>(.*?)</textarea>', page, re.S
    )
    assert text and "Bernard Sanders,Bernie Sanders,Q359442" in text.group(1)
    unconfirmed = client.post(
        "/moderation/speakers/aliases", data={"csrf": token, "aliases": ALIASES}, follow_redirects=False
    )
    assert unconfirmed.headers["location"] == "/moderation/speakers" and decisions(store) == []
    r = client.post(
        "/moderation/speakers/aliases",
        data={"csrf": token, "aliases": text.group(1), "confirmed": "yes"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/moderation/speakers?edited=imported&")
    assert store.speaker("Bernard Sanders").id == speaker_id(store, "Bernie Sanders")
    assert store.speaker("Bernie Sanders").external_id == "Q359442"
    assert store.speaker("Albert Gore Jr.").id == speaker_id(store, "Al Gore")
    assert decisions(store) == [("alias-file", "noor"), ("external-id", "noor"), ("alias-file", "noor")]
    done = client.get(r.headers["location"]).text
    assert "Imported 2 aliases (1 with an external id)." in done
    assert "noor" in done and "alias file: “bernard sanders” is Bernie Sanders" in done


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\xff\xfe\x00bad", "not UTF-8 text"),
        (GOOD + b"one column only\n", "line 2: 1 columns"),
        (GOOD + b"a,b,c,d\n", "line 2: 4 columns"),
        (b"# only a comment\n", "no aliases in it"),
        (
            GOOD + b"Someone,blunt and personal language\n",
            "row 2: &#39;blunt and personal language&#39; does not look",
        ),
        (GOOD + b"Al,Al Gore,Q 1\n", "has spaces"),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_whole(client, store, data, why):
    token = log_in(client)
    r = upload(client, token, data)
    assert r.status_code == 422 and why in r.text, r.text[-1500:]
    assert 'class="error" role="alert"' in r.text and 'name="file"' in r.text  # the form, to try again
    assert decisions(store) == []


def test_no_file_and_a_tampered_text(client, store):
    token = log_in(client)
    r = client.post(
        "/moderation/speakers/aliases/preview",
        data={"csrf": token},
        files={"file": ("", b"", "application/octet-stream")},
    )
    assert r.status_code == 422 and "choose an alias file" in r.text
    bad = client.post(
        "/moderation/speakers/aliases", data={"csrf": token, "aliases": "one column\n", "confirmed": "yes"}
    )
    assert bad.status_code == 422 and "1 columns" in bad.text
    refused = client.post(
        "/moderation/speakers/aliases",
        data={"csrf": token, "aliases": "X,blunt and personal language\n", "confirmed": "yes"},
    )
    assert refused.status_code == 422 and "does not look like a name" in refused.text
    assert decisions(store) == []


def test_the_log_is_paged_newest_first(client, store):
    gore = speaker_id(store, "Al Gore")
    for n in range(55):
        store.rename_speaker(gore, f"Al Gore {n}", actor="mira")
    log_in(client)
    first = client.get("/moderation/speakers").text
    assert first.count('class="decision"') == 50 and "Al Gore 54" in first and "Older →" in first
    assert "“Al Gore 4”" not in first
    second = client.get("/moderation/speakers", params={"page": 2}).text
    assert second.count('class="decision"') == 5 and "“Al Gore 0”" in second and "← Newer" in second
    assert "Older →" not in second
    assert client.get("/moderation/speakers", params={"page": 0}).status_code == 422


def test_the_moderation_tabs_lead_here(client):
    log_in(client)
    for path in ("/moderation", "/moderation/corrections"):
        assert 'href="/moderation/speakers"' in client.get(path).text, path
