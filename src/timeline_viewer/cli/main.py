"""The `timeline` command: the TUI by default, and headless subcommands.

Only the TUI imports Textual, and only when it starts: `list`, `show`,
`export` and friends stay quick. Exit codes: 0 ok, 1 data errors (bad file,
query, export target), 2 usage errors, 130 when interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from timeline_viewer import __version__
from timeline_viewer.domain.text import shown
from timeline_viewer.load.loader import LoadError, Problem, bundled_timeline_path

if TYPE_CHECKING:
    import argparse

    from timeline_viewer.curate.notes import Notes
    from timeline_viewer.export.formats import Rendered
    from timeline_viewer.query.index import TimelineIndex

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
COMMANDS = (
    "list",
    "show",
    "entities",
    "entity",
    "connections",
    "export",
    "import",
    "validate",
    "lint",
    "diff",
    "schema",
    "tui",
)
# Each export format, with the file name a message suggests for it (writers: export/formats).
EXAMPLE_NAMES = {
    "markdown": "timeline.md",
    "json": "timeline.json",
    "timelinejs": "timeline.json",
    "csv": "timeline.csv",
    "markwhen": "timeline.mw",
    "ics": "timeline.ics",
    "ftm": "timeline.ftm.json",
    "svg": "timeline.svg",
}
EXPORT_FORMATS = tuple(EXAMPLE_NAMES)
# The smallest screen the TUI lays out (below it, it only says it is too small),
# and a bound on a picture's side: the app lays out every cell of it.
MIN_PICTURE, MAX_PICTURE = (40, 12), 1000
# From this size on, the TUI reads and hashes the file in a thread, alongside its imports.
THREADED_READ_BYTES = 1024 * 1024
# interop.markwhen_export.MARKWHEN_MAX_LINES, for the help text without importing it.
_MARKWHEN_MAX_LINES = 123_125
IMPORT_READS = "import reads TimelineJS .json or .csv, or Markwhen .mw"


class CommandError(Exception):
    """A failure to report in one line and exit with code 1."""


def build_parser() -> argparse.ArgumentParser:
    # Imported here: `timeline [FILE]`, the terminal UI, starts without a parser.
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            self.print_usage(sys.stderr)
            self.exit(EXIT_USAGE, shown(f"{self.prog}: error: {message}") + "\n")

    parser = _Parser(
        prog="timeline",
        description="Browse, filter and export curated event timelines.",
        epilog="With no command, opens FILE (default: the bundled timeline) in the terminal UI.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def file_argument(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "file",
            nargs="?",
            type=Path,
            metavar="FILE",
            help="timeline YAML, TimelineJS .json/.csv or Markwhen .mw (default: the bundled timeline)",
        )
        sub.add_argument(
            "--no-cache", action="store_true", help="read FILE itself, not its cached load"
        )

    def screen_size(text: str) -> tuple[int, int]:
        columns, _, rows = text.lower().partition("x")
        try:
            size = (int(columns), int(rows))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f'expected COLUMNSxROWS such as 120x36, got "{text}"'
            ) from None
        if not (
            MIN_PICTURE[0] <= size[0] <= MAX_PICTURE and MIN_PICTURE[1] <= size[1] <= MAX_PICTURE
        ):
            raise argparse.ArgumentTypeError(
                f"from {MIN_PICTURE[0]}x{MIN_PICTURE[1]} to {MAX_PICTURE}x{MAX_PICTURE}, got {text}"
            )
        return size

    def query_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "-q",
            "--query",
            "--filter",
            default="",
            help='filter, e.g. "trevino year:2015" or "starred" (your marks, kept beside FILE)',
        )

    tui = commands.add_parser("tui", help="open the terminal UI (the default)")
    file_argument(tui)

    listing = commands.add_parser("list", help="list events, optionally filtered")
    file_argument(listing)
    query_option(listing)
    listing.add_argument("--format", choices=("table", "plain", "json"), help="output format")

    show = commands.add_parser("show", help="show one event in full")
    show.add_argument("event_id", metavar="EVENT_ID")
    file_argument(show)
    show.add_argument("--format", choices=("text", "json"), default="text")

    entities = commands.add_parser("entities", help="list entities with their event counts")
    file_argument(entities)
    query_option(entities)
    entities.add_argument("--format", choices=("table", "plain", "json"), help="output format")

    entity = commands.add_parser("entity", help="show one entity and its events")
    entity.add_argument("entity_id", metavar="ID")
    file_argument(entity)
    entity.add_argument("--format", choices=("text", "json"), default="text")

    connecting = commands.add_parser(
        "connections", help="the entities sharing events with one entity, most shared first"
    )
    connecting.add_argument("entity_id", metavar="ENTITY")
    file_argument(connecting)
    query_option(connecting)
    connecting.add_argument(
        "--format",
        choices=("table", "plain", "json"),
        help="output format (default: table on a terminal, plain in a pipe)",
    )

    export = commands.add_parser(
        "export",
        help="export events as Markdown, JSON, TimelineJS JSON, CSV, Markwhen, iCalendar (ics), "
        "FollowTheMoney JSON lines (ftm) or a picture of the screen (svg)",
        epilog=(
            "Markwhen: Markwhen's parser (1.2) overflows its stack on a file of more than "
            f"about {_MARKWHEN_MAX_LINES:,} lines (some 40,000 events); "
            "a longer export is written with a warning."
        ),
    )
    file_argument(export)
    query_option(export)
    export.add_argument(
        "-f", "--to", "--format", dest="format", choices=EXPORT_FORMATS, default="markdown"
    )
    export.add_argument(
        "--group-by",
        choices=("tag", "place", "kind", "none"),
        default="tag",
        help="TimelineJS only: what becomes a slide's group (default: its first tag)",
    )
    export.add_argument(
        "--size",
        type=screen_size,
        default=(120, 36),
        metavar="COLUMNSxROWS",
        help="svg only: the size of the screen pictured (default: 120x36)",
    )
    export.add_argument(
        "-o", "--output", type=Path, help="file to write (default: standard output)"
    )
    export.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")
    export.add_argument(
        "--with-notes",
        action="store_true",
        help="Markdown only: add your stars and notes (kept beside FILE, in FILE.notes.yaml)",
    )
    export.add_argument(
        "--with-connections",
        action="store_true",
        help="Markdown only: add a 'Who appears with whom' table",
    )

    importing = commands.add_parser(
        "import",
        help="turn a TimelineJS .json (3 or 2), spreadsheet .csv or Markwhen .mw into timeline YAML",
    )
    importing.add_argument("source", type=Path, metavar="FILE")
    importing.add_argument(
        "-o", "--output", type=Path, help="YAML file to write (default: standard output)"
    )
    importing.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")
    importing.add_argument(
        "--strict", action="store_true", help="exit 1 if anything was repaired or left out"
    )

    validate = commands.add_parser("validate", help="check timeline files; errors as file:line:col")
    validate.add_argument("files", nargs="*", type=Path, metavar="FILE")
    validate.add_argument(
        "--strict",
        action="store_true",
        help="TimelineJS files: exit 1 if anything would be repaired or left out",
    )

    lint = commands.add_parser(
        "lint", help="flag weak spots (unsourced events, duplicates...); exit 1 if any"
    )
    lint.add_argument("files", nargs="*", type=Path, metavar="FILE")
    lint.add_argument("--format", choices=("text", "json"), default="text")

    diff = commands.add_parser(
        "diff", help="what changed between two timelines (files or REV:path git revisions)"
    )
    diff.add_argument(
        "old", metavar="OLD", help="a file, or a git revision such as HEAD~1:data/timeline.yaml"
    )
    diff.add_argument("new", metavar="NEW", help="a file, or a git revision")
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    commands.add_parser("schema", help="print the JSON Schema of the file format")
    return parser


def _say(line: object = "") -> None:
    """A message on stderr, file names and data in it shown for what they are."""
    print(shown(str(line)), file=sys.stderr)


def _say_warnings(warnings: Sequence[Problem]) -> None:
    """What an import repaired or left out: on stderr, the timeline still opens."""
    for warning in warnings:
        _say(f"{warning} (kept going)")


def _discard_stdout() -> None:
    """What is left in the output buffer goes nowhere (not again at exit, failing again)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `timeline FILE` opens the TUI: anything that is not a command is a file.
    if not args_list or (args_list[0] not in COMMANDS and not args_list[0].startswith("-")):
        args_list.insert(0, "tui")
    try:
        if args_list[0] == "tui" and len(args_list) <= 2 and not args_list[-1].startswith("-"):
            # `timeline` or `timeline FILE`: what the parser would make of it, without it.
            path = Path(args_list[1]) if len(args_list) == 2 else bundled_timeline_path()
            return _tui(path, use_cache=True)
        args = build_parser().parse_args(args_list)
        code = _run(args)
        sys.stdout.flush()  # a full disk or a device error is reported, not lost at exit
        return code
    except KeyboardInterrupt:
        _say()
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`timeline list | head`): stop quietly.
        _discard_stdout()
        return EXIT_OK
    except OSError as error:
        # Writing the output failed (ENOSPC, EIO): said, and the exit code says so.
        _discard_stdout()
        where = "standard output" if error.filename is None else str(error.filename)
        _say(f"timeline: cannot write to {where}: {error.strerror or error}")
        return EXIT_DATA
    except LoadError as error:
        for problem in error.problems:
            _say(problem)
        count = len(error.problems)
        if count > 1:
            _say(f"{count} problems")
        return EXIT_DATA
    except CommandError as error:
        _say(f"timeline: {error}")
        return EXIT_DATA


def _run(args: argparse.Namespace) -> int:
    command = args.command
    if command == "schema":
        import json

        from timeline_viewer.load.schema import json_schema

        print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
        return EXIT_OK
    if command == "validate":
        return _validate(args.files or [bundled_timeline_path()], strict=args.strict)
    if command == "lint":
        return _lint(args.files or [bundled_timeline_path()], args.format)
    if command == "diff":
        _diff(args.old, args.new, args.format)
        return EXIT_OK
    if command == "import":
        warned = _import(args.source, args.output, force=args.force)
        return EXIT_DATA if warned and args.strict else EXIT_OK
    path = args.file or bundled_timeline_path()
    if command == "tui":
        return _tui(path, use_cache=not args.no_cache)
    from timeline_viewer.load.loader import load

    loaded = load(path, use_cache=not args.no_cache)
    _say_warnings(loaded.warnings)
    timeline = loaded.timeline
    from timeline_viewer.cli import output as cli_output
    from timeline_viewer.query.index import TimelineIndex

    index = TimelineIndex(timeline, search_cache=loaded.search_cache)
    if command == "list":
        selected = _select(index, args.query, path)
        form = _format(args.format)
        if selected or form == "json":
            cli_output.print_events(index, selected, form)
        else:
            # Said, not an empty table; in a pipe on stderr, so the pipe stays clean.
            said = f"no events match {args.query}" if len(index) else "this timeline has no events"
            if form == "plain":
                _say(said)
            else:
                print(shown(said))
    elif command == "entities":
        among = _select(index, args.query, path) if args.query else None
        cli_output.print_entities(index, among, _format(args.format))
    elif command == "show":
        event = index.event(args.event_id)
        if event is None:
            raise CommandError(_unknown("event", args.event_id, list(index.position_by_id)))
        cli_output.print_event(index, event, args.format)
    elif command == "entity":
        found = index.entity(args.entity_id)
        if found is None:
            raise CommandError(_unknown("entity", args.entity_id, list(index.entity_by_id)))
        cli_output.print_entity(index, found, args.format)
    elif command == "connections":
        found = index.entity(args.entity_id)
        if found is None:
            raise CommandError(_unknown("entity", args.entity_id, list(index.entity_by_id)))
        within = _select(index, args.query, path) if args.query else None
        cli_output.print_connections(index, found, within, _format(args.format), args.query)
    elif command == "export":
        _export(index, args, path)
    return EXIT_OK


def _tui(path: Path, *, use_cache: bool) -> int:
    """Load the file and open the terminal UI on it; LoadError before anything is shown.

    Start-up runs with the collector paused (the app resumes it after its
    first frame): importing Textual and building the screen make hundreds of
    thousands of objects that live on, and collections would walk them over
    and over for nothing. A big file is read and hashed in a thread meanwhile,
    which the interpreter lets run alongside the imports; a small one is read
    at once (a thread would cost more than the reading, in lock hand-overs).
    """
    from timeline_viewer.load.load_cache import content_key
    from timeline_viewer.load.loader import prefetch
    from timeline_viewer.runtime import pause_collector, run_collector

    collecting = pause_collector()
    try:
        if _size(path) < THREADED_READ_BYTES:
            prefetched = prefetch(path, use_cache=use_cache)
            from timeline_viewer.query.index import TimelineIndex
            from timeline_viewer.tui.app import run_tui
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=1) as reader:
                reading = reader.submit(prefetch, path, use_cache=use_cache)
                from timeline_viewer.query.index import TimelineIndex
                from timeline_viewer.tui.app import run_tui

                prefetched = reading.result()
            del reading
        # What the watch compares saves with: these bytes, not the file when it starts.
        loaded_key = prefetched.key or (content_key(prefetched.raw) if prefetched.raw else None)
        loaded = prefetched.load(defer_write=True)
        _say_warnings(loaded.warnings)  # left on the terminal when the UI closes
        index = TimelineIndex(loaded.timeline, search_cache=loaded.search_cache)
        write_cache = loaded.write_entry
        # Only the app holds the timeline from here: a reload can then free it.
        del loaded, prefetched
        return run_tui(
            index.timeline, path, index=index, write_cache=write_cache, loaded_key=loaded_key
        )
    finally:
        if collecting:
            run_collector()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it says what is wrong


def _select(index: TimelineIndex, query_text: str, path: Path) -> Sequence[int]:
    from timeline_viewer.query.language import QueryError, parse_query

    try:
        query = parse_query(query_text)
    except QueryError as error:
        raise CommandError(f"bad query: {error}") from None
    # The sidecar is read only when the filter asks about stars or notes.
    marks = _read_notes(path).marks if query.uses_marks else None
    return query.select(index, None, marks)


def _read_notes(path: Path) -> Notes:
    """The user's notes beside the timeline file; a sidecar that does not read stops the command."""
    from timeline_viewer.curate.notes import NotesError, notes_path, read_notes

    try:
        return read_notes(notes_path(path))
    except NotesError as error:
        raise LoadError(error.problems) from None


def _say_orphans(path: Path, event_ids: Collection[str]) -> bool:
    """Report the notes beside `path` whose events are gone (kept, never dropped), and
    a sidecar that does not read. True if it does not read."""
    from timeline_viewer.curate.notes import NotesError, notes_path, orphan_problems, read_notes

    sidecar = notes_path(path)
    try:
        notes = read_notes(sidecar)
    except NotesError as error:
        for problem in error.problems:
            _say(problem)
        return True
    for problem in orphan_problems(notes, event_ids, sidecar):
        _say(problem)
    return False


def _format(requested: str | None) -> str:
    if requested:
        return requested
    return "table" if sys.stdout.isatty() else "plain"


def _unknown(what: str, wanted: str, known: list[str]) -> str:
    import difflib

    starting = [k for k in known if k.startswith(wanted) or wanted in k.split("-")]
    guesses = list(dict.fromkeys([*starting[:3], *difflib.get_close_matches(wanted, known, n=3)]))[
        :3
    ]
    hint = f"; did you mean {', '.join(guesses)}?" if guesses else ""
    return f'no {what} with id "{wanted}"{hint}'


def _export(index: TimelineIndex, args: argparse.Namespace, source: Path) -> None:
    from timeline_viewer.export.writing import ExportError, check_target, write_atomically

    if args.output is not None:
        try:  # refuse before doing any work
            check_target(
                args.output, force=args.force, source=source, example=EXAMPLE_NAMES[args.format]
            )
        except ExportError as error:
            raise CommandError(str(error)) from None
    if (args.with_notes or args.with_connections) and args.format != "markdown":
        raise CommandError("--with-notes and --with-connections are for the Markdown export only")
    positions = _select(index, args.query, source)
    if args.format == "svg":
        # The one export that runs the app: Textual is imported for it alone.
        from timeline_viewer.tui.screen_picture import screen_svg

        text: str | Iterator[str] = screen_svg(index, args.query, args.size)
        written, warnings = len(positions), []
    else:
        rendered = _render(index, positions, args, source)
        text, written, warnings = rendered.text, rendered.written, rendered.warnings
    if args.output is None:
        # A string is one write: writelines would take it a character at a time.
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            sys.stdout.writelines(text)
    else:
        try:
            write_atomically(args.output, text, force=args.force, source=source)
        except ExportError as error:
            raise CommandError(str(error)) from None
    # Said once the text is written: a writer in pieces knows them only then.
    for warning in warnings:
        _say(f"timeline: {args.format}: {warning}")
    if args.output is None:
        return
    left = len(positions) - written
    left_out = f" ({left} left out, see above)" if left else ""
    what = "a picture of " if args.format == "svg" else ""
    _say(f"wrote {what}{written} of {len(index)} events{left_out} to {args.output}")


def _render(
    index: TimelineIndex, positions: Sequence[int], args: argparse.Namespace, source: Path
) -> Rendered:
    """The text formats, through the one table the TUI's export dialog uses too."""
    import datetime

    from timeline_viewer.export.formats import RenderOptions, export_stamp, render
    from timeline_viewer.export.markdown import NO_EXTRAS, ExportNote, Extras

    extras = NO_EXTRAS
    if args.with_notes or args.with_connections:
        extras = Extras(
            marks=_read_notes(source).marks if args.with_notes else None,
            connections=args.with_connections,
        )
    options = RenderOptions(
        filter_text=args.query,
        note=ExportNote(datetime.date.today(), source.name),
        extras=extras,
        stamp=export_stamp(source),
        group_by=None if args.group_by == "none" else args.group_by,
    )
    return render(args.format, index, positions, options)


def _import(source: Path, output: Path | None, *, force: bool) -> bool:
    """Import and write; whether anything was repaired or left out (said on stderr)."""
    from timeline_viewer.export.writing import ExportError, check_target, write_atomically
    from timeline_viewer.interop.yaml_writer import timeline_to_yaml
    from timeline_viewer.load.formats import is_timelinejs_file
    from timeline_viewer.load.loader import load_imported

    if not is_timelinejs_file(source):
        suffix = source.suffix or "no suffix"
        raise CommandError(f"{source}: {IMPORT_READS}, not {suffix}")
    if output is not None:
        try:
            check_target(output, force=force, source=source)
        except ExportError as error:
            raise CommandError(str(error)) from None
    warnings: list[Problem] = []
    timeline = load_imported(source, warnings=warnings)
    _say_warnings(warnings)
    text = timeline_to_yaml(timeline)
    if output is None:
        sys.stdout.write(text)
        return bool(warnings)
    try:
        write_atomically(output, text, force=force, source=source)
    except ExportError as error:
        raise CommandError(str(error)) from None
    _say(f"wrote {len(timeline.events)} events to {output}")
    return bool(warnings)


def _lint(files: list[Path], form: str) -> int:
    import json

    from timeline_viewer.curate.lint import lint_file

    found: list[dict[str, object]] = []
    failed = False
    for path in files:
        findings = lint_file(path)  # a file that does not load raises LoadError: exit 1
        failed = failed or bool(findings)
        if form == "json":
            found += [{"file": str(path), **f.as_dict()} for f in findings]
        else:
            for finding in findings:
                print(shown(plain_text(str(finding))))
            if not findings:
                _say(f"{path}: nothing to flag")
        failed = _lint_notes(path) or failed
    if form == "json":
        print(json.dumps(found, indent=2, ensure_ascii=False))
    return EXIT_DATA if failed else EXIT_OK


def _lint_notes(path: Path) -> bool:
    """The orphans of the notes beside `path`, if it has any notes; True if they do not read."""
    from timeline_viewer.curate.notes import notes_path
    from timeline_viewer.load.loader import load

    if not notes_path(path).exists():
        return False  # (no second load of a big file for nothing)
    timeline = load(path).timeline
    return _say_orphans(path, {event.id for event in timeline.events})


def _diff(old_spec: str, new_spec: str, form: str) -> None:
    from timeline_viewer.curate.diff import (
        RevisionError,
        diff_timelines,
        read_revision,
        render_json,
        render_markdown,
        render_text,
    )
    from timeline_viewer.load.loader import parse_timeline

    timelines = []
    for spec in (old_spec, new_spec):
        try:
            name, text = read_revision(spec, Path.cwd())
        except RevisionError as error:
            raise CommandError(f"{spec}: {error}") from None
        timelines.append(parse_timeline(text, name))
    difference = diff_timelines(*timelines)
    render = {"json": render_json, "markdown": render_markdown}.get(form, render_text)
    sys.stdout.write(plain_text(render(difference)) if form == "text" else render(difference))


def _validate(files: list[Path], *, strict: bool = False) -> int:
    from timeline_viewer.load.loader import load

    failed = 0
    for path in files:
        try:
            loaded = load(path, use_cache=False)
        except LoadError as error:
            failed += 1
            for problem in error.problems:
                _say(problem)
            continue
        timeline = loaded.timeline
        _say_warnings(loaded.warnings)
        if strict and loaded.warnings:
            failed += 1
        counts = ", ".join(
            f"{len(items):,} {one if len(items) == 1 else many}"
            for items, one, many in (
                (timeline.events, "event", "events"),
                (timeline.entities, "entity", "entities"),
                (timeline.sources, "source", "sources"),
            )
        )
        print(shown(f"{path}: ok ({counts})"))
        if _say_orphans(path, {event.id for event in timeline.events}):
            failed += 1
    return EXIT_DATA if failed else EXIT_OK


def plain_text(value: str) -> str:
    from timeline_viewer.terminal_text import plain

    return plain(value)
