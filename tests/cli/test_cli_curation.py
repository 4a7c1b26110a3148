"""`timeline lint` and `timeline diff` end to end."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from timeline_viewer.cli.main import main
from timeline_viewer.load.loader import bundled_timeline_path

CURATION = Path(__file__).parent.parent / "curate" / "curation"


def test_the_bundled_timeline_lints_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint"]) == 0
    assert capsys.readouterr().out == ""


def test_lint_reports_findings_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(CURATION / "weak.yaml")]) == 1
    out = capsys.readouterr().out
    expected = (CURATION / "weak.expected").read_text(encoding="utf-8")
    assert out.strip() == expected.strip().replace("weak.yaml", str(CURATION / "weak.yaml"))
    assert main(["lint", str(CURATION / "weak.yaml"), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in findings} >= {"no-source", "near-duplicate", "after-death"}


def test_lint_of_a_broken_file_is_a_data_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "b.yaml"
    broken.write_text("schema: 1\n")
    assert main(["lint", str(broken)]) == 1
    assert capsys.readouterr().err.startswith(str(broken))


def test_diff_of_two_files(capsys: pytest.CaptureFixture[str]) -> None:
    old, new = CURATION / "diff-old.yaml", CURATION / "diff-new.yaml"
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [e["id"] for e in document["events"]["added"]] == ["transfer"]
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out.strip() == "no changes"


def test_diff_against_a_git_revision(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", str(tmp_path)], check=True)
    path = tmp_path / "t.yaml"
    path.write_bytes(bundled_timeline_path().read_bytes())
    subprocess.run([*git, "-C", str(tmp_path), "add", "t.yaml"], check=True)
    subprocess.run([*git, "-C", str(tmp_path), "commit", "-qm", "first"], check=True)
    path.write_text(
        path.read_text(encoding="utf-8").replace("date: 2013-08-09", "date: 2013-08-10"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["diff", "HEAD:t.yaml", "t.yaml"]) == 0
    assert "1 event redated" in capsys.readouterr().out
    assert main(["diff", "HEAD~3:t.yaml", "t.yaml"]) == 1
    assert "HEAD~3:t.yaml" in capsys.readouterr().err
