"""Helpers the load tests share."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def generated(events: int, **mix: Any) -> str:
    """A timeline file of `events` events, as the benchmarks generate it; `mix` is
    passed on (entities=, sources=, cited=...)."""
    # benchmarks/ is not a package: its generator is loaded from its file.
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate(events, **mix)
    return text
