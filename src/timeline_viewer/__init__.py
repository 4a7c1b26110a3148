"""timeline-viewer: browse, filter and export curated event timelines.

Kept free of imports on purpose: `timeline list` and `timeline export` must
not pay for Textual (or anything else) just by importing the package.
"""

__version__ = "0.1.0"
