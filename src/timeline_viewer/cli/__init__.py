"""The `timeline` command."""
