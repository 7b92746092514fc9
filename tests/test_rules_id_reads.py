"""Rules that read a token's word or label as an id from the Doc's columns, or stop
a walk early: each gives what the rule it stands for gives (no model)."""

from __future__ import annotations

from spacy.strings import get_string_id

from parse_support import parse
from saidwhat.attribution.addressee import channel
from saidwhat.attribution.candidates import cue_kind, find_cues
from saidwhat.attribution.fragments import _name_tags
from saidwhat.attribution.frames import PRIORS, _that_marks, _that_root, restrictive_end
from saidwhat.attribution.lexicon import Lexicon, load_lexicon
from saidwhat.attribution.paragraph import Paragraph
from saidwhat.attribution.records import Cue
from saidwhat.attribution.reports import _words_unquoted


def paragraph(spec: str) -> Paragraph:
    return Paragraph.read(parse(spec), 0, 0, [])


def test_a_lemma_is_found_by_its_forms_hash():
    # "mutter": seen often in every frame, never a cue
    never = {frame: (0, 200) for frame in PRIORS}
    lexicon = Lexicon(priors={"say": 0.9, "mutter": 0.1}, counts={"mutter": never})
    forms = lexicon.cue_forms(0.35)
    assert forms[get_string_id("said")] == "say" == lexicon.lemma("said")
    assert get_string_id("walked") not in forms
    # a word that reaches the threshold in no frame is no candidate, whatever its form
    assert lexicon.lemma("muttered") == "mutter" and get_string_id("muttered") not in forms
    assert lexicon.cue_forms(0.0)[get_string_id("muttered")] == "mutter"


def test_find_cues_takes_verbs_by_tag_and_other_words_by_cue_kind():
    para = paragraph(
        "Ruiz/NNP/poss/1 claim/NN/nsubj/4 that/IN/mark/3 taxes/NNS/nsubj/4 said/VBD/ROOT/4 "
        "nothing/NN/dobj/4 ././punct/4"
    )
    cues = find_cues(para, load_lexicon(), 0.35)
    assert [(c.tok.text, c.kind, c.lemma) for c in cues] == [
        ("claim", "noun", "claim"),
        ("said", "verb", "say"),
    ]


def test_a_noun_that_governs_a_subject_is_a_mistagged_verb_before_an_owned_noun():
    doc = parse("The/DT/det/1 campaign/NN/nsubj/2 plans/NNS/ROOT/2 to/TO/aux/4 win/VB/xcomp/2 ././punct/2")
    assert cue_kind(doc[2]) == "verb"
    doc = parse("Her/PRP$/poss/1 plans/NNS/nsubj/2 failed/VBD/ROOT/2 ././punct/2")
    assert cue_kind(doc[1]) == "noun"
    doc = parse("The/DT/det/1 plans/NNS/nsubj/2 failed/VBD/ROOT/2 ././punct/2")
    assert cue_kind(doc[1]) is None


def test_a_that_root_needs_a_that_that_is_a_subordinator():
    # "that" as a determiner after the cue: no root walked to, none found
    doc = parse(
        "Ruiz/NNP/nsubj/1 insisted/VBD/ccomp/5 on/IN/prep/1 that/DT/det/4 vote/NN/pobj/2 "
        "passed/VBD/ROOT/5 ././punct/5"
    )
    assert _that_root(doc[1]) is None
    # the same words with a subordinator after the determiner: found
    doc = parse(
        "Ruiz/NNP/nsubj/1 insisted/VBD/ccomp/8 on/IN/prep/1 that/DT/det/4 vote/NN/pobj/2 ,/,/punct/8 "
        "that/IN/mark/8 it/PRP/nsubj/8 passed/VBD/ROOT/8 ././punct/8"
    )
    assert _that_root(doc[1]) == (6, 10)


def test_the_subordinating_thats_of_a_doc_are_found_once_and_only_from_the_verb_on_count():
    doc = parse(
        "He/PRP/nsubj/1 said/VBD/ROOT/1 that/IN/mark/4 that/DT/det/4 plan/NN/nsubj/5 "
        "failed/VBD/ccomp/1 ././punct/1"
    )
    assert _that_marks(doc) == [2]  # the determiner is none
    assert _that_marks(doc) is _that_marks(doc)  # (kept with the Doc)
    # a subordinator before the verb only: no root walked to
    doc = parse(
        "That/IN/mark/3 it/PRP/nsubj/3 will/MD/aux/3 pass/VB/csubj/5 ,/,/punct/5 "
        "Ruiz/NNP/nsubj/6 insisted/VBD/ROOT/6 ././punct/6"
    )
    assert _that_marks(doc) == [0] and _that_root(doc[6]) is None


def test_a_phrase_ends_before_a_relative_clause_after_a_comma_only():
    doc = parse(
        "the/DT/det/1 test/NN/dobj/1 ,/,/punct/1 which/WDT/nsubj/4 failed/VBD/relcl/1 badly/RB/advmod/4"
    )
    assert restrictive_end(doc, 0, 6) == 2
    doc = parse("the/DT/det/1 test/NN/dobj/1 ,/,/punct/1 a/DT/det/4 failure/NN/appos/1")
    assert restrictive_end(doc, 0, 5) == 5


def test_unquoted_words_are_counted_up_to_what_is_needed():
    para = paragraph("He/PRP/nsubj/1 said/VBD/ROOT/1 ,/,/punct/1 yes/UH/intj/1 ././punct/1")
    assert _words_unquoted(para, 0, 5, 3)
    assert not _words_unquoted(para, 0, 5, 4)  # the comma and stop are no words


def test_a_content_of_names_and_pronouns_gives_their_tags_only_up_to_four_words():
    para = paragraph("Sasse/NNP/nsubj/1 told/VBD/ROOT/1 Hawk/NNP/compound/3 Sawyer/NNP/dobj/1 ././punct/1")
    s, e = para.chars(2, 4)
    assert _name_tags(para, [(s, e)]) == ["NNP", "NNP"]
    para = paragraph(
        "Ruiz/NNP/nsubj/1 told/VBD/ROOT/1 Ana/NNP/compound/3 Lu/NNP/dobj/1 ,/,/punct/3 "
        "Bo/NNP/conj/3 Wu/NNP/conj/3 Li/NNP/conj/3 ././punct/1"
    )
    assert _name_tags(para, [para.chars(2, 8)]) == []  # five words: more than whom
    para = paragraph("Ruiz/NNP/nsubj/1 told/VBD/ROOT/1 the/DT/det/3 story/NN/dobj/1 ././punct/1")
    assert _name_tags(para, [para.chars(2, 4)]) == []


def test_a_channel_needs_a_preposition_among_the_verbs_children():
    doc = parse(
        "Ruiz/NNP/nsubj/1 said/VBD/ROOT/1 in/IN/prep/1 a/DT/det/4 statement/NN/pobj/2 "
        "that/IN/mark/7 it/PRP/nsubj/7 failed/VBD/ccomp/1 ././punct/1"
    )
    said = Cue(doc[1], "say", None, None)
    assert channel(said) == ("a statement", (13, 24))
    # asked only when a child is a preposition: the same cue with that label taken away
    # from what it read has none
    without_prep = Cue(doc[1], "say", None, None)
    without_prep._deps = said.deps - {get_string_id("prep")}
    assert channel(without_prep) is None


def test_a_cue_outside_every_quotations_sentences_is_not_weighed_for_one():
    from saidwhat.attribution.assign import _quote_sentences
    from saidwhat.attribution.quotes import find_quotes
    from saidwhat.ingest.text import paragraphs

    doc = parse(
        "Ruiz/NNP/nsubj/1 said/VBD/ROOT/1 it/PRP/nsubj/3 failed/VBD/ccomp/1 ././punct/1 "
        "“/``/punct/7 We/PRP/nsubj/7 won/VBD/ROOT/7 the/DT/det/9 vote/NN/dobj/7 ,/,/punct/7 ”/''/punct/7 "
        "Lu/NNP/nsubj/13 said/VBD/ROOT/13 ././punct/13 "
        "Bo/NNP/nsubj/16 agreed/VBD/ROOT/16 ././punct/16 "
        "Wu/NNP/nsubj/19 left/VBD/ROOT/19 ././punct/19"
    )
    para = Paragraph.read(doc, 0, 0, find_quotes(doc.text, paragraphs(doc.text)))
    # the quotation's sentence and the one after it (where "Lu said" stands)
    assert [para.sent_of[q.first] for q in para.quotes] == [1]
    assert sorted(_quote_sentences(para)) == [1, 2]
    from saidwhat.attribution.assign import assign_quotes

    lexicon = load_lexicon()
    cues = find_cues(para, lexicon, 0.35)
    assign_quotes(para, cues, lexicon, 0.35)
    by_word = {c.tok.i: c for c in cues}
    assert [len(by_word[k].quotes) for k in (1, 13)] == [0, 1]  # "Lu said" has it
    assert callable(by_word[1].found_subject)  # "Ruiz said": its subject never looked for


def test_whom_and_when_a_verb_spoke_are_read_by_label_ids():
    from saidwhat.attribution.addressee import addressee
    from saidwhat.attribution.when import find_when

    doc = parse(
        "Ruiz/NNP/nsubj/1 told/VBD/ROOT/1 reporters/NNS/dobj/1 on/IN/prep/1 Tuesday/NNP/pobj/3 "
        "that/IN/mark/7 it/PRP/nsubj/7 failed/VBD/ccomp/1 ././punct/1"
    )
    told = Cue(doc[1], "tell", None, None)
    assert addressee(told) == ("reporters", (10, 19))
    # only a verb of telling has whom it told
    assert addressee(Cue(doc[1], "say", None, None)) is None
    assert find_when(told) == ("on Tuesday", (20, 30))


def test_a_colon_closes_a_paragraph_only_as_a_token_of_its_own():
    from saidwhat.attribution.reports import _closes_on_colon

    para = paragraph("Caddell/NNP/nsubj/1 continued/VBD/ROOT/1 :/:/punct/1")
    assert _closes_on_colon(para, para.doc[1])
    para = paragraph("Caddell/NNP/nsubj/1 spoke/VBD/ROOT/1 at/IN/prep/1 10:30/CD/pobj/2")
    assert not _closes_on_colon(para, para.doc[1])  # a colon inside a word is none


def test_a_dash_credit_needs_a_dash_in_the_paragraph():
    from saidwhat.attribution.frameless import dash_credit
    from saidwhat.attribution.quotes import find_quotes
    from saidwhat.ingest.text import paragraphs

    words = "“/``/punct/3 We/PRP/nsubj/3 will/MD/aux/3 win/VB/ROOT/3 this/DT/det/5 time/NN/npadvmod/3 ./././3 ”/''/punct/3"
    for dash, credited in (("―", True), (",", False)):
        doc = parse(f"{words} {dash}/:/punct/3 Ana/NNP/compound/10 Ruiz/NNP/ROOT/10")
        para = Paragraph.read(doc, 0, 0, find_quotes(doc.text, paragraphs(doc.text)))
        found = dash_credit(para, para.quotes[0])
        assert (found is not None and found.source.text == "Ana Ruiz") == credited, dash


def test_a_paragraph_without_a_report_gives_none_but_its_cueless_quotation_continues():
    from saidwhat.attribution.quotes import find_quotes
    from saidwhat.attribution.reports import read_paragraph
    from saidwhat.attribution.scoring import load_scorer
    from saidwhat.ingest.text import paragraphs

    lexicon, scorer = load_lexicon(), load_scorer()
    plain = paragraph(
        "The/DT/det/1 vote/NN/nsubj/2 passed/VBD/ROOT/2 on/IN/prep/2 Friday/NNP/pobj/3 ././punct/2"
    )
    assert read_paragraph(plain, lexicon, scorer=scorer) == []
    doc = parse(
        "“/``/punct/3 We/PRP/nsubj/3 will/MD/aux/3 win/VB/ROOT/3 this/DT/det/5 time/NN/npadvmod/3 ././punct/3 ”/''/punct/3"
    )
    para = Paragraph.read(doc, 0, 0, find_quotes(doc.text, paragraphs(doc.text)))
    assert [r.frame for r in read_paragraph(para, lexicon, scorer=scorer)] == ["continuation"]
