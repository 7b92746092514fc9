"""``saidwhat speakers``: the listing and the corrections, through the CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from saidwhat.cli import cli
from saidwhat.store import open_store
from test_store_support import Said, make_article, store_url  # noqa: F401

SUBCOMMANDS = ["merge", "split", "rename", "import", "explain", "log", "rebuild"]


@pytest.fixture
def db(store_url):
    with open_store(store_url) as store:
        store.ingest(
            [
                make_article(
                    [Said("We need a political revolution", "Bernie Sanders", "senator")],
                    url="https://a.example/1",
                ),
                make_article(
                    [Said("that the rich must pay", "Bernard Sanders", kind="indirect")],
                    url="https://a.example/2",
                ),
                make_article([Said("We must protect the planet", "Al Gore")], url="https://a.example/3"),
                make_article(
                    [Said("that the science was settled", "Albert Gore Jr.", kind="indirect")],
                    url="https://a.example/4",
                ),
            ]
        )
    return store_url


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(command):
    result = run("speakers", command, "--help")
    assert result.exit_code == 0 and "--db" in result.output


def test_the_listing_stays_the_default(db):
    table = run("speakers", "--db", db)
    assert table.exit_code == 0 and "Bernie Sanders (senator)" in table.output
    top = json.loads(run("speakers", "--db", db, "--top", "1", "--format", "json").output)
    assert len(top) == 1
    assert [
        s["name"]
        for s in json.loads(run("speakers", "--db", db, "--name", "gore", "--format", "json").output)
    ] == [
        "Al Gore",
        "Albert Gore Jr.",
    ]


def test_merge_explain_split_rename_and_the_log(db):
    merged = run("speakers", "merge", "Bernard Sanders", "Bernie Sanders", "--db", db, "--actor", "ana")
    assert merged.exit_code == 0 and "2 statements" in merged.output
    why = run("speakers", "explain", "Bernard Sanders", "Bernie Sanders", "--db", db)
    assert "one speaker" in why.output and "merge by ana" in why.output
    data = json.loads(
        run("speakers", "explain", "Bernard Sanders", "Bernie Sanders", "--db", db, "--format", "json").output
    )
    assert data["links_a"][0]["rule"] == "merge"
    renamed = run("speakers", "--db", db, "rename", "Bernie Sanders", "Sen. Bernie Sanders", "--actor", "bo")
    assert renamed.exit_code == 0 and "Sen. Bernie Sanders" in renamed.output  # --db before the subcommand
    split = run("speakers", "split", "Bernie Sanders", "Bernard Sanders", "--db", db, "--actor", "cy")
    assert split.exit_code == 0 and "Bernard Sanders (speaker" in split.output
    log = run("speakers", "log", "--db", db)
    lines = log.output.strip().splitlines()
    assert [line.split(": ", 1)[0].split()[-1] for line in lines] == ["cy", "bo", "ana"]
    assert "split bernard sanders from bernie sanders" in lines[0]
    rebuilt = run("speakers", "rebuild", "--db", db)
    assert rebuilt.exit_code == 0 and "statements have a speaker" in rebuilt.output


def test_import_an_alias_file(db, tmp_path):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("name,canonical,wikidata\nAlbert Gore Jr.,Al Gore,Q999002\n", encoding="utf-8")
    done = run("speakers", "import", str(aliases), "--db", db, "--actor", "ana")
    assert done.exit_code == 0 and "imported 1 aliases (1 with an external id)" in done.output
    card = run("speaker", "Al Gore", "--db", db)
    assert "Q999002" in card.output and "2 statements" in card.output
    piped = run("speakers", "import", "-", "--db", db, input="Bernard Sanders,Bernie Sanders\n")
    assert piped.exit_code == 0


@pytest.mark.parametrize(
    "content, message",
    [
        ("name,canonical\nAl Gore\n", "line 2: 1 columns"),
        ("name,canonical\n", "no aliases"),
        ("Al Gore,,Q1\n", "row 1"),
        ("Al Gore,the campaign\n", "does not look like a name"),
    ],
)
def test_a_bad_alias_file_is_one_line_and_imports_nothing(db, tmp_path, content, message):
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["speakers", "import", str(bad), "--db", db])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert "no decisions yet" in run("speakers", "log", "--db", db).output


def test_mistakes_are_one_line(db):
    for args in (
        ["speakers", "merge", "Al Gore", "Nobody Here", "--db", db],
        ["speakers", "merge", "Al Gore", "Al Gore", "--db", db],
        ["speakers", "split", "Al Gore", "Al Gore", "--db", db],
        ["speakers", "explain", "Nobody Here", "Al Gore", "--db", db],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1 and result.output.startswith("saidwhat: error:"), args


def test_search_can_ask_for_people_only(db):
    with open_store(db) as store:
        store.ingest(
            [
                make_article(
                    [Said("that the bill would pass", "Democrats", kind="indirect", type="UNKNOWN")],
                    url="https://a.example/9",
                )
            ]
        )
    everyone = json.loads(run("search", "", "--db", db, "--format", "json").output)
    people = json.loads(run("search", "", "--db", db, "--type", "person", "--format", "json").output)
    assert everyone["total"] == 5 and people["total"] == 4
