"""TimelineJS and CSV through the command line: import, open directly, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_helpers import run

from timeline_viewer.load.loader import load_timeline

CORPUS = Path(__file__).parent.parent / "interop" / "fixtures" / "timelinejs"


def test_import_writes_yaml_that_loads(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "eras.yaml"
    code, _, err = run(capsys, "import", str(CORPUS / "eras.json"), "-o", str(target))
    assert code == 0, err
    timeline = load_timeline(target)
    assert len(timeline.events) == 23  # 20 events and 3 eras
    assert sum("era" in e.tags for e in timeline.events) == 3
    before = target.read_bytes()
    code, _, err = run(capsys, "import", str(CORPUS / "cosmo.json"), "-o", str(target))
    assert code == 1
    assert "use --force" in err
    assert target.read_bytes() == before


def test_import_refuses_empty_files(capsys: pytest.CaptureFixture[str]) -> None:
    name = "republican-timeline2.json"
    code, out, err = run(capsys, "import", str(CORPUS / name))
    assert code == 1
    assert out == ""
    assert err.startswith(str(CORPUS / name))


def test_import_reads_timelinejs2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "houston.yaml"
    code, _, err = run(capsys, "import", str(CORPUS / "houston-timeline2.json"), "-o", str(target))
    assert code == 0, err
    timeline = load_timeline(target)
    assert timeline.title == "Whitney Houston 1963 - 2012"
    assert len(timeline.events) == 18


@pytest.mark.parametrize(
    ("name", "events"), [("women_in_computing.json", 10), ("women_in_computing.csv", 10)]
)
def test_timelinejs_files_open_directly(
    capsys: pytest.CaptureFixture[str], name: str, events: int
) -> None:
    code, out, _ = run(capsys, "list", str(CORPUS / name), "--format", "json")
    assert code == 0
    assert len(json.loads(out)) == events


def test_export_timelinejs_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    # The bundled timeline's Treviño events: the two arrests (2013, 2015), the transfer, the
    # sheriff's warning, the plea, the 2025-09-12 no-death decision, the 2025-10-14 hearing
    # and Z-40's motion against his solitary confinement (known to the month, 2026-01).
    code, out, _ = run(capsys, "export", "-f", "timelinejs", "-q", "trevino", "--group-by", "kind")
    assert code == 0
    document = json.loads(out)
    assert len(document["events"]) == 8
    assert all("start_date" in e and "group" in e for e in document["events"])
    code, out, _ = run(capsys, "export", "-f", "csv", "-q", "trevino")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert len(rows) == 8
    assert rows[0]["date"] == "2013-07-15"
