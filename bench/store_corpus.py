"""A synthetic news corpus for the store benchmark: extracted articles, no spaCy.

Deterministic for a seed. Words follow a Zipf-like law over a generated vocabulary
mixed with real news topics, so full-text queries hit realistic numbers of rows
(a rare name matches hundreds, a common topic tens of thousands); speakers follow
the same law (a few are quoted very often), and about one direct quote in twelve
is another outlet's copy of an earlier quote with small wording changes, so quote
clusters form as they do in real coverage.

Also writes plain-text articles for the end-to-end ingest measurement, which the
real pipeline has to parse (``news_text``).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import date, timedelta

from saidwhat.model import Article, Attribution, Span, Speaker, When

TOPICS = """Iran Soleimani sanctions Baghdad embassy airstrike missile nuclear deal Tehran
Iraq militia drone retaliation escalation tariffs trade China Beijing soybeans
election ballots fraud recount vaccine pandemic lockdown hospitals masks climate
emissions wildfire drought refugees border asylum wall impeachment Senate witnesses
budget deficit inflation interest rates unemployment strike union wages pipeline
Ukraine Kyiv Russia Moscow NATO troops ceasefire Gaza Israel hostages negotiations""".split()
FIRST = """Mike Nancy Donald Joe Kamala Mark Lindsey Chuck Mitch Adam Elizabeth Bernie Ted
Marco Ilhan Alexandria Jerome Janet Antony Lloyd Ali Hassan Javad Qassem Adel Boris
Emmanuel Angela Olaf Justin Narendra Xi Vladimir Sergei Volodymyr Recep Benjamin Yair
Helena Rui Ana Maria John Jane Peter Paul Sarah David Laura James Karen Robert""".split()
LAST = """Pompeo Pelosi Trump Biden Harris Esper Graham Schumer McConnell Schiff Warren
Sanders Cruz Rubio Omar Ocasio-Cortez Powell Yellen Blinken Austin Khamenei Rouhani
Zarif Soleimani Mahdi Johnson Macron Merkel Scholz Trudeau Modi Jinping Putin Lavrov
Zelensky Erdogan Netanyahu Lapid Duarte Marques Silva Smith Jones Brown Miller Davis
Garcia Wilson Moore Taylor Anderson Thomas Jackson White Harris Martin Thompson""".split()
ROLES = """Secretary of State|Speaker of the House|President|Vice President|Defense Secretary
|Senator|Senate Majority Leader|Representative|Federal Reserve Chair|Treasury Secretary
|Foreign Minister|Prime Minister|Supreme Leader|spokesman|union leader|Transport Minister
|analyst|professor|ambassador|governor|mayor|chief executive""".replace("\n", "").split("|")
SITES = [
    f"{name}.example"
    for name in """wire courier herald gazette tribune chronicle
post times journal observer monitor daily globe record sentinel ledger mirror
express star review dispatch register bulletin press inquirer examiner beacon
standard telegraph guardian independent reporter voice eagle clarion argus
enquirer leader""".split()
]
STOCK_PHRASES = [
    "maximum pressure",
    "act of war",
    "all options are on the table",
    "fake news",
    "a threat to democracy",
    "we will not back down",
]
KINDS = ["direct"] * 40 + ["indirect"] * 35 + ["mixed"] * 15 + ["headline"] * 10
# What the extractor reports on PolNeAR dev (1,562 attributions): 69% speech, 20% stance,
# 5.5% writing, 3.7% perception, 2.2% plan.
ACTS = ("speech", "stance", "writing", "perception", "plan")
ACT_WEIGHTS = list(itertools.accumulate((69.0, 19.5, 5.5, 3.7, 2.2)))
CUES = ["said", "told reporters", "said in a statement", "wrote on Twitter", "added", "warned"]
START = date(2018, 1, 1)
DAYS = 7 * 365


def _vocabulary(rng: random.Random, size: int = 30_000) -> list[str]:
    """Words in order of frequency: function words first, then made-up words with the
    news topics spread between ranks 150 and 3,700 (from ~1% of quotes down to ~0.05%)."""
    syllables = "ba be bi bo bu da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to va ve vi".split()
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))))
    common = """the a to of and in that we will not is are have be this for it our they with
    on as all very people country government president time going must can now who more
    would said there been what if about no an at from by their""".split()
    ordered = common + sorted(words)
    for i, topic in enumerate(TOPICS):
        ordered.insert(150 + 40 * i, topic)
    return ordered


def _zipf_weights(n: int, s: float = 1.05) -> list[float]:
    return list(itertools.accumulate(1.0 / (k**s) for k in range(1, n + 1)))


class Corpus:
    """Generates extracted articles (``articles``) deterministically from ``seed``."""

    def __init__(self, seed: int = 7, speakers: int = 20_000) -> None:
        self.rng = random.Random(seed)
        # acts from a generator of their own: the rest of the corpus is what it was before acts
        self.act_rng = random.Random(seed * 7919 + 1)
        self.vocab = _vocabulary(self.rng)
        self.word_weights = _zipf_weights(len(self.vocab))
        names = [f"{first} {last}" for first in FIRST for last in LAST]
        self.rng.shuffle(names)
        while len(names) < speakers:
            names.append(f"{self.rng.choice(FIRST)} {self.rng.choice(self.vocab[200:]).title()}")
        self.speakers = names[:speakers]
        self.speaker_weights = _zipf_weights(len(self.speakers), 0.9)
        self.topic_weights = _zipf_weights(len(TOPICS), 0.6)
        self.roles = {name: self.rng.choice(ROLES) for name in self.speakers}
        self.recent_quotes: list[tuple[str, str]] = []  # (speaker, quote) to be reprinted

    def _topic(self) -> str:
        return self.rng.choices(TOPICS, cum_weights=self.topic_weights)[0]

    def _words(self, n: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.word_weights, k=n)

    def _quote(self, speaker: str) -> str:
        rng = self.rng
        if self.recent_quotes and rng.random() < 0.08:
            _, quote = rng.choice(self.recent_quotes)
            words = quote.split()
            change = rng.random()
            if change < 0.3 and len(words) > 10:  # a dropped clause
                cut = rng.randint(len(words) // 2, len(words) - 2)
                words = words[:cut] + words[cut + 2 :]
            elif change < 0.5:  # an ellipsis
                words = words[: len(words) * 2 // 3] + ["..."]
            elif change < 0.7:  # a contraction
                words = ["we're" if w == "are" else w for w in words]
            text = " ".join(words)
            return text[0].upper() + text[1:]
        words = self._words(rng.randint(8, 30))
        if rng.random() < 0.3:  # a story's topic, the big stories most often
            words.insert(rng.randrange(len(words)), self._topic())
        if rng.random() < 0.02:
            words[rng.randrange(len(words))] = rng.choice(STOCK_PHRASES)
        text = " ".join(words)
        text = text[0].upper() + text[1:]
        if rng.random() < 0.3:
            self.recent_quotes.append((speaker, text))
            if len(self.recent_quotes) > 2000:
                self.recent_quotes = self.recent_quotes[-1000:]
        return text

    def article(self, n: int, attributions: int = 10) -> Article:
        """The ``n``-th synthetic article, with ``attributions`` attributions."""
        rng = self.rng
        published = START + timedelta(days=rng.randrange(DAYS))
        title_words = self._words(6) + ([self._topic()] if rng.random() < 0.5 else [])
        title = " ".join(title_words).capitalize()
        parts: list[str] = [title, "\n\n"]
        offset = len(title) + 2
        atts = []
        for _ in range(attributions):
            name = rng.choices(self.speakers, cum_weights=self.speaker_weights)[0]
            role = self.roles[name]
            kind = rng.choice(KINDS)
            quote = self._quote(name)
            lead = f"{role} {name} {rng.choice(CUES)}, "
            body = f"“{quote}”" if kind in ("direct", "mixed") else f"that {quote.lower()}"
            when = " on Tuesday" if rng.random() < 0.3 else ""
            sentence = f"{lead}{body}{when}.\n\n"
            s_name = offset + len(role) + 1
            c_start = offset + len(lead) + (1 if kind in ("direct", "mixed") else 5)
            c_end = c_start + len(quote)
            content_text = sentence[c_start - offset : c_end - offset]
            cue_text = lead[len(role) + len(name) + 2 : -2]
            cue_start = s_name + len(name) + 1
            when_obj = None
            if when:
                w_start = offset + len(lead) + len(body) + 1
                when_obj = When(
                    "on Tuesday", ((w_start, w_start + 10),), (published - timedelta(days=1)).isoformat()
                )
            atts.append(
                Attribution(
                    kind=kind,
                    content=Span(content_text, ((c_start, c_end),)),
                    speaker=Speaker(name, role, "PERSON"),
                    source=Span(name, ((s_name, s_name + len(name)),)),
                    cue=Span(cue_text, ((cue_start, cue_start + len(cue_text)),)),
                    when=when_obj,
                    confidence=round(rng.uniform(0.3, 0.99), 3),
                    act=self.act_rng.choices(ACTS, cum_weights=ACT_WEIGHTS)[0],  # type: ignore[arg-type]
                )
            )
            parts.append(sentence)
            offset += len(sentence)
        text = "".join(parts)
        site = rng.choice(SITES)
        return Article(
            text=text,
            id=f"bench-{n}",
            title=title,
            published=published.isoformat(),
            url=f"https://{site}/{published:%Y/%m/%d}/{n}",
            site=site,
            language="en",
            body=[(0, len(title))],
            attributions=atts,
        )

    def articles(self, count: int, attributions: int = 10) -> Iterator[Article]:
        """``count`` articles in a row."""
        for n in range(count):
            yield self.article(n, attributions)


def news_text(rng: random.Random, n: int) -> str:
    """A plain-text article for the real pipeline to extract from (English prose)."""
    people = rng.sample([f"{first} {last}" for first in FIRST[:20] for last in LAST[:20]], 3)
    topic = rng.choice(TOPICS)
    p1, p2, p3 = people
    return (
        f"Officials weigh response over {topic}\n\n"
        f"WASHINGTON — {p1}, the secretary of state, said on Monday that the government would "
        f"not back down over {topic}, as allies urged restraint after a week of talks.\n\n"
        f"“We will not allow anyone to threaten our people, and we will respond to {topic} "
        f"with every tool we have,” {p1.split()[-1]} told reporters at the State Department.\n\n"
        f"{p2}, a senator from Ohio, accused the administration of acting without a plan. "
        f"“There is no strategy here. There is only a slogan,” she said in a statement.\n\n"
        f"According to {p3}, an analyst at a research institute, the dispute over {topic} "
        f"could last for months. “Nobody wants a war, but nobody wants to look weak either,” "
        f"{p3.split()[-1]} said.\n\n"
        f"The ministry said in a statement on Tuesday that talks would resume next week "
        f"(report {n})."
    )
