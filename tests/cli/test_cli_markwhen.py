"""Markwhen through the command line: import, open directly, export, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run

from timeline_viewer.cli.main import main
from timeline_viewer.load.loader import bundled_timeline_path, load_timeline


def test_export_then_import_gives_the_same_events(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mw, yaml = tmp_path / "t.mw", tmp_path / "t.yaml"
    assert run(capsys, "export", "-f", "markwhen", "-o", str(mw))[0] == 0
    assert mw.read_text(encoding="utf-8").startswith("---\ntitle: ")
    code, _, err = run(capsys, "import", str(mw), "-o", str(yaml), "--strict")
    assert code == 0, err
    ours = load_timeline(bundled_timeline_path())
    back = load_timeline(yaml)
    assert [(e.id, e.date, e.end) for e in back.events] == [
        (e.id, e.date, e.end) for e in ours.events
    ]


def test_a_mw_file_opens_directly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    mw = tmp_path / "t.mw"
    mw.write_text("1985-02-07: Kidnapped\nid: kidnapped\nnow: relative\n", encoding="utf-8")
    code, out, err = run(capsys, "list", str(mw), "--format", "plain")
    assert code == 0 and "kidnapped" in out
    assert "t.mw:3:1:" in err and "(kept going)" in err
    assert run(capsys, "import", str(mw), "--strict")[0] == 1


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("", "the file is empty"),
        ("no dates at all\n", "no events"),
        (b"\xff\xfe\x00bad bytes", ""),
    ],
)
def test_a_bad_file_is_a_message_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | bytes, said: str
) -> None:
    mw = tmp_path / "bad.mw"
    if isinstance(content, bytes):
        mw.write_bytes(content)
    else:
        mw.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "import", str(mw))
    assert code == 1 and out == ""
    assert "bad.mw" in err and said in err and "Traceback" not in err


def test_a_missing_file_is_a_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "gone.mw"))
    assert code == 1 and "gone.mw" in err and "Traceback" not in err


def test_import_names_what_it_reads(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("1985: x\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(other))
    assert code == 1
    assert "import reads TimelineJS .json or .csv, or Markwhen .mw, not .txt" in err


def test_export_help_states_markwhens_limit(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "123,125 lines" in " ".join(capsys.readouterr().out.split())


def test_markwhen_export_warns_what_it_leaves_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "deep.yaml"
    source.write_text(
        "schema: 1\ntitle: Deep\nevents:\n"
        "  - {id: big-bang, date: '-13800000000', title: Big Bang}\n"
        "  - {id: later, date: 1985, title: Later}\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "export", str(source), "-f", "markwhen")
    assert code == 0 and 'id: "later"' in out and "big-bang" not in out
    assert "big-bang:" in err and "not exported" in err
