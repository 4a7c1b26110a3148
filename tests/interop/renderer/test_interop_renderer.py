"""Exported TimelineJS JSON, rendered by TimelineJS itself in headless Chromium.

Every case is exported by `export_timelinejs`, pasted into one local page next
to TimelineJS's own dist/ (npm package @knight-lab/timelinejs), served from
127.0.0.1 and loaded once by Chromium with --dump-dom. The page writes what
TimelineJS made of each case into the DOM: ready, valid, its errors, and the
slides and time markers it shows. Nothing is fetched from the network.

Needs Chromium (Debian's package) and TimelineJS in node_modules here:
`tests/interop/renderer/install.sh` installs both.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from interop_helpers import CORPUS, hostile_timeline

from timeline_viewer.domain.model import Timeline
from timeline_viewer.interop.timelinejs_export import GroupBy, export_timelinejs
from timeline_viewer.interop.yaml_writer import timeline_to_yaml
from timeline_viewer.load.formats.timelinejs import load_timelinejs
from timeline_viewer.load.loader import bundled_timeline_path, load_timeline, parse_timeline
from timeline_viewer.query.index import TimelineIndex

HERE = Path(__file__).resolve().parent
DIST = HERE / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
INSTALL = "run tests/interop/renderer/install.sh"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # runs as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1200,800",
    # Virtual time runs ahead while the page is idle, so timers and the
    # language file load settle quickly; the dump is taken once it is spent.
    "--virtual-time-budget=10000",
)
TIMEOUT = 60

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason=f"Chromium is not installed ({INSTALL})"),
    pytest.mark.skipif(
        shutil.which("node") is None, reason=f"Node.js is not installed ({INSTALL})"
    ),
    pytest.mark.skipif(
        not (DIST / "js" / "timeline.js").is_file(),
        reason=f"TimelineJS is not in tests/interop/renderer/node_modules ({INSTALL})",
    ),
]

_CORPUS_FILES = (
    "eras.json",
    "cosmo.json",
    "cosmo-mixed.json",
    "all-media-types.json",
    "women_in_computing.json",
    "houston-timeline3.json",
    "twain-marktwain.json",
    "women_in_computing.csv",
)


def _cases() -> dict[str, str]:
    """Case name -> exported JSON text."""
    bundled = TimelineIndex(load_timeline(bundled_timeline_path()))
    cases: dict[str, str] = {}
    group_by: GroupBy | None
    for group_by in ("tag", "place", "kind", None):
        cases[f"bundled-by-{group_by}"] = export_timelinejs(bundled, group_by=group_by)
    cases["bundled-first-ten"] = export_timelinejs(bundled, range(10))
    cases["hostile"] = export_timelinejs(TimelineIndex(hostile_timeline()))
    for name in _CORPUS_FILES:
        imported: Timeline = load_timelinejs(CORPUS / name)
        cases[f"corpus-{name}"] = export_timelinejs(TimelineIndex(imported))
    return cases


NEWSROOM = HERE.parent / "fixtures" / "newsroom"
# Files whose slides must read the same after `timeline import` then `export -f timelinejs`.
_ROUND_TRIPPED = (NEWSROOM / "protests-ru.json",)


def _round_trip_cases() -> dict[str, str]:
    """ "before:NAME" is the file as published, "after:NAME" what import then export makes."""
    cases: dict[str, str] = {}
    for path in _ROUND_TRIPPED:
        imported = load_timelinejs(path)
        # Through the YAML file `timeline import` writes, as a user's file goes.
        reread = parse_timeline(timeline_to_yaml(imported), "imported.yaml")
        cases[f"before:{path.name}"] = path.read_text(encoding="utf-8")
        cases[f"after:{path.name}"] = export_timelinejs(TimelineIndex(reread))
    return cases


CASES = _cases()
ROUND_TRIPS = _round_trip_cases()
# Hand-written documents that break TimelineJS as its README warns, to show
# that this harness notices: an era whose end equals its start, and an event
# without a start date (dropped silently).
_BROKEN_ERA = {
    "events": [{"start_date": {"year": 1990}, "text": {"headline": "One"}}],
    "eras": [
        {"start_date": {"year": 1980}, "end_date": {"year": 1980}, "text": {"headline": "Flat"}}
    ],
}
_NO_START = {
    "events": [
        {"start_date": {"year": 1990}, "text": {"headline": "Kept"}},
        {"text": {"headline": "Dropped"}},
    ]
}
CONTROLS = {"control-flat-era": json.dumps(_BROKEN_ERA), "control-no-start": json.dumps(_NO_START)}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def rendered() -> Iterator[dict[str, Any]]:
    """What TimelineJS made of every case, keyed by case name."""
    with tempfile.TemporaryDirectory(prefix="tl-render-") as folder:
        root = Path(folder)
        (root / "dist").symlink_to(DIST, target_is_directory=True)
        script = "\n".join(
            f"CASES[{json.dumps(name)}] = {text};"
            for name, text in {**CASES, **ROUND_TRIPS, **CONTROLS}.items()
        )
        page = (HERE / "page.html").read_text(encoding="utf-8").replace("/*CASES*/", script)
        (root / "page.html").write_text(page, encoding="utf-8")
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield _render(f"http://127.0.0.1:{server.server_address[1]}/page.html", root)
        finally:
            server.shutdown()
            server.server_close()


def _render(url: str, root: Path) -> dict[str, Any]:
    assert CHROMIUM is not None
    profile = root / "profile"  # a fresh profile every run
    try:
        result = subprocess.run(
            [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"Chromium did not finish within {TIMEOUT}s: TimelineJS hangs on a case")
    found = re.search(r'<pre id="results">(.*?)</pre>', result.stdout, re.DOTALL)
    assert found, f"no results in the page (exit {result.returncode}):\n{result.stderr[-2000:]}"
    results: dict[str, Any] = json.loads(html.unescape(found[1]))
    return results


@pytest.mark.parametrize("name", list(CASES))
def test_timelinejs_renders_every_exported_event(name: str, rendered: dict[str, Any]) -> None:
    assert "(page)" not in rendered, rendered.get("(page)")
    document = json.loads(CASES[name])
    result = rendered[name]
    assert "exception" not in result, result["exception"]
    assert result["ready"], f"not ready; TimelineJS shows: {result.get('message')}"
    assert result["valid"] and result["errors"] == []
    events = document["events"]
    assert result["events"] == len(events)
    assert result["eras"] == len(document.get("eras", []))
    assert sorted(result["markers"]) == sorted(f"{e['unique_id']}-marker" for e in events)
    slides = {slide["id"]: slide for slide in result["slides"]}
    assert document["title"]["unique_id"] in slides
    for event in events:
        slide = slides[event["unique_id"]]
        # Compared as a reader sees them: HTML shows any run of whitespace as one.
        assert _words(slide["headline"]) == _shown(event["text"]["headline"])
        assert _words(slide["date"]) == _shown(event["display_date"])


@pytest.mark.parametrize("path", _ROUND_TRIPPED, ids=lambda p: p.name)
def test_import_then_export_shows_readers_the_same_slides(
    path: Path, rendered: dict[str, Any]
) -> None:
    before, after = rendered[f"before:{path.name}"], rendered[f"after:{path.name}"]
    assert before["ready"] and after["ready"], (before.get("message"), after.get("message"))
    assert after["events"] == before["events"] and after["eras"] == before["eras"]

    def seen(slide: dict[str, Any]) -> dict[str, str]:
        # TimelineJS lists slides title first, then by date; ids differ (ours are slugs).
        return {key: _words(slide[key]) for key in ("headline", "text", "media")}

    assert [seen(s) for s in after["slides"]] == [seen(s) for s in before["slides"]]
    assert after["backgrounds"] == before["backgrounds"]
    # A display_date of the file is shown word for word. Where the file has none,
    # TimelineJS words the date itself ("October 2, 2017") and the export gives
    # ours ("2 Oct 2017"): the same day, in other words.
    for old, new in zip(before["slides"], after["slides"], strict=True):
        if old["date"] and new["date"] != old["date"]:
            assert _day(new["date"]) == _day(old["date"]), (old["date"], new["date"])


def test_the_round_trip_shows_media_and_words(rendered: dict[str, Any]) -> None:
    """The comparison above compares something: pictures, Russian dates, paragraphs."""
    slides = rendered["after:protests-ru.json"]["slides"]
    media = [slide["media"] for slide in slides]
    assert "./media/ploshchad.jpg" in media and "media/vtoraya-akciya.png" in media
    assert slides[0]["headline"] == ""
    first = next(slide for slide in slides if slide["headline"] == "Первая акция на площади")
    assert first["date"] == "13 сентября"
    assert "вышли на площадь.\n" in first["text"]
    backgrounds = rendered["after:protests-ru.json"]["backgrounds"]
    assert backgrounds[0] == "#1b2a3c" and any("Square.jpg" in b for b in backgrounds)


def test_eras_are_drawn(rendered: dict[str, Any]) -> None:
    document = json.loads(CASES["corpus-eras.json"])
    labels = [_shown(era["text"]["headline"]) for era in document["eras"]]
    assert sorted(rendered["corpus-eras.json"]["era_labels"]) == sorted(labels)


def test_the_harness_sees_what_breaks_timelinejs(rendered: dict[str, Any]) -> None:
    flat = rendered["control-flat-era"]
    assert not flat["ready"] and not flat["valid"]
    assert "All eras must have start and end dates" in " ".join(flat["errors"])
    dropped = rendered["control-no-start"]
    assert dropped["ready"] and dropped["events"] == 1


def _shown(fragment: str) -> str:
    """What a browser shows for a fragment of escaped plain text, spaces aside."""
    return _words(html.unescape(fragment))


def _day(text: str) -> tuple[int, int, int]:
    from dateutil import parser

    read = parser.parse(text, default=parser.parse("2000-01-01"))
    return read.year, read.month, read.day


def _words(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())
