"""The cue lexicon: forms, priors and learned counts."""

from saidwhat.attribution.lexicon import Lexicon, load_lexicon


def test_forms_cover_inflections_and_irregulars():
    lex = Lexicon(priors={"say": 0.9, "admit": 0.8, "deny": 0.8, "argue": 0.8})
    assert lex.lemma("said") == "say"
    assert lex.lemma("saying") == "say"
    assert lex.lemma("admitted") == "admit"
    assert lex.lemma("denies") == "deny"
    assert lex.lemma("argued") == "argue"
    assert lex.lemma("table") is None


def test_learned_counts_outweigh_the_prior():
    lex = Lexicon(priors={"show": 0.4}, counts={"show": {"object": (1, 100)}})
    assert lex.score("show", "object") < 0.05
    lex = Lexicon(priors={"tweet": 0.2}, counts={"tweet": {"clause": (40, 50)}})
    assert lex.score("tweet", "clause") > 0.7


def test_packaged_lexicon_knows_reporting_verbs():
    lex = load_lexicon()
    for form in (
        "said",
        "told",
        "added",
        "accused",
        "warned",
        "insisted",
        "denied",
        "claimed",
        "argued",
        "acknowledged",
    ):
        lemma = lex.lemma(form)
        assert lemma is not None, form
        assert max(lex.score(lemma, f) for f in ("clause", "quote", "object")) >= 0.35, form


def test_frames_after_the_last_one_a_word_reaches_are_not_tried():
    # learned: "tweet" reports a clause, and is no cue after an object or a preposition
    lex = Lexicon(
        priors={"tweet": 0.2},
        counts={"tweet": {"clause": (40, 50), "quote": (0, 50), "object": (0, 80), "prep": (0, 80)}},
    )
    names = [f.name for f in lex.frames_to_try("tweet", "verb", 0.35)]
    assert names[-1] == "clause"  # the frames before it are tried: the first that finds content wins
    assert "quote" in names and "object" not in names and "prep" not in names
    assert lex.frames_to_try("tweet", "verb", 0.99) == ()
    every = [f.name for f in lex.frames_to_try("tweet", "verb", 0.0)]
    assert every[-1] == "prep" and len(every) > len(names)
