"""Which command opens the user's editor at a given line of a file.

$VISUAL, then $EDITOR, then the first of a few usual editors that is
installed. Editors disagree on how to say "at line N": most take `+N FILE`,
some `FILE:N`, VS Code `-g FILE:N`.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping
from pathlib import Path

FALLBACKS = ("nano", "vim", "vi")
_PLUS_LINE = {
    "vi",
    "vim",
    "nvim",
    "nano",
    "emacs",
    "emacsclient",
    "micro",
    "kak",
    "joe",
    "ne",
    "mg",
    "jed",
    "pico",
}
_COLON_LINE = {"hx", "helix", "subl", "sublime_text", "zed", "mate"}
_GOTO_FLAG = {"code", "code-insiders", "codium", "cursor"}


class NoEditorError(Exception):
    """Neither $VISUAL nor $EDITOR is set and no usual editor is installed."""


def editor_words(environ: Mapping[str, str] | None = None) -> list[str]:
    """The editor command as words ($VISUAL or $EDITOR may carry options)."""
    env = os.environ if environ is None else environ
    for variable in ("VISUAL", "EDITOR"):
        value = env.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                words = value.split()
            if words:
                return words
    for name in FALLBACKS:
        if shutil.which(name):
            return [name]
    raise NoEditorError("set $EDITOR (or $VISUAL) to the editor to use, e.g. EDITOR=nano")


def editor_command(path: Path, line: int, environ: Mapping[str, str] | None = None) -> list[str]:
    """The full command to open `path` at `line` (1-based; 0 or less: the top)."""
    words = editor_words(environ)
    name = Path(words[0]).name
    target = str(path)
    if line <= 0:
        return [*words, target]
    if name in _GOTO_FLAG:
        return [*words, "-g", f"{target}:{line}"]
    if name in _COLON_LINE:
        return [*words, f"{target}:{line}"]
    if name in _PLUS_LINE:
        return [*words, f"+{line}", target]
    return [*words, target]  # unknown editor: do not guess a syntax it may misread
