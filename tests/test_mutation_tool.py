"""tools/mutation.py: its table of modules and tests, the settings it gives mutmut, its score.

Running mutmut takes minutes; these check what the script decides, in milliseconds.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_tool", ROOT / "tools" / "mutation.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_module_and_test_in_the_table_exists(tool: ModuleType) -> None:
    # A module moved into a subpackage, or a test file renamed, shows up here first.
    for source, tests in tool.MODULES.items():
        assert (ROOT / source).is_file(), source
        assert tests, f"{source} has no tests"
        for test in tests:
            assert (ROOT / test).is_file(), f"{test} (tests of {source})"


def test_each_run_mutates_one_module_with_its_own_tests(tool: ModuleType) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    source = "src/timeline_viewer/query/language.py"
    written = tomllib.loads(tool._pyproject_for(source, tool.MODULES[source]))
    settings = written["tool"]["mutmut"]
    assert settings["only_mutate"] == [source]
    assert settings["pytest_add_cli_args_test_selection"] == list(tool.MODULES[source])
    # The shared settings, and everything else the tests need, are the project's.
    for key, value in project["tool"]["mutmut"].items():
        assert settings[key] == value, key
    assert written["tool"]["pytest"] == project["tool"]["pytest"]
    assert written["project"] == project["project"]


@pytest.mark.parametrize(
    ("asked", "chosen"),
    [
        ("dates", "src/timeline_viewer/domain/dates.py"),
        ("text", "src/timeline_viewer/domain/text.py"),  # the exact name, not terminal_text
        ("terminal", "src/timeline_viewer/terminal_text.py"),
        ("markdown", "src/timeline_viewer/export/markdown.py"),
        ("timeline_viewer.export.markdown", "src/timeline_viewer/export/markdown.py"),
    ],
)
def test_modules_are_chosen_by_any_unique_part(tool: ModuleType, asked: str, chosen: str) -> None:
    assert tool.select([asked]) == [chosen]


def test_an_unknown_or_ambiguous_module_is_refused(tool: ModuleType) -> None:
    with pytest.raises(SystemExit, match="no module"):
        tool.select(["nothing"])
    with pytest.raises(SystemExit, match="several modules"):
        tool.select(["timeline_viewer"])


def test_module_names_are_the_dotted_import_path(tool: ModuleType) -> None:
    assert tool.module_name("src/timeline_viewer/export/markdown.py") == (
        "timeline_viewer.export.markdown"
    )
    assert tool.module_name("src/timeline_viewer/domain/dates.py") == "timeline_viewer.domain.dates"


def test_listed_equivalents_name_a_module_of_the_table_once_with_a_reason(
    tool: ModuleType,
) -> None:
    names = [
        line.split()[0]
        for line in tool.EQUIVALENTS_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(names) == len(set(names)), "listed twice"
    listed = tool.load_equivalents()  # exits if a line has no reason
    assert sorted(listed) == sorted(names)
    modules = {tool.module_name(source) for source in tool.MODULES}
    for name in names:
        assert name.rpartition(".")[0] in modules, name
        assert "__mutmut_" in name, name


def test_an_equivalent_line_without_a_reason_is_refused(tool: ModuleType, tmp_path: Path) -> None:
    listed = tmp_path / "equivalent.txt"
    listed.write_text("# note\n\ntimeline_viewer.domain.dates.x_f__mutmut_1   why not\n")
    assert tool.load_equivalents(listed) == {
        "timeline_viewer.domain.dates.x_f__mutmut_1": "why not"
    }
    listed.write_text("timeline_viewer.domain.dates.x_f__mutmut_1\n")
    with pytest.raises(SystemExit, match="needs a reason"):
        tool.load_equivalents(listed)


def test_the_score_counts_listed_equivalents_as_not_applicable(tool: ModuleType) -> None:
    score = tool.Score(
        "m",
        {
            "m.a": "killed",
            "m.b": "survived",
            "m.c": "survived",
            "m.d": "timeout",
            "m.e": "no tests",
            "m.f": "killed",
        },
        {"m.b": "a cache size", "m.f": "listed, but a test kills it"},
    )
    assert (score.killed, score.total) == (3, 6)
    assert score.equivalent_survivors == 1  # a killed mutant is not equivalent
    assert score.score == pytest.approx(100 * 3 / 5)
    assert score.undetected() == ["m.c", "m.e"]
