"""Mutation testing of the core modules, each against its own tests, with a score per module.

    python3 tools/mutation.py                  every module in MODULES
    python3 tools/mutation.py dates query      some of them (any unique part of the path)
    python3 tools/mutation.py --survivors dates
                                               re-test only what survived the last run
                                               (after writing tests), keeping the rest
    python3 tools/mutation.py --report         the scores of the last run, running nothing

Needs the `mutation` extra (pip install -e ".[test,mutation]"). Each module runs
in a folder of its own, mutants/<module>/, where mutmut keeps its copy of the
source and its results: `cd mutants/timeline_viewer.domain.dates && mutmut show NAME`
shows a mutant. Shared mutmut settings are in pyproject.toml ([tool.mutmut]).

A survivor that no test can kill because it changes no behaviour (a cache size,
a speed-only threshold) is listed in tools/equivalent-mutants.txt, one line
each: the mutant's name, then why. The score counts those as not applicable:
detected / (total - equivalent), where a mutant is detected when a test fails
or times out with it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Each module mutated, and the tests that are its own: only these run against
# its mutants. When a module moves (into a subpackage, say), change its line.
MODULES: dict[str, tuple[str, ...]] = {
    "src/timeline_viewer/domain/dates.py": (
        "tests/domain/test_dates.py",
        "tests/domain/test_date_typos.py",
        "tests/domain/test_dates_edtf.py",
    ),
    "src/timeline_viewer/query/language.py": (
        "tests/query/test_query.py",
        "tests/query/test_query_fast_paths.py",
        "tests/query/test_query_cache.py",
        "tests/query/test_date_windows.py",
        "tests/query/test_query_limits.py",
        "tests/query/test_edtf_windows.py",
        "tests/query/test_marks_filter.py",
    ),
    "src/timeline_viewer/query/highlight.py": ("tests/query/test_highlight.py",),
    "src/timeline_viewer/query/connections.py": ("tests/query/test_connections.py",),
    "src/timeline_viewer/query/lanes.py": ("tests/query/test_lanes.py",),
    "src/timeline_viewer/domain/text.py": (
        "tests/domain/test_text.py",
        "tests/domain/test_shown.py",
    ),
    "src/timeline_viewer/terminal_text.py": (
        "tests/domain/test_text.py",
        "tests/test_terminal_text.py",
    ),
    "src/timeline_viewer/domain/markdown_text.py": (
        "tests/export/test_export_markdown.py",
        "tests/export/test_export_markdown_shape.py",
    ),
    "src/timeline_viewer/export/markdown.py": (
        "tests/export/test_export_markdown.py",
        "tests/export/test_export_markdown_shape.py",
        "tests/export/test_export_golden.py",
        "tests/export/test_export_header.py",
        "tests/export/test_export_markdown_edtf.py",
        "tests/export/test_export_markdown_extras.py",
        "tests/export/test_export_markdown_media.py",
    ),
}

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS_FILE = ROOT / "tools" / "equivalent-mutants.txt"
RUNS = ROOT / "mutants"
# mutmut's statuses (mutmut.stats.status_by_exit_code) that mean a test noticed the change.
DETECTED = ("killed", "timeout")


@dataclass
class Score:
    module: str
    statuses: dict[str, str]  # mutant name -> mutmut status
    equivalent: dict[str, str] = field(default_factory=dict)  # mutant name -> reason

    @property
    def total(self) -> int:
        return len(self.statuses)

    def count(self, *statuses: str) -> int:
        return sum(1 for status in self.statuses.values() if status in statuses)

    @property
    def killed(self) -> int:
        return self.count(*DETECTED)

    @property
    def equivalent_survivors(self) -> int:
        return sum(1 for name in self.equivalent if self.statuses.get(name) not in DETECTED)

    @property
    def applicable(self) -> int:
        return self.total - self.equivalent_survivors

    @property
    def score(self) -> float:
        return 100.0 * self.killed / self.applicable if self.applicable else 100.0

    def undetected(self) -> list[str]:
        """Mutants no test noticed and not listed as equivalent: the ones to look at."""
        return sorted(
            name
            for name, status in self.statuses.items()
            if status not in DETECTED and name not in self.equivalent
        )


def module_name(source: str) -> str:
    """src/timeline_viewer/export/markdown.py -> timeline_viewer.export.markdown"""
    path = Path(source).with_suffix("")
    parts = path.parts[1:] if path.parts[0] == "src" else path.parts
    return ".".join(parts)


def select(wanted: Sequence[str]) -> list[str]:
    if not wanted:
        return list(MODULES)
    chosen: list[str] = []
    for text in wanted:
        matches = [s for s in MODULES if text in s or text == module_name(s)]
        exact = [s for s in matches if Path(s).stem == text or module_name(s) == text]
        matches = exact or matches
        if len(matches) != 1:
            known = ", ".join(module_name(s) for s in MODULES)
            which = "several modules" if matches else "no module"
            sys.exit(f'"{text}" names {which}; modules are: {known}')
        chosen.append(matches[0])
    return chosen


def load_equivalents(path: Path = EQUIVALENTS_FILE) -> dict[str, str]:
    """Mutant name -> reason, from lines `NAME  reason`; blank lines and # comments skipped."""
    if not path.exists():
        return {}
    found: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        name, _, reason = text.partition(" ")
        if not reason.strip():
            sys.exit(f"{path.name}:{number}: {name} needs a reason after its name")
        found[name] = reason.strip()
    return found


def _toml_value(value: object) -> str:
    # Strings, numbers, booleans and lists of them: JSON spells them as TOML does.
    return json.dumps(value)


def _pyproject_for(source: str, tests: Sequence[str]) -> str:
    """The project's pyproject.toml with [tool.mutmut] narrowed to one module and its tests."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    settings = dict(tomllib.loads(text).get("tool", {}).get("mutmut", {}))
    settings["only_mutate"] = [source]
    settings["pytest_add_cli_args_test_selection"] = list(tests)
    kept: list[str] = []
    inside = False
    for line in text.splitlines():
        if line.startswith("["):
            inside = line.strip() == "[tool.mutmut]"
        if not inside:
            kept.append(line)
    table = [f"{key} = {_toml_value(value)}" for key, value in settings.items()]
    return "\n".join([*kept, "", "[tool.mutmut]", *table, ""])


def _prepare(source: str, folder: Path, *, fresh: bool) -> None:
    """A folder that looks like the project to mutmut: links to what it copies, and a
    pyproject.toml naming this module and its tests."""
    tests = MODULES[source]
    missing = [path for path in (source, *tests) if not (ROOT / path).exists()]
    if missing:
        sys.exit(f"{module_name(source)}: no such file: {', '.join(missing)} (see MODULES)")
    if fresh and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    also_copy = settings.get("tool", {}).get("mutmut", {}).get("also_copy", [])
    for name in {"src", "tests", *(Path(p).parts[0] for p in also_copy)}:
        link = folder / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=(ROOT / name).is_dir())
    (folder / "pyproject.toml").write_text(_pyproject_for(source, tests), encoding="utf-8")


def _statuses(source: str, folder: Path) -> dict[str, str]:
    from mutmut.stats import status_by_exit_code

    meta = folder / "mutants" / (source + ".meta")
    if not meta.exists():
        return {}
    codes: dict[str, int | None] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return {name: status_by_exit_code[code] for name, code in codes.items()}


def run_module(source: str, *, jobs: int, survivors_only: bool, report_only: bool) -> Score:
    name = module_name(source)
    folder = RUNS / name
    if report_only:
        return Score(name, _statuses(source, folder), _equivalents_of(name))
    earlier = _statuses(source, folder) if survivors_only else {}
    retest = [n for n, status in earlier.items() if status not in DETECTED]
    _prepare(source, folder, fresh=not earlier)
    log = folder / "mutmut.log"
    what = f"{len(retest)} earlier survivors" if earlier else "every mutant"
    print(f"{name}: mutating with {', '.join(MODULES[source])}: {what} (log: {log})", flush=True)
    if not earlier or retest:
        command = [
            sys.executable,
            "-c",
            "import sys; from mutmut.__main__ import cli; sys.exit(cli())",
            "run",
            "--max-children",
            str(jobs),
            *retest,
        ]
        # mutmut puts its own copy of src/ first on the path; nothing else may come before it.
        environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        with log.open("w", encoding="utf-8") as out:
            done = subprocess.run(
                command, cwd=folder, env=environment, stdout=out, stderr=subprocess.STDOUT
            )
        if done.returncode != 0:
            tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
            sys.exit(f"{name}: mutmut failed (exit {done.returncode}); end of {log}:\n{tail}")
    return Score(name, _statuses(source, folder), _equivalents_of(name))


def _equivalents_of(name: str) -> dict[str, str]:
    return {m: reason for m, reason in load_equivalents().items() if m.startswith(name + ".")}


def report(scores: Sequence[Score]) -> None:
    header = ("module", "killed/total", "survived", "no tests", "other", "equivalent", "score")
    rows = [header]
    for s in scores:
        if not s.statuses:
            rows.append((s.module, "not run", "", "", "", "", ""))
            continue
        counts = Counter(s.statuses.values())
        other = s.total - s.killed - counts["survived"] - counts["no tests"]
        rows.append(
            (
                s.module,
                f"{s.killed}/{s.total}",
                str(counts["survived"]),
                str(counts["no tests"]),
                str(other),
                str(s.equivalent_survivors),
                f"{s.score:.1f}%",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    print()
    for row in rows:
        cells = (
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        print("  ".join(cells).rstrip())
    print("\nscore = detected / (total - listed equivalents); detected = killed or timed out")
    for s in scores:
        if not s.statuses:
            continue
        stale = [m for m in s.equivalent if m not in s.statuses]
        noticed = [m for m in s.equivalent if s.statuses.get(m) in DETECTED]
        for mutant in stale:
            print(f"  {EQUIVALENTS_FILE.name}: {mutant} is no mutant of {s.module} now")
        for mutant in noticed:
            print(f"  {EQUIVALENTS_FILE.name}: {mutant} is killed, so not equivalent")
        undetected = s.undetected()
        if undetected:
            print(f"\n{s.module}: not detected ({len(undetected)}):")
            for mutant in undetected:
                print(f"  {mutant}  [{s.statuses[mutant]}]")
            print(f"  see one with: cd {(RUNS / s.module).relative_to(ROOT)} && mutmut show NAME")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mutation testing of the core modules.")
    parser.add_argument("modules", nargs="*", help="part of a module path, e.g. dates or markdown")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="mutants at once")
    parser.add_argument(
        "--survivors",
        action="store_true",
        help="re-test only the mutants the last run did not detect (a fresh run if none)",
    )
    parser.add_argument(
        "--report", action="store_true", help="report the last run's results, running nothing"
    )
    parser.add_argument(
        "--fail-under", type=float, default=None, help="exit 1 if a module scores below this"
    )
    args = parser.parse_args(argv)
    scores = [
        run_module(source, jobs=args.jobs, survivors_only=args.survivors, report_only=args.report)
        for source in select(args.modules)
    ]
    report(scores)
    if args.fail_under is not None and any(s.score < args.fail_under for s in scores):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
