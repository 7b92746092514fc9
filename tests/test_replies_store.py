"""The reply desk in the store, on SQLite and PostgreSQL: posting and the moderation
rules, queues, reports, corrections applied and undone (with the counters the
ingest writer keeps), moderators and sessions, the challenge, rate limits, purge."""

from __future__ import annotations

import json

import pytest

from reply_support import EMAIL, HOSPITALS, PASSWORD, TRAMS, FakeClock, build_store, statement_ids
from saidwhat.errors import ConfigError, InputError, StoreError
from saidwhat.store import open_store
from saidwhat.store.corrections import CorrectionConflict, Corrections, Proposal
from saidwhat.store.guard import ChallengeFailed, Guard, TooManyRequests, network
from saidwhat.store.holds import Rules
from saidwhat.store.replies import Draft, NoSuchReply, Replies
from saidwhat.store.users import LoginFailed, Users
from test_store_support import assert_offsets, store_url  # noqa: F401  (fixture)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def desk(store_url, clock):  # noqa: F811
    store = build_store(store_url)
    users = Users(store, clock=clock)
    yield {
        "store": store,
        "replies": Replies(store, clock=clock),
        "corrections": Corrections(store, clock=clock),
        "users": users,
        "guard": Guard(store, clock=clock),
        "mira": users.login("mira", PASSWORD, hours=1).user,
        "clock": clock,
    }
    store.close()


def draft(
    statement=None,
    article=HOSPITALS.id,
    email=EMAIL,
    body="Thanks for this.",
    proposal=None,
    net="198.51.100.0/24",
):
    return Draft("A reader", email, body, article, statement, proposal, net)


def first(store, article=HOSPITALS.id):
    return statement_ids(store, article)[0]


def snapshot(store):
    """Everything a reader can see of the quote database."""
    return {
        "articles": [store.article(a.id).article.to_json() for a in (HOSPITALS, TRAMS)],
        "search": [h.to_json() for h in store.search("", limit=50).results],
        "speakers": [s.to_json() for s in store.speakers()],
        "stats": store.stats(),
    }


# ---------------------------------------------------------------- posting and holding


def test_a_new_email_waits_once_then_posts_directly(desk):
    replies, mira = desk["replies"], desk["mira"]
    sid = first(desk["store"])
    held = replies.post(draft(sid))
    assert held.status == "pending" and held.held == ["first reply from this email"]
    replies.moderate(held.id, "approved", mira)
    again = replies.post(draft(sid, body="Another thought entirely."))
    assert again.status == "approved" and again.held == []
    other = replies.post(draft(sid, email="someone.else@example.org"))
    assert other.status == "pending"


def test_modes_per_site(desk):
    replies, mira, store = desk["replies"], desk["mira"], desk["store"]
    replies.moderate(replies.post(draft(first(store))).id, "approved", mira)
    replies.holds.set_mode("all", site="herald")
    assert replies.holds.mode_for("Herald") == "all" and replies.holds.mode_for("Courier") == "first"
    held = replies.post(draft(first(store), body="Held because the site holds all."))
    assert held.status == "pending" and "this site holds every reply" in held.held
    replies.holds.set_mode("none")
    fresh = replies.post(
        draft(first(store, TRAMS.id), TRAMS.id, email="new@example.org", body="Straight in.")
    )
    assert fresh.status == "approved"
    assert replies.holds.modes() == {"": "none", "herald": "all"}
    with pytest.raises(InputError):
        replies.holds.set_mode("sometimes")
    with pytest.raises(ConfigError):
        Rules(default_mode="later")


def test_automatic_holds(desk):
    replies, mira, store, clock = desk["replies"], desk["mira"], desk["store"], desk["clock"]
    replies.holds.set_mode("none")
    sid = first(store)
    links = replies.post(draft(sid, body="See https://a.example and http://b.example and www.c.example"))
    assert links.status == "pending" and links.held == ["3 links (more than 2)"]
    replies.holds.set_words(add=["Crooked", "total scam"])
    assert replies.holds.words() == ["crooked", "total scam"]
    word = replies.post(draft(sid, email="w@example.org", body="This is a TOTAL scam, frankly."))
    assert word.held == ["the word “total scam”"]
    fine = replies.post(draft(sid, email="x@example.org", body="Nothing crooked-looking here? Scammy."))
    assert fine.status == "pending"  # "crooked-looking" folds to "crooked looking": the word is there
    replies.holds.set_words(remove=["crooked"])
    assert replies.holds.words() == ["total scam"]
    ok = replies.post(draft(sid, email="y@example.org", body="A plain and friendly note."))
    assert ok.status == "approved"
    repeat = replies.post(draft(sid, email="y@example.org", body="a plain   and FRIENDLY note."))
    assert repeat.held == ["repeats an earlier reply"]
    same_net = replies.post(draft(sid, email="z@example.org", body="A plain and friendly note."))
    assert same_net.held == ["repeats an earlier reply"]
    clock.move(hours=25)  # another email on the same network, a day later: no longer a repeat
    later = replies.post(draft(sid, email="z2@example.org", body="A plain and friendly note."))
    assert later.status == "approved"
    replies.moderate(ok.id, "rejected", mira)
    after_rejection = replies.post(draft(sid, email="y@example.org", body="Something new."))
    assert after_rejection.held == ["this email's replies were rejected recently"]
    clock.move(days=31)
    assert replies.post(draft(sid, email="y@example.org", body="Something newer.")).status == "approved"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "   "}, "name"),
        ({"email": "not-an-address"}, "email"),
        ({"email": "a@b"}, "email"),
        ({"body": " \n "}, "reply"),
        ({"body": "x" * 4001}, "at most 4,000"),
    ],
)
def test_bad_replies_are_refused_and_nothing_is_stored(desk, kwargs, message):
    replies = desk["replies"]
    base = {"name": "A reader", "email": EMAIL, "body": "Fine.", "article_id": HOSPITALS.id}
    base.update(kwargs)
    with pytest.raises(InputError, match=message) as caught:
        replies.post(Draft(**base, attribution_id=first(desk["store"])))
    assert "not-an-address" not in str(caught.value)  # an email is never repeated back
    assert replies.queue_sizes() == {"pending": 0, "approved": 0, "rejected": 0, "reported": 0}


def test_unknown_targets_and_bad_proposals(desk):
    replies, store = desk["replies"], desk["store"]
    with pytest.raises(NoSuchReply):
        replies.post(draft(999))
    with pytest.raises(NoSuchReply):
        replies.post(draft(first(store, TRAMS.id)))  # a statement of another article
    sid = first(store)
    for proposal, message in [
        (Proposal("rumour"), "unknown kind"),
        (Proposal("speaker", "  "), "name the right speaker"),
        (Proposal("speaker", "Karen Obi"), "already its speaker"),
        (Proposal("words", words="words that are nowhere"), "not in the article"),
        (Proposal("words", spans=((5, 99999),)), "outside the article"),
        (Proposal("words"), "select the right words"),
        (Proposal("missing", "Ana Ribeiro"), "select the right words"),
        (Proposal("speaker", "X", speaker_type="ROBOT"), "type"),
    ]:
        with pytest.raises(InputError, match=message):
            replies.post(draft(sid, proposal=proposal))
    text = store.article(HOSPITALS.id).article
    current = text.attributions[0].content.spans
    with pytest.raises(InputError, match="already the statement's words"):
        replies.post(draft(sid, proposal=Proposal("words", spans=current)))
    assert replies.queue_sizes()["pending"] == 0


def test_words_are_found_by_selection_or_by_typing(desk):
    replies, store = desk["replies"], desk["store"]
    article = store.article(HOSPITALS.id).article
    sid = first(store)
    wanted = "close any hospital this winter"
    start = article.text.index(wanted)
    by_selection = replies.post(
        draft(sid, proposal=Proposal("words", spans=((start - 1, start + len(wanted)),)))
    )
    assert by_selection.correction.spans == [[start, start + len(wanted)]]  # spaces trimmed
    by_typing = replies.post(draft(sid, proposal=Proposal("words", words="close  any\nhospital this winter")))
    assert by_typing.correction.words == wanted
    # typed words that disagree with the selection win: the reader edited them after selecting
    edited = replies.post(draft(sid, proposal=Proposal("words", spans=((0, 10),), words=wanted)))
    assert edited.correction.spans == [[start, start + len(wanted)]]


# ---------------------------------------------------------------- moderation


def test_queues_reports_and_answers(desk):
    replies, mira = desk["replies"], desk["mira"]
    sid = first(desk["store"])
    a = replies.post(draft(sid, body="First."))
    b = replies.post(draft(sid, email="b@example.org", body="Second."))
    assert [r.id for r in replies.queue("pending")[0]] == [a.id, b.id]
    replies.moderate(a.id, "approved", mira)
    replies.moderate(b.id, "rejected", mira)
    assert replies.queue_sizes() == {"pending": 0, "approved": 1, "rejected": 1, "reported": 0}
    assert replies.report(a.id, "203.0.113.0/24") is True
    assert replies.report(a.id, "203.0.113.0/24") is False  # once per network
    assert replies.report(a.id, "2001:db8:1::/48") is True
    reported, total = replies.queue("reported")
    assert total == 1 and reported[0].reports == 2
    with pytest.raises(NoSuchReply):
        replies.report(b.id, "203.0.113.0/24")  # rejected replies cannot be reported
    replies.dismiss_reports(a.id, mira)
    assert replies.queue_sizes()["reported"] == 0 and replies.get(a.id).status == "approved"
    c = replies.post(draft(sid, email="c@example.org", body="Third, pending."))
    answer = replies.answer(c.id, "Thanks, we are checking this.", mira)
    assert answer.moderator and answer.name == "mira" and answer.parent_id == c.id
    assert replies.get(c.id).status == "approved"  # answering a pending reply publishes it
    with pytest.raises(InputError, match="approve it"):
        replies.answer(b.id, "No.", mira)
    published = replies.published(attribution_id=sid)
    assert [r.id for r in published] == [a.id, c.id]
    assert [x.body for x in published[1].answers] == ["Thanks, we are checking this."]
    assert replies.counts([sid, 999]) == {sid: 3}
    assert replies.queue("approved")[1] == 2  # moderators' answers are not queued


# ---------------------------------------------------------------- corrections


def proposed(desk, sid, proposal, article=HOSPITALS.id):
    reply = desk["replies"].post(draft(sid, article, proposal=proposal))
    return reply.correction


def test_speaker_correction_applies_at_once_and_undoes_exactly(desk):
    store, corrections, mira = desk["store"], desk["corrections"], desk["mira"]
    before = snapshot(store)
    sid = first(store)
    c = proposed(desk, sid, Proposal("speaker", "Ana Ribeiro"))
    assert c.status == "proposed" and snapshot(store) == before  # proposing changes nothing
    applied = corrections.apply(c.id, mira)
    assert (
        applied.status == "applied"
        and applied.applied_by == "mira"
        and applied.before == {"speaker": "Karen Obi"}
    )
    hit = store.search("hospital winter").results[0]
    assert (hit.speaker, hit.corrected) == ("Ana Ribeiro", "speaker")
    ribeiro = store.speaker("Ana Ribeiro")
    assert ribeiro.statements == 2  # joined the existing speaker (from the trams article)
    assert any("hospital" in h.content for h in store.speaker_statements(ribeiro.id).results)
    assert store.speaker("Karen Obi").statements == 1
    assert store.search("", speaker="Ana Ribeiro").total == 2
    # the full-text index's speaker tokens follow too (a text search filtered by speaker)
    assert store.search("budget", speaker="Ana Ribeiro").total == 1
    assert store.search("budget", speaker="Karen Obi").total == 0
    assert store.check() == []
    with pytest.raises(CorrectionConflict):
        corrections.apply(c.id, mira)
    undone = corrections.undo(c.id, mira)
    assert undone.status == "undone" and [h["action"] for h in undone.history] == ["applied", "undone"]
    assert snapshot(store) == before and store.check() == []
    again = corrections.apply(c.id, mira)  # an undone correction can be applied again
    assert again.status == "applied" and len(again.history) == 3


def test_a_new_speaker_is_created_and_dropped_on_undo(desk):
    store, corrections, mira = desk["store"], desk["corrections"], desk["mira"]
    before = snapshot(store)
    c = proposed(desk, first(store), Proposal("speaker", "Secretary Lina Park"))
    corrections.apply(c.id, mira)
    park = store.speaker("Lina Park")
    assert park is not None and park.statements == 1 and park.name == "Lina Park"
    assert store.search("hospital winter").results[0].role == "Secretary"
    assert store.check() == []
    corrections.undo(c.id, mira)
    assert store.speaker("Lina Park") is None and snapshot(store) == before


def test_words_correction_moves_the_quote_between_clusters(desk):
    store, corrections, mira = desk["store"], desk["corrections"], desk["mira"]
    before = snapshot(store)
    sid = first(store)
    old_cluster, nurses_cluster = (store.article(HOSPITALS.id).cluster_ids[k] for k in (0, 2))
    shorter = proposed(desk, sid, Proposal("words", words="We will not close any hospital this winter"))
    corrections.apply(shorter.id, mira)
    stored = store.article(HOSPITALS.id)
    assert stored.article.attributions[0].content.text == "We will not close any hospital this winter"
    assert stored.corrected[0] == "words" and stored.cluster_ids[0] == old_cluster  # a shorter version
    assert_offsets(stored.article)
    assert store.search('"whatever the budget says"').total == 0
    assert store.search('"close any hospital"').results[0].corrected == "words"
    corrections.undo(shorter.id, mira)
    other = proposed(
        desk, sid, Proposal("words", words="Nurses have carried this service through three hard winters")
    )
    corrections.apply(other.id, mira)
    stored = store.article(HOSPITALS.id)
    assert stored.cluster_ids[0] == nurses_cluster  # the same words as the third statement
    assert len(store.quote_cluster(nurses_cluster).variants) == 2
    assert store.quote_cluster(old_cluster) is None  # its only version moved away
    assert store.check() == []
    corrections.undo(other.id, mira)
    assert snapshot(store) == before and store.check() == []


def test_not_a_statement_removes_it_and_undo_puts_it_back_in_place(desk):
    store, corrections, mira = desk["store"], desk["corrections"], desk["mira"]
    before = snapshot(store)
    ids = statement_ids(store, HOSPITALS.id)
    c = proposed(desk, ids[1], Proposal("not_statement"))
    corrections.apply(c.id, mira)
    assert statement_ids(store, HOSPITALS.id) == [ids[0], ids[2]]
    assert store.search("unions strike").total == 0
    assert store.speaker("Tomás Silva") is None  # no statement left: no speaker by that name
    assert store.check() == []  # statements numbered 0..n-1 again
    assert desk["replies"].article_of(ids[1]) == HOSPITALS.id  # its page still finds it
    corrections.undo(c.id, mira)
    assert snapshot(store) == before and store.check() == []


def test_missing_statement_is_added_and_taken_back(desk):
    store, corrections, mira = desk["store"], desk["corrections"], desk["mira"]
    before = snapshot(store)
    c = proposed(desk, None, Proposal("missing", "Dr Ana Ribeiro", words="called the plan reckless"))
    assert c.attribution_id is None
    applied = corrections.apply(c.id, mira)
    stored = store.article(HOSPITALS.id)
    added = stored.article.attributions[-1]
    assert applied.attribution_id == stored.attribution_ids[-1]
    assert (added.content.text, added.kind, added.speaker.name) == (
        "called the plan reckless",
        "indirect",
        "Dr Ana Ribeiro",
    )
    assert stored.corrected[-1] == "added" and added.confidence == 1.0
    assert_offsets(stored.article)
    hit = store.search("reckless").results[0]
    assert (hit.speaker, hit.corrected) == ("Ana Ribeiro", "added")
    assert store.speaker("Ana Ribeiro").statements == 2 and store.check() == []
    corrections.undo(c.id, mira)
    assert snapshot(store) == before and store.check() == []


def test_corrections_of_one_statement_undo_latest_first(desk):
    store, corrections, mira = desk["store"], desk["corrections"], desk["mira"]
    before = snapshot(store)
    sid = first(store)
    speaker = proposed(desk, sid, Proposal("speaker", "Tomás Silva"))
    words = proposed(desk, sid, Proposal("words", words="We will not close any hospital"))
    removal = proposed(desk, sid, Proposal("not_statement"))
    late = proposed(desk, sid, Proposal("speaker", "Ana Ribeiro"))
    corrections.apply(speaker.id, mira)
    corrections.apply(words.id, mira)
    with pytest.raises(CorrectionConflict, match="undo it first"):
        corrections.undo(speaker.id, mira)
    corrections.apply(removal.id, mira)
    with pytest.raises(CorrectionConflict, match="removed"):
        corrections.apply(late.id, mira)
    for c in (removal, words, speaker):
        corrections.undo(c.id, mira)
    assert snapshot(store) == before and store.check() == []
    history, total = corrections.listing("undone")
    assert total == 3 and {c.id for c in history} == {speaker.id, words.id, removal.id}
    assert corrections.corrected_articles() == []
    corrections.apply(speaker.id, mira)
    assert corrections.corrected_articles() == [HOSPITALS.id]


# ---------------------------------------------------------------- moderators


def test_moderators_passwords_and_sessions(desk):
    users, store, clock = desk["users"], desk["store"], desk["clock"]
    with pytest.raises(InputError, match="already"):
        users.add("Mira", PASSWORD)
    with pytest.raises(InputError, match="10 characters"):
        users.add("ola", "short")
    with pytest.raises(InputError, match="letters"):
        users.add("no spaces", PASSWORD)
    with pytest.raises(LoginFailed):
        users.login("mira", "wrong password!", hours=1)
    with pytest.raises(LoginFailed):
        users.login("nobody", PASSWORD, hours=1)
    session = users.login("MIRA", PASSWORD, hours=2)
    assert users.session(session.token).name == "mira"
    with store._read() as db:
        stored = {r["token_hash"] for r in db.rows("SELECT token_hash FROM sessions")}
        hashes = [r["password_hash"] for r in db.rows("SELECT password_hash FROM users")]
    assert session.token not in stored and all(h.startswith("$argon2id$") for h in hashes)
    clock.move(hours=2, seconds=1)
    assert users.session(session.token) is None  # expired
    session = users.login("mira", PASSWORD, hours=2)
    users.set_disabled("mira", True)
    assert users.session(session.token) is None
    with pytest.raises(LoginFailed):
        users.login("mira", PASSWORD, hours=1)
    users.set_disabled("mira", False)
    users.set_password("mira", "another long password")
    with pytest.raises(LoginFailed):
        users.login("mira", PASSWORD, hours=1)
    session = users.login("mira", "another long password", hours=1)
    users.logout(session.token)
    assert users.session(session.token) is None
    assert [u.name for u in users.list()] == ["mira"]


# ---------------------------------------------------------------- guard


def test_challenge_is_single_use_and_expires(desk):
    guard, clock = desk["guard"], desk["clock"]
    c = guard.challenge(600)
    with desk["store"]._read() as db:
        (row,) = db.rows("SELECT token_hash, answer FROM challenges")
    assert c.token not in row["token_hash"]
    answer = int(row["answer"])
    guard.check(c.token, str(answer))
    with pytest.raises(ChallengeFailed, match="already answered"):
        guard.check(c.token, str(answer))
    wrong = guard.challenge(600)
    with pytest.raises(ChallengeFailed, match="wrong"):
        guard.check(wrong.token, "-1")
    with pytest.raises(ChallengeFailed, match="already answered"):  # a wrong answer spends it
        guard.check(wrong.token, "0")
    late = guard.challenge(600)
    clock.move(seconds=601)
    with pytest.raises(ChallengeFailed, match="expired"):
        guard.check(late.token, "1")
    for token in (None, "", "made-up", "x" * 500):
        with pytest.raises(ChallengeFailed):
            guard.check(token, "1")


def test_rate_limit_windows(desk):
    guard, clock = desk["guard"], desk["clock"]
    clock.now = clock.now.replace(minute=0, second=0)
    for _ in range(3):
        guard.hit("reply", "198.51.100.0/24", 3, 600)
    with pytest.raises(TooManyRequests) as caught:
        guard.hit("reply", "198.51.100.0/24", 3, 600)
    assert caught.value.retry_after == 600
    guard.hit("reply", "203.0.113.0/24", 3, 600)  # another network has its own count
    guard.hit("report", "198.51.100.0/24", 3, 600)  # and another bucket
    clock.move(seconds=600)
    guard.hit("reply", "198.51.100.0/24", 3, 600)  # a new window


def test_networks_never_keep_an_address():
    assert network("203.0.113.77") == "203.0.113.0/24"
    assert network("2001:db8:abcd:12::1") == "2001:db8:abcd::/48"
    assert network("::ffff:198.51.100.9") == "198.51.100.0/24"
    assert network("testclient") == network(None) == "unknown"


def test_secret_is_made_once(desk):
    assert desk["guard"].secret("csrf") == Guard(desk["store"]).secret("csrf")
    assert len(desk["guard"].secret("csrf")) == 32 and desk["guard"].secret("other") != desk["guard"].secret(
        "csrf"
    )


# ---------------------------------------------------------------- purge and read-only


def test_purge_deletes_one_persons_data(desk):
    replies, corrections, mira, store = desk["replies"], desk["corrections"], desk["mira"], desk["store"]
    sid = first(store)
    mine = replies.post(draft(sid, proposal=Proposal("speaker", "Ana Ribeiro")))
    kept = replies.post(draft(sid, body="Applied later.", proposal=Proposal("not_statement")))
    corrections.apply(kept.correction.id, mira)
    replies.moderate(mine.id, "approved", mira)
    replies.answer(mine.id, "Noted.", mira)
    replies.report(mine.id, "203.0.113.0/24")
    other = replies.post(
        draft(first(store, TRAMS.id), TRAMS.id, email="other@example.org", body="Someone else.")
    )
    done = replies.purge(f"  {EMAIL.upper()} ")
    assert done == {"replies": 2, "answers": 1, "corrections": 1, "posters": 1}
    assert [r.id for r in replies.queue("pending")[0]] == [other.id]
    assert replies.published(attribution_id=sid) == []
    applied = corrections.get(kept.correction.id)
    assert applied.status == "applied" and applied.reply_id is None  # the newsroom's record stays
    with store._read() as db:
        for table in ("posters", "replies", "corrections", "correction_log", "reply_reports"):
            for row in db.rows(f"SELECT * FROM {table}"):
                assert EMAIL not in json.dumps(dict(row), default=str).lower()
    assert replies.purge(EMAIL) == {"replies": 0, "answers": 0, "corrections": 0, "posters": 0}
    with pytest.raises(InputError):
        replies.purge("nobody")


def test_a_read_only_store_refuses_replies(store_url):  # noqa: F811
    build_store(store_url).close()
    with open_store(store_url, readonly=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            Replies(ro).post(draft(first(ro)))
        assert Replies(ro).published(attribution_id=first(ro)) == []
