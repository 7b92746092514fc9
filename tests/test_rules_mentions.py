"""Speaker mentions on hand-built parses: names, roles, types, on whose behalf.

No model: each parse was printed by ``scripts/parse-spec`` and frozen here.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from parse_support import parse
from saidwhat.attribution.mentions import _run_head, mention, names
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.runs import _has_alnum, _sentence_initial_word, noun_phrase, trimmed, words_of
from saidwhat.attribution.vocabulary import is_clean_role, is_outlet, looks_like_name, strip_leading


def subject(spec: str, i: int):
    return mention(parse(spec)[i])


def test_epithets_are_not_part_of_a_name():
    m = subject(
        "Rival/NN/compound/2 Hillary/NNP/compound/2 Clinton/NNP/nsubj/3 said/VBD/ROOT/3 the/DT/det/5 plan/NN/nsubj/6 "
        "was/VBD/ccomp/3 wrong/JJ/acomp/6 ././punct/3",
        2,
    )
    assert (m.name, m.type) == ("Hillary Clinton", "PERSON")


def test_an_honorific_gives_gender_and_is_neither_name_nor_role():
    m = subject(
        "Mrs./NNP/compound/1 Clinton/NNP/nsubj/2 said/VBD/ROOT/2 the/DT/det/4 plan/NN/nsubj/5 was/VBD/ccomp/2 "
        "wrong/JJ/acomp/5 ././punct/2",
        1,
    )
    assert (m.name, m.role, m.gender) == ("Clinton", None, "f")


@pytest.mark.parametrize(("honorific", "gender"), [("MR.", "m"), ("Ms", "f"), ("Dr.", None)])
def test_an_honorific_in_any_case_gives_gender_unless_it_tells_none(honorific, gender):
    m = subject(
        f"{honorific}/NNP/compound/1 Okafor/NNP/nsubj/2 said/VBD/ROOT/2 it/PRP/nsubj/4 rained/VBD/ccomp/2 "
        "././punct/2",
        1,
    )
    assert (m.name, m.gender) == ("Okafor", gender)


def test_apposed_role_is_kept():
    m = subject(
        "Ana/NNP/compound/1 Ruiz/NNP/nsubj/9 ,/,/punct/1 the/DT/det/4 city/NN/poss/7 's/POS/case/4 fire/NN/compound/7 "
        "chief/NN/appos/1 ,/,/punct/1 said/VBD/ROOT/9 the/DT/det/11 station/NN/nsubj/13 would/MD/aux/13 "
        "close/VB/ccomp/9 ././punct/9",
        1,
    )
    assert (m.name, m.role, m.type) == ("Ana Ruiz", "city's fire chief", "PERSON")


def test_an_age_is_not_a_role():
    m = subject(
        "Michael/NNP/compound/1 Thomas/NNP/nsubj/5 ,/,/punct/1 41/CD/appos/1 ,/,/punct/1 said/VBD/ROOT/5 "
        "he/PRP/nsubj/7 was/VBD/ccomp/5 sorry/JJ/acomp/7 ././punct/5",
        1,
    )
    assert (m.name, m.role) == ("Michael Thomas", None)


def test_organisation_names_are_read_whole_without_ner():
    m = subject(
        "The/DT/det/1 Department/NNP/nsubj/7 of/IN/prep/1 Health/NNP/pobj/2 and/CC/cc/3 Human/NNP/compound/6 "
        "Services/NNPS/conj/3 said/VBD/ROOT/7 the/DT/det/9 rules/NNS/nsubj/11 would/MD/aux/11 change/VB/ccomp/7 "
        "././punct/7",
        1,
    )
    assert (m.name, m.type) == ("Department of Health and Human Services", "ORG")
    m = subject(
        "Smith/NNP/nsubj/5 &/CC/cc/0 Wesson/NNP/compound/4 Brands/NNPS/compound/4 Inc./NNP/conj/0 said/VBD/ROOT/5 "
        "sales/NNS/nsubj/7 fell/VBD/ccomp/5 ././punct/5",
        0,
    )
    assert (m.name, m.type) == ("Smith & Wesson Brands Inc.", "ORG")


def test_a_person_with_a_title_that_names_an_organisation_stays_a_person():
    m = subject(
        "White/NNP/compound/3 House/NNP/compound/3 Press/NNP/compound/3 Secretary/NNP/compound/5 Sean/NNP/compound/5 "
        "Spicer/NNP/nsubj/6 said/VBD/ROOT/6 it/PRP/nsubj/8 was/VBD/ccomp/6 fine/JJ/acomp/8 ././punct/6",
        5,
    )
    assert (m.name, m.role, m.type) == ("Sean Spicer", "White House Press Secretary", "PERSON")


def test_a_spokesperson_speaks_for_the_organisation():
    m = subject(
        "A/DT/det/1 spokesperson/NN/nsubj/5 for/IN/prep/1 the/DT/det/4 ministry/NN/pobj/2 said/VBD/ROOT/5 "
        "the/DT/det/7 talks/NNS/nsubj/9 had/VBD/aux/9 ended/VBN/ccomp/5 ././punct/5",
        1,
    )
    assert m.behalf is not None and m.behalf.head == "ministry" and m.behalf.definite


@pytest.mark.parametrize(
    ("spec", "at", "document", "owner"),
    [
        (
            "The/DT/det/1 ministry/NN/poss/3 's/POS/case/1 report/NN/nsubj/4 found/VBD/ROOT/4 that/IN/mark/7 "
            "prices/NNS/nsubj/7 rose/VBD/ccomp/4 ././punct/4",
            3,
            "report",
            "ministry",
        ),
        # a plural document head ("statements") from someone: the on-behalf rule is asked
        # only for a spokesperson or document head
        (
            "Statements/NNS/nsubj/4 from/IN/prep/0 the/DT/det/3 union/NN/pobj/1 said/VBD/ROOT/4 "
            "talks/NNS/nsubj/6 ended/VBD/ccomp/4 ././punct/4",
            0,
            "statements",
            "union",
        ),
    ],
)
def test_a_document_speaks_for_its_owner(spec, at, document, owner):
    m = subject(spec, at)
    assert m.head == document and m.behalf is not None and m.behalf.head == owner


def test_an_organisation_described_by_an_apposition_knows_its_description():
    m = subject(
        "Northwind/NNP/compound/1 Energy/NNP/nsubj/9 ,/,/punct/1 the/DT/det/4 region/NN/poss/7 's/POS/case/4 "
        "largest/JJS/amod/7 utility/NN/appos/1 ,/,/punct/1 raised/VBD/ROOT/9 prices/NNS/dobj/9 ././punct/9",
        1,
    )
    assert (m.name, m.type, m.head) == ("Northwind Energy", "ORG", "utility")


def test_a_definite_description_is_marked_definite_with_its_head():
    m = subject(
        "The/DT/det/1 utility/NN/nsubj/2 said/VBD/ROOT/2 costs/NNS/nsubj/5 had/VBD/aux/5 grown/VBN/ccomp/2 ././punct/2",
        1,
    )
    assert (m.name, m.head, m.definite, m.type) == (None, "utility", True, "ORG")


def test_a_sentence_initial_gerund_is_not_a_name():
    doc = parse(
        "Hosting/NNP/compound/1 Cook/NNP/nsubj/2 joked/VBD/ROOT/2 that/IN/mark/5 he/PRP/nsubj/5 sang/VBD/ccomp/2 ././punct/2"
    )
    assert mention(doc[1]).name == "Cook"


def test_party_members_are_a_group():
    doc = parse("Democrats/NNPS/nsubj/1 said/VBD/ROOT/1 it/PRP/nsubj/3 failed/VBD/ccomp/1 ././punct/1")
    assert mention(doc[0]).type == "GROUP"


def test_names_lists_people_and_organisations_once():
    doc = parse(
        "The/DT/det/1 Department/NNP/nsubj/7 of/IN/prep/1 Health/NNP/pobj/2 and/CC/cc/3 Human/NNP/compound/6 "
        "Services/NNPS/conj/3 hired/VBD/ROOT/7 Ana/NNP/compound/9 Ruiz/NNP/dobj/7 ././punct/7"
    )
    assert [m.name for m in names(doc)] == ["Department of Health and Human Services", "Ana Ruiz"]


@pytest.mark.parametrize(
    "text, clean",
    [
        ("Hillary Clinton", True),
        ("Smith & Wesson Brands Inc.", True),
        ("Office of the Attorney General for the Eastern District", True),
        ("As President Obama appears set to veto legislation", False),
        ("blunt and personal language from Mr. Obama", False),
        ("Mrs.", False),
    ],
)
def test_what_looks_like_a_name(text, clean):
    assert looks_like_name(text) is clean


@pytest.mark.parametrize(
    "role, clean",
    [("Secretary of State", True), ("the city's fire chief", True), ("41", False), ("Mr.", False),
     ("(herself)", False), ("November 3, 2019", False), ("surveillance authority extension", False)],
)  # fmt: skip
def test_what_is_a_role(role, clean):
    assert is_clean_role(role) is clean


def test_leading_epithets_and_honorifics_are_stripped():
    assert strip_leading("Rival Hillary Clinton".split()) == ["Hillary", "Clinton"]
    assert strip_leading(["Mr.", "Obama"]) == ["Obama"]


def test_outlets():
    assert is_outlet("the Associated Press") and is_outlet("Reuters") and not is_outlet("Northwind Energy")


def test_a_main_clause_subject_is_told_from_one_inside_it():
    # "Figgins declined to say whether Thomas slept on the night Epstein died. “...,” he said":
    # he is Figgins, whose clause it is, not a subject of a clause inside it
    doc = parse(
        "Figgins/NNP/nsubj/1 declined/VBD/ROOT/1 to/TO/aux/3 say/VB/xcomp/1 whether/IN/mark/6 Thomas/NNP/nsubj/6 "
        "slept/VBD/ccomp/3 on/IN/prep/6 the/DT/det/9 night/NN/pobj/7 Epstein/NNP/nsubj/11 died/VBD/relcl/9 "
        "././punct/1"
    )
    found = [mention(doc[i]) for i in (0, 5, 10)]
    assert [(m.subject, m.main, m.sentence) for m in found] == [
        (True, True, 0),
        (True, False, 0),
        (True, False, 0),
    ]


def test_a_name_used_as_a_modifier_is_marked_so():
    # "A New York man pleaded guilty to charges he threatened ...": "he" is not New York
    doc = parse(
        "A/DT/det/3 New/NNP/compound/2 York/NNP/compound/3 man/NN/nsubj/4 pleaded/VBD/ROOT/4 guilty/JJ/acomp/4 "
        "to/IN/prep/5 Judge/NNP/compound/9 Ana/NNP/compound/9 Ruiz/NNP/pobj/6 ././punct/4"
    )
    assert [(m.name, m.modifier) for m in names(doc)] == [("New York", True), ("Ana Ruiz", False)]


def test_the_owner_of_a_subject_is_salient_as_its_subject():
    # "Mr. Trump's embrace is not limited to China. He has ...": he is Mr. Trump
    doc = parse(
        "Mr./NNP/compound/1 Trump/NNP/poss/3 ’s/POS/case/1 embrace/NN/nsubjpass/6 is/VBZ/auxpass/6 not/RB/neg/6 "
        "limited/VBN/ROOT/6 to/IN/prep/6 China/NNP/pobj/7 ././punct/6"
    )
    m = mention(doc[1])
    assert (m.name, m.subject, m.main) == ("Trump", True, True)


def test_the_owner_of_an_object_or_of_a_subordinate_subject_is_no_main_subject():
    # "Ana Ruiz read Lee's report. Kim said Park's aide left.": Lee owns an object;
    # Park's aide is the subject of a clause inside Kim's
    doc = parse(
        "Ana/NNP/compound/1 Ruiz/NNP/nsubj/2 read/VBD/ROOT/2 Lee/NNP/poss/5 ’s/POS/case/3 report/NN/dobj/2 "
        "././punct/2 Kim/NNP/nsubj/8 said/VBD/ROOT/8 Park/NNP/poss/11 ’s/POS/case/9 aide/NN/nsubj/12 "
        "left/VBD/ccomp/8 ././punct/8"
    )
    found = [mention(doc[i]) for i in (3, 9)]
    assert [(m.name, m.subject, m.main, m.sentence) for m in found] == [
        ("Lee", False, False, -1),
        ("Park", True, False, doc[7].idx),
    ]


def test_a_name_ending_in_an_organisation_word_is_an_organisation_whatever_title_precedes():
    m = subject(
        "The/DT/det/2 U.S./NNP/compound/2 Attorney/NNP/poss/4 ’s/POS/case/2 Office/NNP/nsubj/12 for/IN/prep/4 "
        "the/DT/det/8 Western/NNP/compound/8 District/NNP/pobj/5 of/IN/prep/8 New/NNP/compound/11 York/NNP/pobj/9 "
        "announced/VBD/ROOT/12 the/DT/det/14 plea/NN/dobj/12 ././punct/12",
        4,
    )
    assert (m.name, m.type, m.role) == (
        "U.S. Attorney’s Office for the Western District of New York",
        "ORG",
        None,
    )


def test_an_organisation_name_runs_back_across_and():
    doc = parse(
        "The/DT/det/2 manual/NN/compound/2 of/IN/prep/1 the/DT/det/7 Citizenship/NNP/nmod/7 and/CC/cc/4 "
        "Immigration/NNP/conj/4 Services/NNPS/pobj/2 says/VBZ/ROOT/8 so/RB/advmod/8 ././punct/8"
    )
    assert "Citizenship and Immigration Services" in [m.name for m in names(doc)]


def test_a_kind_of_organisation_is_a_description_not_a_name():
    # "a pro-Rubio super PAC unleashed an ad": which PAC is for the resolver to say
    m = subject(
        "A/DT/det/5 pro/JJ/amod/5 -/JJ/amod/5 Rubio/JJ/amod/5 super/JJ/amod/5 PAC/NNP/nsubj/6 unleashed/VBD/ROOT/6 "
        "an/DT/det/8 ad/NN/dobj/6 ././punct/6",
        5,
    )
    assert (m.name, m.type, m.head, m.role) == (None, "ORG", "pac", None)
    m = subject("The/DT/det/1 Pentagon/NNP/nsubj/2 said/VBD/ROOT/2 so/RB/advmod/2 ././punct/2", 1)
    assert (m.name, m.type) == ("Pentagon", "ORG")  # an institution's name on its own


def test_words_shaped_like_person_nouns_are_not_roles():
    assert not is_clean_role("super") and not is_clean_role("other")
    assert is_clean_role("campaign manager") and is_clean_role("treasurer")


def test_a_title_of_something_is_the_role_not_part_of_the_name():
    doc = parse(
        "Secretary/NNP/compound/4 of/IN/prep/0 State/NNP/pobj/1 Mike/NNP/compound/4 Pompeo/NNP/nsubj/5 "
        "said/VBD/ROOT/5 so/RB/advmod/5 ././punct/5"
    )
    found = names(doc)
    assert [(m.name, m.role) for m in found] == [("Mike Pompeo", "Secretary of State")]


def test_a_preposition_starting_a_sentence_is_no_part_of_a_name():
    # the tagger's "Beyond/NNP Trump/NNP 's personal finances is ..."
    doc = parse(
        "Beyond/NNP/compound/1 Trump/NNP/poss/4 's/POS/case/1 personal/JJ/amod/4 finances/NNS/nsubj/5 "
        "matter/VBP/ROOT/5 ././punct/5"
    )
    assert [m.name for m in names(doc)] == ["Trump"]


def test_a_kind_of_organisation_with_its_name_beside_it_is_that_organisation():
    m = subject(
        "The/DT/det/2 super/JJ/amod/2 PAC/NNP/nsubj/8 ,/,/punct/2 Priorities/NNP/compound/6 USA/NNP/compound/6 "
        "Action/NNP/appos/2 ,/,/punct/2 said/VBD/ROOT/8 so/RB/advmod/8 ././punct/8",
        2,
    )
    assert (m.name, m.type, m.text) == ("Priorities USA Action", "ORG", "super PAC, Priorities USA Action")


def test_a_middle_initial_the_tagger_took_for_a_common_noun_is_part_of_the_name():
    m = subject(
        "Julie/NNP/compound/3 A./NN/compound/3 Diaz/NNP/compound/3 Martinez/NNP/nsubj/4 said/VBD/ROOT/4 "
        "so/RB/advmod/4 ././punct/4",
        3,
    )
    assert m.name == "Julie A. Diaz Martinez"


def test_a_definite_description_owning_a_subject_is_read_as_a_subject_mention():
    # "The president's roots came into play": the president is what the sentence is about
    doc = parse(
        "The/DT/det/1 president/NN/poss/3 's/POS/case/1 roots/NNS/nsubj/4 came/VBD/ROOT/4 into/IN/prep/4 "
        "play/NN/pobj/5 ././punct/4"
    )
    (d,) = [x for x in names(doc) if x.head == "president"]
    assert d.subject and d.definite and d.name is None


def test_a_quotation_the_parser_hung_on_the_name_is_not_part_of_it():
    # "“That is fair,” Ruiz, 69, told CNN": the quotation is a ccomp of "Ruiz"
    doc = parse(
        "“/``/punct/6 That/DT/nsubj/2 is/VBZ/ccomp/6 fair/JJ/acomp/2 ,/,/punct/6 ”/''/punct/6 Ruiz/NNP/nsubj/10 "
        ",/,/punct/6 69/CD/appos/6 ,/,/punct/6 told/VBD/ROOT/10 CNN/NNP/dobj/10 ././punct/10"
    )
    m = mention(doc[6])
    assert m.text == "Ruiz" and m.name == "Ruiz"


def test_a_name_runs_only_across_spaces():
    # "Ana Ruiz met LeeChang": words written together are not one name's words
    doc = Doc(
        parse("x/NN/ROOT/0").vocab,
        words=["Ana", "Ruiz", "met", "Lee", "Chang", "."],
        spaces=[True, True, True, False, False, False],
        tags=["NNP", "NNP", "VBD", "NNP", "NNP", "."],
        deps=["compound", "nsubj", "ROOT", "compound", "dobj", "punct"],
        heads=[1, 2, 2, 4, 2, 2],
    )
    found = [(m.name, m.name_span) for m in names(doc)]
    assert found == [("Ana Ruiz", (0, 8)), ("Lee", (13, 16)), ("Chang", (16, 21))]


def test_a_subjects_sentence_is_where_its_own_sentence_starts():
    # "Ana Ruiz spoke. Then Lee agreed. Kim left.": each subject knows its sentence's start
    doc = parse(
        "Ana/NNP/compound/1 Ruiz/NNP/nsubj/2 spoke/VBD/ROOT/2 ././punct/2 "
        "Then/RB/advmod/6 Lee/NNP/nsubj/6 agreed/VBD/ROOT/6 ././punct/6 Kim/NNP/nsubj/9 left/VBD/ROOT/9 ././punct/9"
    )
    found = [(m.name, m.sentence) for m in names(doc)]
    assert found == [("Ana Ruiz", 0), ("Lee", doc[4].idx), ("Kim", doc[8].idx)]
    # the same read from the sentence starts a paragraph records with its Doc
    doc.user_data.clear()
    Paragraph.read(doc, 0, 0, [])
    assert [(m.name, m.sentence) for m in names(doc)] == found


def test_a_name_beside_an_organisation_word_is_no_apposed_person():
    # the apposed-name rule is not asked of a head that names an organisation
    m = subject(
        "The/DT/det/1 company/NN/nsubj/6 ,/,/punct/1 Northwind/NNP/compound/4 Energy/NNP/appos/1 ,/,/punct/1 "
        "said/VBD/ROOT/6 prices/NNS/nsubj/8 rose/VBD/ccomp/6 ././punct/6",
        1,
    )
    assert m.type == "ORG" and m.role is None


def test_the_words_view_reads_what_the_doc_reads():
    # _Words slices the Doc's text: each span and offset is the one the Doc's own gives
    doc = parse(
        "“/``/punct/2 Ana/NNP/compound/2 Ruiz/NNP/nsubj/3 said/VBD/ROOT/3 no/UH/intj/3 ,/,/punct/3 "
        "sir/NN/npadvmod/3 ././punct/3"
    )
    words = words_of(doc)
    assert words is words_of(doc)  # once per Doc
    for i in range(len(doc)):
        assert words.word(i) == doc[i].text
        for j in range(i + 1, len(doc) + 2):
            assert words.span(i, j) == doc[i : min(j, len(doc))].text
            if j <= len(doc):
                assert words.chars(i, j) == (doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text))
    assert words.span(3, 3) == "" and words.span(5, 2) == ""
    assert mention(doc[2]) is mention(doc[2])  # read once per head


def test_a_word_is_dropped_from_a_name_only_where_it_starts_a_sentence():
    # the word's shape is remembered; where it stands is asked each time
    doc = parse(
        "Meanwhile/NNP/compound/1 Ruiz/NNP/nsubj/2 left/VBD/ROOT/2 ././punct/2 "
        "Lee/NNP/compound/6 Meanwhile/NNP/compound/6 Ruiz/NNP/nsubj/7 stayed/VBD/ROOT/7 ././punct/7 "
        "Sing/NNP/compound/10 Ruiz/NNP/nsubj/11 sang/VBD/ROOT/11 ././punct/11"
    )
    words = words_of(doc)
    assert _sentence_initial_word(doc, words, 0) and not _sentence_initial_word(doc, words, 5)
    assert not _sentence_initial_word(doc, words, 9)  # a four-letter "-ing" word may be a name
    assert [m.name for m in names(doc)] == ["Ruiz", "Lee Meanwhile Ruiz", "Sing Ruiz"]


def test_a_runs_head_is_its_last_word_whose_head_lies_outside_it():
    # "Secretary of State Mike Pompeo said": of [State Mike Pompeo], Pompeo heads the clause's subject
    doc = parse(
        "Secretary/NNP/compound/4 of/IN/prep/0 State/NNP/pobj/1 Mike/NNP/compound/4 Pompeo/NNP/nsubj/5 "
        "said/VBD/ROOT/5 ././punct/5"
    )
    assert _run_head(doc, 2, 4).i == 4
    assert _run_head(doc, 0, 0).i == 0


def test_trimming_drops_punctuation_and_determiners_at_the_ends_but_no_word_with_a_letter():
    doc = parse(
        "—/:/punct/3 the/DT/det/3 “/``/punct/3 A.J./NNP/nsubj/5 ’s/POS/case/3 ,/,/punct/3 said/VBD/ROOT/6 ././punct/6"
    )
    words = words_of(doc)
    assert trimmed(doc, words, 0, 6) == (3, 4)
    assert trimmed(doc, words, 0, 3) == (3, 3)  # nothing left


def test_a_noun_phrase_stops_before_its_own_relative_clause_not_a_deeper_ones():
    # the relative clause is looked for among the head's children only when one of the
    # phrase's words on that side bears the label: "who left" is the senator's, not the aide's
    doc = parse(
        "Officials/NNS/nsubj/3 who/WP/nsubj/2 left/VBD/relcl/0 said/VBD/ROOT/3 no/UH/intj/3 ././punct/3 "
        "The/DT/det/7 aide/NN/nsubj/13 to/IN/prep/7 the/DT/det/10 senator/NN/pobj/8 who/WP/nsubj/12 "
        "left/VBD/relcl/10 said/VBD/ROOT/13 no/UH/intj/13 ././punct/13"
    )
    words = words_of(doc)
    assert noun_phrase(doc[0], words) == (0, 1)
    assert noun_phrase(doc[7], words) == (6, 13)
    assert noun_phrase(doc[10], words) == (9, 11)


def test_a_noun_phrase_starts_after_a_quotation_the_parser_hung_on_the_name():
    # "“No,” Ana Ruiz said": the quotation is a clause of the name's, read only where one is
    doc = parse(
        "“/``/punct/5 No/UH/ccomp/5 ,/,/punct/5 ”/''/punct/5 Ana/NNP/compound/5 Ruiz/NNP/nsubj/6 "
        "said/VBD/ROOT/6 ././punct/6"
    )
    words = words_of(doc)
    assert noun_phrase(doc[5], words) == (4, 6)
    assert mention(doc[5]).name == "Ana Ruiz"


@pytest.mark.parametrize(
    "word", ["Ruiz", "2020", ",", "—", "_", "__x", "“A", "’s", "½", "٣", "\u0301a", "...", "", "\n", "U.S."]
)
def test_a_word_has_a_letter_or_digit_as_str_isalnum_reads_one(word):
    # the first character is asked first, the rest only when it is none
    assert _has_alnum(word) == any(c.isalnum() for c in word)


def test_a_noun_phrase_reaches_its_heads_edges_whichever_side_its_children_hang():
    # a head without children is its own phrase (its edges are not read); one with a
    # right child only may still reach left, where the tree is not projective
    doc = parse("Ruiz/NNP/nsubj/1 said/VBD/ROOT/1 ././punct/1")
    assert noun_phrase(doc[0], words_of(doc)) == (0, 1)
    doc = parse("Ana/NNP/compound/2 Ruiz/NNP/nsubj/3 Jr/NNP/appos/1 said/VBD/ROOT/3 ././punct/3")
    assert doc[1].n_lefts == 0 and doc[1].left_edge.i == 0
    assert noun_phrase(doc[1], words_of(doc)) == (0, 3)
