"""The time rail draws the highlighted event's extent: a period, an ongoing one, a 198X span."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import app_on_file, browse, running, settle, synchronous

from timeline_viewer.tui.time_rail import EXTENT_LOOSE, EXTENT_SOLID, OPEN_MARKER, TimeRail

WIDE = (120, 36)

TIMELINE = """\
schema: 1
title: Spans
events:
  - id: first
    date: 1950
    title: First
  - id: still-going
    date: 1960
    end: ..
    title: Still going
  - id: some-year
    date: 197X
    title: Some year of the seventies
  - id: ended-unknown
    date: 1990
    end: unknown
    title: Ended, when is not known
  - id: last
    date: 2000
    title: Last
"""


@synchronous
async def test_the_rail_draws_open_and_unspecified_spans(tmp_path: Path) -> None:
    path = tmp_path / "spans.yaml"
    path.write_text(TIMELINE, encoding="utf-8")
    app = app_on_file(path)
    async with running(app, size=WIDE) as pilot:
        screen = browse(app)
        rail = screen.query_one(TimeRail)
        width = rail.content_region.width

        async def highlight(event_id: str) -> tuple[str, str]:
            screen.events_list.move_cursor(screen.index.position_by_id[event_id])
            await settle(pilot)
            return rail.render_line(0).text, rail.render_line(1).text

        pointer, bars = await highlight("still-going")
        assert "1960 \N{EN DASH} ongoing" in pointer
        # From 1960 to the rail's end (2000, the timeline's last date), then the open marker.
        assert bars.rstrip()[-1] == OPEN_MARKER and len(bars) == width
        assert EXTENT_SOLID in bars and EXTENT_LOOSE not in bars
        start = int((1960 - 1950) / (2000 + 365 / 372 - 1950) * width)
        assert all(cell != " " for cell in bars[start + 1 :])

        pointer, bars = await highlight("some-year")
        assert "197X" in pointer
        assert EXTENT_LOOSE in bars and OPEN_MARKER not in bars and EXTENT_SOLID not in bars

        for plain in ("first", "ended-unknown", "last"):
            pointer, bars = await highlight(plain)
            assert not {EXTENT_LOOSE, EXTENT_SOLID, OPEN_MARKER} & set(bars), plain
        assert "1990 \N{EN DASH} unknown" in (await highlight("ended-unknown"))[0]
