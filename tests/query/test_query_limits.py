"""A filter has a length limit, said with where to cut."""

from __future__ import annotations

import pytest

from timeline_viewer.query.language import MAX_QUERY_LENGTH, QueryError, parse_query


def test_a_filter_of_the_longest_length_is_read() -> None:
    words = ("abcd " * (MAX_QUERY_LENGTH // 5))[:MAX_QUERY_LENGTH]
    assert len(words) == MAX_QUERY_LENGTH
    assert len(parse_query(words).terms) == MAX_QUERY_LENGTH // 5


def test_one_character_more_is_refused_with_the_column_to_cut_from() -> None:
    with pytest.raises(QueryError) as refused:
        parse_query("a" * (MAX_QUERY_LENGTH + 1))
    assert str(refused.value) == (
        "the filter is 1,001 characters long, at most 1,000: cut it from column 1,001 on"
    )
