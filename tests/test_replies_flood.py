"""A scripted flood of replies against a real server on the loopback address: the
honeypot keeps robots' replies out, and the per-network rate limit stops the rest
once its budget is spent, until the window rolls over. The loop is bounded (40
requests, 5 s timeouts) and talks to 127.0.0.1 only."""

from __future__ import annotations

import httpx
import pytest

from reply_support import EMAIL, HOSPITALS, FakeClock, build_store, form_fields, served, solve, statement_ids
from saidwhat.settings import Settings
from saidwhat.web import create_app

LIMIT = 5
FLOOD = 40


@pytest.fixture
def server(tmp_path):
    clock = FakeClock()
    store = build_store(str(tmp_path / "quotes.db"))
    # "none": published at once, so every accepted reply is in the approved queue
    app = create_app(store, Settings(reply_rate_limit=LIMIT, reply_moderation="none"), clock=clock)
    with served(app) as base:
        yield base, store, clock, app
    store.close()


def test_a_scripted_flood_is_stopped(server):
    base, store, clock, app = server
    sid = statement_ids(store, HOSPITALS.id)[0]
    statuses, robots = [], 0
    with httpx.Client(base_url=base, timeout=5) as client:
        for k in range(FLOOD):
            page = client.get(f"/attributions/{sid}")
            fields = form_fields(page.text)
            robot = k % 2 == 0  # half of them fill in every field they see
            data = {
                "csrf": fields["csrf"],
                "challenge": fields["challenge"],
                "answer": str(solve(fields["question"])),
                "name": f"Flood {k}",
                "email": EMAIL,
                "body": f"Message number {k} of the flood.",
            }
            if robot:
                data["website"] = "https://spam.example/"
                robots += 1
            r = client.post(f"/attributions/{sid}/replies", data=data, follow_redirects=False)
            statuses.append(r.status_code)
            if r.status_code == 429:
                assert int(r.headers["retry-after"]) > 0
        stored = app.state.desk.replies.queue("approved")[0]
        assert statuses[:LIMIT] == [303] * LIMIT and statuses[LIMIT:] == [429] * (FLOOD - LIMIT)
        # of the LIMIT accepted, the robots' were dropped by the honeypot
        assert sorted(r.name for r in stored) == sorted(f"Flood {k}" for k in range(LIMIT) if k % 2)
        clock.move(minutes=10)  # the next window: a person can reply again
        fields = form_fields(client.get(f"/attributions/{sid}").text)
        r = client.post(
            f"/attributions/{sid}/replies",
            data={
                "csrf": fields["csrf"],
                "challenge": fields["challenge"],
                "answer": str(solve(fields["question"])),
                "name": "After the flood",
                "email": "late@example.org",
                "body": "Calm again.",
            },
            follow_redirects=False,
        )
        assert r.status_code == 303
    assert len(statuses) == FLOOD and robots == FLOOD // 2
