"""Interoperability with other timeline formats: TimelineJS 3 in and out, CSV out, YAML out.

Pure functions from text to the model and back; nothing here touches the
terminal or the file system except `timelinejs_import.load_timelinejs`, which
reads a file through the loader so that read errors look like every other one.
"""
