"""Where a filter's words fall in a shown text: folded as the filter folds."""

from __future__ import annotations

import unicodedata

from timeline_viewer.query.highlight import highlight_words, word_spans
from timeline_viewer.query.language import parse_query


def marked(text: str, query: str) -> list[str]:
    """The pieces of `text` the filter `query` marks."""
    return [text[a:b] for a, b in word_spans(text, highlight_words(parse_query(query)))]


def test_only_the_words_that_can_show_are_marked() -> None:
    query = parse_query('bridge "Old  Mill" -flood entity:lima tag:dea year:1985 BRIDGE')
    assert highlight_words(query) == ("bridge", "old mill")


def test_case_and_accents_are_ignored_as_the_filter_ignores_them() -> None:
    assert marked("Miguel Treviño Morales", "trevino") == ["Treviño"]
    assert marked("MIGUEL TREVIÑO", "Treviño") == ["TREVIÑO"]
    assert marked("Treviño", "TREVIÑO") == ["Treviño"]


def test_a_decomposed_accent_stays_with_its_letter() -> None:
    title = unicodedata.normalize("NFD", "Treviño arrested")
    assert len(title) == len("Treviño arrested") + 1
    assert marked(title, "trevino") == [unicodedata.normalize("NFD", "Treviño")]
    # A word that ends on an accented letter takes its accent, and no more.
    assert word_spans("Jose\u0301x", ("jose",)) == [(0, 5)]
    assert word_spans("Jose\u0301", ("jose",)) == [(0, 5)]


def test_every_occurrence_of_every_word_in_order_with_overlaps_merged() -> None:
    assert marked("The bridge, the Bridge and a drawbridge", "bridge") == [
        "bridge",
        "Bridge",
        "bridge",
    ]
    assert word_spans("caro quintero", ("caro", "aro qui")) == [(0, 8)]
    assert marked("Bridge opened; the mill rebuilt", "mill bridge") == ["Bridge", "mill"]
    # Occurrences that overlap, and words that touch, make one mark.
    assert word_spans("aaa", ("aa",)) == [(0, 3)]
    assert word_spans("abcd", ("cd", "ab")) == [(0, 4)]


def test_an_empty_word_marks_nothing_and_stops_nothing() -> None:
    assert word_spans("ax", ("", "x")) == [(1, 2)]


def test_a_phrase_matches_across_a_run_of_whitespace() -> None:
    assert marked("taken in\n   Guadalajara", '"in guadalajara"') == ["in\n   Guadalajara"]


def test_letters_that_fold_to_two_are_mapped_back_to_one() -> None:
    # ß folds to "ss", ﬁ (one ligature) to "fi": the marks cover the characters shown.
    assert marked("Straße fire", "strasse") == ["Straße"]
    assert marked("the ﬁre", "fire") == ["ﬁre"]


def test_nothing_to_mark() -> None:
    assert marked("Bridge opened", "-bridge tag:dea") == []
    assert marked("", "bridge") == []
    assert marked("Bridge opened", "flood") == []
    assert marked("Bridge opened", "") == []
