"""Data text made literal in Markdown, and URLs made safe as link destinations.

Text safety, like `text.py`: what the Markdown export writes and what
copying an event as Markdown gives both go through these functions.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Punctuation that can open or close an inline construct anywhere in a line:
# emphasis, code, links and images, autolinks and raw HTML, entity references,
# tables, strikethrough, footnotes, GitHub math and mentions. Backslash
# escapes are valid CommonMark for all of them. (A translation table: one C
# pass per string, which matters for a 100,000-event export.)
_INLINE_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>&|~^#@$"})
_ANY_SPECIAL = re.compile(r"[\\`*_{}\[\]<>&|~^#@$]")
# Bare URLs and www. names become links under GFM's autolink extension, and
# linkify-style renderers (markdown-it with linkify) also link bare domains
# such as evil.com (any script) and //host: break every scheme colon, every
# double slash, every dot after "www" and every dot a domain's last label
# could follow (two letters or more, any script) with an escape. A dot
# before one letter, as in U.S. or a.m., cannot end a domain: left as it is.
_LINKABLE_DOT = re.compile(r"\.(?=[^\W\d_]{2})|(?<=[wW]{3})\.")
_SCHEME_OR_DOUBLE_SLASH = re.compile(r"(?<=[A-Za-z]):(?=//)|(?<=/)/")
# Only at the start of a line: list markers, setext underlines, ordered lists.
_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")


def inline(text: str) -> str:
    """Data text as literal Markdown inline content on one line."""
    escaped = " ".join(text.split())
    if _ANY_SPECIAL.search(escaped):  # most text has none: skip the per-character pass
        escaped = escaped.translate(_INLINE_SPECIAL)
    # Scanned only when present: these two passes are most of a big export's time.
    if "." in escaped:
        escaped = _LINKABLE_DOT.sub(r"\\.", escaped)
    if "//" in escaped:
        escaped = _SCHEME_OR_DOUBLE_SLASH.sub(r"\\\g<0>", escaped)
    first = escaped[:1]
    if first and (first in "-+=" or first.isdigit()):
        escaped = _LINE_START.sub(
            lambda m: m[0] + "\\" if m[0][0].isdigit() else "\\" + m[0], escaped
        )
    return escaped


def safe_url(url: str) -> str | None:
    """An http(s) URL fit for a link destination, or None if it is not one."""
    url = url.strip()
    if not re.match(r"https?://[^\s]+$", url, re.IGNORECASE):
        return None
    # Percent-encode whatever could end or confuse the destination.
    return quote(url, safe="/:?#[]@!$&'*+,;=%-._~")


# What the file format accepts as a relative media path: no scheme, not absolute.
_RELATIVE_PATH = re.compile(r"(?![A-Za-z][A-Za-z0-9+.-]*:)[^/\\\s]")


def safe_media_url(url: str) -> str | None:
    """A media url fit for a link destination: an http(s) URL as `safe_url` makes
    it, a relative path (`media/x.jpg`) as written but percent-encoded, else None.

    In a path even `:`, `?` and `#` are encoded: they are part of a file's name,
    and a `:` left in the first segment would read as a scheme (`javascript:`).
    """
    url = url.strip()
    if re.match(r"https?://", url, re.IGNORECASE):
        return safe_url(url)
    if not _RELATIVE_PATH.match(url):
        return None
    return quote(url, safe="/!$&'*+,;=@%-._~")
