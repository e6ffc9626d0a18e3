"""Table labels from `spec`, indexed by `label_key` so that a cell is matched in O(1).

Matching goes from strict to loose; everything looser than "same key" is marked so that the
extractor can say what it did (F901):
- exact: the official label (any width, traditional or simplified, any spacing/punctuation);
- unnumbered: the official label without its numbering (`予以公开` for `（一）予以公开`);
- alias: a drifted label known from real reports (spec `aliases`, e.g. `1.信访举报投诉`);
- numbered: a numbered sub-row recognised by its number inside a known group
  (`(五)` … `1. 信访举报投诉`);
- prefix: a truncated label (`现行有效件` for `现行有效件数`, `第二十条第` for a block);
- similar: a label with typos (similarity ≥ 0.8).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from .. import spec
from ..normalize import CN_NUMERALS, label_key

LAYOUTS = frozenset(spec.FORMAT_VERSIONS)

_LEADING_NUMBER = re.compile(rf"^\s*(?:[{CN_NUMERALS}]+\s*[、.．]|[(（]\s*[{CN_NUMERALS}]+\s*[)）]|\d+\s*[.、．])\s*")
_NUMBERED_KEY = re.compile(r"^(\d+)(.*)$")


@dataclass(frozen=True, slots=True)
class Target:
    table: str
    kind: str                      # row | group | block | column | header
    id: str                        # row/column/block id; group/header: its official label
    label: str                     # official wording, for messages
    layouts: frozenset[str] = LAYOUTS
    block: str | None = None       # block of a table 二 row/column
    number: str | None = None      # "1".."8" of a numbered sub-row
    group: str | None = None       # group label of a sub-row
    strong: bool = False           # identifies its table on its own (used to find tables)


@dataclass(frozen=True, slots=True)
class Hit:
    target: Target
    how: str                       # exact | unnumbered | alias | numbered | prefix | similar
    score: float = 1.0

    @property
    def loose(self) -> bool:
        return self.how not in ("exact", "unnumbered")


GENERIC_BLOCK = Target("proactive", "block", "", "第二十条第（…）项", strong=True)
_STRONG_HEADER_PREFIX = label_key("本列数据的勾稽关系")
_GOUJI = Target("applications", "header", "勾稽关系",
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", strong=True)


def _without_number(label: str) -> str:
    return _LEADING_NUMBER.sub("", label, count=1)


# Labels that identify their table on their own (used to find a table whose heading is missing):
# every block and column of table 二, these columns and rows, every row of table 四 but the first.
_STRONG_COLUMNS = frozenset({"upheld", "corrected", "pending"})
_STRONG_ROWS = frozenset({"new", "carried_over"})
_STRONG_GROUPS = frozenset({"三、本年度办理结果", "行政诉讼"})

TargetFields = dict[str, object]        # the fields of a Target but its layouts


def _block_targets(table_id: str, table: spec.Table, block: spec.Block) -> Iterator[TargetFields]:
    in_block = None if table.flat else block.id
    if not table.flat:
        yield dict(table=table_id, kind="block", id=block.id, label=block.label, strong=True)
    for col in block.columns:
        yield dict(table=table_id, kind="column", id=col.id, label=col.label, block=in_block,
                   strong=table_id == "proactive" or col.id in _STRONG_COLUMNS)
    for row in block.rows:
        numbered = re.match(r"^(\d+)\.", row.label)
        yield dict(table=table_id, kind="row", id=row.id, label=row.label, block=in_block,
                   number=numbered.group(1) if numbered else None, group=row.group,
                   strong=row.id in _STRONG_ROWS or table_id == "reviews" and row.id != "review")


def _group_targets(table_id: str, table: spec.Table) -> Iterator[TargetFields]:
    """The groups of rows (`（三）不予公开`) that are not rows themselves."""
    row_labels = {r.label for r in table.rows}
    for group in dict.fromkeys(r.group for r in table.rows if r.group):     # in row order: no hash-seed order
        if group not in row_labels:
            yield dict(table=table_id, kind="group", id=group, label=group, strong=group in _STRONG_GROUPS)


def _targets() -> list[Target]:
    """Every label of tables 二/三/四 as a target, one per distinct label with the layouts that have it."""
    layouts: dict[tuple, set[str]] = {}

    def add(version: str, fields: TargetFields) -> None:
        layouts.setdefault(tuple(sorted(fields.items())), set()).add(version)

    for version, tables in spec.TABLES.items():
        for table_id, table in tables.items():
            for block in table.blocks:
                for fields in _block_targets(table_id, table, block):
                    add(version, fields)
            for fields in _group_targets(table_id, table):
                add(version, fields)
    for table_id, label in spec.TABLE_HEADER_CELLS:
        for version in spec.FORMAT_VERSIONS:
            add(version, dict(table=table_id, kind="header", id=label, label=label, strong=True))
    return [Target(**dict(fields), layouts=frozenset(versions)) for fields, versions in layouts.items()]


def _row_aliases() -> dict[tuple[str, str], tuple[str, ...]]:
    """(table, row) → the drifted labels real reports use for the row, in every layout."""
    aliases: dict[tuple[str, str], tuple[str, ...]] = {}
    for tables in spec.TABLES.values():
        for table_id, table in tables.items():
            for row in table.rows:
                aliases[(table_id, row.id)] = aliases.get((table_id, row.id), ()) + row.aliases
    return aliases


def _keys_of(target: Target, row_aliases: dict[tuple[str, str], tuple[str, ...]]) -> Iterator[tuple[str, str]]:
    """The keys (and how they match) under which a cell names `target`, but the unnumbered ones."""
    yield label_key(target.label), "exact"
    if target.kind == "row" and target.group and target.label.startswith(target.group):
        # 表四 prints `行政诉讼` over `未经复议直接起诉`: the sub-header is the official form
        yield label_key(target.label[len(target.group):]), "exact"
    if target.kind == "row":
        for alias in row_aliases.get((target.table, target.id), ()):
            yield label_key(alias), "alias"
        if target.group and target.table == "applications":
            # group and sub-row printed in one cell: `（三）不予公开1.属于国家秘密`
            yield label_key(target.group) + label_key(target.label), "exact"
            yield label_key(_without_number(target.group)) + label_key(target.label), "exact"
    if target.kind == "column" and target.id == "amount" and target.table == "proactive":
        yield label_key("本年收费金额"), "alias"


def _unnumbered_keys(targets: list[Target]) -> dict[str, list[Target]]:
    """Row and group labels without their numbering (`予以公开` for `（一）予以公开`) → their targets."""
    unnumbered: dict[str, list[Target]] = {}
    for target in targets:
        if target.kind in ("row", "group"):
            bare = label_key(_without_number(target.label))
            if bare != label_key(target.label):
                unnumbered.setdefault(bare, []).append(target)
    return unnumbered


def _group_by_numeral() -> dict[tuple[str, str], str]:
    """(layout, numeral) → the group of table 三 so numbered (`一` → `（一）予以公开`)."""
    groups: dict[tuple[str, str], str] = {}
    for version in spec.FORMAT_VERSIONS:
        for row in spec.TABLES[version]["applications"].rows:
            if row.group and row.group.startswith("（"):
                groups[(version, row.group[1])] = row.group
    return groups


class LabelIndex:
    """All labels of tables 二/三/四 in both layouts."""

    def __init__(self) -> None:
        self.targets = _targets()
        # key → [(target, how)]
        self._keys: dict[str, list[tuple[Target, str]]] = {}
        row_aliases = _row_aliases()
        for target in self.targets:
            for key, how in _keys_of(target, row_aliases):
                self._add(key, target, how)
        # unnumbered forms only where they stay unambiguous
        for key, targets in _unnumbered_keys(self.targets).items():
            if key not in self._keys and len({(t.table, t.id) for t in targets}) == 1 \
                    and len({t.table for t in targets}) == 1:
                for target in targets:
                    self._add(key, target, "unnumbered")
        # table → [(key, target)]: what the loose matches compare with
        self._pool: dict[str, list[tuple[str, Target]]] = {}
        for target in self.targets:
            if target.kind in ("row", "column", "block", "group"):
                self._pool.setdefault(target.table, []).append((label_key(target.label), target))
        # (layout, group, number) → the numbered sub-row
        self._subrows: dict[tuple[str, str, str], Target] = {}
        for target in self.targets:
            if target.number and target.group:
                for version in target.layouts:
                    self._subrows[(version, target.group, target.number)] = target
        self.group_by_numeral = _group_by_numeral()
        self._cache: dict[tuple, Hit | None] = {}

    def _add(self, key: str, target: Target, how: str) -> None:
        bucket = self._keys.setdefault(key, [])
        if all(t != target for t, _ in bucket):
            bucket.append((target, how))

    # ------------------------------------------------------------------ lookups

    def exact(self, key: str, table: str | None = None, layout: str | None = None) -> Hit | None:
        """Exact/alias/unnumbered hit for the key (no similarity search)."""
        bucket = self._keys.get(key)
        if bucket is None:
            if key.startswith(_STRONG_HEADER_PREFIX):
                return Hit(_GOUJI, "exact") if table in (None, "applications") else None
            return None
        best = None
        for target, how in bucket:
            if table is not None and target.table != table:
                continue
            if layout is not None and layout not in target.layouts:
                continue
            rank = ("exact", "unnumbered", "alias").index(how)
            if best is None or rank < best[0]:
                best = (rank, Hit(target, how))
        return best[1] if best else None

    def match(self, key: str, table: str, layout: str, group: str | None = None) -> Hit | None:
        """Best hit among the labels of one table in one layout, loosening step by step."""
        if not key:
            return None
        hit = self.exact(key, table, layout)
        if hit is not None:
            return hit
        cache_key = (key, table, layout, group)
        if cache_key in self._cache:
            return self._cache[cache_key]
        hit = self._loose(key, table, layout, group)
        self._cache[cache_key] = hit
        return hit

    def compound_column(self, key: str, table: str, layout: str) -> Hit | None:
        """A column header written as one cell with the labels above it (a one-row Markdown/HTML
        header): `行政复议结果维持`, `行政诉讼未经复议直接起诉总计`, `申请人情况法人或其他组织商业企业`.
        The hit of the column when `key` is one or two labels of the table followed by a
        column's label; None otherwise."""
        cache_key = ("compound", key, table, layout)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._compound_column(key, table, layout)
        return self._cache[cache_key]

    def compound_row(self, key: str, table: str, layout: str) -> Target | None:
        """The row a compound column header names (`行政复议` of `行政复议结果维持`), if any."""
        found = self.compound_column(key, table, layout)
        if found is None:
            return None
        prefix = key[:-len(label_key(found.target.label))]
        for part in [prefix] + [prefix[i:] for i in range(2, len(prefix) - 1)]:
            hit = self.exact(part, table, layout)
            if hit is not None and hit.target.kind == "row":
                return hit.target
        return None

    def _compound_column(self, key: str, table: str, layout: str) -> Hit | None:
        if len(key) > 60:
            return None
        for column_key, target in self._pool.get(table, ()):
            if target.kind != "column" or layout not in target.layouts or not key.endswith(column_key):
                continue
            prefix = key[:-len(column_key)]
            if prefix and (self._is_label(prefix, table, layout) or any(
                    self._is_label(prefix[:i], table, layout) and self._is_label(prefix[i:], table, layout)
                    for i in range(2, len(prefix) - 1))):
                return Hit(target, "exact")
        return None

    def _is_label(self, key: str, table: str, layout: str) -> bool:
        hit = self.exact(key, table, layout)
        return hit is not None and hit.target.kind in ("row", "group", "header", "column")

    def _loose(self, key: str, table: str, layout: str, group: str | None) -> Hit | None:
        if len(key) < 2 or len(key) > 60 or key[-1].isdigit():
            return None         # no label ends with a digit: that is a label run into its values
        numbered = _NUMBERED_KEY.match(key)
        number = numbered.group(1) if numbered else None
        if numbered and group:
            hit = self._numbered(numbered, layout, group)
            if hit is not None:
                return hit
        if not any("\u4e00" <= c <= "\u9fff" for c in key):
            return None
        pool = [(k, t) for k, t in self._pool.get(table, ()) if layout in t.layouts]
        prefixed = _prefixed(key, pool)
        if prefixed:
            return _prefix_hit(key, prefixed, number)
        if len(key) < 4:
            return None
        return _similar_hit(key, pool, number)

    def _numbered(self, numbered: re.Match[str], layout: str, group: str) -> Hit | None:
        """The sub-row of `group` with the number `numbered` starts with, if its text fits."""
        target = self._subrows.get((layout, group, numbered.group(1)))
        if target is None:
            return None
        text = numbered.group(2)
        official = label_key(_without_number(target.label))
        if not text or official.startswith(text) or text.startswith(official) \
                or SequenceMatcher(None, text, official).ratio() >= 0.5:
            return Hit(target, "numbered", 1.0 if text == official else 0.9)
        return None

    def group_for_numeral(self, layout: str, numeral: str) -> str | None:
        return self.group_by_numeral.get((layout, numeral))


def _prefixed(key: str, pool: list[tuple[str, Target]]) -> list[tuple[str, Target]]:
    """Labels `key` is a truncation of (`现行有效件`, `第二十条第`), or that `key` adds a short suffix to."""
    prefixed = []
    for k, t in pool:
        if len(key) >= 4 and k.startswith(key) and len(key) >= 0.6 * len(k):
            prefixed.append((k, t))
        elif len(k) >= 4 and key.startswith(k) and len(key) - len(k) <= 2:
            prefixed.append((k, t))
    return prefixed


def _prefix_hit(key: str, prefixed: list[tuple[str, Target]], number: str | None) -> Hit | None:
    """The one target the prefix matches point at (a block of table 二 when they are all blocks)."""
    if number is not None:
        prefixed = [(k, t) for k, t in prefixed if t.number == number]
    distinct = {(t.kind, t.id) for _, t in prefixed}
    if len(distinct) == 1:
        return Hit(prefixed[0][1], "prefix", len(key) / max(len(prefixed[0][0]), len(key)))
    if prefixed and all(t.kind == "block" for _, t in prefixed):
        return Hit(GENERIC_BLOCK, "prefix", 0.5)
    return None


def _similar_hit(key: str, pool: list[tuple[str, Target]], number: str | None) -> Hit | None:
    """The most similar label (a label with typos), at a similarity of 0.8 or more."""
    best: tuple[float, Target] | None = None
    for k, t in pool:
        if abs(len(k) - len(key)) > max(2, len(k) // 3):
            continue
        if number is not None and t.number != number:
            continue
        matcher = SequenceMatcher(None, key, k)
        if matcher.real_quick_ratio() < 0.8 or matcher.quick_ratio() < 0.8:
            continue
        ratio = matcher.ratio()
        if ratio >= 0.8 and (best is None or ratio > best[0]):
            best = (ratio, t)
    return Hit(best[1], "similar", round(best[0], 2)) if best else None


_INDEX: LabelIndex | None = None


def index() -> LabelIndex:
    global _INDEX
    if _INDEX is None:
        _INDEX = LabelIndex()
    return _INDEX
