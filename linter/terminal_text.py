"""Text from reports and file names made safe to show to a person on a terminal.

Report text and file names come from other people. Shown as they are, an escape sequence
(``\\x1b[2J`` clears the screen, OSC 8 makes a live link), a carriage return or a newline
(forging extra finding lines in one-line-per-finding output) or a right-to-left override
would let the report drive the terminal or disguise itself; in a rich markup string,
``[/x]`` or ``[link=…]`` would crash the output or become live markup.

`terminal_safe` is applied to every piece of report text and every file name in the
human-readable outputs (rich and plain terminal output, concise, the audit's tables and
progress bar, the human part of GitHub annotations). Machine formats (JSON, SARIF, JUnit,
CSV, XLSX, HTML) keep the exact text and escape it by their own rules.
"""

from __future__ import annotations

import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Format characters that reorder or hide text (bidirectional overrides and isolates).
_BIDI = {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def _visible(c: str) -> str:
    if c in _NAMED:
        return _NAMED[c]
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unsafe(c: str) -> bool:
    return unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in _BIDI


def terminal_safe(text: str, *, markup: bool = False) -> str:
    """`text` with control, escape, line-breaking and bidi-override characters shown as
    visible escapes (``\\x1b``, ``\\n``, ``\\u202e``); with `markup`, also escaped for a rich
    markup string (so that ``[/x]`` is shown, not parsed)."""
    if not text.isprintable() or any(c in _BIDI for c in text):
        text = "".join(_visible(c) if _unsafe(c) else c for c in text)
    if markup:
        from rich.markup import escape

        text = escape(text)
    return text
