"""`timeline export -f ics|ftm|svg`: calendars, Aleph and a picture for a report."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest
from cli_helpers import run

from timeline_viewer.cli.main import main
from timeline_viewer.load.loader import bundled_timeline_path

TIMELINE = """\
schema: 1
title: Formats
entities:
  - id: caesar
    name: Julius Caesar
    kind: person
  - id: rome
    name: Rome
    kind: place
events:
  - id: ides
    date: -0043-03-15
    title: Caesar killed in the Senate
    entities: [caesar]
    place: rome
  - id: treaty
    date: 1985-02
    title: A treaty signed, in Rome; at last
    place: rome
  - id: summit
    date: 1999-07-01
    title: A summit on the harbour
    tags: [meeting]
"""


@pytest.fixture
def timeline(tmp_path: Path) -> Path:
    path = tmp_path / "formats.yaml"
    path.write_text(TIMELINE, encoding="utf-8")
    return path


def test_ics_leaves_out_what_a_calendar_cannot_hold_and_says_so(
    capsys: pytest.CaptureFixture[str], timeline: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.ics"
    code, out, err = run(capsys, "export", str(timeline), "-f", "ics", "-o", str(target))
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        "timeline: ics: left out ides: its date, 15 Mar 44 BCE, is outside the years iCalendar "
        "can hold (1 to 9999)",
        f"wrote 2 of 3 events (1 left out, see above) to {target}",
    ]
    raw = target.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF line ends, as the standard says
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "A treaty signed, in Rome; at last",
        "A summit on the harbour",
    ]


def test_ics_is_the_same_bytes_on_stdout_and_stamped_from_the_file(
    capsys: pytest.CaptureFixture[str],
    timeline: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    os.utime(timeline, (0, 1_000_000_000))  # 2001-09-09T01:46:40Z
    code, out, _ = run(capsys, "export", str(timeline), "-f", "ics", "-q", "summit")
    assert code == 0
    assert "DTSTAMP:20010909T014640Z\r\n" in out
    target = tmp_path / "summit.ics"
    run(capsys, "export", str(timeline), "-f", "ics", "-q", "summit", "-o", str(target))
    assert target.read_bytes().decode("utf-8") == out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _, stamped, _ = run(capsys, "export", str(timeline), "-f", "ics", "-q", "summit")
    assert "DTSTAMP:20231114T221320Z\r\n" in stamped


def test_ftm_to_stdout(capsys: pytest.CaptureFixture[str], timeline: Path) -> None:
    code, out, err = run(capsys, "export", str(timeline), "-f", "ftm", "-q", "rome")
    assert (code, err) == (0, "")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(line["schema"], line["id"]) for line in lines] == [
        ("Person", "timeline-entity-caesar"),
        ("Address", "timeline-entity-rome"),
        ("Event", "timeline-event-ides"),
        ("Event", "timeline-event-treaty"),
    ]


def _svg_text(svg: str) -> str:
    """The characters the picture shows, row by row (Rich writes spaces as no-break spaces)."""
    root = ET.fromstring(svg)
    rows: dict[str, list[str]] = {}
    for element in root.iter():
        if element.tag.rpartition("}")[2] == "text" and element.text:
            rows.setdefault(element.get("y", ""), []).append(element.text)
    return "\n".join("".join(row) for row in rows.values()).replace("\xa0", " ")


def test_svg_pictures_the_filtered_screen(
    capsys: pytest.CaptureFixture[str], timeline: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.svg"
    code, out, err = run(
        capsys, "export", str(timeline), "-f", "svg", "-q", "rome", "-o", str(target)
    )
    assert (code, out) == (0, "")
    assert err == f"wrote a picture of 2 of 3 events to {target}\n"
    shown = _svg_text(target.read_text(encoding="utf-8"))
    assert "Caesar killed in the Senate" in shown
    assert "A treaty signed, in Rome; at last" in shown
    assert "A summit on the harbour" not in shown  # filtered out
    assert "2 of 3 events" in shown
    assert "rome" in shown  # the filter bar says which filter


def test_svg_at_a_given_size_to_stdout(capsys: pytest.CaptureFixture[str], timeline: Path) -> None:
    code, out, _ = run(capsys, "export", str(timeline), "-f", "svg", "--size", "80x24")
    assert code == 0
    shown = _svg_text(out)
    assert "A summit on the harbour" in shown
    assert max(len(line) for line in shown.splitlines()) <= 80


@pytest.mark.parametrize("size", ["abc", "10x3", "120x", "5000x36"])
def test_a_bad_size_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], timeline: Path, size: str
) -> None:
    with pytest.raises(SystemExit) as caught:  # argparse's way out
        main(["export", str(timeline), "-f", "svg", "--size", size])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "--size" in err


@pytest.mark.parametrize(("form", "name"), [("ics", "timeline.ics"), ("svg", "timeline.svg")])
def test_a_folder_as_target_suggests_a_file_of_the_format(
    capsys: pytest.CaptureFixture[str], timeline: Path, tmp_path: Path, form: str, name: str
) -> None:
    code, _, err = run(capsys, "export", str(timeline), "-f", form, "-o", str(tmp_path))
    assert code == 1
    assert err == f"timeline: {tmp_path}: is a folder; give a file name such as {tmp_path / name}\n"


@pytest.mark.parametrize("form", ["ics", "ftm", "svg"])
def test_a_failed_write_says_so_and_leaves_no_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, form: str
) -> None:
    code, out, err = run(
        capsys, "export", str(bundled_timeline_path()), "-f", form, "-o", "/dev/full"
    )
    assert (code, out) == (1, "")
    assert err == "timeline: /dev/full: cannot write: No space left on device\n"
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):  # root writes anywhere: nothing to test
            return
        code, _, err = run(
            capsys, "export", str(bundled_timeline_path()), "-f", form, "-o", str(folder / "x")
        )
        assert code == 1
        assert "cannot write" in err
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
