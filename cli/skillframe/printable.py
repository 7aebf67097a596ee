"""One way to show a value from a file, or a file's name, in a message or in text output.

File content and file names can hold characters a terminal or a CI log obeys rather than shows:
a line break inside a quoted citation can start a new log line that reads as a GitHub workflow
command (``::error file=...``), an ESC sequence recolours or clears a terminal, a bidirectional
override reorders what is read. Every such character is written as an escape a reader can see
(``\\n``, ``\\x1b``, ``\\u202e``); a byte of a file name that is not UTF-8 is shown as ``\\xff``.
Tabs and ordinary text, any language's letters included, are left alone.
"""

from __future__ import annotations

import re

#: C0 controls but the tab, DEL, C1 controls, the Unicode line and paragraph separators, the
#: bidirectional embeddings, overrides and isolates, and surrogates (a file name's undecodable
#: bytes, or a lone half of a pair).
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\x07": "\\a", "\x08": "\\b", "\x0b": "\\v", "\x0c": "\\f"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that did not decode (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character a terminal or log would obey written as a visible escape."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_escape, text)


def quote(value: object) -> str:
    """A value as a message quotes it: in single quotes, escaped by :func:`printable`."""
    return f"'{printable(str(value))}'"
