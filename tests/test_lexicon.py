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
