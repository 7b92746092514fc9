"""Speaker names, roles, types and the identity rules, without a database or a model."""

from __future__ import annotations

import pytest

from saidwhat.store.identity import Decision, Decisions, Link, resolve, settle_gender
from saidwhat.store.names import clean_name, mention_gender, speaker_type
from saidwhat.store.records import RoleSeen
from saidwhat.store.roles import clean_role, role_key, role_periods

# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    "written, type_, name, title, gender",
    [
        ("Rival Hillary Clinton", "PERSON", "Hillary Clinton", None, None),
        ("Crooked Hillary", "PERSON", "Hillary", None, None),
        ("Former President Bill Clinton", "PERSON", "Bill Clinton", "Former President", None),
        ("Mr. Obama", "PERSON", "Obama", None, "m"),
        ("Mrs. Clinton", "UNKNOWN", "Clinton", None, "f"),
        ("Obama's", "PERSON", "Obama", None, None),
        ("U.S. Secretary of State Mike Pompeo", "PERSON", "Mike Pompeo", "U.S. Secretary of State", None),
        (
            "Former Hewlett-Packard CEO Carly Fiorina",
            "ORG",
            "Carly Fiorina",
            "Former Hewlett-Packard CEO",
            None,
        ),
        ("Bashar al-Assad", "PERSON", "Bashar al-Assad", None, None),
        ("Conan O'Brien", "PERSON", "Conan O'Brien", None, None),
        ("Donald Trump Jr.", "PERSON", "Donald Trump Jr.", None, None),
        ("the State Department", "ORG", "State Department", None, None),
    ],
)
def test_clean_names_lose_what_is_not_a_name(written, type_, name, title, gender):
    clean = clean_name(written, type_)
    assert clean is not None
    assert (clean.name, clean.title, clean.gender) == (name, title, gender)


@pytest.mark.parametrize(
    "written, type_",
    [
        ("Hosting Cook", "PERSON"),  # a gerund opening the phrase
        ("Russia (Mr. King)", "UNKNOWN"),  # brackets
        ("As President Obama appears set to veto legislation", "PERSON"),  # a clause
        ("blunt and personal language from Mr. Obama", "UNKNOWN"),  # a lowercase phrase
        ("she", "PERSON"),
        ("Mrs.", "PERSON"),
        ("President", "PERSON"),  # a bare title names nobody
        ("Secretary of State", "PERSON"),
        ("official", "PERSON"),
        ("a Wisconsin Republican", "PERSON"),
        ("some", "GROUP"),
        ("75 percent of Democrats", "GROUP"),
        ("Mr. Trump's voters", "GROUP"),
        ("State Department and the Department of Homeland Security", "ORG"),
        ("the campaign", "ORG"),
        ("Mr. Morgan of the Sierra Club", "ORG"),
        ("", "PERSON"),
    ],
)
def test_what_does_not_look_like_a_name_is_refused(written, type_):
    assert clean_name(written, type_) is None


def test_keys_join_the_forms_of_one_name_only():
    assert (
        clean_name("Mike R. Pompeo", "PERSON").key == clean_name("MIKE POMPEO", "PERSON").key == "mike pompeo"
    )
    assert clean_name("Donald Trump Jr.", "PERSON").key == "donald trump jr"  # a son is not his father
    assert clean_name("Donald Trump Jr.", "PERSON").surname == "trump"
    assert clean_name("Obama", "PERSON").short and not clean_name("Barack Obama", "PERSON").short


@pytest.mark.parametrize(
    "written, given, settled",
    [
        ("Democrats", "UNKNOWN", "GROUP"),
        ("Nevada Democrats", "PERSON", "GROUP"),
        ("experts", "GROUP", "GROUP"),
        ("officials", "PERSON", "GROUP"),
        ("people", "UNKNOWN", "GROUP"),
        ("Justice Department", "PERSON", "ORG"),
        ("FBI", "UNKNOWN", "ORG"),
        ("Sanders", "UNKNOWN", "UNKNOWN"),  # a surname ending in s is no group
        ("Evans", "PERSON", "PERSON"),
    ],
)
def test_types_are_settled_by_the_kind_of_name(written, given, settled):
    assert speaker_type(written, given) == settled


def test_gender_from_honorific_or_pronoun_at_the_cue_before_the_extractor():
    assert mention_gender("m", "Bill Clinton", "she") == "f"  # "she believes", resolved to him
    assert mention_gender(None, "Clinton", "Mrs. Clinton") == "f"
    assert mention_gender(None, "Mr. Obama", "Obama") == "m"
    assert mention_gender("f", "Hillary Clinton", "Clinton") == "f"
    assert mention_gender(None, "Hillary Clinton", "the candidate") is None


# ---------------------------------------------------------------- roles


@pytest.mark.parametrize(
    "role", ["Mr.", "Mrs.", "(herself)", "41", "41-year-old", "aged 41", "“Crooked”", "she", ""]
)
def test_honorifics_pronouns_ages_and_nicknames_are_not_roles(role):
    assert clean_role(role) is None


def test_roles_are_titles_and_positions_normalised():
    assert clean_role("the environment minister") == "environment minister"
    assert clean_role("coach of the Sabres") == "coach of the Sabres"
    assert (
        role_key("US Secretary of State")
        == role_key("U.S. Secretary of State")
        == role_key("Secretary of State")
    )
    assert role_key("Sen.") == role_key("senator")
    assert role_key("former Secretary of State") != role_key("Secretary of State")


def test_one_role_is_shown_per_period():
    roles = [
        RoleSeen("CIA Director", "2017-01-23", "2018-04-20", 12),
        RoleSeen("congressman", "2017-02-01", "2017-02-01", 2),  # overlaps the directorship, given less
        RoleSeen("Secretary of State", "2018-04-26", "2021-01-20", 40),
        RoleSeen("spokesman", "2019-05-01", "2019-05-01", 1),  # given once
    ]
    shown = role_periods(roles)
    assert [r.role for r in shown] == ["CIA Director", "Secretary of State"]
    assert role_periods([RoleSeen("senator", None, None, 1)])[0].role == "senator"


# ---------------------------------------------------------------- identity rules


def link(
    n, key, *, gender="", role="", period="", statements=10, first=None, last=None, roles=(), type_="PERSON"
):
    words = key.split()
    short = len(words) == 1
    return Link(
        id=n,
        name_key=key,
        gender=gender,
        role_key=role,
        period=period,
        short=short,
        surname=words[0] if short else words[-1],
        first=None if short else words[0],
        type=type_,
        name=key.title(),
        statements=statements,
        first_date=first,
        last_date=last,
        roles=set(roles),
    )


def homes(links, decisions=None):
    return {x.name_key + ("|" + x.gender if x.gender else "") + (":" + x.period if x.period else ""): v for x, v in
            ((x, resolve(links, decisions or Decisions())[x.id]) for x in links)}  # fmt: skip


def test_a_surname_joins_the_only_full_name_in_its_window():
    links = [
        link(1, "barack obama", first="2016-01-04", last="2016-10-30", gender="m"),
        link(2, "obama", period="2016", first="2016-03-01", last="2016-03-01"),
    ]
    got = homes(links)
    assert (got["obama:2016"].home, got["obama:2016"].rule) == ("barack obama", "only-one-in-window")
    assert got["obama:2016"].evidence["candidates"][0]["speaker"] == "barack obama"


def test_a_surname_outside_the_window_stays_apart():
    links = [
        link(1, "barack obama", first="2016-01-04", last="2016-10-30"),
        link(2, "obama", period="2003", first="2003-03-01", last="2003-03-01"),
    ]
    got = homes(links)["obama:2003"]
    assert (got.home, got.rule) == ("obama", "no-full-name")
    assert got.evidence["excluded"]["window"] == ["barack obama"]


def test_two_clintons_honorifics_and_pronouns_decide():
    links = [
        link(1, "hillary clinton", gender="f", statements=700, first="2016-01-01", last="2016-11-08"),
        link(2, "bill clinton", gender="m", statements=80, first="2016-01-01", last="2016-11-08"),
        link(3, "clinton", gender="f", period="2016", first="2016-05-01", last="2016-05-01"),
        link(4, "clinton", gender="m", period="2016", first="2016-05-01", last="2016-05-01"),
        link(5, "clinton", period="2016", first="2016-05-01", last="2016-05-01"),
    ]
    got = homes(links)
    assert got["clinton|f:2016"].home == "hillary clinton"  # "Mrs." never joins a man
    assert got["clinton|m:2016"].home == "bill clinton"
    assert (got["clinton:2016"].home, got["clinton:2016"].rule) == ("hillary clinton", "dominant-in-window")


def test_without_a_dominant_candidate_a_surname_stays_its_own_speaker():
    links = [
        link(1, "john smith", statements=10, first="2020-01-01", last="2020-12-01"),
        link(2, "jane smith", gender="f", statements=8, first="2020-01-01", last="2020-12-01"),
        link(3, "smith", period="2020", first="2020-05-01", last="2020-05-01"),
    ]
    got = homes(links)["smith:2020"]
    assert (got.home, got.rule) == ("smith", "unresolved-surname")
    assert {c["speaker"] for c in got.evidence["candidates"]} == {"john smith", "jane smith"}


def test_the_same_role_picks_the_person():
    links = [
        link(1, "john smith", statements=10, roles={"senator"}, first="2020-01-01", last="2020-12-01"),
        link(2, "peter smith", statements=10, roles={"governor"}, first="2020-01-01", last="2020-12-01"),
        link(3, "smith", role="senator", period="2020", first="2020-05-01", last="2020-05-01"),
        link(4, "smith", role="mayor", period="2020", first="2020-05-01", last="2020-05-01"),
    ]
    got = resolve(links, Decisions())
    assert (got[3].home, got[3].rule) == ("john smith", "same-role")
    assert got[4].home == "smith"


def test_a_role_held_by_someone_the_gender_excluded_is_a_conflict():
    links = [
        link(
            1,
            "barack obama",
            gender="m",
            statements=100,
            roles={"president"},
            first="2016-01-01",
            last="2016-12-01",
        ),
        link(2, "michelle obama", gender="f", statements=5, first="2016-01-01", last="2016-12-01"),
        link(3, "obama", gender="f", role="president", period="2016", first="2016-05-01", last="2016-05-01"),
    ]
    got = resolve(links, Decisions())[3]
    assert (got.home, got.rule) == ("obama|f", "role-conflict")


def test_full_names_join_their_shorter_forms():
    links = [
        link(1, "hillary clinton", gender="f", statements=700),
        link(2, "hillary rodham clinton", statements=30),
        link(3, "joseph biden", statements=20, roles={"vice president"}),
        link(4, "joseph biden jr", statements=5, roles={"vice president"}),
        link(5, "donald trump", statements=900, roles={"nominee"}),
        link(6, "donald trump jr", statements=4, roles={"son"}),
        link(7, "geoff garin", statements=16),
        link(8, "geoffrey garin", statements=2),
    ]
    got = resolve(links, Decisions())
    assert (got[2].home, got[2].rule) == ("hillary clinton", "same-first-and-last-name")
    assert (got[4].home, got[4].rule) == ("joseph biden", "same-name-and-role")
    assert got[6].home == "donald trump jr"  # the son stays himself
    assert (got[7].home, got[7].rule) == ("geoffrey garin", "short-first-name")


def test_a_statement_whose_gender_contradicts_the_speaker_is_unresolved():
    links = [
        link(1, "bill clinton", gender="m", statements=20),
        link(2, "bill clinton", gender="f", statements=1),  # "she believes", resolved to him
    ]
    links[1].id = 2
    got = resolve(links, Decisions())
    assert got[1].home == "bill clinton"
    assert (got[2].home, got[2].rule) == (None, "gender-conflict")


def test_manual_decisions_win_and_the_latest_counts():
    d = [
        Decision(1, "merge", "obama", "barack obama", None, "ana", "2024-01-01T00:00:00+00:00"),
        Decision(
            2, "split", "hillary rodham clinton", "hillary clinton", None, "ana", "2024-01-02T00:00:00+00:00"
        ),
        Decision(
            3,
            "alias-file",
            "bernie sanders",
            "bernard sanders",
            "Bernard Sanders",
            "bo",
            "2024-01-03T00:00:00+00:00",
        ),
    ]
    links = [
        link(1, "barack obama", first="2016-01-01", last="2016-02-01"),
        link(2, "obama", period="1990", first="1990-01-01", last="1990-01-01"),  # far outside any window
        link(3, "hillary clinton"),
        link(4, "hillary rodham clinton"),
        link(5, "bernie sanders"),
    ]
    got = resolve(links, Decisions.of(d))
    assert (got[2].home, got[2].rule, got[2].actor) == ("barack obama", "merge", "ana")
    assert got[4].home == "hillary rodham clinton"  # kept apart by hand
    assert (got[5].home, got[5].rule) == ("bernard sanders", "alias-file")
    undone = Decisions.of(
        [*d, Decision(4, "split", "obama", "barack obama", None, "bo", "2024-02-01T00:00:00+00:00")]
    )
    assert resolve(links, undone)[2].home == "obama"


def test_gender_settles_on_the_evidence_then_the_first_name():
    assert settle_gender(9, 1, None) == "m"
    assert settle_gender(1, 1, "f") == "f"
    assert settle_gender(2, 2, None) is None
    assert settle_gender(0, 1, None) == "f"
