"""`saidwhat extract` and `saidwhat evaluate` in-process: output formats and bad input."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from saidwhat.cli import cli

pytestmark = pytest.mark.model
FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"


@pytest.fixture
def run(pipeline):  # the session pipeline is loaded once and reused by load_pipeline
    runner = CliRunner()

    def invoke(*args: str, input: bytes | str | None = None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def test_table_output(run):
    result = run("extract", str(FIXTURES / "council-budget.txt"), "--published", "2024-10-10")
    assert result.exit_code == 0
    assert "Laura Chen, Springfield Mayor" in result.output
    assert "on Wednesday (2024-10-09)" in result.output


def test_json_output_shape_and_offsets(run):
    result = run("extract", str(FIXTURES / "council-budget.txt"), "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["id"] == "council-budget"
    assert set(doc["article"]) >= {"title", "dateline", "published"}
    for a in doc["attributions"]:
        assert a["kind"] in ("direct", "indirect", "mixed", "headline")
        assert 0.0 <= a["confidence"] <= 1.0
        for part in ("content", "source", "cue"):
            if a[part]:
                assert a[part]["text"] == " ".join(doc["text"][s:e] for s, e in a[part]["spans"])


def test_stdin_and_jsonl_for_several_inputs(run, tmp_path):
    text = (FIXTURES / "styles.txt").read_text(encoding="utf-8")
    result = run("extract", "-", "--format", "json", input=text.encode("utf-8"))
    assert json.loads(result.output)["text"] == text
    result = run(
        "extract", str(FIXTURES / "styles.txt"), str(FIXTURES / "unbalanced.txt"), "--format", "jsonl"
    )
    lines = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert [d["id"] for d in lines] == ["styles", "unbalanced"]


def bad(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 40, "binary"),
        (
            "german.txt",
            "Die Regierung hat am Dienstag beschlossen, die Steuern für kleine "
            "Unternehmen zu senken. Der Minister sagte, das Gesetz werde im Frühjahr in Kraft "
            "treten und die Wirtschaft stärken.".encode(),
            "English",
        ),
    ],
)
def test_bad_input_is_one_clear_line(run, tmp_path, name, data, message):
    result = run("extract", bad(tmp_path, name, data))
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_huge_file_is_refused_without_reading_it_all(run, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write(b"The council met on Monday and said nothing. " * (50 * 1024 * 1024 // 44))
    result = run("extract", str(path))
    assert result.exit_code == 1
    assert "too" in result.output and "Traceback" not in result.output


def test_a_bad_file_does_not_stop_the_others(run, tmp_path):
    result = run(
        "extract", bad(tmp_path, "empty.txt", b""), str(FIXTURES / "styles.txt"), "--format", "jsonl"
    )
    assert result.exit_code == 0
    assert "empty" in result.output  # the skip is reported
    assert '"id": "styles"' in result.output


def test_missing_file(run):
    result = run("extract", "/nonexistent/article.txt")
    assert result.exit_code == 1 and "no such file" in result.output.lower()


def test_no_quotes_gives_empty_result(run, tmp_path):
    path = bad(
        tmp_path,
        "plain.txt",
        b"The river rose two metres overnight. Roads in the valley were closed until noon.",
    )
    result = run("extract", path, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["attributions"] == []


def test_evaluate_on_a_small_gold_corpus(run, tmp_path):
    corpus = tmp_path / "gold"
    shutil.copytree(FIXTURES / "gold", corpus)
    result = run("evaluate", "--gold", str(corpus), "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.output)
    assert report["documents"] == 1
    assert report["attributions"]["all"]["gold"] == 3
    assert report["attributions"]["all"]["recall"] > 0.6


def test_evaluate_refuses_a_folder_without_the_layout(run, tmp_path):
    result = run("evaluate", "--gold", str(tmp_path))
    assert result.exit_code == 1 and "text/ and attributions/" in result.output
