"""The quote database commands: ingest, search, speakers, speaker, quote."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from saidwhat.cli import cli
from saidwhat.store import open_store
from test_store_support import Said, make_article, store_url  # noqa: F401

QUOTE = "We are not going to stand by while our people are threatened, and we will respond"
COMMANDS = ["ingest", "search", "speakers", "speaker", "quote"]


@pytest.fixture
def db(store_url):
    """A store holding one quote carried by three outlets, with a wording change."""
    with open_store(store_url) as store:
        store.ingest(
            [
                make_article(
                    [
                        Said(QUOTE, "Mike Pompeo", "Secretary of State"),
                        Said("that the embassy would stay open", "Mike Pompeo", kind="indirect"),
                    ],
                    url="https://one.example/a",
                    site="one.example",
                    published="2020-01-03",
                    title="Pompeo warns Iran",
                ),
                make_article(
                    [Said(QUOTE.replace("We are", "We're"), "Secretary of State Mike Pompeo")],
                    url="https://two.example/b",
                    site="two.example",
                    published="2020-01-04",
                ),
                make_article(
                    [Said(QUOTE[: QUOTE.index(",")] + " …", "Mike Pompeo", source="Pompeo")],
                    url="https://three.example/c",
                    site="three.example",
                    published="2020-01-05",
                ),
            ]
        )
    return store_url


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "--db" in result.output


def test_search_formats(db):
    table = run("search", "threatened", "--db", db)
    assert table.exit_code == 0 and "Mike Pompeo" in table.output and "1-3 of 3" in table.output
    page = json.loads(run("search", "threatened", "--db", db, "--format", "json").output)
    assert page["total"] == 3 and page["results"][0]["speaker"] == "Mike Pompeo"
    rows = list(
        csv.DictReader(io.StringIO(run("search", "--db", db, "--format", "csv", "--kind", "indirect").output))
    )
    assert [r["content"] for r in rows] == ["that the embassy would stay open"]
    filtered = run(
        "search",
        "respond",
        "--db",
        db,
        "--site",
        "two.example",
        "--since",
        "2020-01-01",
        "--until",
        "2020-01-31",
        "--speaker",
        "Pompeo",
        "--limit",
        "5",
    )
    assert "1-1 of 1" in filtered.output
    assert "no statements found" in run("search", "nothing-like-this", "--db", db).output


def test_search_errors_are_one_line(db, tmp_path):
    bad = CliRunner().invoke(cli, ["search", "x", "--db", db, "--since", "soon"])
    assert bad.exit_code == 2 and "'soon' is not a date" in bad.output and "Traceback" not in bad.output
    missing = CliRunner().invoke(cli, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no database" in missing.output
    hostile = run("search", '"; DROP TABLE articles; -- NEAR(*', "--db", db)
    assert hostile.exit_code == 0


def test_speakers_and_speaker(db):
    table = run("speakers", "--db", db, "--top", "5")
    assert table.exit_code == 0 and "Mike Pompeo" in table.output and "Secretary of State" in table.output
    assert json.loads(run("speakers", "--db", db, "--format", "json").output)[0]["statements"] == 4
    card = run("speaker", "Pompeo", "--db", db)
    assert card.exit_code == 0
    assert "4 statements, 2020-01-03 to 2020-01-05" in card.output and "also named" in card.output
    assert "Secretary of State (2020-01-03 to 2020-01-04; 2x)" in card.output
    data = json.loads(run("speaker", "Mike Pompeo", "--db", db, "--format", "json").output)
    assert data["speaker"]["name"] == "Mike Pompeo" and data["weekly"] == [["2019-12-30", 4]]
    unknown = CliRunner().invoke(cli, ["speaker", "Nobody Here", "--db", db])
    assert unknown.exit_code == 1 and "no speaker" in unknown.output


def test_quote_shows_versions_side_by_side(db):
    page = json.loads(run("search", "threatened", "--db", db, "--format", "json").output)
    cluster_id = page["results"][0]["cluster_id"]
    shown = run("quote", str(cluster_id), "--db", db)
    assert shown.exit_code == 0
    assert "3 versions in 3 articles" in shown.output and "first carried by one.example" in shown.output
    assert "[-We are-]" in shown.output and "{+We're+}" in shown.output and " | " in shown.output
    data = json.loads(run("quote", str(cluster_id), "--db", db, "--format", "json").output)
    assert len(data["variants"]) == 3 and data["variants"][1]["diff"][0]["op"] == "replace"
    assert CliRunner().invoke(cli, ["quote", "999", "--db", db]).exit_code == 1


STORY = (
    "Port talks collapse\n\n"
    "LISBON — Ana Ferreira, the labour minister, said on Monday that the government would not "
    "order the dockers back to work.\n\n"
    "“We will not break a strike by decree, and we will keep talking until there is a deal,” "
    "Ferreira told reporters in Lisbon.\n\n"
    "Union leader Rui Teixeira said the workers had waited two years for a contract.\n"
)


@pytest.mark.model
def test_ingest_runs_the_extractor_and_is_idempotent(tmp_path):
    story = tmp_path / "port-talks.txt"
    story.write_text(STORY, encoding="utf-8")
    db = str(tmp_path / "q.db")
    first = CliRunner().invoke(
        cli, ["ingest", str(story), "--db", db, "--published", "2024-05-07", "--jobs", "1"]
    )
    assert first.exit_code == 0, first.output
    assert "stored 1 article (" in first.output and "holds 1 article," in first.output
    second = CliRunner().invoke(cli, ["ingest", str(story), "--db", db, "--jobs", "1"])
    assert second.exit_code == 0 and "stored 0 articles" in second.output
    with open_store(db, readonly=True) as store:
        assert store.stats()["articles"] == 1
        ferreira = store.speaker("Ferreira")
        assert ferreira is not None and ferreira.name == "Ana Ferreira"
        stored = store.article(next(iter(store.known_ids())))
        for a in stored.article.attributions:
            assert " ".join(stored.article.text[s:e] for s, e in a.content.spans) == a.content.text
    failed = CliRunner().invoke(cli, ["ingest", str(tmp_path / "missing.txt"), "--db", db, "--jobs", "1"])
    assert failed.exit_code == 1 and "missing.txt" in failed.output


def test_a_capped_total_prints_as_more_than():
    from saidwhat.store.records import Hit, SearchPage
    from saidwhat.store.render import hits_table

    hit = Hit(
        attribution_id=7,
        article_id="a1",
        kind="direct",
        content="We will rebuild the bridge",
        speaker_id=1,
        speaker="Ana Lima",
        role=None,
        cue="said",
        addressee=None,
        when=None,
        date="2024-05-02",
        title="Bridge",
        url=None,
        site=None,
        published=None,
        cluster_id=None,
        confidence=0.9,
        score=1.0,
    )
    assert hits_table(SearchPage([hit], 10_000, total_exact=False)).endswith("1-1 of more than 10,000")
    assert hits_table(SearchPage([hit], 12)).endswith("1-1 of 12")
