"""Interoperability with other timeline formats: TimelineJS 3, CSV and YAML out.

Pure functions from the model to text; nothing here touches the terminal or
the file system. Reading TimelineJS is loading: `load/formats/`.
"""
