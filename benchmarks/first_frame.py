"""In-process time to the first frame: the bundled timeline against a minimal Textual app.

`run.py` times first paint from outside, as a user sees it (tmux, from launch
to the screen showing the rows). This times it from inside each process,
from the interpreter's start to Textual's first write of a whole frame,
which leaves out the shared cost of starting Python and is steadier for
comparing changes. Runs alternate between the two programs; the bundled
timeline starts warm (an earlier start wrote its load-cache entry).
Usage: python3 benchmarks/first_frame.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import Tmux, first_paint_seconds, rows_shown, tmux_server  # noqa: E402

from timeline_viewer.load.loader import bundled_timeline_path, load_timeline  # noqa: E402

# Run by each program first thing: it notes the time of Textual's first big
# write (a whole frame) in OUT, then exits at once.
_PROBE = """
import os, sys, time
started = time.perf_counter()
import textual.drivers.linux_driver as driver
write = driver.LinuxDriver.write
def first_frame(self, data):
    write(self, data)
    if len(data) > 1000:
        with open(os.environ["TIMELINE_FRAME_OUT"], "a") as out:
            out.write(f"{(time.perf_counter() - started) * 1000:.2f}\\n")
        os._exit(0)
driver.LinuxDriver.write = first_frame
if sys.argv[1] == "ours":
    from timeline_viewer.cli.main import main
    main([])
else:
    sys.path.insert(0, sys.argv[2])
    from minimal_app import MinimalApp
    MinimalApp().run()
"""


def frame_ms(who: str, env: dict[str, str]) -> float:
    """Milliseconds from `who`'s interpreter start to its first frame (run in tmux)."""
    out = Path(env["TIMELINE_FRAME_OUT"])
    out.unlink(missing_ok=True)
    session = Tmux([sys.executable, "-c", _PROBE, who, str(HERE)], env)
    try:
        deadline = time.perf_counter() + 30
        while not out.exists() or not out.read_text().strip():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{who} never drew a frame")
            time.sleep(0.02)
        return float(out.read_text().split()[0])
    finally:
        session.close()  # (its program is gone already: it exits at its first frame)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as scratch, tmux_server():
        env = {
            **os.environ,
            "TIMELINE_VIEWER_CACHE_DIR": str(Path(scratch) / "cache"),
            "TIMELINE_FRAME_OUT": str(Path(scratch) / "frame.txt"),
        }
        # The earlier start that leaves the load-cache entry.
        events = len(load_timeline(bundled_timeline_path()).events)
        ours_command = [sys.executable, "-m", "timeline_viewer"]
        first_paint_seconds(ours_command, rows_shown(events), env, stay=True)
        ours, minimal = [], []
        for _ in range(runs):
            ours.append(frame_ms("ours", env))
            minimal.append(frame_ms("minimal", env))
    a, b = statistics.median(ours), statistics.median(minimal)
    print(f"first frame, in-process, medians of {runs}:")
    print(f"  bundled timeline (warm)  {a:7.1f} ms")
    print(f"  minimal Textual app      {b:7.1f} ms")
    print(f"  difference               {a - b:7.1f} ms   ratio {a / b:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
