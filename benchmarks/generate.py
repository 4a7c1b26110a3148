"""Write a synthetic timeline of N events (N/20 entities) for benchmarks and tests.

    python benchmarks/generate.py 100000 -o /tmp/timeline-100k.yaml

Deterministic for a given size and seed: accented names, summaries of 50 to
300 characters, dates at year, month and day precision, some periods.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

FIRST = [
    "Ana",
    "José",
    "María",
    "Tomás",
    "Héctor",
    "Sofía",
    "Iñaki",
    "Zoë",
    "Renée",
    "Łukasz",
    "Ömer",
    "Chloé",
    "Raúl",
    "Inés",
    "Joël",
]
LAST = [
    "Núñez",
    "Treviño",
    "García",
    "Müller",
    "Søren",
    "Gómez",
    "Ibáñez",
    "Dvořák",
    "Lefèvre",
    "Öztürk",
    "Peña",
    "Álvarez",
]
ORGS = [
    "Cartel",
    "Ministry",
    "Court",
    "Agency",
    "Bureau",
    "Police",
    "Navy",
    "Senate",
    "Council",
    "Tribunal",
]
PLACES = [
    "Guadalajara",
    "Culiacán",
    "Mazatlán",
    "Ciudad",
    "Juárez",
    "Tijuana",
    "Mérida",
    "Querétaro",
    "Toluca",
    "León",
]
WORDS = [
    "arrest",
    "transfer",
    "hearing",
    "tariff",
    "border",
    "agreement",
    "investigation",
    "extradition",
    "trial",
    "ruling",
    "release",
    "escape",
    "raid",
    "seizure",
    "warrant",
    "testimony",
    "appeal",
    "sentence",
    "indictment",
    "negotiation",
    "shipment",
    "laboratory",
    "informant",
    "operation",
    "helicopter",
    "prison",
    "judge",
    "prosecutor",
    "embassy",
]
TAGS = [
    "dea",
    "court",
    "tariffs",
    "transfer",
    "arrest",
    "trial",
    "border",
    "navy",
    "fbi",
    "sanctions",
]


def _slug(text: str, number: int) -> str:
    return f"{text}-{number}"


def generate(
    events: int,
    seed: int = 1985,
    *,
    entities: int | None = None,
    sources: int | None = None,
    cited: tuple[int, int] = (1, 1),
) -> str:
    """The file's text; by default N/20 entities, N/100 sources, one source per event.

    `entities`, `sources` and `cited` (how many sources an event cites, at
    least and at most) make other mixes: a source-heavy file, say.
    """
    rng = random.Random(seed)
    entity_count = max(events // 20, 3) if entities is None else max(entities, 4)
    lines = [
        "schema: 1",
        f"title: Synthetic timeline of {events} events",
        "description: Generated for benchmarks; names and events are invented.",
        "sources:",
    ]
    source_count = max(events // 100, 1) if sources is None else max(sources, 1)
    for s in range(source_count):
        lines += [
            f"  - id: source-{s}",
            f"    title: Report number {s} on the case",
        ]
        if sources is not None:  # a source-heavy file's sources say more
            lines.append(f"    publisher: {rng.choice(LAST)} {rng.choice(ORGS)} Press")
        lines += [
            f"    published: {rng.randint(1980, 2025)}-{rng.randint(1, 12):02d}",
            f"    url: https://example.org/reports/{s}",
        ]
    lines.append("entities:")
    kinds: list[str] = []
    for e in range(entity_count):
        kind = ("person", "person", "organization", "place")[e % 4]
        kinds.append(kind)
        if kind == "person":
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)}"
        elif kind == "organization":
            name = f"{rng.choice(LAST)} {rng.choice(ORGS)}"
        else:
            name = f"{rng.choice(PLACES)} {e}"
        lines += [
            f"  - id: {_slug(kind, e)}",
            f'    name: "{name}"',
            f"    kind: {kind}",
        ]
        if kind == "person" and e % 3 == 0:
            lines.append(f'    aliases: ["El {rng.choice(LAST)}", "Z-{e}"]')
    lines.append("events:")
    places = [e for e in range(entity_count) if kinds[e] == "place"]
    others = [e for e in range(entity_count) if kinds[e] != "place"]
    for n in range(events):
        year = rng.randint(1900, 2025)
        precision = rng.random()
        if precision < 0.2:
            date = f"{year}"
        elif precision < 0.45:
            date = f"{year}-{rng.randint(1, 12):02d}"
        else:
            date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.05:
            date += rng.choice("~?")
        summary_words: list[str] = []
        target = rng.randint(50, 300)
        while len(" ".join(summary_words)) < target:
            summary_words.append(rng.choice(WORDS))
        summary = " ".join(summary_words)[:target].rstrip().capitalize() + "."
        involved = rng.sample(others, k=min(len(others), rng.randint(1, 4)))
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} in {rng.choice(PLACES)}"
        lines += [
            f"  - id: event-{n}",
            f"    date: {date}",
        ]
        if rng.random() < 0.03:
            lines.append(f"    end: {min(year + rng.randint(1, 5), 2026)}")
        lines += [
            f'    title: "{title} ({n})"',
            f"    summary: {summary}",
            f"    entities: [{', '.join(_slug(kinds[e], e) for e in involved)}]",
            f"    place: {_slug('place', rng.choice(places))}",
            f"    tags: [{', '.join(rng.sample(TAGS, k=rng.randint(1, 3)))}]",
        ]
        if cited == (1, 1):
            lines.append(f"    sources: [source-{rng.randrange(source_count)}]")
        else:
            count = min(rng.randint(*cited), source_count)
            cites = ", ".join(f"source-{s}" for s in rng.sample(range(source_count), count))
            lines.append(f"    sources: [{cites}]")
    return "\n".join(lines) + "\n"


def source_heavy(events: int) -> dict[str, object]:
    """The mix of issue 17: per 100,000 events, 5,000 entities and 140,000 sources."""
    return {"entities": events // 20, "sources": events * 7 // 5, "cited": (2, 6)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("events", type=int)
    parser.add_argument("-o", "--output", type=Path)
    parser.add_argument("--seed", type=int, default=1985)
    parser.add_argument("--entities", type=int, help="how many entities (default N/20)")
    parser.add_argument("--sources", type=int, help="how many sources (default N/100)")
    parser.add_argument(
        "--cited",
        type=int,
        nargs=2,
        default=(1, 1),
        metavar=("MIN", "MAX"),
        help="how many sources each event cites (default 1 1)",
    )
    parser.add_argument(
        "--source-heavy",
        action="store_true",
        help="N/20 entities, 1.4 N sources, 2 to 6 cited per event",
    )
    args = parser.parse_args()
    if args.source_heavy:
        text = generate(args.events, args.seed, **source_heavy(args.events))
    else:
        text = generate(
            args.events,
            args.seed,
            entities=args.entities,
            sources=args.sources,
            cited=tuple(args.cited),
        )
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
