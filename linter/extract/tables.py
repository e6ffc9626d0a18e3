"""Tables 二/三/四: from whatever shape the document has to `data["tables"][id]`.

Published reports carry the tables as real tables (HTML/Word/PDF, merged cells once), as
tab-separated lines with the group label only on the first row, as `|`-separated lines with
`||||` filler, as one cell per line (with or without `|` terminators or separator lines), or
as PDF text in reading order. Positions are unreliable in all of them; labels are not. So
the reader is label-anchored:

1. every cell of the table's region becomes a token, classified by the label index
   (row / group / block / column / header label of this table, a label of another table,
   a numbering like `(五)`, a value, an empty cell, a text fragment, prose);
2. a row label opens a row that collects the values after it: to the end of its physical
   row when the file keeps rows together, else the next n cells (n = the block's columns);
3. values with no row label before them (lost labels, a group label followed directly by
   its sub-rows' values, table 四's unlabeled data row) form runs that are given to the rows
   the spec expects at that place, when the count fits exactly;
4. cells are assigned to columns left to right after dropping merged-label filler.

Every loose step is recorded as an F9xx note on the report; a table whose material is there
but yields no row at all is `{}` with a T210 note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import spec
from ..model import Finding, Message, Span
from ..normalize import CN_NUMERALS, key_of_normalized, label_key
from .labels import Hit, LabelIndex, Target
from .units import Piece, Unit
from ..validate import UNREADABLE_TABLE_NOTE
from .values import parse_value, value_like

_NUMBERING_ONLY = re.compile(rf"^[(（]?\s*([{CN_NUMERALS}]{{1,2}})\s*[)）、.．]?$")
_TABLE_NAME = {"proactive": "表二", "applications": "表三", "reviews": "表四"}
_TABLE_EN = {"proactive": "Table 2", "applications": "Table 3", "reviews": "Table 4"}


@dataclass(slots=True)
class Token:
    piece: Piece
    unit: int
    phys: int | None            # physical row id (unit index) or None in one-cell-per-line text
    kind: str                   # row group block column header numbering value empty junk prose foreign
    hit: Hit | None = None

    @property
    def matched(self) -> Hit:
        """The label this token was recognised as (every label kind has one)."""
        if self.hit is None:
            raise ValueError(f"a {self.kind} token matches no label")
        return self.hit


@dataclass(slots=True)
class Segment:
    """Tokens gathered after a row label (kind "row") or without one (kind "run")."""
    kind: str
    target: Target | None
    label: Token | None
    phys: int | None
    run: int                     # segments of one run share this id
    group: str | None = None     # group label opening a run (`（三）不予公开` + values)
    tokens: list[Token] = field(default_factory=list)

    @property
    def row(self) -> Target:
        """The row a "row" segment is labelled with."""
        if self.target is None:
            raise ValueError("a run of values has no row label")
        return self.target

    @property
    def row_label(self) -> Token:
        """The label token that opened a "row" segment."""
        if self.label is None:
            raise ValueError("a run of values has no row label")
        return self.label


@dataclass(slots=True)
class TableResult:
    id: str
    data: dict | None            # None: no table material in the region
    spans: dict[str, Span] = field(default_factory=dict)
    notes: list[Finding] = field(default_factory=list)
    first: int | None = None     # first and last unit index the table used
    last: int | None = None


# Kinds of token that are labels of this table, and what they are called in a note.
_LABEL_KINDS = ("row", "group", "block", "column", "header")
_LABEL_NAMES = {"row": ("行标签", "row label"), "column": ("列标题", "column header"),
                "block": ("栏目标题", "block heading"), "group": ("分组标签", "group label"),
                "header": ("表头", "header")}


@dataclass(slots=True)
class _Walk:
    """Where the reading of a region's cells has got to."""
    tokens: list[Token] = field(default_factory=list)
    group: str | None = None          # the group the sub-rows that follow belong to
    started: bool = False             # a label of this table has been seen
    truncated: Token | None = None    # a row label that may continue on the next line


def _terminator_style(region: list[Unit]) -> bool:
    """Whether the region's lines end with `|` (one cell per line): a lone `|` line is then an empty cell."""
    content = [u for u in region if u.pieces and not u.pipes]
    terminated = sum(1 for u in content if u.ends_with_pipe)
    return terminated >= 2 and terminated * 2 >= len(content)


class TableReader:
    def __init__(self, table_id: str, layout: str, index: LabelIndex, units: list[Unit]):
        self.id = table_id
        self.layout = layout
        self.index = index
        self.units = units
        self.table = spec.TABLES[layout][table_id]
        self.rows: list[spec.Row] = list(self.table.rows)
        self.row_order = {r.id: i for i, r in enumerate(self.rows)}
        self.row_block = {r.id: b.id for b in self.table.blocks for r in b.rows}
        self.columns = {r.id: b.columns for b in self.table.blocks for r in b.rows}
        self.notes: list[Finding] = []
        self.spans: dict[str, Span] = {}
        self.values: dict[str, dict] = {}            # row id → {column id: value}
        self.strong: set[str] = set()                # rows with at least one cell read
        self.labelled: dict[str, Token] = {}         # rows whose label was seen
        self.single_other: dict | None = None        # （六） as one row in a 2021 table 三
        self.targets = {t.id: t for t in index.targets
                        if t.table == table_id and t.kind == "row" and layout in t.layouts}

    # ------------------------------------------------------------ pointers and notes

    def _row_pointer(self, row_id: str) -> str:
        # ids are plain identifiers: no JSON-pointer escaping needed
        if self.table.flat:
            return f"/tables/{self.id}/{row_id}"
        return f"/tables/{self.id}/{self.row_block[row_id]}/{row_id}"

    def _note(self, code: str, zh: str, en: str, span: Span | None, pointer: str = "", **details) -> None:
        self.notes.append(Finding(code, Message(f"{_TABLE_NAME[self.id]} {zh}", f"{_TABLE_EN[self.id]}: {en}"),
                                  pointer, span, details=details or None))

    # ------------------------------------------------------------ tokens

    def _classify(self, piece: Piece, group: str | None) -> tuple[str, Hit | None]:
        if piece.empty:
            return "empty", None
        if piece.norm.isdigit():          # most cells; no label is a bare number
            return "value", None
        hit = self.index.match(piece.key, self.id, self.layout, group)
        if hit is None or hit.loose:
            compound = self.index.compound_column(piece.key, self.id, self.layout)
            if compound is not None:
                return "column", compound
        if hit is not None:
            return hit.target.kind, hit
        other = self.index.exact(piece.key)
        if other is not None and other.target.table != self.id and other.target.strong:
            return "foreign", other
        if _NUMBERING_ONLY.match(piece.norm):
            return "numbering", None
        if value_like(piece.norm):
            return "value", None
        if len(piece.norm) > 24:
            return "prose", None
        return "junk", None

    def _split_label_values(self, piece: Piece, group: str | None) -> list[tuple[Piece, str, Hit | None]] | None:
        """`规章 0 0 0` in one cell (PDF text): the label and its values as separate tokens,
        with any group labels in front (`三、本年度办理结果 （三）不予公开 1.属于国家秘密 0 …`)."""
        parts = piece.norm.split()
        cut = len(parts)
        while cut > 0 and value_like(parts[cut - 1]):
            cut -= 1
        if cut == 0 or cut == len(parts):
            return None
        for start in range(cut):
            head = "".join(parts[start:cut])
            key = key_of_normalized(head)
            hit = self.index.match(key, self.id, self.layout, group)
            if hit is None or hit.target.kind != "row":
                continue
            out: list[tuple[Piece, str, Hit | None]] = []
            for part in parts[:start]:
                part_key = key_of_normalized(part)
                kind, part_hit = self._classify(Piece(part, part, part_key, piece.span), group)
                out.append((Piece(part, part, part_key, piece.span), kind, part_hit))
            out.append((Piece(" ".join(parts[start:cut]), head, key, piece.span), "row", hit))
            out += [(Piece(p, p, p, piece.span), "value", None) for p in parts[cut:]]
            return out
        return None

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens of the region, up to where another table's own labels begin."""
        region = self.units[start:end]
        terminator_style = _terminator_style(region)
        walk = _Walk()
        for unit in region:
            if unit.pipes:
                if unit.pipes == 1 and terminator_style:
                    walk.tokens.append(Token(Piece("", "", "", unit.span), unit.index, None, "empty"))
                continue
            if not self._read_unit(unit, walk):
                break
        return walk.tokens

    def _read_unit(self, unit: Unit, walk: _Walk) -> bool:
        """Adds the tokens of one line or table row; False where another table's labels begin."""
        phys = unit.index if unit.physical else None
        for position, piece in enumerate(unit.pieces):
            if position == 0 and walk.truncated is not None:
                rest = self._continued_label(walk.truncated, piece, unit.index)
                walk.truncated = None
                if rest is not None:
                    walk.tokens += rest
                    continue
            kind, hit = self._classify(piece, walk.group)
            if kind in ("junk", "prose") and " " in piece.norm:
                split = self._split_label_values(piece, walk.group)
                if split:
                    walk.tokens += [Token(sub, unit.index, unit.index, sub_kind, sub_hit)
                                    for sub, sub_kind, sub_hit in split]
                    walk.started = True
                    continue
            if kind == "foreign":
                if walk.started:
                    return False
                continue
            token = Token(piece, unit.index, phys, kind, hit)
            walk.group = self._group_after(token, walk.group)
            walk.started = walk.started or kind in _LABEL_KINDS
            walk.tokens.append(token)
            self._label_compound_row(token)
            if kind == "row" and token.matched.how == "prefix" and position == len(unit.pieces) - 1:
                walk.truncated = token
        return True

    def _group_after(self, token: Token, group: str | None) -> str | None:
        """The group the rows after `token` belong to."""
        if token.kind == "group":
            return token.matched.target.id
        if token.kind == "row" and token.matched.target.group:
            return token.matched.target.group
        if token.kind == "numbering":
            numbering = _NUMBERING_ONLY.match(token.piece.norm)
            if numbering is None or self.id != "applications":
                return None
            return self.index.group_for_numeral(self.layout, numbering.group(1))
        return group

    def _label_compound_row(self, token: Token) -> None:
        """A compound header (`行政复议结果维持`) names its row: the row is labelled."""
        if token.kind != "column" or token.piece.key == label_key(token.matched.target.label):
            return
        row = self.index.compound_row(token.piece.key, self.id, self.layout)
        if row is not None:
            self.labelled.setdefault(row.id, token)

    def _continued_label(self, label: Token, piece: Piece, unit: int) -> list[Token] | None:
        """A long label wrapped onto the next line (PDF text, narrow cells): `（二）部分公开（区分
        处理的，只计这一情形，不` + `计其他情形） 0 0 …`. When the two halves make the official
        label, the label token is completed and the rest of the line are its cells."""
        parts = piece.norm.split()
        cut = len(parts)
        while cut > 0 and value_like(parts[cut - 1]):
            cut -= 1
        if cut == 0:
            return None
        head = "".join(parts[:cut])
        hit = self.index.exact(label.piece.key + key_of_normalized(head), self.id, self.layout)
        if hit is None or hit.target != label.matched.target:
            return None
        label.hit = hit
        label.piece = Piece(label.piece.text + head, label.piece.norm + head,
                            label.piece.key + key_of_normalized(head), label.piece.span)
        return [Token(Piece(p, p, p, piece.span), unit, label.phys, "value") for p in parts[cut:]]

    # ------------------------------------------------------------ segments

    def segments(self, tokens: list[Token]) -> list[Segment]:
        segs: list[Segment] = []
        current: Segment | None = None
        run = 0

        def close() -> None:
            nonlocal current
            if current is not None:
                segs.append(current)
            current = None

        for tok in tokens:
            kind = tok.kind
            if kind == "row":
                close()
                run += 1
                current = Segment("row", tok.matched.target, tok, tok.phys, run)
            elif kind == "group":
                close()
                run += 1
                current = Segment("run", None, tok, tok.phys, run, group=tok.matched.target.id)
            elif kind in ("block", "column", "header", "numbering", "prose"):
                close()
                run += 1
            elif kind == "junk" and current is not None and current.kind == "row" \
                    and tok.phys == current.phys \
                    and (tok.phys is not None or (len(tok.piece.norm) <= 4
                                                  and len(current.tokens) < len(self.columns[current.row.id]))):
                # text where a number belongs (`暂无`): a cell of the open row, kept raw; in
                # one-cell-per-line text only a short word (a longer line is the text after the table)
                tok.kind = "value"
                current.tokens.append(tok)
            elif kind in ("value", "empty"):
                if current is not None:
                    other_row = current.phys is not None and tok.phys != current.phys
                    left_row = current.phys is None and tok.phys is not None
                    full = (current.phys is None and current.kind == "row"
                            and len(current.tokens) >= len(self.columns[current.row.id]))
                    if other_row or left_row or full:
                        close()
                if current is None:
                    current = Segment("run", None, None, tok.phys, run)
                current.tokens.append(tok)
        close()
        return segs

    # ------------------------------------------------------------ cells → columns

    def _assign(self, row_id: str, tokens: list[Token], label: Token | None) -> None:
        columns = self.columns[row_id]
        n = len(columns)
        cells = list(tokens)
        while cells and cells[-1].kind == "empty":
            cells.pop()
        while len(cells) > n and cells[0].kind == "empty":
            cells.pop(0)       # merged label columns left empty in tab/pipe text
        row_ptr = self._row_pointer(row_id)
        row_name = spec.row_display(self.targets[row_id])
        if len(cells) > n:
            surplus = [c.piece.text for c in cells[n:] if c.kind != "empty"]
            if surplus:
                self._note("F904", f"“{row_name}”行多出{len(surplus)}个单元格（{'、'.join(surplus)}），已忽略",
                           f"row “{row_name}” has {len(surplus)} extra cell(s) ({', '.join(surplus)}); ignored",
                           cells[n].piece.span, row_ptr, extra=surplus)
            cells = cells[:n]
        filled = [c for c in cells if c.kind != "empty"]
        if filled and len(cells) < n and not any(c.phys is not None for c in cells):
            self._note("F903", f"“{row_name}”行只读到{len(cells)}个单元格（应有{n}个），已按从左到右的顺序对应各列",
                       f"row “{row_name}” has {len(cells)} of {n} cells; assigned to the columns from the left",
                       cells[0].piece.span, row_ptr, found=len(cells), expected=n)
        row = self.values.setdefault(row_id, {})
        for col, cell in zip(columns, cells, strict=False):     # cells may be fewer (F903)
            if cell.kind == "empty":
                continue
            row[col.id] = parse_value(cell.piece.text, col.kind)
            self.spans[f"{row_ptr}/{col.id}"] = cell.piece.span
        if filled:
            self.strong.add(row_id)
        span = label.piece.span if label is not None else (cells[0].piece.span if cells else None)
        if span is not None:
            self.spans[row_ptr] = span

    # ------------------------------------------------------------ runs without labels

    def _resolve_runs(self, segs: list[Segment]) -> None:
        runs: dict[int, list[Segment]] = {}
        order: list[int] = []
        for seg in segs:
            if seg.kind == "run":
                if seg.run not in runs:
                    order.append(seg.run)
                runs.setdefault(seg.run, []).append(seg)
        labelled_positions = [(s.run, s.row.id) for s in segs if s.kind == "row"]
        first_label_run = min((r for r, _ in labelled_positions), default=None)
        for run_id in order:
            parts = runs[run_id]
            tokens = [t for s in parts for t in s.tokens]
            if not any(t.kind == "value" for t in tokens):
                continue
            group = parts[0].group
            if self._one_row_other(group, parts, tokens):
                continue
            prev = [rid for r, rid in labelled_positions if r < run_id and rid in self.strong]
            nxt = [rid for r, rid in labelled_positions if r > run_id]
            if group is not None:
                candidates = [r.id for r in self.rows if r.group == group and r.id not in self.strong]
            else:
                lo = self.row_order[prev[-1]] + 1 if prev else 0
                hi = min((self.row_order[r] for r in nxt), default=len(self.rows))
                candidates = [r.id for r in self.rows[lo:hi] if r.id not in self.strong]
            if first_label_run is None and not self.labelled or \
                    first_label_run is not None and run_id < first_label_run and not candidates:
                continue       # numbers before the table starts are not table cells
            assignment = self._fit(parts, candidates)
            if assignment is None:
                self._note_unattributed(tokens)
                continue
            unseen = [rid for rid, _ in assignment if rid not in self.labelled]
            for rid, cells in assignment:
                self._assign(rid, cells, self.labelled.get(rid))
            if unseen:
                names = [spec.row_display(self.targets[r]) for r in unseen]
                first = next(t for t in tokens if t.kind == "value")
                self._note("F905", f"{len(unseen)}行没有行标签，按位置识别为：{'、'.join(names)}",
                           f"{len(unseen)} row(s) without a label, identified by position: {', '.join(names)}",
                           first.piece.span, self._row_pointer(unseen[0]), rows=unseen)

    def _note_unattributed(self, tokens: list[Token]) -> None:
        """F906: values of a run that fit no reading of the rows around it."""
        values = [t.piece.text for t in tokens if t.kind == "value"]
        first = next(t for t in tokens if t.kind == "value")
        shown = "、".join(values[:8]) + ("…" if len(values) > 8 else "")
        shown_en = ", ".join(values[:8]) + ("…" if len(values) > 8 else "")
        self._note("F906", f"有{len(values)}个数值无法对应到任何行（{shown}），已忽略",
                   f"{len(values)} value(s) could not be attributed to any row ({shown_en}); ignored",
                   first.piece.span, spec.join_pointer("tables", self.id), values=values)

    def _one_row_other(self, group: str | None, parts: list[Segment], tokens: list[Token]) -> bool:
        """（六）其他处理 with its own values and no sub-rows in a 2021 table 三: the 2019 trial
        format's single row kept in a 2021 report. Read as that row (`other`), for the schema
        rule to report once, rather than spread by position over the sub-rows 1–3."""
        if self.layout != "2021" or self.id != "applications" or group != spec.OTHER_HANDLING_GROUP \
                or any(r in self.labelled for r in spec.OTHER_HANDLING_ROWS):
            return False
        label = parts[0].label
        if label is None:
            return False
        values = self._trim([t for t in tokens if t.phys == label.phys])
        while len(values) > len(spec.APPLICANT_COLUMNS) and values[0].kind == "empty":
            values.pop(0)          # merged label columns left empty in tab/pipe text
        if not any(t.kind == "value" for t in values) or len(values) > len(spec.APPLICANT_COLUMNS) \
                or any(t.kind == "value" and t.phys != label.phys for t in tokens):
            return False
        row = self.single_other = {}
        pointer = spec.join_pointer("tables", self.id, "other")
        for col, cell in zip(spec.APPLICANT_COLUMNS, values, strict=False):     # values may be fewer
            if cell.kind != "empty":
                row[col.id] = parse_value(cell.piece.text, col.kind)
                self.spans[f"{pointer}/{col.id}"] = cell.piece.span
        self.spans[pointer] = label.piece.span
        return True

    def _fit(self, parts: list[Segment], candidates: list[str]) -> list[tuple[str, list[Token]]] | None:
        """Rows for a run of unlabelled values, or None when the count fits no reading."""
        if not candidates:
            return None
        widths = [len(self.columns[rid]) for rid in candidates]
        if all(p.phys is not None for p in parts):
            chunks = [self._trim(p.tokens) for p in parts]
            if len(chunks) > 1:
                return list(zip(candidates, chunks, strict=False)) if len(chunks) <= len(candidates) else None
            flat = chunks[0]
            lead = next((i for i, t in enumerate(flat) if t.kind != "empty"), len(flat))
            if len(flat) - lead <= widths[0]:
                return [(candidates[0], flat)]           # one unlabelled row
            # one physical row holding several rows (表四's 15 cells): merged-label filler first
            while len(flat) > sum(widths) and flat[0].kind == "empty":
                flat.pop(0)
        else:
            flat = self._trim([t for p in parts for t in p.tokens])
        out, pos = [], 0
        for rid, n in zip(candidates, widths, strict=True):
            if pos >= len(flat):
                break
            out.append((rid, flat[pos:pos + n]))
            pos += n
        if pos != len(flat) or not out:
            return None
        # a run that fills only the first rows fits only when the table has nothing after it
        if len(out) < len(candidates) and any(rid in self.labelled for rid in candidates[len(out):]):
            return None
        return out

    @staticmethod
    def _trim(tokens: list[Token]) -> list[Token]:
        cells = list(tokens)
        while cells and cells[-1].kind == "empty":
            cells.pop()
        return cells

    # ------------------------------------------------------------ the table

    def read(self, start: int, end: int) -> TableResult:
        tokens = self.tokens(start, end)
        result = TableResult(self.id, None)
        material = [t for t in tokens if t.kind in _LABEL_KINDS]
        # a real table with numbers but no label we know is still the table (unreadable)
        table_numbers = [t for t in tokens if t.kind == "value" and self.units[t.unit].table is not None]
        if not material and not table_numbers:
            return result
        segs = self.segments(tokens)
        self._labels_and_drift(tokens)
        for seg in segs:
            if seg.kind == "row":
                self._read_row(seg)
        self._resolve_runs(segs)
        anchors = material or table_numbers
        result.first = anchors[0].unit
        result.last = max(t.unit for t in tokens if t.kind in _LABEL_KINDS + ("numbering", "value"))
        result.data = self._build()
        if not result.data:
            where = self.units[start].span if start < len(self.units) else None
            self.notes.append(self._nothing_read(material, sum(1 for t in tokens if t.kind == "value"), where))
        result.spans = self.spans
        result.notes = self.notes
        self._table_span(result)
        return result

    def _read_row(self, seg: Segment) -> None:
        """The cells of a labelled row; a row seen again with values is noted and left out."""
        rid = seg.row.id
        if rid in self.strong:
            if any(t.kind == "value" for t in seg.tokens):
                self._note("F907", f"“{spec.row_display(seg.row)}”行重复出现，只采用第一次出现的数值",
                           f"row “{spec.row_display(seg.row)}” appears twice; the first one is used",
                           seg.row_label.piece.span, self._row_pointer(rid))
            return
        self.labelled.setdefault(rid, seg.row_label)
        self._assign(rid, seg.tokens, seg.row_label)

    def _nothing_read(self, material: list[Token], values: int, where: Span | None) -> Finding:
        """T210: the table's material is there but no row could be read from it."""
        seen = sorted({t.piece.text for t in material})[:6]
        return Finding(
            "T210",
            Message(f"{_TABLE_NAME[self.id]} 有表格内容但未能读出任何一行："
                    f"找到{len(material)}个表头/标签（{'、'.join(seen) or '无'}），{values}个数值",
                    f"{_TABLE_EN[self.id]}: table material found but no row could be read: "
                    f"{len(material)} header/label cell(s) ({', '.join(seen) or 'none'}), {values} value(s)"),
            spec.join_pointer("tables", self.id), where,
            details={"labels": seen, "values": values})

    def _table_span(self, result: TableResult) -> None:
        if result.first is None or result.last is None:
            return
        first, last = self.units[result.first], self.units[result.last]
        span = first.span
        if span.line is not None and last.span.line is not None and first.table is None:
            span = Span(line=span.line, column=span.column, end_line=last.span.end_line or last.span.line,
                        end_column=last.span.end_column)
        elif first.table is not None and span.table is not None:
            span = Span(table=span.table, page=span.page, line=span.line, ocr=span.ocr)
        self.spans[spec.join_pointer("tables", self.id)] = span

    def _labels_and_drift(self, tokens: list[Token]) -> None:
        """F901 for every label recognised only loosely; block spans for table 二."""
        seen_columns: dict[tuple[str | None, str], Token] = {}
        block: str | None = None
        for tok in tokens:
            hit = tok.hit
            if hit is None or tok.kind not in _LABEL_KINDS:
                continue
            target = hit.target
            if tok.kind == "block":
                block = target.id or None
                seen_columns.clear()
                if target.id:
                    self.spans.setdefault(spec.join_pointer("tables", self.id, target.id), tok.piece.span)
            elif tok.kind == "row" and not self.table.flat:
                block = target.block
            if tok.kind == "column":
                key = (block, target.id)
                if key in seen_columns and self.id == "proactive":
                    self._note("F901", f"列标题“{tok.piece.text}”重复出现",
                               f"column header “{tok.piece.text}” is repeated", tok.piece.span,
                               spec.join_pointer("tables", self.id, block) if block else "",
                               found=tok.piece.text, official=target.label, how="repeated")
                seen_columns[key] = tok
            if hit.loose:
                self._note_loose(tok, hit)

    def _note_loose(self, tok: Token, hit: Hit) -> None:
        """F901: a label recognised only loosely (an alias, a prefix, a typo)."""
        target = hit.target
        what = _LABEL_NAMES[tok.kind]
        official = spec.row_display(target) if tok.kind == "row" else target.label
        pointer = self._row_pointer(target.id) if tok.kind == "row" else spec.join_pointer("tables", self.id)
        self._note("F901", f"{what[0]}“{tok.piece.text}”与规定不一致，按“{official}”识别",
                   f"{what[1]} “{tok.piece.text}” differs from the official “{official}”; read as such",
                   tok.piece.span, pointer, found=tok.piece.text, official=official, how=hit.how,
                   similarity=hit.score)

    def _build(self) -> dict:
        present = set(self.values) | set(self.labelled)
        if self.table.flat:
            rows = {}
            for r in self.rows:
                if r.id == "results_total" and self.single_other is not None:
                    rows["other"] = self.single_other
                if r.id in present:
                    rows[r.id] = self.values.get(r.id, {})
            return rows
        out: dict = {}
        for block in self.table.blocks:
            rows = {r.id: self.values.get(r.id, {}) for r in block.rows if r.id in present}
            if rows:
                out[block.id] = rows
                pointer = spec.join_pointer("tables", self.id, block.id)
                if pointer not in self.spans:
                    first_row = next(iter(rows))
                    row_span = self.spans.get(self._row_pointer(first_row))
                    if row_span is not None:
                        self.spans[pointer] = row_span
        return out


# ---------------------------------------------------------------- cells run together

RUN_TOGETHER = UNREADABLE_TABLE_NOTE
# A label with the table's numbers glued to it (`行政规范性文件3112`, `总计100120…`), not a
# count in prose (`现行有效件数12件`).
_GLUED_DIGITS = r"\s*\d+(?:\.\d+)?(?![\d.件个条项人次万元%％])"
# One label glued to this many digits is a row of cells (prose says `现行有效件数12件`).
_GLUED_ROW_DIGITS = 5


def run_together(table_id: str, layout: str, units: list[Unit], start: int, end: int) -> TableResult | None:
    """A table whose cells run together without any separator (`规章000行政规范性文件3112`, the
    text of a web table copied without its cell borders): its labels are there, numbers glued
    to them, but which number belongs to which cell cannot be told. Returns an empty table with
    an F908 note naming it, or None when the region holds no such text."""
    table = spec.TABLES[layout][table_id]
    labels = {label for block in table.blocks for label in
              [c.label for c in block.columns] + [r.label for r in block.rows]
              + [a for r in block.rows for a in r.aliases]}
    for unit in units[start:end]:
        if unit.table is not None or len(unit.norm) < 20:
            continue
        present = [label for label in labels if label in unit.norm]
        glued = sorted(label for label in present if re.search(re.escape(label) + _GLUED_DIGITS, unit.norm))
        long_run = any(re.search(re.escape(label) + r"\s*\d{%d}" % _GLUED_ROW_DIGITS, unit.norm) for label in glued)
        if len(present) >= 3 and (len(glued) >= 2 or long_run):
            # glued[0] matched with digits after it above, so this search finds them
            example_match = re.search(re.escape(glued[0]) + r"\s*\d{1,12}", unit.norm)
            example = example_match.group(0) if example_match else glued[0]
            result = TableResult(table_id, {}, first=unit.index, last=unit.index)
            result.notes.append(Finding(RUN_TOGETHER, Message(
                f"{_TABLE_NAME[table_id]}的单元格连在一起、没有分隔（如“{example}”），无法分辨各数值属于哪一格，"
                f"未能读取该表",
                f"{_TABLE_EN[table_id]}: its cells run together without separators (e.g. “{example}”), so the "
                f"numbers cannot be told apart; the table could not be read"),
                spec.join_pointer("tables", table_id), unit.span,
                details={"labels": sorted(present)[:8], "example": example}))
            return result
    return None
