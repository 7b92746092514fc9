"""Small corpora for the batch tests: short articles we write, in every input kind."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

TOWNS = [
    "Ashford",
    "Brackley",
    "Carrow",
    "Dunmore",
    "Elston",
    "Fairlie",
    "Glenholm",
    "Harwick",
    "Inverlee",
    "Jarrow",
    "Kelso",
    "Lisburn",
]
PEOPLE = [
    "Helen Marsh",
    "Omar Haddad",
    "Grace Oduya",
    "Pavel Novak",
    "Lucia Ferri",
    "Tom Brennan",
    "Mei Lin",
    "Sanjay Rao",
    "Ruth Adler",
    "Kofi Mensah",
    "Elena Sokolova",
    "David Kerr",
]
THINGS = ["library", "swimming pool", "bus station", "bridge", "market hall", "sports ground"]


def story(n: int) -> str:
    """A short, realistic local news article; every n gives different names and numbers."""
    town, name = TOWNS[n % len(TOWNS)], PEOPLE[n % len(PEOPLE)]
    other, thing = PEOPLE[(n + 5) % len(PEOPLE)], THINGS[n % len(THINGS)]
    last, years = name.split()[-1], 3 + n % 9
    return (
        f"{town} council approves new {thing} after {years} years of delays\n\n"
        f"“We have waited {years} years for this, and we will not waste a penny of the money,” said "
        f"{name}, the leader of {town} council, on Tuesday.\n\n"
        f"{last} told reporters that work on the {thing} would begin in the spring and take about "
        f"{n % 12 + 6} months.\n\n"
        f"Opposition councillor {other} said the plan had been rushed and that residents had not been "
        f"asked what they wanted.\n"
    )


def make_corpus(root: Path, articles: int = 12) -> Path:
    """A nested folder: text files in subfolders, an HTML page, a JSONL dump, and bad inputs."""
    for n in range(articles):
        folder = root / f"2024-0{1 + n % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"story-{n:03d}.txt").write_text(story(n), encoding="utf-8")
    pages = root / "pages"
    pages.mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "article.html", pages / "ferry.html")
    shutil.copy(FIXTURES / "no-article.html", pages / "index.html")  # fails: no article
    lines = [
        json.dumps(
            {"id": "dump-1", "url": "https://e.example/dump-1", "published": "2024-05-07", "text": story(101)}
        ),
        "{not json",
        json.dumps({"url": "https://e.example/dump-2", "text": story(102)}),
    ]
    (root / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")  # fails: empty
    return root
