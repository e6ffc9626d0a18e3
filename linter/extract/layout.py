"""Which table layout the document follows: the 2019 trial format or the 2021 format.

Evidence is the labels that only one layout has (spec.LAYOUT_2019_MARKERS / LAYOUT_2021_MARKERS,
docs/FORMAT.md §4.2) plus table 三's （六） sub-rows, which only 2021 has. Only whole cells
count, so a marker quoted in prose is no evidence. The count of distinct markers decides;
with evidence for both layouts the larger count wins and the extractor notes the mixture,
pointing at where a marker of the other layout sits (hence `Layout.where`).
"""

from __future__ import annotations

from typing import NamedTuple

from .. import spec
from ..model import Span
from ..normalize import label_key
from .units import Unit

_MARKERS: dict[str, list[tuple[str, str, str]]] = {}


def _markers() -> dict[str, list[tuple[str, str, str]]]:
    """First four key characters → [(layout, marker key, marker label)]."""
    if not _MARKERS:
        rows_2021 = [r.label for r in spec.TABLES["2021"]["applications"].rows if r.id in ("other_1", "other_2")]
        for version, labels in (("2019", spec.LAYOUT_2019_MARKERS),
                                ("2021", spec.LAYOUT_2021_MARKERS + tuple(rows_2021))):
            for label in labels:
                key = label_key(label)
                _MARKERS.setdefault(key[:4], []).append((version, key, label))
    return _MARKERS


class MarkerHit(NamedTuple):
    """Where a layout marker was first seen: the unit (line or table row) and the cell's span."""
    unit: int
    span: Span


class Layout(NamedTuple):
    version: str | None                  # "2019", "2021", or None when the evidence is even
    evidence: list[str]                  # marker labels of the chosen layout
    found: dict[str, list[str]]          # marker labels of every layout, in document order
    where: dict[str, MarkerHit]          # marker label → its first occurrence


def detect_layout(units: list[Unit]) -> Layout:
    markers = _markers()
    found: dict[str, list[str]] = {"2019": [], "2021": []}
    where: dict[str, MarkerHit] = {}
    for unit in units:
        for piece in unit.pieces:
            key = piece.key
            candidates = markers.get(key[:4]) if 4 <= len(key) <= 40 else None
            if not candidates:
                continue
            for version, marker_key, label in candidates:
                # a marker may carry a unit suffix in the cell (本年收费金额（单位：万元）)
                if key.startswith(marker_key) and label not in found[version]:
                    found[version].append(label)
                    where[label] = MarkerHit(unit.index, piece.span)
    n2019, n2021 = len(found["2019"]), len(found["2021"])
    if n2019 == n2021:
        return Layout(None, [], found, where)
    version = "2019" if n2019 > n2021 else "2021"
    return Layout(version, list(found[version]), found, where)
