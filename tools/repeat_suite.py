"""Run the whole test suite N times on a clean clone, some runs in a shuffled order.

A test that fails now and then, or only after another test, shows up here
rather than in CI. The clone is made from the last commit (what CI would
check out) and gets a virtual environment of its own, installed with the
README's command. Every other run shuffles the order of all tests with a
seed it prints; `TIMELINE_TEST_ORDER_SEED=SEED python3 -m pytest` repeats one.

Usage: python3 tools/repeat_suite.py [RUNS] [--keep]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _clone(into: Path) -> Path:
    checkout = into / "checkout"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(checkout)], check=True)
    venv = into / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python3"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "-e", ".[test]"],
        cwd=checkout,
        check=True,
    )
    return python


def _run(python: Path, checkout: Path, seed: int | None) -> tuple[bool, float, str]:
    env = {**os.environ}
    env.pop("TIMELINE_TEST_ORDER_SEED", None)
    if seed is not None:
        env["TIMELINE_TEST_ORDER_SEED"] = str(seed)
    # The venv's own scripts (ruff, timeline) first, as after activating it.
    env["PATH"] = f"{python.parent}{os.pathsep}{env['PATH']}"
    started = time.monotonic()
    result = subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
    )
    summary = [line for line in result.stdout.splitlines() if line.startswith("FAILED")]
    summary += result.stdout.strip().splitlines()[-1:]
    return result.returncode == 0, time.monotonic() - started, "\n".join(summary)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the clone afterwards")
    arguments = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="repeat-suite-"))
    try:
        python = _clone(scratch)
        checkout = scratch / "checkout"
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=checkout,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        print(f"clean clone of {commit} in {scratch}")
        seeds = random.Random()
        failures = 0
        for number in range(1, arguments.runs + 1):
            seed = seeds.randrange(1, 10**6) if number % 2 == 0 else None
            passed, seconds, summary = _run(python, checkout, seed)
            failures += not passed
            order = f"shuffled, seed {seed}" if seed is not None else "file order"
            verdict = "passed" if passed else "FAILED"
            print(f"run {number:>2}: {verdict} in {seconds:.0f} s ({order}): {summary}", flush=True)
        print(f"{arguments.runs - failures} of {arguments.runs} runs passed")
        return 1 if failures else 0
    finally:
        if not arguments.keep:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
