"""Fragments: what no reader would call a statement is repaired or dropped (no model)."""

from __future__ import annotations

from types import SimpleNamespace

from parse_support import parse
from saidwhat.attribution.fragments import _reports_a_noun, _whole_words
from saidwhat.attribution.lexicon import load_lexicon
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.quotes import find_quotes
from saidwhat.attribution.reports import read_paragraph


def found(spec: str, threshold: float = 0.35):
    doc = parse(spec)
    return doc.text, read_paragraph(Paragraph.read(doc, 0, 0, []), load_lexicon(), threshold=threshold)


def test_a_phrase_cut_off_after_a_preposition_is_dropped():
    # a headline: "Residents protest plan for" is what the object frame would keep
    text, reports = found(
        "Residents/NNS/nsubj/1 protest/VBP/ROOT/1 plan/NN/dobj/1 for/IN/prep/2", threshold=0.05
    )
    assert reports == []


def test_a_dangling_word_is_cut_from_a_longer_content():
    text, (r,) = found(
        "Pompeo/NNP/nsubj/1 accused/VBD/ROOT/1 Iran/NNP/dobj/1 of/IN/prep/1 plotting/VBG/pcomp/3 attacks/NNS/dobj/4 "
        "and/CC/cc/5"
    )
    assert [text[s:e] for s, e in r.content] == ["Iran of plotting attacks"]


def test_whom_something_was_told_is_not_what_was_said():
    text, reports = found(
        "Sasse/NNP/nsubj/1 told/VBD/ROOT/1 Hawk/NNP/compound/3 Sawyer/NNP/dobj/1 ././punct/1"
    )
    assert reports == []


def test_a_place_does_not_speak():
    text, reports = found(
        "The/DT/det/1 stadium/NN/nsubj/2 said/VBD/ROOT/2 it/PRP/nsubj/4 closed/VBD/ccomp/2 ././punct/2"
    )
    assert reports == []


def test_a_city_or_county_speaks_through_its_government():
    text, (r,) = found(
        "The/DT/det/1 county/NN/nsubj/2 said/VBD/ROOT/2 it/PRP/nsubj/4 closed/VBD/ccomp/2 ././punct/2"
    )
    assert text[slice(*r.source.span)] == "county"


def test_an_unresolved_demonstrative_does_not_speak():
    text, reports = found("That/DT/nsubj/1 said/VBD/ROOT/1 prices/NNS/nsubj/3 rose/VBD/ccomp/1 ././punct/1")
    assert reports == []


def test_a_thing_warns_only_as_a_stance():
    text, (r,) = found(
        "The/DT/det/1 uncertainty/NN/nsubj/2 warned/VBD/ROOT/2 that/IN/mark/5 prices/NNS/nsubj/5 rise/VBP/ccomp/2 "
        "././punct/2"
    )
    assert r.act == "stance"


def test_a_thing_a_participle_describes_suggests_only_as_a_stance():
    # "theories suggesting he was murdered": the participle's subject is the noun it describes
    text, (r,) = found("theories/NNS/ROOT/0 suggesting/VBG/acl/0 he/PRP/nsubj/3 lied/VBD/ccomp/1 ././punct/0")
    assert r.act == "stance"


def test_polls_and_studies_show_things_in_the_plural_too():
    # a thing's object report is dropped ("uncertainty is weighing on the economy"), but
    # not a document's, singular or plural
    text, (r,) = found(
        "Polls/NNS/nsubj/1 show/VBP/ROOT/1 a/DT/det/4 close/JJ/amod/4 race/NN/dobj/1 ././punct/1"
    )
    assert [text[s:e] for s, e in r.content] == ["a close race"]


def test_a_person_warns_as_speech():
    text, (r,) = found(
        "The/DT/det/1 mayor/NN/nsubj/2 warned/VBD/ROOT/2 that/IN/mark/5 prices/NNS/nsubj/5 rise/VBP/ccomp/2 ././punct/2"
    )
    assert r.act == "speech"


def test_a_name_the_tagger_read_as_a_noun_at_a_sentence_start_is_no_thing():
    # "Ortiz has called the tax a scam." with "Ortiz" tagged NN: a thing would call nothing,
    # but "Ortiz" is a proper noun elsewhere in the paragraph, so it is a name
    spec = (
        "Ortiz/NNP/nsubj/1 spoke/VBD/ROOT/1 first/RB/advmod/1 ././punct/1 Ortiz/NN/nsubj/6 has/VBZ/aux/6 "
        "called/VBN/ROOT/6 the/DT/det/8 tax/NN/dobj/6 a/DT/det/10 scam/NN/oprd/6 ././punct/6"
    )
    text, (r,) = found(spec)
    assert [text[s:e] for s, e in r.content] == ["the tax a scam"]
    # the same sentence alone: nothing says "Ortiz" is a name, and a thing calls nothing
    text, reports = found(
        "Ortiz/NN/nsubj/2 has/VBZ/aux/2 called/VBN/ROOT/2 the/DT/det/4 tax/NN/dobj/2 a/DT/det/6 scam/NN/oprd/2 "
        "././punct/2"
    )
    assert reports == []


def test_contents_are_whole_words():
    text = "reports that Trump called"
    assert _whole_words(text, 1, 12) == (0, 12)
    assert _whole_words(text, 0, 9) == (0, 12)


def test_a_deed_is_not_a_statement():
    text, reports = found(
        "Barr/NNP/nsubj/1 ordered/VBD/ROOT/1 an/DT/det/3 investigation/NN/dobj/1 into/IN/prep/3 the/DT/det/6 "
        "death/NN/pobj/4 ././punct/1",
        threshold=0.05,
    )
    assert reports == []


def test_continues_to_is_an_aspect_not_a_report():
    text, reports = found(
        "Trump/NN/nsubj/1 continues/VBZ/ROOT/1 to/TO/aux/3 give/VB/xcomp/1 mixed/JJ/amod/5 signals/NNS/dobj/3 "
        "././punct/1",
        threshold=0.05,
    )
    assert reports == []


def test_a_wish_not_to_be_named_is_not_a_statement():
    text, reports = found(
        "A/DT/det/1 refugee/NN/nsubj/2 asked/VBD/ROOT/2 not/RB/neg/6 to/TO/aux/6 be/VB/auxpass/6 named/VBN/xcomp/2 "
        "././punct/2",
        threshold=0.05,
    )
    assert reports == []


def test_a_clause_missing_its_subject_is_not_a_statement():
    # "What Simpson suggested is fear of retribution": the parse hands "suggested" a clause with no subject
    text, reports = found(
        "Simpson/NNP/nsubj/1 suggested/VBD/ROOT/1 is/VBZ/ccomp/1 fear/NN/attr/2 of/IN/prep/3 retribution/NN/pobj/4 "
        "././punct/1"
    )
    assert reports == []


def test_a_verb_in_a_relative_clause_reports_its_noun_not_the_words_beside_it():
    # "the plan Smith announced" is the plan; what follows the colon is not Smith's
    text, reports = found(
        "They/PRP/nsubj/1 passed/VBD/ROOT/1 the/DT/det/3 plan/NN/dobj/1 Smith/NNP/nsubj/5 announced/VBD/relcl/3 "
        ":/:/punct/1 taxes/NNS/nsubj/8 fall/VBP/parataxis/1 ././punct/1"
    )
    assert reports == []


def test_a_relative_clause_whose_relative_word_is_a_place_still_reports():
    # "an ad in which he declares: ..." declares what follows
    text, reports = found(
        "They/PRP/nsubj/1 aired/VBD/ROOT/1 an/DT/det/3 ad/NN/dobj/1 in/IN/prep/7 which/WDT/pobj/4 he/PRP/nsubj/7 "
        "declares/VBZ/relcl/3 :/:/punct/7 taxes/NNS/nsubj/10 fall/VBP/parataxis/7 ././punct/1"
    )
    assert [text[s:e] for r in reports for s, e in r.content] == ["taxes fall"]


def test_an_article_and_a_common_noun_before_a_name_are_no_source():
    # the parser's "[Taxes rose], a prospect Smith denied": a noun with a reduced relative
    text, reports = found(
        "Taxes/NNS/nsubj/1 rose/VBD/ccomp/6 ,/,/punct/6 a/DT/det/5 prospect/NN/compound/5 Smith/NNP/nsubj/6 "
        "denied/VBD/ROOT/6 ././punct/6"
    )
    assert reports == []


def test_a_role_before_a_name_is_a_source():
    text, (r,) = found(
        "Taxes/NNS/nsubj/1 rose/VBD/ccomp/6 ,/,/punct/6 a/DT/det/5 spokesman/NN/compound/5 Lee/NNP/nsubj/6 "
        "said/VBD/ROOT/6 ././punct/6"
    )
    assert [text[s:e] for s, e in r.content] == ["Taxes rose"]


def quoted(spec: str):
    """``found`` with the quotations of the text located, so the quote frame runs."""
    doc = parse(spec)
    para = Paragraph.read(doc, 0, 0, find_quotes(doc.text, [(0, len(doc.text))]))
    return doc.text, read_paragraph(para, load_lexicon(), threshold=0.05)


def test_a_relative_clause_takes_no_quotation_beside_it():
    # "the orders Haddad requested — more “than ever” —": she requested the orders
    text, reports = quoted(
        "Importers/NNS/nsubj/1 turn/VBP/ROOT/1 the/DT/det/3 orders/NNS/dobj/1 Haddad/NNP/nsubj/5 "
        "requested/VBD/relcl/3 —/:/punct/5 more/JJR/amod/8 grain/NN/dobj/5 “/``/punct/8 than/IN/prep/8 "
        "in/IN/prep/10 any/DT/det/13 year/NN/pobj/11 ”/''/punct/8 —/:/punct/5 into/IN/prep/5 "
        "contracts/NNS/pobj/16 ././punct/1"
    )
    assert [text[s:e] for r in reports for s, e in r.content] == []


def test_a_relative_clause_with_its_own_complement_still_reports():
    # "privacy, which Apple views as “a right”": the words are the verb's own complement
    doc = parse(
        "The/DT/det/1 company/NN/nsubj/2 guards/VBZ/ROOT/2 privacy/NN/dobj/2 ,/,/punct/3 which/WDT/dobj/7 "
        "Apple/NNP/nsubj/7 views/VBZ/relcl/3 as/IN/prep/7 “/``/punct/12 a/DT/det/12 basic/JJ/amod/12 "
        "right/NN/pobj/8 ”/''/punct/12 ././punct/2"
    )
    para = Paragraph.read(doc, 0, 0, [])
    assert not _reports_a_noun(SimpleNamespace(token=7, frame="quote"), para)  # type: ignore[arg-type]
    doc = parse(
        "They/PRP/nsubj/1 kept/VBD/ROOT/1 the/DT/det/3 plan/NN/dobj/1 Apple/NNP/nsubj/5 announced/VBD/relcl/3 "
        "./././1"
    )
    para = Paragraph.read(doc, 0, 0, [])
    assert _reports_a_noun(SimpleNamespace(token=5, frame="quote"), para)  # type: ignore[arg-type]


def test_a_stance_towards_a_pronoun_is_kept_what_is_said_is_not_a_pronoun():
    text, (r,) = found("Sanders/NNP/nsubj/1 endorsed/VBD/ROOT/1 her/PRP/dobj/1 ././punct/1")
    assert r.act == "stance" and [text[s:e] for s, e in r.content] == ["her"]
    assert found("Sanders/NNP/nsubj/1 said/VBD/ROOT/1 it/PRP/dobj/1 ././punct/1")[1] == []


def test_a_deed_whose_object_is_words_is_a_statement():
    # "made statements about": a light verb whose (plural) object is a speech act; the
    # noun is the cue with its verb (test_rules_cues), as PolNeAR marks it
    text, (r,) = found(
        "Trump/NNP/nsubj/1 made/VBD/ROOT/1 new/JJ/amod/3 allegations/NNS/dobj/1 about/IN/prep/3 "
        "the/DT/det/6 vote/NN/pobj/4 ././punct/1"
    )
    assert r.act == "speech" and [text[s:e] for s, e in r.content] == ["the vote"]
    assert [text[s:e] for s, e in r.cue] == ["made new allegations about"]


def _contents(spec: str) -> list[str]:
    text, reports = found(spec, threshold=0.05)
    return [text[s:e] for r in reports for s, e in r.content]


def test_what_was_not_said_is_no_statement():
    assert (
        _contents(
            "He/PRP/nsubj/1 made/VBD/ROOT/1 no/DT/det/3 mention/NN/dobj/1 of/IN/prep/3 the/DT/det/6 levies/NNS/pobj/4 "
            "././punct/1"
        )
        == []
    )
    assert (
        _contents(
            "He/PRP/nsubj/1 made/VBD/ROOT/1 mention/NN/dobj/1 of/IN/prep/2 the/DT/det/5 levies/NNS/pobj/3 ././punct/1"
        )
        != []
    )


def test_a_goal_set_for_oneself_is_no_statement():
    assert (
        _contents(
            "Apple/NNP/nsubj/2 is/VBZ/aux/2 challenging/VBG/ROOT/2 itself/PRP/dobj/2 to/TO/aux/5 run/VB/xcomp/2 "
            "on/IN/prep/5 wind/NN/pobj/6 ././punct/2"
        )
        == []
    )


def test_denying_or_responding_to_a_thing_is_a_deed_to_words_a_statement():
    assert (
        _contents(
            "Officials/NNS/nsubj/2 are/VBP/aux/2 responding/VBG/ROOT/2 to/IN/prep/2 the/DT/det/5 smog/NN/pobj/3 "
            "././punct/2"
        )
        == []
    )
    assert _contents(
        "The/DT/det/1 senator/NN/nsubj/2 responded/VBD/ROOT/2 to/IN/prep/2 the/DT/det/5 criticism/NN/pobj/3 "
        "././punct/2"
    ) == ["the criticism"]
    assert _contents(
        "The/DT/det/1 minister/NN/nsubj/2 denied/VBD/ROOT/2 the/DT/det/4 allegation/NN/dobj/2 ././punct/2"
    ) == ["the allegation"]


def test_a_passive_charge_is_a_legal_charge_in_any_frame():
    text, reports = found(
        "Noel/NNP/nsubjpass/5 ,/,/punct/0 31/CD/appos/0 ,/,/punct/0 is/VBZ/auxpass/5 charged/VBN/ccomp/12 "
        "with/IN/prep/5 five/CD/nummod/8 counts/NNS/pobj/6 ;/:/punct/12 Lee/NNP/nsubjpass/12 is/VBZ/auxpass/12 "
        "charged/VBN/ROOT/12 ././punct/12",
        threshold=0.05,
    )
    assert reports == []


def test_a_question_after_a_verb_of_asking_is_what_was_asked_not_a_relative_clause():
    # "Pelosi asked who he was": a wh-clause the cue hangs after it is a question
    text, reports = found(
        "Pelosi/NNP/nsubj/1 asked/VBD/ROOT/1 who/WP/attr/4 he/PRP/nsubj/4 was/VBD/ccomp/1 ././punct/1"
    )
    assert [[text[s:e] for s, e in r.content] for r in reports] == [["who he was"]]
    # after a comma, or after a verb that takes no question, the wh-clause is about the
    # speaker ("the witness testifying who listened in on the call")
    for spec in (
        "Ruiz/NNP/nsubj/1 asked/VBD/ROOT/1 ,/,/punct/1 who/WP/nsubj/4 listened/VBD/ccomp/1 ././punct/1",
        "Ruiz/NNP/nsubj/1 testified/VBD/ROOT/1 who/WP/nsubj/3 listened/VBD/ccomp/1 ././punct/1",
    ):
        assert found(spec)[1] == []
