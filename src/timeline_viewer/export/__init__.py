"""Turning a timeline (or the filtered part of it) into documents."""
