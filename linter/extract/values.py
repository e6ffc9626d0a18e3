"""Cell text → value, by column kind (count / signed / amount).

A cell that is not what the column wants keeps its raw text (`/`, `—`, `O`, `251000元`,
`3.5` in a count column) so that the schema rule reports it at the cell. An empty cell is
absent (`None`). `减4` / `增3` in a signed 2019 column (本年增/减) become -4 / 3.
"""

from __future__ import annotations

import re

from .. import spec
from ..normalize import fold_width

_INT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_SIGNED = re.compile(r"([+-]|增加?|减少?)?(\d{1,3}(?:,\d{3})+|\d+)")
_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")

_VALUE_CJK = frozenset("元万亿件个条项次增减加少〇无空约余")


def _is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def value_like(norm: str) -> bool:
    """Could this short cell be a table value (number, signed number, placeholder, number+unit)?"""
    if not norm or len(norm) > 16:
        return False
    if norm in spec.PLACEHOLDERS:
        return True
    if not any(c.isdigit() for c in norm):
        return False
    return all(not _is_cjk(c) or c in _VALUE_CJK for c in norm)


def parse_value(text: str, kind: str = "count"):
    """The value of a cell for a column of `kind`; None when the cell is empty."""
    folded = fold_width(text).strip().strip("|").strip()
    if not folded:
        return None
    compact = folded.replace(" ", "")
    try:
        if kind == "signed":
            m = _SIGNED.fullmatch(compact)
            if m:
                number = int(m.group(2).replace(",", ""))
                sign = m.group(1) or ""
                return -number if sign == "-" or sign.startswith("减") else number
        elif kind == "amount":
            m = _AMOUNT.fullmatch(compact)
            if m:
                whole = m.group(1).replace(",", "")
                return float(whole + m.group(2)) if m.group(2) else int(whole)
        elif _INT.fullmatch(compact):
            return int(compact.replace(",", ""))
    except ValueError:      # over int()'s 4300-digit limit: no count, kept as written
        pass
    return text.strip()
