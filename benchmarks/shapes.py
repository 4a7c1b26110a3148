"""Hostile shapes of timeline: every command on each, against 2 s and 400 MB.

    python benchmarks/shapes.py                 # the issue's sizes (a few minutes)
    python benchmarks/shapes.py --scale 0.1     # a tenth of them (what CI runs, via run.py)
    python benchmarks/shapes.py --only equal-titles wide-event --commands lint
    python benchmarks/shapes.py --tui           # the TUI's steps too, headless
    python benchmarks/shapes.py --write /tmp/shapes   # just write the files

A realistic file has a few events per entity, one title per event and a
source or two each. These do not, and each one finds whatever compares
pairs or scans a list again for each of its members:

- equal-titles: 25,000 events with one title and one summary, a day apart
  (a daily log);
- same-day: 5,000 events with one title on one day (every pair is in the
  near-duplicate window);
- wide-event: one event with 50,000 entities, all declared, and the same
  50,000 entities related to one of them;
- many-sources: one event citing 50,000 sources, all declared;
- common-entity: one entity in every event of 100,000.

Each command is a child process; its wall time, CPU time (steadier on a
shared machine) and peak RSS are measured. Files are written to a
temporary folder, never into the repository.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import inspect
import os
import resource
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from own_peak import launched, own_usage

SECONDS = 2.0
MEGABYTES = 400.0
UI_STALL = 0.15  # the TUI's longest stall, as benchmarks/run.py holds it to


def _header(title: str) -> list[str]:
    return [
        "schema: 1",
        f"title: {title}",
        "description: Generated for benchmarks; a hostile shape.",
    ]


def _date(day: int) -> str:
    """Day `day` from 1 January 1900, as YYYY-MM-DD."""
    return (datetime.date(1900, 1, 1) + datetime.timedelta(days=day)).isoformat()


def equal_titles(events: int) -> str:
    """A daily log: every event the same title and summary, one day apart."""
    lines = [
        *_header(f"Daily log of {events} days"),
        "sources:",
        "  - id: logbook",
        "    title: The logbook",
        "entities:",
        "  - id: keeper",
        "    name: The keeper",
        "    kind: person",
        "events:",
    ]
    for n in range(events):
        lines += [
            f"  - id: day-{n}",
            f"    date: {_date(n)}",
            "    title: Daily log",
            "    summary: Nothing to report; the keeper walked the grounds and locked up.",
            "    entities: [keeper]",
            "    sources: [logbook]",
        ]
    return "\n".join(lines) + "\n"


def same_day(events: int) -> str:
    """One title on one day, again and again: every pair is a near-duplicate candidate."""
    lines = [*_header(f"{events} reports of one day"), "events:"]
    for n in range(events):
        lines += [
            f"  - id: report-{n}",
            "    date: 1985-02-07",
            "    title: Report of the raid",
            "    summary: The same report filed again.",
        ]
    return "\n".join(lines) + "\n"


def wide_event(entities: int) -> str:
    """One event involving every entity (half of them dead by then); one entity related
    to every other."""
    lines = [
        *_header(f"One event with {entities} entities"),
        "sources:",
        "  - id: roll",
        "    title: The roll call",
        "entities:",
    ]
    for n in range(entities):
        lines += [f"  - id: person-{n}", f"    name: Person number {n}", "    kind: person"]
        if n % 2:  # half of them dead before the assembly: a lint finding each
            lines.append("    died: 1980")
        if n == 0:
            lines.append("    related:")
            lines += [
                f"      - {{entity: person-{m}, relation: knows}}" for m in range(1, entities)
            ]
    lines += [
        "  - id: hall",
        "    name: The hall",
        "    kind: place",
        "events:",
        "  - id: assembly",
        "    date: 1985-02-07",
        "    title: Everyone at the assembly",
        "    summary: The whole roll was called.",
        f"    entities: [{', '.join(f'person-{n}' for n in range(entities))}]",
        "    place: hall",
        "    sources: [roll]",
        "  - id: aftermath",
        "    date: 1985-02-08",
        "    title: The hall closed",
        "    entities: [person-0]",
        "    place: hall",
        "    sources: [roll]",
    ]
    return "\n".join(lines) + "\n"


def many_sources(sources: int) -> str:
    """One event citing every source."""
    lines = [*_header(f"One event with {sources} sources"), "sources:"]
    for n in range(sources):
        lines += [
            f"  - id: report-{n}",
            f"    title: Report number {n}",
            f"    url: https://example.org/reports/{n}",
        ]
    lines += [
        "events:",
        "  - id: inquiry",
        "    date: 1985-02-07",
        "    title: The inquiry",
        "    summary: Every report says the same.",
        f"    sources: [{', '.join(f'report-{n}' for n in range(sources))}]",
    ]
    return "\n".join(lines) + "\n"


def common_entity(events: int) -> str:
    """One entity in every event (a biography), titles and days all different."""
    lines = [
        *_header(f"{events} events of one life"),
        "sources:",
        "  - id: diary",
        "    title: The diary",
        "entities:",
        "  - id: subject",
        "    name: The subject",
        "    kind: person",
        "    born: 1899",
        "  - id: home",
        "    name: Home town",
        "    kind: place",
        "events:",
    ]
    for n in range(events):
        lines += [
            f"  - id: entry-{n}",
            f"    date: {_date(n % 40000)}",
            f"    title: Entry {n} of the diary",
            f"    summary: What happened on entry {n}.",
            "    entities: [subject]",
            "    place: home",
            "    sources: [diary]",
        ]
    return "\n".join(lines) + "\n"


def retitled(text: str) -> str:
    """The same file with one change: its last event's title."""
    at = text.rfind("    title: ")
    end = text.index("\n", at)
    return text[:at] + "    title: Changed at the last minute" + text[end:]


def first_dropped(text: str) -> str:
    """The same file with one change: the first id of the longest flow list dropped."""
    at = max(
        (text.find(f"    {key}: [") for key in ("entities", "sources")),
        key=lambda found: text.find("]", found) - found if found >= 0 else -1,
    )
    comma = text.index(", ", at)
    opening = text.index("[", at)
    return text[: opening + 1] + text[comma + 2 :]


def daily_sheet(events: int) -> str:
    """The daily log as the TimelineJS spreadsheet template (CSV): one headline, no ids."""
    rows = ["Year,Month,Day,Headline,Text"]
    for n in range(events):
        day = datetime.date(1900, 1, 1) + datetime.timedelta(days=n)
        rows.append(f"{day.year},{day.month},{day.day},Daily log,Nothing to report.")
    return "\r\n".join(rows) + "\r\n"


@dataclass(frozen=True)
class Shape:
    name: str
    size: int
    make: Callable[[int], str]
    what: str
    event: str  # shown by `show`
    entity: str | None  # shown by `entity`
    change: Callable[[str], str] = retitled  # the one change `diff` is shown
    sheet: Callable[[int], str] | None = None  # a TimelineJS CSV for `import`
    word: str = "the"  # typed into the TUI's filter


SHAPES: tuple[Shape, ...] = (
    Shape(
        "equal-titles",
        25_000,
        equal_titles,
        "events sharing one title and summary",
        "day-0",
        "keeper",
        sheet=daily_sheet,
        word="daily",
    ),
    Shape(
        "same-day",
        5_000,
        same_day,
        "events with one title on one day",
        "report-0",
        None,
        word="report",
    ),
    Shape(
        "wide-event",
        50_000,
        wide_event,
        "entities on one event (and related to one)",
        "assembly",
        "person-0",
        first_dropped,
        word="person",
    ),
    Shape(
        "many-sources",
        50_000,
        many_sources,
        "sources on one event",
        "inquiry",
        None,
        first_dropped,
        word="report",
    ),
    Shape(
        "common-entity",
        100_000,
        common_entity,
        "events sharing one entity",
        "entry-0",
        "subject",
        word="entry",
    ),
)

FORMATS = ("markdown", "json", "csv", "timelinejs")


def commands(shape: Shape, files: Files) -> list[tuple[str, list[str]]]:
    """(name, argv) of every command measured on a shape."""
    path = str(files.timeline)
    named = [
        ("validate", ["validate", path]),
        ("list", ["list", path, "--no-cache", "--format", "plain"]),
        ("list -q", ["list", path, "--no-cache", "-q", "the", "--format", "json"]),
        ("show", ["show", shape.event, path, "--no-cache"]),
        ("lint", ["lint", path]),
        ("diff", ["diff", path, str(files.changed)]),
        ("entities", ["entities", path, "--no-cache", "--format", "json"]),
    ]
    if shape.entity is not None:
        named.append(("entity", ["entity", shape.entity, path, "--no-cache"]))
    named += [(f"export {f}", ["export", path, "--no-cache", "-f", f]) for f in FORMATS]
    if files.sheet is not None:
        named.append(("import", ["import", str(files.sheet)]))
    return [(name, [sys.executable, "-m", "timeline_viewer", *argv]) for name, argv in named]


class Files(NamedTuple):
    timeline: Path
    changed: Path  # the timeline with the shape's one change, for `diff`
    sheet: Path | None  # a TimelineJS spreadsheet, for `import`


def write(shape: Shape, size: int, folder: Path) -> Files:
    text = shape.make(size)
    files = Files(
        folder / f"{shape.name}-{size}.yaml",
        folder / f"{shape.name}-{size}-changed.yaml",
        None if shape.sheet is None else folder / f"{shape.name}-{size}.csv",
    )
    files.timeline.write_text(text, encoding="utf-8")
    files.changed.write_text(shape.change(text), encoding="utf-8")
    if shape.sheet is not None and files.sheet is not None:
        files.sheet.write_text(shape.sheet(size), encoding="utf-8", newline="")
    return files


class Figure(NamedTuple):
    shape: str
    command: str
    seconds: float
    cpu_seconds: float  # user + system: steadier than wall time on a busy machine
    megabytes: float
    finished: bool  # False: stopped at the time-out

    @property
    def met(self) -> bool:
        return self.finished and self.seconds <= SECONDS and self.megabytes <= MEGABYTES


class Usage(NamedTuple):
    seconds: float  # wall time; the time-out if it was stopped
    cpu_seconds: float
    megabytes: float  # peak RSS
    finished: bool


def run_child(argv: Sequence[str], env: dict[str, str], timeout: float) -> Usage:
    """What one command used, its output discarded; stopped after `timeout` seconds."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "usage"
        process = subprocess.Popen(
            launched(argv, report),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # so that a time-out stops the command, not only its launcher
        )
        timer = threading.Timer(timeout, os.killpg, (process.pid, signal.SIGKILL))
        timer.start()
        try:
            error = process.stderr.read().decode(errors="replace") if process.stderr else ""
            code = process.wait()
        finally:
            timer.cancel()
        elapsed = time.perf_counter() - started
        if process.stderr:
            process.stderr.close()
        if code == -signal.SIGKILL and elapsed >= timeout:
            return Usage(timeout, timeout, 0.0, False)
        megabytes, cpu = own_usage(report)
    # lint exits 1 on findings: only a crash is a failure.
    if code not in (0, 1) or "Traceback" in error:
        raise SystemExit(f"{shlex.join(argv)} failed ({code}):\n{error[-3000:]}")
    return Usage(elapsed, cpu, megabytes, True)


def measure(
    shapes: Sequence[Shape],
    scale: float,
    folder: Path,
    *,
    only_commands: Sequence[str] = (),
    timeout: float = 60,
) -> list[Figure]:
    """Every command on every shape, each figure printed as it is measured."""
    env = {**os.environ, "TIMELINE_VIEWER_CACHE_DIR": str(folder / "cache"), "NO_COLOR": "1"}
    figures: list[Figure] = []
    for shape in shapes:
        size = max(int(shape.size * scale), 2)
        files = write(shape, size, folder)
        megabytes = files.timeline.stat().st_size / 1e6
        print(f"\n== {shape.name}: {size:,} {shape.what} ({megabytes:.1f} MB) ==", flush=True)
        for name, argv in commands(shape, files):
            if only_commands and name not in only_commands:
                continue
            used = run_child(argv, env, timeout)
            figure = Figure(shape.name, name, *used)
            figures.append(figure)
            wall = f"{used.seconds * 1000:7.0f} ms" if used.finished else f">{timeout:6.0f} s "
            print(
                f"  {name:<18} {wall} (cpu {used.cpu_seconds * 1000:6.0f} ms)"
                f" {used.megabytes:5.0f} MB   limit {SECONDS:g} s, {MEGABYTES:g} MB"
                f"  {'met' if figure.met else 'NOT met'}",
                flush=True,
            )
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="fraction of the issue's sizes (default 1)"
    )
    parser.add_argument("--only", nargs="+", default=[], metavar="SHAPE", help="these shapes only")
    parser.add_argument(
        "--commands", nargs="+", default=[], metavar="COMMAND", help='these commands only ("lint")'
    )
    parser.add_argument(
        "--timeout", type=float, default=60, help="seconds before a command is stopped"
    )
    parser.add_argument(
        "--write", type=Path, metavar="FOLDER", help="write the files there, measure nothing"
    )
    parser.add_argument(
        "--tui", action="store_true", help="also the TUI's steps on each shape, headless"
    )
    parser.add_argument("--tui-steps", nargs=4, help=argparse.SUPPRESS)  # (the child's part)
    args = parser.parse_args(argv)
    if args.tui_steps:
        asyncio.run(tui_steps(Path(args.tui_steps[0]), *args.tui_steps[1:]))
        return 0
    unknown = set(args.only) - {shape.name for shape in SHAPES}
    if unknown:
        parser.error(f"unknown shape(s): {', '.join(sorted(unknown))}")
    shapes = [s for s in SHAPES if not args.only or s.name in args.only]
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for shape in shapes:
            for path in write(shape, max(int(shape.size * args.scale), 2), args.write):
                if path is not None:
                    print(path)
        return 0
    report(shapes, args.scale, args.commands, args.timeout, tui=args.tui)
    return 0


def report(
    shapes: Sequence[Shape],
    scale: float,
    only_commands: Sequence[str] = (),
    timeout: float = 60,
    *,
    tui: bool = False,
) -> int:
    """Measure and print; the number of figures over a limit."""
    print(
        f"\nhostile shapes at {scale:g} x the issue's sizes; "
        f"each command at most {SECONDS:g} s and {MEGABYTES:g} MB"
    )
    with tempfile.TemporaryDirectory() as scratch:
        figures = measure(
            shapes, scale, Path(scratch), only_commands=only_commands, timeout=timeout
        )
        if tui:
            for shape in shapes:
                measure_tui(shape, max(int(shape.size * scale), 2), Path(scratch), timeout)
    over = [f for f in figures if not f.met]
    print(f"\n  {len(figures) - len(over)} of {len(figures)} commands within the limits")
    for figure in over:
        took = f"{figure.seconds:.1f} s" if figure.finished else f"over {timeout:g} s"
        print(f"    NOT met: {figure.shape} {figure.command} ({took}, {figure.megabytes:.0f} MB)")
    return len(over)


# -- the TUI, headless -------------------------------------------------------------


def measure_tui(shape: Shape, size: int, folder: Path, timeout: float) -> None:
    """The TUI's steps on a shape, in a process of its own: seconds, longest stall, peak RSS."""
    path = folder / f"{shape.name}-{size}.yaml"
    if not path.exists():
        write(shape, size, folder)
    argv = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--tui-steps",
        str(path),
        shape.event,
        shape.entity or "",
        shape.word,
    ]
    print(f"\n== TUI on {shape.name}: {size:,} {shape.what} ==", flush=True)
    env = {**os.environ, "NO_COLOR": "1", "TIMELINE_VIEWER_CACHE_DIR": str(folder / "cache")}
    result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout * 5, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{shlex.join(argv)} failed:\n{result.stderr[-3000:]}")
    print(result.stdout, end="", flush=True)


async def tui_steps(path: Path, event_id: str, entity_id: str, word: str) -> None:
    """Each step as the user takes it, timed until the app is still again; the longest
    gap between ticks of a 10 ms timer meanwhile is the longest the UI stood still."""
    from timeline_viewer.load.loader import load_timeline
    from timeline_viewer.tui.app import TimelineApp

    started = time.perf_counter()
    timeline = load_timeline(path)
    print(f"  {'load':<22} {time.perf_counter() - started:6.2f} s")
    app = TimelineApp(timeline, path, settings_file=path.with_name("settings.json"))
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    async with app.run_test(size=(120, 40)) as pilot:
        app.set_interval(0.01, tick)

        async def step(name: str, action: Callable[[], Awaitable[None] | object]) -> None:
            gaps.clear()
            last[0] = start = time.perf_counter()
            done = action()
            if inspect.isawaitable(done):
                await done
            for _ in range(2):
                await app.workers.wait_for_complete()
                await pilot.pause()
            took, stall = time.perf_counter() - start, max(gaps, default=0.0)
            met = took <= SECONDS and stall <= UI_STALL
            print(
                f"  {name:<22} {took:6.2f} s   longest stall {stall:5.2f} s"
                f"   limit {SECONDS:g} s, stall {UI_STALL:g} s  {'met' if met else 'NOT met'}"
            )

        await step("first screen", lambda: None)
        screen: Any = app.screen
        position = screen.index.position_by_id[event_id]
        await step("to the event", lambda: screen.show_event(position))
        await step("next event", lambda: pilot.press("down"))
        await step("back to the event", lambda: pilot.press("up"))
        if entity_id:
            await step("open the entity", lambda: screen.open_entity(entity_id))
            await step("its next event", lambda: pilot.press("down"))
            await step("back to the timeline", lambda: pilot.press("escape"))
        await step(f"filter {word!r}", lambda: pilot.press("slash", *word))
        await step("filter cleared", lambda: pilot.press(*["backspace"] * len(word)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {'peak RSS':<22} {peak:6.0f} MB   limit {MEGABYTES:g} MB")


if __name__ == "__main__":
    raise SystemExit(main())
