"""Readers of other timeline formats (TimelineJS 3 JSON and CSV): a file to a Timeline.

Pure functions from text to the model; `timelinejs.load_timelinejs` also
reads the file, with read errors like every other load's.
"""
