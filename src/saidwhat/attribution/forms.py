"""English verb forms from lemmas: the regular inflections and the irregular forms.

The lexicon's form table is made from them (no lemmatizer at run time), and so are the
small word lists the rules read by form ("led", "told", "voiced").
"""

from __future__ import annotations

from collections.abc import Iterable

# Irregular forms the generator would get wrong.
IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "thought": "think",
    "knew": "know",
    "known": "know",
    "felt": "feel",
    "saw": "see",
    "seen": "see",
    "found": "find",
    "spoke": "speak",
    "spoken": "speak",
    "taught": "teach",
    "swore": "swear",
    "sworn": "swear",
    "meant": "mean",
    "held": "hold",
    "heard": "hear",
    "read": "read",
    "shown": "show",
    "understood": "understand",
    "foresaw": "foresee",
    "foreseen": "foresee",
    "forecast": "forecast",
    "bet": "bet",
    "gave": "give",
    "given": "give",
    "made": "make",
    "put": "put",
    "sought": "seek",
    "taken": "take",
    "took": "take",
    "chose": "choose",
    "chosen": "choose",
    "broke": "break",
}


def inflections(lemma: str) -> set[str]:
    """Regular English verb forms of ``lemma`` (say -> says, sayed, saying)."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
        # doubled final consonant: admit -> admitted, vow -> vowed (w, x, y never double)
        if (
            len(lemma) >= 3
            and lemma[-1] not in "aeiouwxy"
            and lemma[-2] in "aeiou"
            and lemma[-3] not in "aeiou"
        ):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def verb_forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Every form of ``lemmas``: regular inflections and the listed irregular forms."""
    lemmas = frozenset(lemmas)
    regular = {form for lemma in lemmas for form in inflections(lemma)}
    return frozenset(regular | {form for form, lemma in IRREGULAR.items() if lemma in lemmas})
