"""A timeline (or the filtered part of it) as a Markwhen `.mw` file that Markwhen reads back.

Markwhen's parser (npm @markwhen/parser 1.2) reads every line by regular
expressions and never refuses one, so text written naively becomes something
else without a word. What is written here, and why:

- a header between `---` lines, values quoted: without the dashes a
  description line that looks like a date or a section would end the header;
  `#` in a header or property value is written `\\x23`, since the parser turns
  `#word` there into `)word` before YAML reads it;
- dates as Markwhen reads them: EDTF `1985`, `1985-02`, `1985-02-07` and
  `A / B` for years 1 to 9999. EDTF's qualifiers are not dates to it (`1989?:`
  and `1980~:` make the line text of the previous event) and `-0043` is read
  as a relative date, so a qualified date is written plain with its mark kept
  in the title ("Title (c. 1985)"), and a year before 1 or after 9999 in its
  BC/AD form (`44 BC`), years only. Markwhen ends a BC/AD range at the start
  of its last year, so the year after ours is written there;
- `id: "..."` on the line after the event, and when the Markwhen date does not
  say everything (a qualifier, a BC month), `date:` and `end:` in EDTF, from
  which `load.formats.markwhen` rebuilds the event exactly;
- tags as `#tag` at the end of the title line; a tag Markwhen cannot spell
  (anything but ASCII letters, digits and `_`, or only digits) makes the
  exact list a `tags:` property instead;
- summary lines that Markwhen would read as something else get `. ` in front
  (the escape Markwhen's own iCal import writes): a line that starts like a
  date or a relative date (`1990: ...`, `Feb 1990: ...`, `: ...`), a section
  (`# `), a comment (`//`), a property (`key: ...`, as first line), a header
  fence (`---`), or itself starts with `. `;
- inside a title or summary, a WORD JOINER (U+2060, invisible) after the sign
  of what Markwhen would take out of the text: `#tag`, `!id`, `.start`/`.end`
  (titles), `[place](location)` and `![image](url)`.

Markwhen's parser overflows its stack on a file of more than 123,125 lines
(Node 20, default stack), whatever the lines hold: about 41,000 events of a
line each plus their id, fewer with summaries. `markwhen_chunks` warns when an
export is longer than `MARKWHEN_SAFE_LINES`. Deterministic: the same timeline and selection give the same text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence

from timeline_viewer.domain.dates import PartialDate
from timeline_viewer.domain.model import Event
from timeline_viewer.query.index import TimelineIndex

# Markwhen's parser spreads the lines of a file into one function call
# (`lines.push(...text.split("\n"))`): with Node 20's default stack, 123,125
# lines parse and 123,126 overflow it (RangeError), events or not. Other Node
# versions and builds give a little more or less room, hence the margin.
MARKWHEN_MAX_LINES = 123_125
MARKWHEN_SAFE_LINES = 120_000
WORD_JOINER = "\u2060"
LINE_ESCAPE = ". "
# Markwhen's BC/AD syntax takes years of one to five digits.
_MAX_BCE_YEAR = 99_999
# A tag Markwhen reads from `#tag`: ASCII word characters, not only digits.
_SIMPLE_TAG = re.compile(r"(?!\d+$)[A-Za-z0-9_]+")
# What Markwhen takes out of a line of text (its TAG_REGEX, EVENT_ID_REGEX,
# LOCATION_REGEX and IMAGE_REGEX): the sign gets a word joiner after it.
# JavaScript's \s is Unicode's spaces and the BOM; its \w is ASCII (a wider \w
# here only escapes more).
_TAG_SIGN = re.compile(r"(?:(?<=[\s\ufeff])|^)#(?=\w)")
_ID_SIGN = re.compile(r"(?:(?<=\W)|^)(?:!(?=\w)|\.(?=start|end))", re.ASCII)
_LOCATION = re.compile(r"\]\((?=(?:location|map)\))")
_IMAGE = re.compile(r"!(?=\[)")
_MONTH_START = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RELATIVE_WORDS = ("by", "before", "after", "plus", "now", "every", "week", "work", "business")
_FIRST_WORD = re.compile(r"[A-Za-z]+")
# Markwhen's property line: `key: value` right after an event's first line.
_PROPERTY = re.compile(r"^(?!-)\s*[\w\-.]+:(?:\s|$)")
_SECTION = re.compile(r"^\s*#{1,6}\s")
# JavaScript's line terminators: Markwhen's `(.*)` ends a title at any of them.
_LINE_BREAKS = re.compile("[\r\n\u2028\u2029]+")


def export_markwhen(
    index: TimelineIndex,
    positions: Sequence[int] | None = None,
    *,
    warnings: list[str] | None = None,
) -> str:
    """Markwhen text of the events at `positions` (all events if None).

    What cannot be written (a year beyond Markwhen's five digits) or is
    written with a loss (a BC month) is said in `warnings`, when given.
    """
    return "".join(markwhen_chunks(index, positions, warnings=warnings))


def markwhen_chunks(
    index: TimelineIndex,
    positions: Sequence[int] | None = None,
    *,
    warnings: list[str] | None = None,
) -> Iterator[str]:
    """The same text a piece at a time (an event each), for writing a big export."""
    said = warnings if warnings is not None else []
    timeline = index.timeline
    header = ["---", f"title: {_yaml_text(timeline.title)}"]
    if timeline.description:
        header.append(f"description: {_yaml_text(timeline.description)}")
    header.append("---")
    yield "\n".join(header) + "\n"
    lines = len(header)
    for position in range(len(index)) if positions is None else positions:
        text = _event(index.events[position], said)
        if text is not None:
            lines += text.count("\n")
            yield text
    if lines > MARKWHEN_SAFE_LINES:
        said.append(
            f"the export has {lines:,} lines: Markwhen's parser (1.2) overflows its stack "
            f"above about {MARKWHEN_MAX_LINES:,} lines and reads nothing; export a filtered "
            "part (-q) to open it in Markwhen"
        )


def markwhen_dates(start: PartialDate, end: PartialDate | None) -> tuple[str, bool] | None:
    """The date text Markwhen reads as the same range, and whether it says it all.

    None when Markwhen has no way to write the year (beyond five digits).
    """
    last = end or start
    if 1 <= start.year <= 9999 and 1 <= last.year <= 9999:
        text = _edtf(start) if end is None else f"{_edtf(start)} / {_edtf(end)}"
        exact = not (start.loose or last.loose)  # a mark (c., ?) or X digits
        return text, exact
    # BC/AD: years only, and a range ends where its last written year begins.
    single = end is None or end.year == start.year
    years = [start.year] if single or end is None else [start.year, end.year + 1]
    if any(not -_MAX_BCE_YEAR < year <= _MAX_BCE_YEAR for year in years):
        return None
    text = " - ".join(_bce(year) for year in years)
    exact = (
        len(years) == 1
        and end is None
        and start.month is None
        and not (start.approximate or start.uncertain)
    )
    return text, exact


def _event(event: Event, warnings: list[str]) -> str | None:
    dates = markwhen_dates(event.date, event.end)
    if dates is None:
        warnings.append(
            f"{event.id}: {event.when} is beyond the years Markwhen can write "
            "(five digits): not exported"
        )
        return None
    date_text, exact = dates
    # An end without a date (ongoing, unknown): Markwhen's own "now" would move
    # with the day it is read; the start is written, the end kept in the text.
    exact = exact and event.open_end is None
    # One line, as Markwhen reads a title; tabs and runs of spaces kept.
    title = _inline(_LINE_BREAKS.sub(" ", event.title).strip(), title=True)
    if not exact:
        # The mark (c., ?) or the precision Markwhen's date cannot carry stays in the text.
        title += f" ({event.when})"
        if _lossy(event.date, event.end):
            warnings.append(
                f"{event.id}: Markwhen writes years before 1 or after 9999 without months "
                f"or days: {event.when} is the {_bce_span(event)} in Markwhen"
            )
    simple = all(_SIMPLE_TAG.fullmatch(tag) for tag in event.tags)
    if simple and event.tags:
        title += "".join(f" #{tag}" for tag in event.tags)
    lines = [f"{date_text}: {title}", f"id: {_yaml_text(event.id)}"]
    if not exact:
        lines.append(f"date: {_yaml_text(_exact(event.date))}")
        if event.end is not None:
            lines.append(f"end: {_yaml_text(_exact(event.end))}")
        elif event.open_end is not None:
            lines.append(f"end: {_yaml_text(event.open_end.value)}")
    if not simple:
        tags = ", ".join(_yaml_text(tag) for tag in event.tags)
        lines.append(f"tags: [{tags}]")
    if event.summary:
        summary = event.summary.split("\n")
        lines += (_summary_line(line, first=at == 0) for at, line in enumerate(summary))
    return "\n".join(lines) + "\n\n"


def _lossy(start: PartialDate, end: PartialDate | None) -> bool:
    """Whether the BC/AD form drops a month or day, or a period inside one year."""
    if 1 <= start.year <= 9999 and 1 <= (end or start).year <= 9999:
        return False
    if start.month is not None or (end is not None and end.month is not None):
        return True
    return end is not None and end.year == start.year and end != start


def _bce_span(event: Event) -> str:
    last = event.end or event.date
    if last.year == event.date.year:
        return f"year {_bce(event.date.year)}"
    return f"years {_bce(event.date.year)} to {_bce(last.year)}"


def _edtf(date: PartialDate) -> str:
    """EDTF without its qualifiers: Markwhen reads no `~`, `?` or `%`."""
    plain = PartialDate(date.year, date.month, date.day)
    return plain.edtf()


def _exact(date: PartialDate) -> str:
    """EDTF with its qualifiers (a year after 9999 with EDTF's Y), as our dates read it."""
    return date.edtf()


def _bce(year: int) -> str:
    """An astronomical year in Markwhen's BC/AD form: 0 is 1 BC, -43 is 44 BC."""
    return f"{1 - year} BC" if year <= 0 else f"{year} AD"


def _yaml_text(value: str) -> str:
    """A YAML double-quoted string; `#` escaped, as Markwhen rewrites `#word` before YAML."""
    return json.dumps(value, ensure_ascii=False).replace("#", "\\x23")


def _inline(text: str, *, title: bool) -> str:
    """Text with a word joiner after every sign Markwhen would take out of it."""
    text = _TAG_SIGN.sub("#" + WORD_JOINER, text)
    if title:
        text = _ID_SIGN.sub(lambda m: m[0] + WORD_JOINER, text)
    text = _LOCATION.sub("](" + WORD_JOINER, text)
    return _IMAGE.sub("!" + WORD_JOINER, text)


def _summary_line(line: str, *, first: bool) -> str:
    line = _inline(line, title=False)
    if _read_otherwise(line, first=first):
        return LINE_ESCAPE + line
    return line


def _read_otherwise(line: str, *, first: bool) -> bool:
    """Whether Markwhen would read this summary line as something other than text.

    Deliberately wider than Markwhen's own patterns (an escaped line reads the
    same to our importer): any line with a colon that does not start with a
    plain word could start an event, since Markwhen's relative dates can be
    empty, so `: x` is an event too.
    """
    stripped = line.lstrip()
    if stripped.startswith((LINE_ESCAPE.strip(), "//", "---")) or _SECTION.match(line):
        return True
    if first and _PROPERTY.match(line):
        return True
    if ":" not in line:
        return False
    word = _FIRST_WORD.match(stripped)
    if word is None:
        return True
    lowered = word[0].lower()
    return lowered.startswith(_MONTH_START) or lowered in _RELATIVE_WORDS
