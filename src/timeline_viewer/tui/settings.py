"""The few user settings the TUI keeps between runs (the theme), as a small JSON file.

The file lives in the platform's config folder, or in $TIMELINE_VIEWER_CONFIG_DIR
(tests point it at a temporary folder). A missing, unreadable or corrupt
file means the defaults: settings are a convenience and never stop the app.
"""

from __future__ import annotations

import os
from pathlib import Path

import msgspec
import platformdirs

CONFIG_DIR_VARIABLE = "TIMELINE_VIEWER_CONFIG_DIR"
FILE_NAME = "settings.json"


class Settings(msgspec.Struct, frozen=True):
    theme: str | None = None


def settings_path() -> Path:
    folder = os.environ.get(CONFIG_DIR_VARIABLE) or platformdirs.user_config_dir("timeline-viewer")
    return Path(folder) / FILE_NAME


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults if there are none or they cannot be read."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Settings()
    import json  # (imported here: most starts have no settings file to read)

    try:
        data = json.loads(text)
    except ValueError:
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    theme = data.get("theme")
    return Settings(theme=theme if isinstance(theme, str) and theme else None)


def save_settings(settings: Settings, path: Path | None = None) -> bool:
    """Write the settings (through a temporary file); False if that was not possible."""
    import json

    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(
            json.dumps(msgspec.structs.asdict(settings), indent=2) + "\n", encoding="utf-8"
        )
        temporary.replace(path)
    except OSError:
        return False
    return True
