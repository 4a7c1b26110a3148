"""For whoever keeps the file: lint, diff, watching for saves, the editor."""
