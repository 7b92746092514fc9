"""ingest.sources: folders walked in order, readers picked by extension or content."""

from __future__ import annotations

import shutil
from pathlib import Path

from saidwhat.ingest import Document, iter_documents, read_inputs
from saidwhat.model import Article, Failure

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
STORY = (
    "“The road will be closed for three weeks,” said Marta Lind, a spokeswoman for the "
    "county highways office, on Thursday. She told reporters that buses would be diverted.\n"
)


def nested(root: Path) -> Path:
    (root / "2024" / "03").mkdir(parents=True)
    (root / "2024" / "04").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "2024" / "03" / "road.txt").write_text(STORY, encoding="utf-8")
    (root / "2024" / "04" / "road.txt").write_text(STORY.replace("three", "four"), encoding="utf-8")
    (root / "2024" / "03" / "ferry.html").write_bytes((FIXTURES / "article.html").read_bytes())
    shutil.copy(FIXTURES / "dump.jsonl", root / "2024" / "dump.jsonl")
    (root / "notes.md").write_text("not an input", encoding="utf-8")
    (root / ".cache" / "hidden.txt").write_text(STORY, encoding="utf-8")
    (root / "a.txt").write_text(STORY, encoding="utf-8")
    return root


def test_a_folder_is_walked_recursively_in_sorted_order(tmp_path):
    items = list(iter_documents([str(nested(tmp_path))]))
    sources = [Path(i.source.split(":")[0]).relative_to(tmp_path).as_posix() for i in items]
    # a folder's files (by name) before its subfolders (by name); notes.md and .cache are left out
    assert sources[0] == "a.txt"
    assert set(sources[1:-3]) == {"2024/dump.jsonl"}
    assert sources[-3:] == ["2024/03/ferry.html", "2024/03/road.txt", "2024/04/road.txt"]


def test_text_files_in_folders_are_named_by_their_path(tmp_path):
    docs = [
        i
        for i in iter_documents([str(nested(tmp_path))])
        if isinstance(i, Document) and i.format == "text" and not i.source.count(":")
    ]
    assert [d.id for d in docs] == ["a", "2024/03/road", "2024/04/road"]  # same stem, two articles
    (article,) = read_inputs([str(tmp_path / "a.txt")])
    assert article.id == "a"  # a file named on the command line keeps its stem


def test_unknown_extensions_are_recognised_by_content(tmp_path):
    (tmp_path / "page.dat").write_bytes((FIXTURES / "article.html").read_bytes())
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")
    page, story = iter_documents([str(tmp_path / "page.dat"), str(tmp_path / "story.md")])
    assert (page.format, story.format) == ("html", "text")


def test_missing_and_too_large_inputs_fail_clearly(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(STORY * 10, encoding="utf-8")
    missing, large = iter_documents([str(tmp_path / "nope.txt"), str(big)], max_chars=100)
    assert isinstance(missing, Failure) and "no such file" in missing.reason
    assert isinstance(large, Failure) and "too large" in large.reason


def test_published_fills_only_documents_without_a_date(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    articles = [
        r
        for r in read_inputs(
            [str(tmp_path / "a.txt"), str(FIXTURES / "article.html")], published="2024-06-01"
        )
        if isinstance(r, Article)
    ]
    assert [a.published for a in articles] == ["2024-06-01", "2024-03-14"]
