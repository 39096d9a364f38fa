"""A synthetic news corpus for benchmarks: varied articles about invented agencies and people, in real
places, with figures, dates and quotes.

    python benchmarks/corpus.py COUNT OUT.jsonl [--seed N]

Each article draws a handful of sentences from many templates, filled from pools
of names, places, things counted and dates, so no two articles are alike and the
entity index grows as a real corpus's does (people and agencies recur across
articles, as they do in the news).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words("Maria Daniel Elena Victor Sofia Pavel Laura Marco Anna Peter Irina Samuel Nadia Tomas Clara Omar Lina")
LAST = _words("Novak Petrov Silva Haddad Larsen Moreau Kowalski Rossi Ivanova Costa Jensen Brandt Okafor Tanaka Weber")
PLACES = _words(
    "Lisbon Madrid Vienna Prague Warsaw Bucharest Sofia Belgrade Zagreb Tirana Skopje Athens Ankara Tbilisi "
    "Yerevan Baku Kabul Amman Beirut Cairo Nairobi Kampala Kigali Dakar Accra Lagos Bogota Lima Quito Manila "
    "Jakarta Hanoi Bangkok Dhaka Colombo Tunis Algiers Rabat Khartoum Juba"
)
COUNTRIES = _words(
    "Portugal Spain Austria Poland Romania Bulgaria Serbia Croatia Albania Greece Georgia Armenia Jordan Lebanon "
    "Egypt Kenya Uganda Rwanda Senegal Ghana Nigeria Colombia Peru Ecuador Cambodia Vietnam Thailand Bangladesh"
)
BODIES = ("Mine Action Centre", "Demining Agency", "Relief Committee", "Reconstruction Fund", "Health Service")
TITLES = ("director", "spokesperson", "head of operations", "chairman of the board", "field coordinator")
COUNTED = (
    ("anti-personnel mines", "cleared"),
    ("anti-tank mines", "destroyed"),
    ("unexploded shells", "removed"),
    ("hectares of farmland", "surveyed"),
    ("deminers", "trained"),
    ("schools", "reopened"),
    ("families", "resettled"),
)
TEMPLATES = (
    "The {org} {verb} {number} {thing} in {place} between {start} and {end}.",
    "Teams from the {org} {verb} {number} {thing} near {place} on {day}.",
    '"We {verb} {number} {thing} this year," said {person}, the {title} of the {org}.',
    "{person}, the {title} of the {org}, said that about {number} {thing} were {verb} in {place}.",
    "According to the {org}, more than {number} {thing} have been {verb} since {start}.",
    "In {month}, the {org} and the {org2} signed an agreement in {place} to share equipment.",
    "{person} told reporters in {place} on {day} that the work would continue until {end}.",
    "The government of {country} allocated ${money} million to the {org} on {day}.",
    "Officials in {place} said {number} people were injured by explosive remnants in {month}.",
    "The {org2} delivered {number} tonnes of equipment to {place} in {month}, its {title} said.",
    "{person} met {person2} of the {org2} in {place} on {day} to discuss the next phase.",
    "Work in {place} was suspended for {small} weeks after heavy rain in {month}.",
)


def articles(count: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """`count` articles as JSON Lines records (id, published, text), the same for the same seed."""
    chance = random.Random(seed)
    people = [f"{chance.choice(FIRST)} {chance.choice(LAST)}" for _ in range(max(50, count // 5))]
    bodies = [f"{country} {body}" for country in COUNTRIES for body in BODIES]
    for number in range(count):
        published = date(2020, 1, 1) + timedelta(days=chance.randrange(1500))
        sentences = [_sentence(chance, people, bodies, published) for _ in range(chance.randint(4, 10))]
        paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
        text = "\n\n".join(paragraphs)
        yield {"id": f"article-{seed}-{number:06d}", "published": published.isoformat(), "text": text}


def _sentence(chance: random.Random, people: list[str], bodies: list[str], published: date) -> str:
    thing, verb = chance.choice(COUNTED)
    start = published - timedelta(days=chance.randrange(60, 700))
    return chance.choice(TEMPLATES).format(
        org=chance.choice(bodies),
        org2=chance.choice(bodies),
        person=chance.choice(people),
        person2=chance.choice(people),
        title=chance.choice(TITLES),
        place=chance.choice(PLACES),
        country=chance.choice(COUNTRIES),
        number=f"{chance.randrange(2, 40000):,}",
        small=chance.randint(2, 9),
        money=chance.randint(1, 90),
        thing=thing,
        verb=verb,
        start=_written(start),
        end=_written(published - timedelta(days=chance.randrange(1, 60))),
        day=_written(published - timedelta(days=chance.randrange(1, 30))),
        month=start.strftime("%B %Y"),
    )


def _written(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def write(path: Path, count: int, seed: int = 0) -> Path:
    """Write `count` articles to a JSON Lines file."""
    with path.open("w", encoding="utf-8") as handle:
        for record in articles(count, seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    write(arguments.out, arguments.count, arguments.seed)


if __name__ == "__main__":
    main()
