"""The reply desk's commands: ``saidwhat users``, ``saidwhat replies`` (purge, mode,
words) and ``saidwhat export-gold``, whose brat files ``saidwhat evaluate`` reads
back exactly."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reply_support import EMAIL, HOSPITALS, TRAMS, build_store, statement_ids
from saidwhat.cli import cli
from saidwhat.evaluate import Report, gold_documents, predicted, publication_dates, read_brat
from saidwhat.gold import brat, file_name
from saidwhat.model import Article, Attribution, Span
from saidwhat.store import open_store
from saidwhat.store.corrections import Corrections, Proposal
from saidwhat.store.replies import Draft, Replies
from saidwhat.store.users import Users


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "quotes.db")
    build_store(path, moderator=None).close()
    return path


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_users_commands(db):
    added = run("users", "add", "Mira", "--db", db, "--password-stdin", input="a long enough password\n")
    assert added.exit_code == 0 and "moderator mira added" in added.output
    assert "a long enough password" not in added.output
    short = run("users", "add", "ola", "--db", db, "--password-stdin", input="short\n")
    assert (
        short.exit_code == 1
        and short.output.startswith("saidwhat: error:")
        and "10 characters" in short.output
    )
    again = run("users", "add", "mira", "--db", db, "--password-stdin", input="a long enough password\n")
    assert again.exit_code == 1 and "already" in again.output
    prompted = run("users", "add", "ola", "--db", db, input="another long password\nanother long password\n")
    assert prompted.exit_code == 0
    listed = json.loads(run("users", "list", "--db", db, "--format", "json").output)
    assert [u["name"] for u in listed] == ["mira", "ola"] and all(
        "password" not in json.dumps(u) for u in listed
    )
    assert run("users", "disable", "ola", "--db", db).exit_code == 0
    assert "disabled" in run("users", "list", "--db", db).output
    assert (
        run(
            "users", "passwd", "mira", "--db", db, "--password-stdin", input="a brand new password\n"
        ).exit_code
        == 0
    )
    with open_store(db) as store:
        assert Users(store).login("mira", "a brand new password", hours=1).user.name == "mira"
    missing = run("users", "passwd", "nobody", "--db", db, "--password-stdin", input="a brand new password\n")
    assert missing.exit_code == 1 and "no moderator called nobody" in missing.output


def test_purge_mode_and_words(db):
    with open_store(db) as store:
        sid = statement_ids(store, HOSPITALS.id)[0]
        Replies(store).post(Draft("Reader", EMAIL, "One.", HOSPITALS.id, sid))
        Replies(store).post(Draft("Reader", EMAIL, "Two.", HOSPITALS.id, sid))
    refused = run("replies", "purge", "--email", EMAIL, "--db", db, input="n\n")
    assert refused.exit_code == 1  # asked, and declined
    done = run("replies", "purge", "--email", EMAIL.upper(), "--db", db, "--yes")
    assert done.exit_code == 0 and "deleted 2 replies" in done.output and EMAIL not in done.output.lower()
    assert "nothing deleted" in run("replies", "purge", "--email", EMAIL, "--db", db, "--yes").output
    bad = run("replies", "purge", "--email", "nobody", "--db", db, "--yes")
    assert bad.exit_code == 1 and "not an email address" in bad.output
    assert "every site: first" in run("replies", "mode", "--db", db).output
    out = run("replies", "mode", "all", "--site", "Herald", "--db", db).output
    assert "herald: all" in out and "every site: first" in out
    assert "every site: none" in run("replies", "mode", "none", "--db", db).output
    assert run("replies", "mode", "maybe", "--db", db).exit_code == 2
    assert run("replies", "words", "--add", "Scam", "--add", "buy now", "--db", db).output.split() == [
        "buy",
        "now",
        "scam",
    ]
    assert run("replies", "words", "--remove", "scam", "--db", db).output.strip() == "buy now"


# ---------------------------------------------------------------- export-gold


def corrected_store(db):
    """Apply one correction of each kind; return the expected articles."""
    with open_store(db) as store:
        Users(store).add("mira", "correct horse battery")
        mira = Users(store).login("mira", "correct horse battery", hours=1).user
        replies, corrections = Replies(store), Corrections(store)
        ids = statement_ids(store, HOSPITALS.id)
        for attribution, proposal in (
            (ids[0], Proposal("speaker", "Ana Ribeiro")),
            (ids[0], Proposal("words", words="We will not close any hospital this winter")),
            (ids[1], Proposal("not_statement")),
            (None, Proposal("missing", "Dr Ana Ribeiro", words="called the plan reckless")),
        ):
            reply = replies.post(
                Draft("Private Name", EMAIL, "See this.", HOSPITALS.id, attribution, proposal)
            )
            corrections.apply(reply.correction.id, mira)
        return store.article(HOSPITALS.id).article


def test_export_gold_round_trips_through_the_evaluate_reader(db, tmp_path):
    expected = corrected_store(db)
    out = tmp_path / "gold"
    done = run("export-gold", "--db", db, str(out))
    assert done.exit_code == 0 and "wrote 1 corrected article (3 statements)" in done.output
    docs = gold_documents(out)
    assert [name for name, _, _ in docs] == [HOSPITALS.id]  # a hex id is a safe name; trams was not corrected
    name, text_path, ann_path = docs[0]
    text = text_path.read_bytes().decode("utf-8")
    assert text == expected.text
    gold = read_brat(ann_path, text)
    mine = predicted(expected)
    assert [(g.content, g.source, g.cue) for g in gold] == [(p.content, p.source, p.cue) for p in mine]
    report = Report()
    report.add_document(text, gold, mine)
    assert report.attributions["all"].f1 == 1.0 and report.spans["content (exact)"].f1 == 1.0
    assert publication_dates(out) == {name: "2026-02-20"}
    files = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file())
    assert EMAIL not in files and "Private Name" not in files and "See this." not in files
    again = run("export-gold", "--db", db, str(out))
    assert again.exit_code == 1 and "not empty" in again.output
    empty = tmp_path / "empty.db"
    build_store(str(empty), moderator=None).close()
    assert (
        "no correction has been applied yet"
        in run("export-gold", "--db", str(empty), str(tmp_path / "g2")).output
    )


def test_brat_cuts_pieces_at_line_breaks_and_names_are_safe():
    text = "“We will win,\nwe will,” she said.\r\nThe end."
    she, said = text.index("she"), text.index("said")
    a = Attribution(
        kind="direct",
        content=Span.of(text, (0, she - 1)),
        source=Span.of(text, (she, she + 3)),
        cue=Span.of(text, (said, said + 4)),
    )
    ann = brat(Article(text=text, id="x", attributions=[a]))
    assert ann.splitlines() == [
        f"T1\tContent 0 13;14 {she - 1}\t“We will win, we will,”",
        f"T2\tCue {said} {said + 4}\tsaid",
        f"T3\tSource {she} {she + 3}\tshe",
        f"T4\tAttribution {said} {said + 4}\tsaid",
        "E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3",
    ]
    taken: set[str] = set()
    assert file_name("0123abcd", taken) == "0123abcd"
    weird = file_name("2024/03/story_one", taken)
    assert "/" not in weird and "_" not in weird and weird.startswith("2024-03-story-one-")
    assert file_name("2024-03-story-one", taken) == "2024-03-story-one"
    assert file_name("2024-03-story-one".upper(), taken) != "2024-03-STORY-ONE"  # no clash on any file system


@pytest.mark.model
def test_evaluate_scores_the_extractor_on_exported_gold(tmp_path, pipeline):
    """The real extractor against its own output with one statement removed by a
    moderator: every gold statement is found, and the removed one counts against it."""
    from saidwhat.ingest.text import from_text
    from web_support import FIXTURES, read_fixture

    data = read_fixture(FIXTURES / "04-tram-herald.txt")
    article = pipeline.extract(from_text(data["text"], id="tram", published=data["published"]))
    db = str(tmp_path / "q.db")
    with open_store(db) as store:
        store.ingest([article])
        Users(store).add("mira", "correct horse battery")
        mira = Users(store).login("mira", "correct horse battery", hours=1).user
        first = store.article(article.id).attribution_ids[0]
        reply = Replies(store).post(
            Draft("R", EMAIL, "Not one.", article.id, first, Proposal("not_statement"))
        )
        Corrections(store).apply(reply.correction.id, mira)
        kept = len(store.article(article.id).attribution_ids)
    assert run("export-gold", "--db", db, str(tmp_path / "gold")).exit_code == 0
    scored = run("evaluate", "--gold", str(tmp_path / "gold"), "--format", "json")
    assert scored.exit_code == 0, scored.output
    report = json.loads(scored.output)
    every = report["attributions"]["all"]
    assert report["documents"] == 1 and every["gold"] == kept
    assert every["recall"] == 1.0 and every["predicted"] == kept + 1 and every["precision"] < 1.0


def test_trams_is_left_out_when_only_hospitals_is_corrected(db, tmp_path):
    corrected_store(db)
    run("export-gold", "--db", db, str(tmp_path / "g"))
    assert not list((tmp_path / "g" / "text").glob(f"{TRAMS.id}*"))
