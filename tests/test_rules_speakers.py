"""Speaker resolution, fed mention records directly: no parse, no model.

Each test reads like a short article: the names it registers (``observe``) and the
source mentions it resolves, in text order.
"""

from __future__ import annotations

from dataclasses import replace

from saidwhat.attribution.mentions import Mention
from saidwhat.attribution.speakers import RECENT, SpeakerResolver, bare_title, role_words

_at = 0


def m(text: str, **kw) -> Mention:
    """A mention at the next position; ``name`` defaults to ``text`` for a named one."""
    global _at
    _at += 100
    kw.setdefault("type", "UNKNOWN")
    return Mention(
        span=(_at, _at + len(text)),
        text=text,
        name=kw.pop("name", None),
        name_span=(_at, _at + len(text)) if "name_span" not in kw else kw.pop("name_span"),
        role=kw.pop("role", None),
        **kw,
    )


def named(text: str, **kw) -> Mention:
    return m(text, name=text, **kw)


def test_a_short_name_resolves_to_the_full_name():
    r = SpeakerResolver()
    r.resolve(named("Mike Pompeo", type="PERSON", role="Secretary of State"), 0)
    s = r.resolve(named("Pompeo"), 1)
    assert (s.name, s.role) == ("Mike Pompeo", "Secretary of State")


def test_a_woman_never_joins_a_man_of_the_same_surname():
    r = SpeakerResolver()
    r.observe(named("Bill Clinton", type="PERSON", gender="m"))
    r.observe(named("Hillary Clinton", type="PERSON", gender="f"))
    r.observe(named("Bill Clinton", type="PERSON", gender="m"))  # the latest named
    s = r.resolve(named("Clinton", gender="f"), 0)  # "Mrs. Clinton"
    assert s.name == "Hillary Clinton" and s.gender == "f"


def test_she_resolves_to_the_latest_woman_not_the_latest_person():
    r = SpeakerResolver()
    r.resolve(named("Ana Ruiz", type="PERSON", gender="f", subject=True), 0)
    r.observe(named("Omar Haddad", type="PERSON", gender="m", subject=True))
    s = r.resolve(m("she", pronoun="she", gender="f", type="PERSON", subject=True), 0)
    assert s.name == "Ana Ruiz"


def test_alternating_pronouns_keep_the_turns():
    r = SpeakerResolver()
    r.observe(named("Ana Ruiz", type="PERSON", gender="f", subject=True))
    r.observe(named("Omar Haddad", type="PERSON", gender="m", subject=True))
    turns = [("he", "m"), ("she", "f"), ("he", "m"), ("she", "f")]
    names = [
        r.resolve(m(p, pronoun=p, gender=g, type="PERSON", subject=True), k).name
        for k, (p, g) in enumerate(turns)
    ]
    assert names == ["Omar Haddad", "Ana Ruiz", "Omar Haddad", "Ana Ruiz"]


def test_the_chief_is_the_person_introduced_as_chief():
    r = SpeakerResolver()
    r.observe(named("Ana Ruiz", type="PERSON", role="city's fire chief"))
    r.observe(named("Omar Haddad", type="PERSON", role="treasurer"))
    s = r.resolve(m("chief", head="chief", definite=True, type="PERSON"), 1)
    assert s.name == "Ana Ruiz" and s.role == "city's fire chief"


def test_the_utility_is_the_organisation_described_as_one():
    r = SpeakerResolver()
    r.observe(named("Northwind Energy", type="ORG", head="utility"))
    r.observe(named("Harbor Council", type="ORG"))
    s = r.resolve(m("utility", head="utility", definite=True, type="ORG"), 1)
    assert (s.name, s.type) == ("Northwind Energy", "ORG")


def test_the_agency_is_an_organisation_whose_name_makes_it_one():
    r = SpeakerResolver()
    r.observe(named("Federal Aviation Administration", type="ORG"))
    s = r.resolve(m("agency", head="agency", definite=True, type="ORG"), 1)
    assert s.name == "Federal Aviation Administration"


def test_an_undescribed_description_stays_as_written():
    r = SpeakerResolver()
    r.observe(named("Harbor Council", type="ORG"))
    s = r.resolve(m("utility", head="utility", definite=True, type="ORG"), 1)
    assert (s.name, s.type) == ("utility", "ORG")


def test_a_spokesperson_for_x_is_x():
    r = SpeakerResolver()
    ministry = named("Ministry of Health", type="ORG")
    s = r.resolve(
        m("A spokesperson for the Ministry of Health", head="spokesperson", type="ORG", behalf=ministry), 0
    )
    assert s.name == "Ministry of Health"


def test_a_bare_spokesperson_speaks_for_the_organisation_last_the_subject():
    r = SpeakerResolver()
    r.observe(named("Customs and Border Protection", type="ORG", subject=True))
    r.observe(named("Homeland Security", type="ORG"))  # named since, but not the subject
    s = r.resolve(m("spokesperson", head="spokesperson", type="PERSON"), 0)
    assert s.name == "Customs and Border Protection"


def test_the_statement_resolves_to_whoever_issued_it_and_is_never_a_speaker():
    r = SpeakerResolver()
    assert r.resolve(m("statement", head="statement", definite=True), 0) is None
    union = r.resolve(named("Harbor Workers Union", type="ORG"), 0)
    r.issued("statement", r.entity_of(union))
    assert r.resolve(m("statement", head="statement", definite=True), 1).name == "Harbor Workers Union"


def test_a_report_owned_by_someone_is_theirs_and_remembered_as_issued():
    r = SpeakerResolver()
    ministry = named("Ministry of Finance", type="ORG")
    s = r.resolve(m("the ministry's report", head="report", behalf=ministry), 0)
    assert s.name == "Ministry of Finance"
    assert r.resolve(m("report", head="report", definite=True), 1).name == "Ministry of Finance"


def test_it_takes_an_organisation_and_they_a_group():
    r = SpeakerResolver()
    r.observe(named("Harbor Council", type="ORG", subject=True))
    assert r.resolve(m("it", pronoun="it", subject=True), 0).name == "Harbor Council"
    r.resolve(m("officials", head="officials", type="GROUP", subject=True), 0)
    assert r.resolve(m("they", pronoun="they", type="GROUP", subject=True), 0).name in (
        "officials",
        "Harbor Council",
    )


def test_an_organisation_name_never_joins_a_person_by_surname():
    r = SpeakerResolver()
    r.observe(named("Jack York", type="PERSON"))
    s = r.resolve(named("Bank of New York", type="ORG"), 0)
    assert (s.name, s.type) == ("Bank of New York", "ORG")


def test_role_words():
    assert role_words("the city's fire chief") >= {"chief"}
    assert "secretary" in role_words("Secretary of State")
    # "the state" is not Ohio's Secretary of State
    assert "secretary" in role_words("Ohio Secretary of State") and "state" not in role_words(
        "Ohio Secretary of State"
    )


def test_the_president_is_the_one_who_holds_the_title_alone():
    # "President Ana Ruiz ... Omar Haddad, president of the farmers' union, ... the president said"
    r = SpeakerResolver()
    r.observe(named("Ana Ruiz", type="PERSON", role="President"))
    r.observe(named("Omar Haddad", type="PERSON", role="president of the farmers' union"))
    s = r.resolve(m("the president", head="president", definite=True, type="PERSON"), 0)
    assert s.name == "Ana Ruiz"


def test_a_president_of_something_is_the_president_when_no_one_holds_the_title_alone():
    r = SpeakerResolver()
    r.observe(named("Omar Haddad", type="PERSON", role="president of the farmers' union"))
    r.observe(named("Lena Park", type="PERSON", role="treasurer"))
    s = r.resolve(m("the president", head="president", definite=True, type="PERSON"), 0)
    assert s.name == "Omar Haddad"


def test_bare_titles():
    assert bare_title("U.S. President") == "president"
    assert bare_title("former President") is None  # "the president" is the one in office
    assert bare_title("president of the farmers' union") is None


def test_he_takes_up_the_main_clause_subject_of_the_latest_sentence():
    # "Lee declined to say whether Park slept the night Cole died. “...,” he said."
    r = SpeakerResolver()
    r.resolve(named("Tom Lee", type="PERSON", gender="m", subject=True, main=True, sentence=0), 0)
    r.observe(named("Jon Park", type="PERSON", gender="m", subject=True, main=False, sentence=0))
    r.observe(named("Ray Cole", type="PERSON", gender="m", subject=True, main=False, sentence=0))
    s = r.resolve(m("he", pronoun="he", gender="m", type="PERSON"), 0)
    assert s.name == "Tom Lee"
    # a later sentence's subject, main or not, comes first
    r.observe(named("Jon Park", type="PERSON", gender="m", subject=True, main=False, sentence=900))
    s = r.resolve(m("he", pronoun="he", gender="m", type="PERSON"), 0)
    assert s.name == "Jon Park"


def test_records_nobody_was_said_to_issue_are_nobodys():
    # "Lee said in a news release ... According to prison records, ...": not Lee's records
    r = SpeakerResolver()
    lee = r.resolve(named("Tom Lee", type="PERSON"), 0)
    r.issued("release", r.entity_of(lee))
    assert r.resolve(m("prison records", head="records"), 1) is None
    assert r.resolve(m("the report", head="report", definite=True), 1).name == "Tom Lee"


def test_a_name_used_as_a_modifier_is_no_one_he_could_be():
    # "A New York man pleaded guilty to charges he threatened ..."
    r = SpeakerResolver()
    r.observe(named("New York", modifier=True))
    assert r.resolve(m("he", pronoun="he", gender="m", type="PERSON"), 0) is None


def test_a_speaker_named_by_a_pronoun_or_a_missed_name_becomes_the_subject_again():
    # "Lee said Park's plan would fail. “...,” he said." he is Lee, the main clause's subject,
    # though the tagger missed his name ("Lee" as a common noun) and Park was named after him
    r = SpeakerResolver()
    r.observe(named("Tom Lee", type="PERSON", gender="m", subject=True, main=True, sentence=0))
    r.resolve(m("Lee", head="lee", type="UNKNOWN", subject=True, main=True, sentence=500), 1)
    r.observe(named("Jon Park", type="PERSON", gender="m", subject=True, main=False, sentence=500))
    s = r.resolve(m("he", pronoun="he", gender="m", type="PERSON", subject=True), 2)
    assert s.name == "Tom Lee"


def test_an_organisation_word_before_a_document_names_its_issuer():
    # "the U.S. Attorney's Office announced ... according to the office release"
    r = SpeakerResolver()
    r.observe(named("U.S. Attorney's Office", type="ORG", head="office"))
    s = r.resolve(m("the office release", head="release", definite=True), 1)
    assert s.name == "U.S. Attorney's Office"


def _report(text: str, source: Mention, **kw):
    from saidwhat.attribution.records import Report

    start = text.index("that")
    return Report(
        kind="indirect",
        content=[(start, len(text))],
        cue=[(text.index("told"), text.index("told") + 4)],
        source=source,
        frame="clause",
        score=0.9,
        **kw,
    )


def test_a_stance_for_a_thing_is_speech_again_when_its_subject_is_someone():
    # "Marques" tagged as a common noun looked like a thing ("uncertainty weighs"), and
    # made "told ... that" a stance; it resolves to Rui Marques, so it is speech
    from saidwhat.attribution.assemble import assemble

    text = "Union leader Rui Marques spoke. Marques told reporters that talks had failed"
    full = Mention((13, 24), "Rui Marques", "Rui Marques", (13, 24), "union leader", "PERSON")
    found = Mention((32, 39), "Marques", None, None, None, "UNKNOWN", head="marques")
    (a,) = assemble(text, [_report(text, found, act="stance", spoken_act="speech")], [full])
    assert (a.speaker.name, a.act) == ("Rui Marques", "speech")
    thing = Mention((32, 39), "Marques", None, None, None, "UNKNOWN", head="uncertainty")
    (a,) = assemble(text, [_report(text, thing, act="stance", spoken_act="speech")], [])
    assert a.act == "stance"  # nothing named it: a thing it stays


def test_role_words_keep_a_word_ending_in_s():
    # only a possessive "'s" is taken off: "the boss" refers back to a "campaign boss"
    assert role_words("campaign boss") >= {"boss"} and "bo" not in role_words("campaign boss")


def test_a_subject_named_by_a_description_is_the_one_he_takes_up():
    # "President Ana Ruiz ... Omar Haddad, one of her aides, recalled ... The
    # president's roots came into play. In Lima, she told ..."
    r = SpeakerResolver()
    r.observe(
        named("Ana Ruiz", type="PERSON", role="President", gender="f", subject=True, main=True, sentence=0)
    )
    r.observe(named("Eva Haddad", type="PERSON", gender="f", subject=True, main=True, sentence=100))
    description = m(
        "The president's", head="president", definite=True, type="PERSON", subject=True, main=True
    )
    r.observe(replace(description, sentence=description.start))
    s = r.resolve(
        m("she", pronoun="she", gender="f", type="PERSON", subject=True, main=True, sentence=10**6), 1
    )
    assert s.name == "Ana Ruiz"


def test_a_name_made_fuller_is_split_again():
    # an entity's words are kept with the name they were split from: "Pompeo" becomes
    # "Mike Pompeo", and both "Mike" and "Pompeo" then find it
    r = SpeakerResolver()
    short = r.observe(named("Pompeo", type="PERSON"))
    assert short is not None and short.tokens == ["Pompeo"]
    full = r.observe(named("Mike Pompeo", type="PERSON"))
    assert full is short and full.tokens == ["Mike", "Pompeo"]
    assert r.resolve(named("Mike"), 0).name == "Mike Pompeo"


def test_only_the_latest_entities_are_weighed_and_a_touch_makes_one_the_latest():
    r = SpeakerResolver()
    first = r.observe(named("Ana Ruiz", type="PERSON"))
    for k in range(RECENT):
        r.observe(named(f"Org{k} Group", type="ORG"))
    assert first not in r._recently() and len(r._recently()) == RECENT
    again = r.observe(named("Ruiz"))
    assert again is first and r._recently()[0] is first and len(r._recently()) == RECENT


def test_a_one_word_name_finds_its_entity_once_among_many():
    r = SpeakerResolver()
    r.observe(named("Lee Chang", type="PERSON"))
    r.observe(named("Lee Park", type="PERSON"))
    assert r.resolve(named("Lee"), 0).name == "Lee Park"  # the most recently named
    assert r.resolve(named("Chang"), 0).name == "Lee Chang"


def test_an_organisation_keeps_the_words_of_its_fuller_name_as_descriptions():
    # "Authority" first, then "the Harbor Authority": "the authority" finds the organisation
    r = SpeakerResolver()
    r.observe(named("Authority"))
    ent = r.observe(named("Harbor Authority", type="ORG"))
    assert ent is not None and ent.name == "Harbor Authority" and "authority" in ent.descriptions
    s = r.resolve(m("the authority", head="authority", type="ORG", definite=True), 1)
    assert s.name == "Harbor Authority"


def test_a_name_finds_the_names_it_begins_ends_or_completes_and_no_other():
    r = SpeakerResolver()
    full = r.observe(named("Hillary Rodham Clinton", type="PERSON"))
    assert r.observe(named("Hillary")) is full  # it begins the name
    assert r.observe(named("Rodham Clinton")) is full  # it ends it
    assert r.observe(named("Rodham")) is not full  # inside it: someone else
    short = r.observe(named("Lopez", type="PERSON"))
    assert r.observe(named("Maria Lopez")) is short  # it completes a shorter one
    assert short.name == "Maria Lopez" and short.tokens == ["Maria", "Lopez"]
    assert r.observe(named("Ana Maria")) is not short  # a word in common is not enough


def test_a_name_first_seen_in_a_quotation_is_registered_but_not_seen_where_it_stands():
    r = SpeakerResolver()
    ent = r.observe(named("Ana Ruiz", type="PERSON", subject=True), quoted=True)
    assert ent is not None and r._recently() == [ent]
    assert ent.last_seen == 0 and ent.last_subject == -1
    she = r.resolve(m("she", pronoun="she", gender="f", type="PERSON"), 0)
    assert she is not None and she.name == "Ana Ruiz"  # named before, though in a quotation
