"""The selected events as CSV for spreadsheets: a header row, then one row per event.

Columns: id, date, end (EDTF: 1985, 1985-02-07, 1978~, -0043), when (the
date or period as shown, precision kept), precision, title, summary,
entities (names, "; "-separated), place (its name), tags ("; "), sources
(URLs, or the title of a source without one, "; "), note, reported (EDTF),
display_date, media_url (a web address or a path relative to the timeline
file, as written), media_caption, media_credit.
Lines end in CRLF, as RFC 4180 and spreadsheets expect; fields with commas,
quotes or line breaks are quoted by the csv module.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from timeline_viewer.domain.dates import end_text
from timeline_viewer.domain.model import Event
from timeline_viewer.query.index import TimelineIndex

COLUMNS = (
    "id",
    "date",
    "end",
    "when",
    "precision",
    "title",
    "summary",
    "entities",
    "place",
    "tags",
    "sources",
    "note",
    "reported",
    "display_date",
    "media_url",
    "media_caption",
    "media_credit",
)
SEPARATOR = "; "
# Formula injection: a spreadsheet runs a cell that starts with one of these
# as a formula (=HYPERLINK(...) can exfiltrate data, =cmd|... could run code).
# A leading apostrophe makes it text, and the apostrophe itself is not shown.
# BCE dates such as -0043 get one too, which also stops them becoming -43.
# The full-width forms count: some spreadsheet locales read them as formulas.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def export_csv(index: TimelineIndex, positions: Sequence[int] | None = None) -> str:
    """CSV text of the events at `positions` (all events if None), header row first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for position in range(len(index)) if positions is None else positions:
        writer.writerow([_defused(cell) for cell in _row(index, index.events[position])])
    return buffer.getvalue()


def _row(index: TimelineIndex, event: Event) -> list[str]:
    place = index.entity(event.place) if event.place else None
    media = event.media
    return [
        event.id,
        event.date.edtf(),
        end_text(event.end, event.open_end) or "",
        event.when,
        event.date.precision.value,
        event.title,
        event.summary or "",
        # The entities alone (the place has its column): a lookup each, not a scan of the list.
        SEPARATOR.join(
            index.entity_by_id[i].name for i in event.entities if i in index.entity_by_id
        ),
        place.name if place else "",
        SEPARATOR.join(event.tags),
        SEPARATOR.join(s.url or s.title for s in index.sources_of(event)),
        event.note or "",
        event.reported.edtf() if event.reported else "",
        event.display_date or "",
        media.url if media else "",
        (media.caption or "") if media else "",
        (media.credit or "") if media else "",
    ]


def _defused(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell
