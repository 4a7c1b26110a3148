"""Broken and hostile files: exit 1, a message naming the file and place, nothing run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from timeline_viewer.cli.main import main
from timeline_viewer.load.loader import LoadError, load_timeline

BROKEN = Path(__file__).parent / "corpus" / "broken"

# file -> (line:col of the first problem, or None for problems of the whole file; a fragment)
EXPECTED: dict[str, tuple[str | None, str]] = {
    "empty.yaml": ("1:1", "the file is empty"),
    "not-utf8.yaml": ("2:11", "not UTF-8 text (byte 0xe9)"),
    "syntax-error.yaml": ("4:1", "YAML syntax"),
    "tab-indent.yaml": ("4:1", "does not allow tabs"),
    "two-documents.yaml": ("3:1", "several YAML documents"),
    "top-level-list.yaml": ("1:1", "expected a mapping with schema, title and events"),
    "top-level-scalar.yaml": ("1:1", 'got "just a sentence"'),
    "events-not-list.yaml": ("3:9", 'expected a list of events, got "none"'),
    "missing-schema.yaml": ("1:1", "missing `schema: 1`"),
    "unknown-schema.yaml": ("1:9", 'unsupported schema version "7"'),
    "missing-field.yaml": ("4:5", 'missing required field "date"'),
    "mapping-for-text.yaml": ("6:12", "expected text, got a mapping"),
    "list-for-text.yaml": ("6:12", "expected text, got a list"),
    "unknown-field.yaml": ("7:5", 'unknown field "summray"; did you mean "summary"?'),
    "duplicate-key.yaml": ("7:5", 'the key "title" appears twice (first on line 6)'),
    "month-13.yaml": ("5:11", "there is no month 13"),
    "feb-30.yaml": ("5:11", "February 2025 has no day 30"),
    "month-00.yaml": ("5:11", "there is no month 0"),
    "feb-32-text.yaml": ("5:11", 'got "32 Feb 2001"'),
    "free-text-date.yaml": ("5:11", 'got "sometime in the eighties"'),
    "end-before-start.yaml": ("6:10", "ends (1985) before it starts (2013)"),
    "x-inside-year.yaml": ("5:11", "only the last digits of a year may be X"),
    "x-inside-month.yaml": ("5:11", "a month or day is given in full or as XX"),
    "open-start.yaml": ("5:11", "end: .. is how a period still going is written"),
    "x-end-before-start.yaml": ("6:10", "ends (1979) before it starts (198X)"),
    "duplicate-id.yaml": ("7:9", 'duplicate event id "a" (first at line 4)'),
    "unknown-entity.yaml": ("7:16", 'unknown entity "nobody"'),
    "place-not-a-place.yaml": ("11:12", "kind person, not a place"),
    "unknown-place.yaml": ("7:12", 'unknown place "atlantis"'),
    "unknown-source.yaml": ("7:15", 'unknown source "nowhere"'),
    "unknown-kind.yaml": ("6:11", 'got "alien"'),
    "alias-bomb.yaml": (None, "expands to far more values than it holds"),
    "deep-nesting.yaml": (None, "nested"),
    "python-object.yaml": (
        "2:8",
        "expected plain data, got the YAML tag !!python/object/apply:os.system"
        " (tags are never run: write the value itself)",
    ),
}


def test_every_corpus_file_has_an_expectation() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loader_reports_the_problem_at_its_place(name: str) -> None:
    where, fragment = EXPECTED[name]
    path = BROKEN / name
    with pytest.raises(LoadError) as caught:
        load_timeline(path)
    problems = caught.value.problems
    matching = [p for p in problems if fragment in p.message]
    assert matching, [str(p) for p in problems]
    assert all(str(p).startswith(f"{path}:") for p in problems)
    if where is not None:
        assert f"{matching[0].line}:{matching[0].column}" == where


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("command", [["validate"], ["list"], ["export", "-f", "markdown"]])
def test_cli_commands_exit_1_with_the_message(
    name: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = BROKEN / name
    code = main(
        [*command, str(path), "--no-cache"] if command != ["validate"] else [*command, str(path)]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert captured.err.startswith(f"{path}:")
    assert EXPECTED[name][1] in captured.err


def test_python_tags_are_never_executed(tmp_path: Path) -> None:
    marker = Path("/tmp/timeline-viewer-pwned")
    marker.unlink(missing_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "timeline_viewer", "list", str(BROKEN / "python-object.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert not marker.exists()


@pytest.mark.parametrize("name", ["alias-bomb.yaml", "deep-nesting.yaml", "not-utf8.yaml"])
def test_no_traceback_in_a_real_process(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "timeline_viewer", "validate", str(BROKEN / name)],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(str(BROKEN / name))
