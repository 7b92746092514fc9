"""What the editors' actions need from the store (store/decisions.py, alias_file.py) on
both engines: an external id set, cleared and kept; refused corrections as their own
errors; the log paged and naming its speakers; which name is a speaker's own; and
``saidwhat speakers external-id``."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from saidwhat.cli import cli
from saidwhat.errors import InputError, StoreError
from saidwhat.store import open_store
from saidwhat.store.alias_file import read_alias_file
from saidwhat.store.decisions import DecisionConflict, DecisionRefused, NoSuchSpeaker, alias_problems
from speaker_edit_support import fresh_articles
from test_store_support import store_url  # noqa: F401  (fixture)


@pytest.fixture
def store(store_url):  # noqa: F811
    with open_store(store_url) as store:
        store.ingest(fresh_articles())
        yield store


def sid(store, name: str) -> int:
    return store.speaker(name).id


def test_an_external_id_is_set_cleared_and_kept(store):
    gore, albert = sid(store, "Al Gore"), sid(store, "Albert Gore Jr.")
    assert store.set_speaker_external_id(gore, " Q19673 ", actor="ana").external_id == "Q19673"
    with pytest.raises(DecisionConflict, match="already the id of 'Al Gore'"):
        store.set_speaker_external_id(albert, "Q19673", actor="ana")
    for bad in ("Q 1", "a\tb", "x" * 101, "a\x00b"):
        with pytest.raises(DecisionRefused, match="without spaces"):
            store.set_speaker_external_id(albert, bad, actor="ana")
    with pytest.raises(NoSuchSpeaker):
        store.set_speaker_external_id(999_999, "Q1", actor="ana")
    store.rebuild_speakers()
    assert store.speaker(gore).external_id == "Q19673"
    assert store.set_speaker_external_id(gore, "", actor="bo").external_id is None
    store.rebuild_speakers()
    assert store.speaker(gore).external_id is None
    # a cleared id no longer joins: the alias file gives it to another speaker, alone
    store.import_aliases([("Albert Gore Jr.", "Albert Gore Jr.", "Q19673")], actor="cy")
    assert sid(store, "Albert Gore Jr.") != sid(store, "Al Gore")
    assert store.speaker(albert).external_id == "Q19673"
    assert store.speaker(gore).statements == 1


def test_refused_corrections_are_their_own_store_errors(store):
    bernard, bernie = sid(store, "Bernard Sanders"), sid(store, "Bernie Sanders")
    with pytest.raises(NoSuchSpeaker, match="no speaker with id 999999"):
        store.merge_speakers(999_999, bernie, actor="ana")
    store.merge_speakers(bernard, bernie, actor="ana")
    with pytest.raises(DecisionConflict, match="already one speaker"):
        store.merge_speakers("Bernard Sanders", bernie, actor="ana")
    with pytest.raises(DecisionConflict, match="no statements left"):
        store.merge_speakers(bernard, bernie, actor="ana")  # the emptied speaker, by its id
    with pytest.raises(DecisionRefused, match="control characters"):
        store.rename_speaker(bernie, "Bernie\x00Sanders", actor="ana")
    with pytest.raises(DecisionRefused, match="own name"):
        store.split_speaker(bernie, "Bernie Sanders", actor="ana")
    assert issubclass(DecisionRefused, StoreError) and issubclass(NoSuchSpeaker, StoreError)
    assert [d.action for d in store.speaker_decisions()] == ["merge"]


def test_the_log_is_paged_and_names_its_speakers(store):
    bernard, bernie = sid(store, "Bernard Sanders"), sid(store, "Bernie Sanders")
    store.merge_speakers(bernard, bernie, actor="ana")
    store.rename_speaker(bernie, "Sen. Bernie Sanders", actor="bo")
    store.set_speaker_external_id(bernie, "Q359442", actor="cy")
    log = store.speaker_decisions(10)
    assert [(d.action, d.actor) for d in log] == [("external-id", "cy"), ("rename", "bo"), ("merge", "ana")]
    assert {d.speaker_id for d in log} == {bernie} and log[0].speaker_name == "Sen. Bernie Sanders"
    assert [d.action for d in store.speaker_decisions(1, 1)] == ["rename"]
    assert store.speaker_decisions(5, 3) == []
    with pytest.raises(StoreError, match="offset"):
        store.speaker_decisions(5, -1)


def test_a_link_says_whether_it_is_the_speakers_own_name(store):
    bernard, bernie = sid(store, "Bernard Sanders"), sid(store, "Bernie Sanders")
    store.merge_speakers(bernard, bernie, actor="ana")
    links = store.explain_speakers(str(bernie), str(bernie)).links_a
    assert {x.name: x.own for x in links} == {"Bernie Sanders": True, "Bernard Sanders": False}
    assert store.explain_speakers(str(bernie), str(bernie)).to_json()["links_a"][0]["own"] is True


def test_alias_problems_are_found_before_anything_is_written(store):
    assert alias_problems([("Al", "Al Gore", "Q19673")]) == []
    problems = alias_problems(
        [
            ("", "Al Gore", None),
            ("Al\x07", "Al Gore", None),
            ("Al", "that", None),
            ("Al", "Al Gore", "Q 19673"),
        ]
    )
    assert [p.split(":")[0] for p in problems] == ["row 1", "row 2", "row 3", "row 4"]
    with pytest.raises(DecisionRefused, match="alias file not imported: row 1"):
        store.import_aliases([("", "Al Gore", None)], actor="ana")
    assert store.speaker_decisions() == []


def test_the_alias_file_reads_bytes_text_and_streams_alike():
    text = "name,canonical,id\n\n# a comment\nAl,Al Gore,Q19673\nAlbert Gore Jr.,Al Gore\n"
    expected = [("Al", "Al Gore", "Q19673"), ("Albert Gore Jr.", "Al Gore", None)]
    for given in (text, ("\ufeff" + text).encode(), io.BytesIO(text.encode()), io.StringIO(text)):
        assert read_alias_file(given, "f.csv") == expected
    with pytest.raises(InputError, match="f.csv: line 1: 1 columns"):
        read_alias_file("nothing\n", "f.csv")


def test_the_cli_sets_and_clears_an_external_id(store_url):  # noqa: F811
    with open_store(store_url) as store:
        store.ingest(fresh_articles())
    run = CliRunner()
    done = run.invoke(
        cli, ["speakers", "external-id", "Al Gore", "Q19673", "--db", store_url, "--actor", "ana"]
    )
    assert done.exit_code == 0 and "Al Gore (speaker" in done.output and "external id Q19673" in done.output
    cleared = run.invoke(cli, ["speakers", "external-id", "Al Gore", "--db", store_url, "--actor", "bo"])
    assert cleared.exit_code == 0 and "no external id" in cleared.output
    bad = run.invoke(cli, ["speakers", "external-id", "Al Gore", "Q 1", "--db", store_url])
    assert (
        bad.exit_code == 1 and bad.stderr.startswith("saidwhat: error: ") and "without spaces" in bad.stderr
    )
    log = run.invoke(cli, ["speakers", "log", "--db", store_url])
    assert "bo: al gore has no external id" in log.output and "ana: al gore is Q19673" in log.output
