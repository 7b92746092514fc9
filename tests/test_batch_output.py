"""batch.output and batch.journal: rows, the three formats read back, commits and resume positions."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from saidwhat.batch.output import COLUMN_NAMES, open_writer, output_format, rows
from saidwhat.errors import ConfigError
from saidwhat.model import Article, Attribution, Span, Speaker, When

TEXT = "“We will not raise fares again this year,” said Ana Ruiz, the ferry company’s chief executive, on Monday."


def article(n: int, attributions: int = 1) -> Article:
    said, monday = TEXT.index("said"), TEXT.index("on Monday")
    content = Span.of(TEXT, (0, TEXT.index("”") + 1))
    items = [
        Attribution(
            kind="direct",
            content=content,
            speaker=Speaker("Ana Ruiz", "chief executive", "PERSON"),
            cue=Span.of(TEXT, (said, said + 4)),
            addressee="reporters" if k else None,
            when=When("on Monday", ((monday, monday + 9),), "2024-03-11"),
            confidence=0.87654,
            act="speech" if k else "plan",
            channel=Span.of(TEXT, (monday, monday + 2)) if k else None,
        )
        for k in range(attributions)
    ]
    return Article(
        text=TEXT,
        id=f"a{n}",
        url=f"https://e.example/{n}",
        published="2024-03-12",
        title="Fares, ferries; and “quotes”",
        site="Example",
        attributions=items,
    )


def test_rows_have_every_column():
    (row,) = rows(article(1))
    assert tuple(row) == COLUMN_NAMES
    assert row["speaker"] == "Ana Ruiz" and row["role"] == "chief executive" and row["kind"] == "direct"
    assert row["cue"] == "said" and row["content"].startswith("“We will not")
    assert row["when"] == "on Monday" and row["when_date"] == "2024-03-11"
    assert row["confidence"] == 0.877 and row["published"] == "2024-03-12"
    assert row["act"] == "plan" and row["channel"] is None


def test_act_and_channel_columns_in_every_format(tmp_path):
    for name in ("out.csv", "out.jsonl", "out.parquet"):
        write_all(tmp_path / name, [article(1, 2)])
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert [(r["act"], r["channel"]) for r in table] == [("plan", ""), ("speech", "on")]
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [(json.loads(x)["act"], json.loads(x)["channel"]) for x in lines] == [
        ("plan", None),
        ("speech", "on"),
    ]
    parquet = pq.read_table(tmp_path / "out.parquet")
    assert parquet.column("act").to_pylist() == ["plan", "speech"]
    assert parquet.column("channel").to_pylist() == [None, "on"]
    assert parquet.schema.field("act").type == "string"


def test_unknown_extension_is_refused():
    with pytest.raises(ConfigError, match=".jsonl, .csv or .parquet"):
        output_format("out.xlsx")


def write_all(path, articles):
    writer = open_writer(str(path))
    for a in articles:
        writer.write(a)
    writer.commit()
    writer.close()


def test_csv_round_trip(tmp_path):
    path = tmp_path / "out.csv"
    write_all(path, [article(1, 2), article(2, 0), article(3, 1)])
    with open(path, newline="", encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert [r["article_id"] for r in table] == ["a1", "a1", "a3"]
    assert table[0]["title"] == "Fares, ferries; and “quotes”"  # commas and quotes survive
    assert table[0]["addressee"] == "" and table[1]["addressee"] == "reporters"
    assert list(table[0]) == list(COLUMN_NAMES)


def test_parquet_round_trip(tmp_path):
    path = tmp_path / "out.parquet"
    write_all(path, [article(1, 2), article(2, 0), article(3, 1)])
    table = pq.read_table(path)
    assert table.column_names == list(COLUMN_NAMES)
    assert table.column("article_id").to_pylist() == ["a1", "a1", "a3"]
    assert table.column("confidence").to_pylist() == [0.877] * 3
    assert not (tmp_path / "out.parquet.parts").exists()


def test_parquet_with_no_attributions_is_an_empty_table(tmp_path):
    path = tmp_path / "out.parquet"
    write_all(path, [article(1, 0)])
    assert pq.read_table(path).num_rows == 0


def test_jsonl_rows(tmp_path):
    path = tmp_path / "out.jsonl"
    write_all(path, [article(1, 1)])
    (line,) = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == rows(article(1))[0]


@pytest.mark.parametrize("name", ["out.csv", "out.jsonl"])
def test_rows_after_the_last_commit_are_cut_on_resume(tmp_path, name):
    path = tmp_path / name
    writer = open_writer(str(path))
    writer.write(article(1))
    position = writer.commit()
    writer.write(article(2))  # written, never committed: the run was killed here
    writer.fh.flush()
    resumed = open_writer(str(path), position)
    resumed.write(article(3))
    resumed.commit()
    resumed.close()
    text = path.read_text(encoding="utf-8")
    assert "a1" in text and "a3" in text and "a2" not in text
    if name.endswith(".csv"):
        assert text.count("article_id") == 1  # one header


def test_parquet_parts_pending_from_a_killed_run_are_merged(tmp_path):
    path = tmp_path / "out.parquet"
    writer = open_writer(str(path))
    writer.write(article(1))
    position = writer.commit()  # a part file, then the run was killed
    resumed = open_writer(str(path), position)
    resumed.write(article(2))
    resumed.commit()
    resumed.close()
    assert pq.read_table(path).column("article_id").to_pylist() == ["a1", "a2"]
