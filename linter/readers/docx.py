"""Word reports (.docx): zipfile + lxml on word/document.xml (docs/ECOSYSTEM.md §4).

python-docx is not used for reading: it is ten times slower and hides the merge structure
(it repeats a merged cell once per grid column). Here the XML is walked directly:
`gridSpan` → colspan, `vMerge` restart/continue → rowspan on the top cell (continuation
cells are not emitted), legacy `hMerge` folded into colspan.

Spans: a paragraph has `paragraph` = its 1-based index among all paragraphs outside data
tables, in reading order, empty ones included (as Word counts them). A table has `table` =
1-based index of the table in document order; a cell adds `row` (1-based row in that table)
and `cell` (1-based grid column where the cell starts).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from io import BytesIO
from typing import Any, overload

from ..model import Cell, Document, InputProblem, Message, Paragraph, Span, TableBlock
from ..normalize import cn_digit_string, cn_numeral
from . import limits
from .page_layout import is_layout_cell
from .sniff import zip_entries_bound

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_W_VAL = W + "val"
_W_POS = W + "pos"
_TC = W + "tc"
_PPR, _PSTYLE, _OUTLINE, _NUMPR, _NUM_ID, _ILVL = (
    W + "pPr", W + "pStyle", W + "outlineLvl", W + "numPr", W + "numId", W + "ilvl")
_TRPR, _TCPR, _GRID_BEFORE, _GRID_SPAN, _VMERGE, _HMERGE = (
    W + "trPr", W + "tcPr", W + "gridBefore", W + "gridSpan", W + "vMerge", W + "hMerge")
_T, _TAB, _BR, _CR, _NBH, _TXBX = (W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen", W + "txbxContent")
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
# Inside a paragraph these subtrees hold no visible text of the paragraph itself.
_SKIP_IN_P = frozenset({W + "pPr", W + "rPr", W + "del", W + "moveFrom", W + "instrText",
                        W + "delText", _MC_FALLBACK, W + "fldData"})


# Word allows at most 63 table columns and list numbers up to 32767; larger values are
# hostile (gridSpan=10**9 is a loop of that length, a list starting at 10**11 a string of
# that length), and are clamped.
_MAX_SPAN = 64
_MAX_NUMBER = 32767


@overload
def _num(value: str | bytes | None, default: int, cap: int = _MAX_NUMBER) -> int: ...
@overload
def _num(value: str | bytes | None, default: None = None, cap: int = _MAX_NUMBER) -> int | None: ...


def _num(value: str | bytes | None, default: int | None = None, cap: int = _MAX_NUMBER) -> int | None:
    """A non-negative integer attribute, clamped to `cap`; `default` when it is not one
    (ASCII digits only: str.isdigit() accepts "²", which int() rejects)."""
    if not value or not value.isdigit() or not value.isascii():
        return default
    # int() of thousands of digits raises; any number that long is over the cap anyway
    return min(int(value), cap) if len(value) <= 12 else cap


def _unreadable(zh: str, en: str) -> InputProblem:
    return InputProblem("I001", Message(f"无法读取 Word 文档：{zh}", f"cannot read the Word document: {en}"))


class _DtdRefused(ValueError):
    """A part declares a DTD. Word never writes one (ECMA-376 forbids it); a DTD is how
    entity bombs and external entities get in, so the part is not parsed at all."""


def _parse(raw: bytes):
    from lxml import etree

    if b"<!DOCTYPE" in raw:
        raise _DtdRefused()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True, load_dtd=False)
    root = etree.fromstring(raw, parser)
    if root.getroottree().docinfo.internalDTD is not None:    # a DTD in UTF-16, say
        raise _DtdRefused()
    return root


def _dtd_refused() -> InputProblem:
    return _unreadable("正文含有 DTD（实体声明），Word 从不写入此类内容，为安全起见不予读取",
                       "the document body declares a DTD (entities), which Word never writes; not read, for safety")


def _part(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """An archive member's bytes, at most `limit` of them.

    The declared size is checked first; then the read itself is bounded, because
    `ZipFile.read` inflates all the compressed data in one call before trimming it to the
    declared size (a header claiming 2 KB in front of a 1 GB stream cost 2 GB). Reading
    stops at the declared size, so a member that lies about it fails its CRC."""
    info = zf.getinfo(name)
    if info.file_size <= limit:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
        if len(data) <= limit:
            return data
    size = max(info.file_size, limit + 1)
    raise limits.too_large(
        f"Word 文档的 {name} 解压后超过 {size / 1024 / 1024:.0f} MB（上限 {limit // 1024 // 1024} MB，可能是压缩炸弹）",
        f"{name} of the Word document decompresses to over {size / 1024 / 1024:.0f} MB "
        f"(limit {limit // 1024 // 1024} MB; possibly a zip bomb)")


_STYLE_NAME = re.compile(rb'<w:name\s+w:val="([^"]*)"')
_STYLE_OUTLINE = re.compile(rb'<w:outlineLvl\s+w:val="(\d+)"')
_STYLE_BASED = re.compile(rb'<w:basedOn\s+w:val="([^"]*)"')
_STYLE_NUM_ID = re.compile(rb'<w:numId\s+w:val="(\d+)"')
_STYLE_ILVL = re.compile(rb'<w:ilvl\s+w:val="(\d+)"')


class _Styles:
    """Heading level and list numbering of paragraph styles, following basedOn.

    styles.xml is searched, not parsed: Word's default template makes it ~350 KB of latent
    styles, and a full parse would cost more than reading the document body. Only the styles
    a document uses are looked up. Producers all write the `w:` prefix in this part."""

    def __init__(self, raw: bytes):
        self.raw = raw
        self._cache: dict[str, tuple[int | None, tuple[str, int] | None]] = {}

    def _own(self, sid: str) -> tuple[int | None, tuple[str, int] | None, str | None]:
        key = f'w:styleId="{sid}"'.encode("utf-8")
        at = self.raw.find(key)
        if at == -1:
            return None, None, None
        end = self.raw.find(b"</w:style>", at)
        inner = self.raw[at:end if end != -1 else len(self.raw)]
        level = None
        name = _STYLE_NAME.search(inner)
        if name:
            hit = _HEADING_NAME.match(name.group(1).decode("utf-8", "replace").strip())
            if hit:
                level = int(hit.group(1))
        if level is None:
            outline = _STYLE_OUTLINE.search(inner)
            if outline and (outline_level := _num(outline.group(1), 9)) < 9:
                level = outline_level + 1
        num = None
        num_id = _STYLE_NUM_ID.search(inner)
        if num_id:
            ilvl = _STYLE_ILVL.search(inner)
            num = (num_id.group(1).decode("ascii"), _num(ilvl.group(1), 0) if ilvl else 0)
        parent = _STYLE_BASED.search(inner)
        return level, num, parent.group(1).decode("utf-8", "replace") if parent else None

    def get(self, sid: str) -> tuple[int | None, tuple[str, int] | None]:
        """(heading level, (numId, ilvl)) of a style, inherited through basedOn."""
        if sid in self._cache:
            return self._cache[sid]
        level = num = None
        cur: str | None = sid
        seen: set[str] = set()
        while cur is not None and cur not in seen and len(seen) < 20 and (level is None or num is None):
            seen.add(cur)
            own_level, own_num, parent = self._own(cur)
            level = level if level is not None else own_level
            num = num if num is not None else own_num
            cur = parent
        self._cache[sid] = (level, num)
        return level, num


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += sym
            n -= value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting", "ideographTraditional"):
        return cn_numeral(n)
    if fmt == "ideographDigital":
        return cn_digit_string(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    """Automatic list numbers (Word numbering.xml), so that a heading numbered by Word reads
    "一、总体情况" as printed, not "总体情况". Bullets give no prefix."""

    def __init__(self, root: Any) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str, str]]] = {}   # numId → ilvl → (start, fmt, text, suff)
        self.counters: dict[str, dict[int, int]] = {}
        abstract: dict[str, dict[int, tuple[int, str, str, str]]] = {}
        for an in root.iter(W + "abstractNum"):
            abstract[an.get(W + "abstractNumId")] = {
                _num(lvl.get(W + "ilvl"), 0): self._lvl(lvl) for lvl in an.iter(W + "lvl")}
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            abstract_id = ref.get(_W_VAL) if ref is not None else None
            levels = dict(abstract.get(abstract_id, {})) if abstract_id is not None else {}
            for override in num.iter(W + "lvlOverride"):
                ilvl = _num(override.get(W + "ilvl"), 0)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    levels[ilvl] = self._lvl(lvl)
                start = override.find(W + "startOverride")
                start_at = _num(start.get(_W_VAL)) if start is not None else None
                if start_at is not None and ilvl in levels:
                    levels[ilvl] = (start_at,) + levels[ilvl][1:]
            self.levels[num.get(W + "numId")] = levels

    @staticmethod
    def _lvl(lvl) -> tuple[int, str, str, str]:
        def val(tag: str, default: str) -> str:
            el = lvl.find(W + tag)
            return el.get(_W_VAL, default) if el is not None else default

        start = val("start", "1")
        return (_num(start, 1), val("numFmt", "decimal"), val("lvlText", ""), val("suff", "tab"))

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start, fmt, text, suff = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt == "bullet":
            return ""
        for k in range(9, -1, -1):
            if f"%{k + 1}" in text:
                lvl_start, lvl_fmt = levels.get(k, (1, "decimal", "", ""))[:2]
                text = text.replace(f"%{k + 1}", _format_number(counters.get(k, lvl_start), lvl_fmt))
        # A tab after the number renders as a gap; in text it would split the heading.
        return text + (" " if suff == "space" else "")


def _core_title(zf: zipfile.ZipFile) -> str | None:
    from lxml import etree

    try:
        root = _parse(_part(zf, "docProps/core.xml", limits.MAX_DOCX_PART_BYTES))
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, KeyError):
        return None
    for el in root.iter("{http://purl.org/dc/elements/1.1/}title"):
        text = (el.text or "").strip()
        if text:
            return text
    return None


class _Reader:
    def __init__(self, styles: _Styles | None, numbering: _Numbering | None):
        self.styles = styles
        self.numbering = numbering
        self.blocks: list = []
        self.paragraphs = 0
        self.tables = 0

    # -- paragraphs

    def _runs(self, p, pieces: list[str], boxes: list) -> None:
        for child in p:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP_IN_P:
                continue
            if tag == W + "t":
                pieces.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                pieces.append("\t")
            elif tag in (W + "br", W + "cr"):
                pieces.append("\n")
            elif tag == W + "noBreakHyphen":
                pieces.append("-")
            elif tag == W + "txbxContent":
                boxes.append(child)
            else:
                self._runs(child, pieces, boxes)

    def _props(self, p) -> tuple[int | None, str]:
        """(heading level, automatic number label) of a paragraph."""
        level = None
        num: tuple[str, int] | None = None
        style = None
        for ppr in p:
            if ppr.tag != _PPR:
                break
            for prop in ppr:
                tag = prop.tag
                if tag == _PSTYLE:
                    style = prop.get(_W_VAL)
                elif tag == _OUTLINE:
                    value = _num(prop.get(_W_VAL))
                    if value is not None:
                        level = value + 1 if value < 9 else 0
                elif tag == _NUMPR:
                    num_id, ilvl = None, 0
                    for el in prop:
                        if el.tag == _NUM_ID:
                            num_id = el.get(_W_VAL)
                        elif el.tag == _ILVL:
                            ilvl = _num(el.get(_W_VAL), ilvl)
                    num = (num_id or "0", ilvl)
            break
        if style is not None and self.styles is not None:
            style_level, style_num = self.styles.get(style)
            level = style_level if level is None else level
            num = style_num if num is None else num
        label = ""
        if num is not None and num[0] != "0" and self.numbering is not None:
            label = self.numbering.label(*num)
        return (level or None), label

    def paragraph_text(self, p) -> tuple[str, list]:
        """Text of a paragraph (tabs as \\t, line breaks as \\n) and the text boxes it anchors."""
        pieces: list[str] = []
        # Fast path in C-level iteration; a text box or alternate content needs the exact walk
        # (its text must not be merged into the paragraph, nor its fallback copy read twice).
        for el in p.iter(_T, _TAB, _BR, _CR, _NBH, _TXBX, _MC_FALLBACK):
            tag = el.tag
            if tag == _T:
                pieces.append(el.text or "")
            elif tag == _TAB:
                if el.get(_W_POS) is None:      # not a tab-stop definition in pPr
                    pieces.append("\t")
            elif tag == _BR or tag == _CR:
                pieces.append("\n")
            elif tag == _NBH:
                pieces.append("-")
            else:
                pieces = []
                boxes: list = []
                self._runs(p, pieces, boxes)
                return "".join(pieces), boxes
        return "".join(pieces), []

    def paragraph(self, p) -> None:
        self.paragraphs += 1
        if len(self.blocks) > limits.MAX_BLOCKS:
            raise limits.too_many_blocks(len(self.blocks))
        index = self.paragraphs
        text, boxes = self.paragraph_text(p)
        level, label = self._props(p)
        text = label + text
        # A manual line break (Shift+Enter) separates lines as a paragraph mark would.
        for line in text.split("\n"):
            line = line.strip(" \u3000\u00a0")
            if line.strip():
                self.blocks.append(Paragraph(line, Span(paragraph=index), level))
        for box in boxes:
            self.container(box)

    # -- containers (body, sdtContent, text boxes, layout-table cells)

    def container(self, node) -> None:
        for child in node:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag in (W + "sdt",):
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.container(content)
            elif tag in (W + "customXml", W + "sdtContent", W + "ins", W + "moveTo"):
                self.container(child)

    # -- tables

    def _rows(self, tbl):
        for child in tbl:
            if child.tag == W + "tr":
                yield child
            elif child.tag in (W + "sdt", W + "customXml"):
                inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if inner is not None:
                    yield from self._rows(inner)

    def _cells(self, tr):
        for child in tr:
            if child.tag == W + "tc":
                yield child
            elif child.tag in (W + "sdt", W + "customXml"):
                inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if inner is not None:
                    yield from self._cells(inner)

    def _lines(self, node, out: list[str]) -> None:
        """Text lines of a cell's content; a nested table gives one tab-separated line per row."""
        for child in node:
            tag = child.tag
            if tag == W + "p":
                text, boxes = self.paragraph_text(child)
                out.extend((self._props(child)[1] + text).split("\n"))
                for box in boxes:
                    self._lines(box, out)
            elif tag == W + "tbl":
                for tr in self._rows(child):
                    row: list[str] = []
                    for tc in self._cells(tr):
                        inner: list[str] = []
                        self._lines(tc, inner)
                        row.append(" ".join(x.strip() for x in inner if x.strip()))
                    out.append("\t".join(row))
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._lines(content, out)
            elif tag in (W + "customXml", W + "ins", W + "moveTo"):
                self._lines(child, out)

    def _cell_text(self, tc) -> str:
        lines: list[str] = []
        self._lines(tc, lines)
        return "\n".join(t for t in (x.strip(" \u3000\u00a0") for x in lines) if t.strip())

    def table(self, tbl) -> None:
        self.tables += 1
        index = self.tables
        grid = [(tr, [(tc, self._cell_text(tc)) for tc in self._cells(tr)]) for tr in self._rows(tbl)]
        if any(True for _ in tbl.iterdescendants(W + "tbl")) or any(
                is_layout_cell(text) for _, texts in grid for _, text in texts):
            # A table laying out the page: its cells are read as running text and tables.
            for _, texts in grid:
                for tc, _ in texts:
                    self.container(tc)
            return
        rows: list[list[Cell]] = []
        # grid column → the cell object that a vMerge continuation in that column extends
        open_merges: dict[int, Cell] = {}
        for r, (tr, tcs) in enumerate(grid, start=1):
            rows.append(_row_cells(tr, tcs, index, r, open_merges))
        self.blocks.append(TableBlock(rows, Span(table=index)))


def _grid_before(tr) -> int:
    """Grid columns a row leaves out before its first cell (w:gridBefore)."""
    before = 0
    for el in tr:
        if el.tag == _TRPR:
            before += sum(_num(prop.get(_W_VAL), 0, _MAX_SPAN) for prop in el if prop.tag == _GRID_BEFORE)
        if el.tag in (_TRPR, _TC):
            break
    return before


def _merges(tc) -> tuple[int, str | None, str | None]:
    """(grid columns spanned, vertical merge, horizontal merge) of a cell: "restart", "continue" or None."""
    span = 1
    vmerge = hmerge = None
    # lxml's find() parses its path on every call; iterating children is 5x cheaper
    for first in tc:
        if first.tag == _TCPR:
            for prop in first:
                tag = prop.tag
                if tag == _GRID_SPAN:
                    span = max(1, _num(prop.get(_W_VAL), 1, _MAX_SPAN))
                elif tag == _VMERGE:
                    vmerge = prop.get(_W_VAL) or "continue"
                elif tag == _HMERGE:
                    hmerge = prop.get(_W_VAL) or "continue"
        break
    return span, vmerge, hmerge


def _row_cells(tr, tcs: list[tuple[Any, str]], table: int, row: int, open_merges: dict[int, Cell]) -> list[Cell]:
    """The cells of one row, merged cells once: a continued merge widens or lengthens the cell
    it continues (`open_merges`, grid column → the cell a vMerge continuation extends)."""
    cells: list[Cell] = []
    col = 1 + _grid_before(tr)
    for tc, text in tcs:
        span, vmerge, hmerge = _merges(tc)
        if hmerge == "continue" and cells:
            cells[-1].colspan += span
        elif vmerge == "continue" and col in open_merges:
            open_merges[col].rowspan += 1
        else:
            cell = Cell(text, Span(table=table, row=row, cell=col), colspan=span)
            cells.append(cell)
            for c in range(col, col + span):
                open_merges.pop(c, None)
            if vmerge == "restart":
                open_merges[col] = cell
        col += span
    return cells


# What zipfile/zlib raise on a damaged archive member.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError, KeyError)


def read(path: str, data: bytes) -> Document:
    from lxml import etree

    # Checked before zipfile lists the archive, which costs time and memory per entry.
    entries = zip_entries_bound(data)
    if entries > limits.MAX_ZIP_ENTRIES:
        raise limits.too_large(f"Word 文档压缩包内的文件过多（约 {entries:,} 个，上限 {limits.MAX_ZIP_ENTRIES:,}）",
                               f"the Word document's archive has too many entries (about {entries:,}, "
                               f"limit {limits.MAX_ZIP_ENTRIES:,})")
    try:
        zf = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable("文件不是有效的 .docx（ZIP）文件", "not a valid .docx (zip) file") from None
    with zf:
        try:
            raw = _part(zf, "word/document.xml", limits.MAX_DOCX_BODY_BYTES)
        except KeyError:
            raise _unreadable("缺少正文部分 word/document.xml", "word/document.xml is missing") from None
        except _ZIP_ERRORS as exc:
            raise _unreadable("正文已损坏", f"the document body is damaged ({exc})") from None
        try:
            root = _parse(raw)
        except _DtdRefused:
            raise _dtd_refused() from None
        except (etree.XMLSyntaxError, *_ZIP_ERRORS) as exc:
            if "amplification" in str(exc):         # libxml2 stopped entity expansion in a DTD
                raise _dtd_refused() from None      # that the byte search missed (UTF-16)
            if "Excessive depth" in str(exc):       # libxml2's own limit: 256 levels
                raise _unreadable("正文嵌套层级过深（超过 256 层），正常的 Word 文档不会如此",
                                  "the document body is nested too deeply (over 256 levels), "
                                  "which no real Word document is") from None
            raise _unreadable("正文已损坏", f"the document body is damaged ({exc})") from None
        del raw
        # Damaged side parts only lose heading levels, list numbers or the title (a part
        # over its size limit is reported: that is a bomb, not damage).
        styles = numbering = None
        if next(root.iter(_PSTYLE), None) is not None:
            try:
                styles = _Styles(_part(zf, "word/styles.xml", limits.MAX_DOCX_PART_BYTES))
            except _ZIP_ERRORS:
                styles = None
        if next(root.iter(_NUMPR), None) is not None or styles is not None:
            try:
                numbering = _Numbering(_parse(_part(zf, "word/numbering.xml", limits.MAX_DOCX_PART_BYTES)))
            except (etree.XMLSyntaxError, *_ZIP_ERRORS):
                numbering = None
        title = _core_title(zf)
    body = root.find(W + "body")
    if body is None:
        raise _unreadable("缺少正文", "the document has no body")
    reader = _Reader(styles, numbering)
    reader.container(body)
    return Document(path=path, kind="docx", blocks=reader.blocks, title=title)
