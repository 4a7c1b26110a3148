"""Messages show what a reader could not see or could mistake, for what it is."""

from __future__ import annotations

import pytest

from timeline_viewer.domain.problems import Problem
from timeline_viewer.domain.text import shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("camarena", "camarena"),
        ("Treviño Morales", "Treviño Morales"),  # accents are letters, not lookalikes
        ("Рафаэль Каро Кинтеро", "Рафаэль Каро Кинтеро"),  # noqa: RUF001
        ("κόσμε", "κόσμε"),
        ("c\u0430marena", "c<U+0430 CYRILLIC SMALL LETTER A>marena"),
        ("ep\u03bfch", "ep<U+03BF GREEK SMALL LETTER OMICRON>ch"),
        ("cama\u200brena", "cama\\u200brena"),
        ("\ufeffid", "\\ufeffid"),
        ("a\u00adb", "a\\u00adb"),  # a soft hyphen is invisible in most places
        ("a\u00a0b", "a\\u00a0b"),  # a space that is not one
        ("x\u202ey\u2066z", "x\\u202ey\\u2066z"),
        ("bell\x07", "bell\\x07"),
        ("\x1b[2Jclear", "\\x1b[2Jclear"),
        ("\x9b31m", "\\x9b31m"),
        ("two\nlines\tand\rreturn", "two\\nlines\\tand\\rreturn"),
        ("line\u2028sep", "line\\u2028sep"),
        ("emoji \U0001f600 ok", "emoji \U0001f600 ok"),
        ("para\u2029graph", "para\\u2029graph"),  # Zp
        ("private\ue000use", "private\\ue000use"),  # Co
        ("unassigned\u0378", "unassigned\\u0378"),  # Cn
        ("lone\ud800surrogate", "lone\\ud800surrogate"),  # Cs
        ("non\uffffcharacter", "non\\uffffcharacter"),  # the last 4-digit escape
        ("tag\U000e0001char", "tag\\U000e0001char"),  # Cf above U+FFFF
        ("wide\u3000space", "wide\\u3000space"),  # Zs that is not a space
        ("a\u0441", "a<U+0441 CYRILLIC SMALL LETTER ES>"),  # a is Latin
        ("z\u0430", "z<U+0430 CYRILLIC SMALL LETTER A>"),  # so is z
        ("_\u0431", "_\u0431"),  # an underscore is no Latin letter
        ("9\u0431", "9\u0431"),  # nor a digit
    ],
)
def test_invisible_and_lookalike_characters_are_shown_for_what_they_are(
    text: str, expected: str
) -> None:
    assert shown(text) == expected


def test_a_problem_names_the_lookalike_in_the_id_it_quotes() -> None:
    problem = Problem(
        "time\x1bline.yaml", 'unknown entity "c\u0430marena"', 12, 9, "events[0].entities[0]"
    )
    assert str(problem) == (
        "time\\x1bline.yaml:12:9: events[0].entities[0]: "
        'unknown entity "c<U+0430 CYRILLIC SMALL LETTER A>marena"'
    )
