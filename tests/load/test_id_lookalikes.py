"""Ids that look alike never become two entities: only one spelling of an id is possible."""

from __future__ import annotations

import unicodedata

import pytest

from timeline_viewer.domain.problems import LoadError
from timeline_viewer.load.loader import parse_timeline

SLUG = "expected an id of lowercase letters, digits and single hyphens (like caro-quintero)"


def _entities(*ids: str) -> str:
    return (
        "schema: 1\ntitle: T\nentities:\n"
        + "".join(
            f'  - id: "{entity_id}"\n    name: N{n}\n    kind: person\n'
            for n, entity_id in enumerate(ids)
        )
        + "events: []\n"
    )


@pytest.mark.parametrize(
    ("first", "second", "refused"),
    [
        (
            unicodedata.normalize("NFC", "treviño"),
            unicodedata.normalize("NFD", "treviño"),
            ["treviño", "trevin\u0303o"],
        ),
        ("trevino", "Trevino", ["Trevino"]),
        ("trevino", "TREVINO", ["TREVINO"]),
        ("camarena", "c\u0430marena", ["c<U+0430 CYRILLIC SMALL LETTER A>marena"]),
        ("camarena", "cama\u200brena", ["cama\\u200brena"]),
    ],
)
def test_ids_that_differ_by_normalisation_case_or_lookalikes_are_not_two_entities(
    first: str, second: str, refused: list[str]
) -> None:
    with pytest.raises(LoadError) as caught:
        parse_timeline(_entities(first, second), "ids.yaml")
    messages = [str(problem) for problem in caught.value.problems]
    assert [m.split(f"{SLUG}, got ")[1] for m in messages] == [f'"{r}"' for r in refused]


def test_the_same_id_twice_is_a_duplicate() -> None:
    with pytest.raises(LoadError) as caught:
        parse_timeline(_entities("trevino", "trevino"), "ids.yaml")
    assert "duplicate" in str(caught.value)
