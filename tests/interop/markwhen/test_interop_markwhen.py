"""Exported Markwhen files, read back by Markwhen's own parser (npm @markwhen/parser).

Every case is exported by `export_markwhen`, written to a file and parsed by
`read_markwhen.mjs` under Node (TZ=UTC), which prints the events Markwhen
sees. Each exported event must come back: same id, same date range (from the
first day of the start to the day after the last day of the end), the same
title and summary lines as Markwhen shows text. Then the same file goes through
our importer and must give the same events.

Needs Node and the parser in node_modules here: `tests/interop/renderer/install.sh`.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from interop_helpers import hostile_timeline

from timeline_viewer.domain.dates import PartialDate, days_in_month
from timeline_viewer.domain.model import Event, Timeline, chronological
from timeline_viewer.interop.markwhen_export import (
    MARKWHEN_MAX_LINES,
    MARKWHEN_SAFE_LINES,
    export_markwhen,
    markwhen_dates,
)
from timeline_viewer.load.formats.markwhen import import_markwhen
from timeline_viewer.load.loader import bundled_timeline_path, load_timeline
from timeline_viewer.query.index import TimelineIndex

HERE = Path(__file__).resolve().parent
PARSER = HERE / "node_modules" / "@markwhen" / "parser" / "package.json"
NODE = shutil.which("node")
INSTALL = "run tests/interop/renderer/install.sh"

pytestmark = [
    pytest.mark.skipif(NODE is None, reason=f"Node.js is not installed ({INSTALL})"),
    pytest.mark.skipif(
        not PARSER.is_file(), reason=f"@markwhen/parser is not in node_modules ({INSTALL})"
    ),
]


def markwhen_reads(text: str, tmp_path: Path) -> dict[str, Any]:
    assert NODE is not None
    path = tmp_path / "export.mw"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [NODE, str(HERE / "read_markwhen.mjs"), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=HERE,
        env={"TZ": "UTC", "PATH": ""},
    )
    read: dict[str, Any] = json.loads(result.stdout)
    return read


def _day(key: tuple[int, int, int]) -> str:
    """An astronomical day as luxon writes it in ISO: 0800-01-02, -000043-01-01, +012000-..."""
    year, month, day = key
    if 0 <= year <= 9999:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{'-' if year < 0 else '+'}{abs(year):06d}-{month:02d}-{day:02d}"


def _day_after(key: tuple[int, int, int]) -> tuple[int, int, int]:
    year, month, day = key
    if day < days_in_month(year, month):
        return year, month, day + 1
    return (year, month + 1, 1) if month < 12 else (year + 1, 1, 1)


def expected_range(event: Event) -> tuple[str, str]:
    """What Markwhen should read: a BC/AD date covers whole years (it has no months)."""
    start, last = event.date, event.end or event.date
    if not (1 <= start.year <= 9999 and 1 <= last.year <= 9999):
        start, last = PartialDate(start.year), PartialDate(last.year)
    return _day(start.first_day), _day(_day_after(last.last_day))


def _shown_lines(summary: str | None) -> list[str]:
    """A summary as Markwhen shows it: lines trimmed, blank lines at the end dropped."""
    lines = [line.strip() for line in (summary or "").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def check_read_back(timeline: Timeline, tmp_path: Path) -> None:
    index = TimelineIndex(timeline)
    warnings: list[str] = []
    text = export_markwhen(index, warnings=warnings)
    read = markwhen_reads(text, tmp_path)
    assert "error" not in read, read
    events = read["events"]
    # Only years beyond Markwhen's five digits are left out, and each is said.
    exported = [e for e in index.events if markwhen_dates(e.date, e.end) is not None]
    left_out = {e.id for e in index.events} - {e.id for e in exported}
    assert all(any(w.startswith(f"{i}:") for w in warnings) for i in left_out)
    assert [e["id"] for e in events] == [e.id for e in exported]
    for ours, theirs in zip(exported, events, strict=True):
        start, end = expected_range(ours)
        assert theirs["from"][: len(start)] == start, (ours.id, theirs["from"])
        assert theirs["to"][: len(end)] == end, (ours.id, theirs["to"])
        assert not theirs["relative"]
        # Markwhen keeps the colon of a BC/AD date in the title (": Caesar").
        title = theirs["title"].replace("\u2060", "").removeprefix(":").strip()
        assert title.startswith(one_line(ours.title)), ours.id
        lines = [line.removeprefix(". ").replace("\u2060", "") for line in theirs["lines"]]
        assert lines == [line.strip() for line in _shown_lines(ours.summary)], ours.id
        # Tags Markwhen can spell are its tags; otherwise the exact list is a property.
        if all(re.fullmatch(r"(?!\d+$)[A-Za-z0-9_]+", tag) for tag in ours.tags):
            assert theirs["tags"] == list(ours.tags), ours.id
        else:
            assert theirs["tags"] == [] and theirs["properties"]["tags"] == list(ours.tags)
    assert read["header"]["title"] == timeline.title
    # And our importer reads the same events back.
    back = import_markwhen(text, "export.mw")
    assert [(e.id, e.date, e.end, e.title, e.tags) for e in back.events] == [
        # An end equal to the start says nothing, and is not kept.
        (e.id, e.date, None if e.end == e.date else e.end, one_line(e.title), e.tags)
        for e in exported
    ]


def one_line(title: str) -> str:
    """A title as a Markwhen line holds it: JavaScript's line terminators as spaces."""
    return re.sub("[\r\n\u2028\u2029]+", " ", title).strip()


def _event(number: int, date: PartialDate, **fields: Any) -> Event:
    return Event(
        id=f"e-{number}", date=date, title=fields.pop("title", f"Event {number}"), **fields
    )


TRAPS = [
    # Qualified dates: 1989? and 1980~ are not dates to Markwhen.
    _event(1, PartialDate(1989, uncertain=True)),
    _event(2, PartialDate(1980, approximate=True), end=PartialDate(1985, uncertain=True)),
    # BC years: -0043 would be a relative date.
    _event(3, PartialDate(-43), title="Caesar"),
    _event(4, PartialDate(-299), end=PartialDate(-199), title="BC period"),
    _event(5, PartialDate(-49), end=PartialDate(49), title="Across the era"),
    _event(6, PartialDate(-43, 3, 15), title="Ides of March"),
    _event(7, PartialDate(12000), title="Far future"),
    _event(8, PartialDate(800), title="Early"),
    # Description lines Markwhen reads as events, sections, comments, properties.
    _event(
        9,
        PartialDate(1985, 2, 7),
        end=PartialDate(1989),
        summary=(
            "note: a property\n1990: a date\n# a section\n## another\n// a comment\n"
            ": empty date\nFeb 1990: a month\nafter !x 3 days: relative\n---\n. dot\n"
            "- a list item\nnow: here"
        ),
    ),
    # Text Markwhen takes out: tags, ids, locations, images.
    _event(
        10,
        PartialDate(2001, 9),
        title="Case #42 and #tag, !bang .end [Paris](location) ![x](y.png)",
        summary="More #words and [Rome](map)\n![img](pic.png)",
    ),
    _event(11, PartialDate(2002), tags=("dea", "origins_1"), title="Simple tags"),
    _event(12, PartialDate(2003), tags=("guadalajara-cartel", "méxico", "1985"), title="Others"),
    _event(13, PartialDate(2004, 2, 29), title="Leap day: colon in title"),
]


def test_every_trap_reads_back(tmp_path: Path) -> None:
    timeline = Timeline(
        title="Traps #1: 1989?",
        description="1990: not an event\n# not a section",
        events=chronological(TRAPS),
    )
    check_read_back(timeline, tmp_path)


def test_the_bundled_timeline_reads_back(tmp_path: Path) -> None:
    check_read_back(load_timeline(bundled_timeline_path()), tmp_path)


def test_a_hostile_timeline_reads_back(tmp_path: Path) -> None:
    check_read_back(hostile_timeline(), tmp_path)


def test_generated_shapes_read_back(tmp_path: Path) -> None:
    events = []
    number = 0
    for year in (-9999, -1000, -1, 0, 1, 999, 1000, 1985, 2024, 9999, 10000, 99999):
        for month, day in ((None, None), (1, None), (12, 31), (2, 28)):
            for approximate, uncertain in ((False, False), (True, False), (False, True)):
                number += 1
                date = PartialDate(year, month, day, approximate, uncertain)
                end = PartialDate(year + 3, month) if number % 2 else None
                events.append(_event(number, date, end=end))
    check_read_back(Timeline(title="Shapes", events=chronological(events)), tmp_path)


def test_what_markwhen_does_with_the_traps_unescaped(tmp_path: Path) -> None:
    """The traps themselves, written naively: so the checks above check something."""
    naive = "\n".join(
        [
            "---",
            "title: Naive",
            "---",
            "1985: First",
            "1989?: Uncertain",
            "1980~: Approximate",
            "A line",
            "1990: from a description",
            "# a section",
            "-0043: Caesar",
        ]
    )
    events = markwhen_reads(naive, tmp_path)["events"]
    assert [e["title"] for e in events] == ["First", "from a description", "Caesar"]
    assert events[0]["lines"] == ["1989?: Uncertain", "1980~: Approximate", "A line"]
    assert events[2]["groups"] == ["a section"]
    assert events[2]["relative"] or events[2]["from"][:4] == str(datetime.date.today().year)


def test_markwhen_overflows_above_its_line_limit(tmp_path: Path) -> None:
    """The limit the export warns at: lines, not events (the stack a line costs)."""
    header = ["---", "title: Big", "---"]
    fits = [*header, *["x"] * (MARKWHEN_SAFE_LINES - len(header) - 1), "1985: x"]
    assert len(markwhen_reads("\n".join(fits), tmp_path)["events"]) == 1
    # The exact line varies by a few with the Node build and its environment.
    over = [*header, *["x"] * (MARKWHEN_MAX_LINES + 2_000)]
    assert "Maximum call stack" in markwhen_reads("\n".join(over), tmp_path)["error"]
