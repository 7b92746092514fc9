"""ingest.jsonl: one article per line, bad lines reported with their number."""

from __future__ import annotations

import json
from pathlib import Path

from saidwhat.ingest import Document, read_inputs
from saidwhat.ingest.jsonl import read_jsonl
from saidwhat.model import Article, Failure, article_id

DUMP = Path(__file__).parent / "fixtures" / "ingest" / "dump.jsonl"


def test_lines_become_documents_and_bad_lines_failures():
    items = list(read_jsonl(str(DUMP)))
    docs = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [d.format for d in docs] == ["text", "html", "text", "text"]
    assert docs[0].id == "lib-1" and docs[0].title == "Library to reopen in June"
    assert docs[0].published == "2024-02-06" and docs[0].url == "https://news.example.net/library"
    assert [f.source for f in failures] == [f"{DUMP}:5", f"{DUMP}:6", f"{DUMP}:7"]
    assert "invalid JSON" in failures[0].reason
    assert "expected a JSON object, got list" in failures[1].reason
    assert 'no "text" or "html"' in failures[2].reason and failures[2].id == "no-text"


def test_articles_from_a_dump():
    results = list(read_inputs([str(DUMP)]))
    articles = [r for r in results if isinstance(r, Article)]
    assert [a.id for a in articles] == [
        "lib-1",
        article_id("", "https://news.example.net/tram"),
        article_id(json.loads(DUMP.read_text().splitlines()[3])["text"]),
    ]
    assert articles[0].published == "2024-02-06"  # resolves "on Monday" later
    assert articles[1].text.startswith("The city said on Friday")
    # the empty text is reported, not dropped
    assert any(isinstance(r, Failure) and "empty" in r.reason and r.source.endswith(":8") for r in results)


def test_our_own_json_output_reads_back(tmp_path):
    line = {
        "id": "x1",
        "text": "The mayor said on Tuesday that the bridge would reopen in May, and that the "
        "repairs had gone well.",
        "article": {
            "published": "2024-04-02",
            "url": "https://e.example/x1",
            "title": "Bridge to reopen",
            "body": [[0, 5]],
        },
        "attributions": [],
    }
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert (article.id, article.published, article.url, article.title) == (
        "x1",
        "2024-04-02",
        "https://e.example/x1",
        "Bridge to reopen",
    )
    assert article.body == [(0, len(line["text"]))]  # cleaned again, not taken from the old output


def test_a_file_of_invalid_lines_gives_one_failure_each(tmp_path):
    path = tmp_path / "junk.jsonl"
    path.write_bytes(b"not json\n\xff\xfe\n{\n")
    results = list(read_inputs([str(path)]))
    assert len(results) == 3 and all(isinstance(r, Failure) for r in results)
    assert [r.id for r in results] == ["junk.jsonl:1", "junk.jsonl:2", "junk.jsonl:3"]
