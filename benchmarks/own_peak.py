"""A measured command's own peak memory and CPU time, not its parent's.

On Linux, the peak RSS that `wait4` gives for a child counts the memory of
the process it was started from, up to its exec. Measured from a benchmark
that has itself loaded 100,000 events (the headless app's figures), every
later command read some 700 MB, whatever it used. So each command is started
by a small launcher, a fresh interpreter, and its figures are those of the
launcher's own child, written to a file the benchmark reads.

    argv = launched(command, report)    # start argv, wait for it, then:
    megabytes, cpu_seconds = own_usage(report)
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

_LAUNCHER = """\
import os, signal, sys
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
code = os.waitstatus_to_exitcode(status)
if code < 0:  # ended by a signal: end the same way, for the caller to see it
    signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
os._exit(code)
"""


def launched(argv: Sequence[str], report: Path) -> list[str]:
    """`argv`, started through the launcher, which writes its figures to `report`.

    A caller that stops it after a time-out stops the launcher's whole
    process group (start it with `start_new_session=True`).
    """
    return [sys.executable, "-c", _LAUNCHER, str(report), *argv]


def own_usage(report: Path) -> tuple[float, float]:
    """Peak RSS (MB) and CPU time (s) of the command, as its launcher wrote them."""
    kilobytes, cpu = report.read_text(encoding="utf-8").split()
    return int(kilobytes) / 1024, float(cpu)
