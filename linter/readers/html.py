"""HTML reports (.html/.htm): portal pages, Word "save as web page" exports.

Parsing is selectolax (lexbor, HTML5-correct). Lexbor nodes carry no source positions,
so positions come from a regex scan of the decoded source: the k-th `<td` start tag in the
source is the k-th `td` element of the tree (start tags of block elements are never
synthesised by the HTML5 tree builder except in broken markup; when the counts of a tag
disagree, that tag's positions are not trusted and the text itself is searched for).

Page chrome (navigation, breadcrumb, footer, scripts) is dropped. The report body is found
as the lowest common ancestor of anchors (the title heading, the text 总体情况, and the
report tables), so chrome outside it cannot leak into the report; chrome inside it is
dropped by tag and class name, but never an element holding an anchor.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from .. import spec
from ..model import Cell, Document, Finding, InputProblem, Message, Paragraph, Span, TableBlock
from . import limits
from .page_layout import is_layout_cell
from .encoding import decode, normalise_newlines

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CODEC_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
                  "cp936": "gb18030", "euc-cn": "gb18030", "utf8": "utf-8", "unicode": "utf-16",
                  "big5": "big5hkscs"}

# Scanned in one pass: comments and raw-text elements are skipped so that a `<td` inside a
# script or comment is not counted.
_TRACKED = ("address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "div", "dl",
            "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li",
            "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul")
_TAG_SCAN = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<(?P<raw>script|style|textarea|title|xmp|noscript)\b.*?(?:</(?P=raw)\s*>|\Z)"
    r"|<(?P<tag>[A-Za-z][A-Za-z0-9]*)(?=[\s/>])", re.DOTALL | re.IGNORECASE)
_TRACKED_SET = frozenset(_TRACKED)

_SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
                   "select", "button", "input", "textarea", "link", "meta", "head", "title", "img",
                   "audio", "video", "canvas", "map", "-comment"})
_BLOCK = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
                    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
                    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
                    "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
                    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "option"})
_CHROME_TAGS = frozenset({"nav", "aside", "header", "footer"})
_CHROME_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|breadcrumbs?|crumbs?|bread|footer|foot|"
    r"sidebar|side|share|toolbar|topbar|copyright|search|location|position|weizhi|dqwz|daohang|"
    r"banner|login|skip|pager|print|close|fenxiang|bdshare)(?:$|[\s_-])", re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")


def _decode(data: bytes) -> tuple[str, str, list[Finding]]:
    """Honour a BOM, then <meta charset>, then guess like plain text."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        text, enc, note = decode(data)
        return text, enc, [note] if note else []
    m = _META_CHARSET.search(data[:8192])
    if m:
        declared = m.group(1).decode("ascii", "replace").lower()
        codec = _CODEC_ALIASES.get(declared, declared)
        try:
            return normalise_newlines(data.decode(codec)), codec, []
        except (LookupError, UnicodeDecodeError):
            text, enc, note = decode(data)
            notes = [Finding("I003", Message(
                f"网页声明编码为 {declared}，但内容不符，已按 {enc} 读取",
                f"the page declares charset {declared} but its content does not match; read as {enc}"),
                details={"encoding": enc, "declared": declared})]
            return text, enc, notes + ([note] if note else [])
    text, enc, note = decode(data)
    return text, enc, [note] if note else []


# A source line break between two CJK characters is not a space (CSS Text 3 segment
# break transformation); Word and CMS exports wrap long Chinese lines anywhere.
_CJK_BREAK = re.compile(r"(?<=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])[ \t\r]*\n[ \t\r\n]*"
                        r"(?=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])")


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text)).strip(" \u3000")


class _Positions:
    """Source offsets of start tags, and offset → (line, column)."""

    def __init__(self, source: str, line_offset: int):
        self.source = source
        self.line_offset = line_offset
        self.starts = [0]
        pos = source.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = source.find("\n", pos + 1)
        # Start tags of block elements only: inline tags are many and carry no position worth having.
        self.tags: dict[str, list[int]] = {}
        for m in _TAG_SCAN.finditer(source):
            name = m.group("tag")
            if name:
                name = name.lower()       # any name matched, then filtered: 40% faster than the alternation
                if name in _TRACKED_SET:
                    self.tags.setdefault(name, []).append(m.start())

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1 + self.line_offset, offset - self.starts[i] + 1

    def find_text(self, text: str, start: int, limit: int = 4000) -> int | None:
        """Offset of the first characters of `text` in the source at or after `start`
        (after the start tag's attributes when `start` is a tag)."""
        probe = text[:6]
        if not probe:
            return None
        if self.source.startswith("<", start):
            end = self.source.find(">", start)
            start = end + 1 if end != -1 else start
        hit = self.source.find(probe, start, start + limit)
        return hit if hit != -1 else None


class _Walker:
    def __init__(self, tree, pos: _Positions):
        self.pos = pos
        self.offsets: dict[int, int] = {}     # mem_id → source offset of the start tag
        counts: dict[str, int] = {}
        nodes = []
        for node in tree.root.traverse(include_text=False):
            tag = node.tag
            if tag not in _TRACKED_SET:
                continue
            k = counts.get(tag, 0)
            counts[tag] = k + 1
            nodes.append((node, tag, k))
        trusted = {tag for tag, n in counts.items() if len(pos.tags.get(tag, ())) == n}
        for node, tag, k in nodes:
            if tag in trusted:
                self.offsets[node.mem_id] = pos.tags[tag][k]
        self.blocks: list = []
        self.buf: list[str] = []
        self.buf_anchor = 0
        self.anchor = 0                        # offset of the last element start seen
        self.protected: set[int] = set()       # ancestors of anchors: never dropped

    # -- positions

    def _enter(self, node) -> None:
        off = self.offsets.get(node.mem_id)
        if off is not None and off >= self.anchor:
            self.anchor = off

    def _span(self, text: str, anchor: int) -> Span:
        hit = self.pos.find_text(text, anchor)
        off = hit if hit is not None else anchor
        if hit is not None:
            # past this block's first character, so that equal texts (cells of "0") that
            # follow are found at their own places
            self.anchor = max(self.anchor, hit + 1)
        line, col = self.pos.line_col(off)
        return Span(line=line, column=col)

    # -- inline text

    def _text(self, text: str) -> None:
        if not self.buf and not text.strip():
            return
        if not self.buf:
            self.buf_anchor = self.anchor
        self.buf.append(text)

    def _flush(self, level: int | None = None) -> None:
        if not self.buf:
            return
        text = _collapse("".join(self.buf))
        self.buf = []
        if text:
            self.blocks.append(Paragraph(text, self._span(text, self.buf_anchor), level))

    # -- tree

    def _dropped(self, node) -> bool:
        tag = node.tag
        if tag in _SKIP:
            return True
        if node.mem_id in self.protected:
            return False
        attrs = node.attributes
        if tag in _CHROME_TAGS:
            return True
        for key in ("class", "id"):
            value = attrs.get(key)
            if value and _CHROME_NAME.search(value):
                return True
        style = attrs.get("style")
        return bool(style and _HIDDEN.search(style))

    def walk(self, node, level: int | None = None) -> None:
        for child in node.iter(include_text=True):
            if child.is_text_node:
                self._text(child.text_content or "")
                continue
            tag = child.tag
            if not tag or self._dropped(child):
                continue
            if tag == "br":
                self._flush(level)
                self._enter(child)
                continue
            if tag == "table" and not _is_layout(child):
                self._flush(level)
                self._enter(child)
                self.blocks.append(self._table(child))
                continue
            if tag in _BLOCK:
                self._flush(level)
                self._enter(child)
                inner = int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456" else level
                self.walk(child, inner)
                self._flush(inner)
                continue
            self._enter(child)
            self.walk(child, level)

    def _cell_text(self, cell) -> str:
        # Most cells are one number or label, bare or wrapped in single elements (<p><span>12):
        # their text needs no walk.
        node = cell
        while (only := node.child) is None or only.next is None:
            if only is None:
                return ""
            if only.is_text_node:
                return _collapse(only.text_content or "")
            if only.tag in _SKIP or only.tag == "br":
                return ""
            node = only
        lines: list[str] = []
        buf: list[str] = []

        def visit(node) -> None:
            for child in node.iter(include_text=True):
                if child.is_text_node:
                    buf.append(child.text_content or "")
                    continue
                tag = child.tag
                if not tag or tag in _SKIP:
                    continue
                if tag == "br" or tag in _BLOCK:
                    lines.append("".join(buf))
                    buf.clear()
                    if tag != "br":
                        visit(child)
                        lines.append("".join(buf))
                        buf.clear()
                    continue
                visit(child)

        visit(cell)
        lines.append("".join(buf))
        return "\n".join(t for t in (_collapse(x) for x in lines) if t)

    def _table(self, table) -> TableBlock:
        table_span = self._span("", self.anchor)
        rows: list[list[Cell]] = []
        for tr in _rows(table):
            self._enter(tr)
            cells = []
            for cell in tr.iter(include_text=False):
                if cell.tag not in ("td", "th"):
                    continue
                self._enter(cell)
                text = self._cell_text(cell)
                span = self._span(text, self.anchor)
                attrs = cell.attributes
                rowspan = _span_attr(attrs.get("rowspan")) if "rowspan" in attrs else 1
                colspan = _span_attr(attrs.get("colspan")) if "colspan" in attrs else 1
                cells.append(Cell(text, span, rowspan, colspan))
            if cells:
                rows.append(cells)
        return TableBlock(rows, table_span)


def _span_attr(raw: str | None) -> int:
    # ASCII digits, as HTML parses them; more than four significant ones are over the cap
    # anyway, and int() of thousands of digits raises.
    digits = re.match(r"[0-9]+", (raw or "").strip())
    significant = digits.group().lstrip("0") if digits else "1"
    value = int(significant[:5] or "0")
    # HTML caps rowspan at 65534 and colspan at 1000; 0 means "to the end", read as 1.
    return min(max(value, 1), 1000)


def _rows(table):
    for child in table.iter(include_text=False):
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            for tr in child.iter(include_text=False):
                if tr.tag == "tr":
                    yield tr


def _is_layout(table) -> bool:
    """A table used to lay out the page (holding other tables or whole paragraphs)."""
    if any(True for _ in _nested_tables(table)):
        return True
    for cell in table.css("td, th"):
        if is_layout_cell(cell.text(deep=True, strip=True)):
            return True
    return False


def _nested_tables(table):
    for node in table.traverse(include_text=False):
        if node.tag == "table" and node.mem_id != table.mem_id:
            yield node


def _ancestors(node) -> list:
    out = []
    while node is not None:
        out.append(node)
        node = node.parent
    return out


def _in_chrome(node) -> bool:
    for anc in _ancestors(node.parent):
        if anc.tag in ("nav", "aside", "footer"):
            return True
        attrs = anc.attributes if anc.tag and not anc.tag.startswith("-") else {}
        for key in ("class", "id"):
            value = attrs.get(key)
            if value and _CHROME_NAME.search(value):
                return True
    return False


# A report's title, also when it is named off the format: it belongs to the report, whose
# name is checked like the rest of it.
_REPORT_TITLE = re.compile(spec.REPORT_NAME)


def _anchors(body) -> list:
    """Nodes that belong to the report: title heading, 总体情况, the report tables."""
    found = []
    wanted = list(spec.SECTION_ANCHORS)
    for node in body.traverse(include_text=True):
        if not wanted:
            break
        if node.is_text_node and wanted[0] in (node.text_content or "") and not _in_chrome(node):
            found.append(node)
            wanted.pop(0)
    for table in body.css("table"):
        if any(True for _ in _nested_tables(table)):
            continue
        text = table.text(deep=True)
        if any(label in text for label in spec.TABLE_ANCHORS) and not _in_chrome(table):
            found.append(table)
    for node in body.css("h1, h2, h3, [class*=title], [id*=title]"):
        text = node.text(deep=True, strip=True)
        if len(text) < 100 and _REPORT_TITLE.search(text) and not _in_chrome(node):
            found.append(node)
            break
    return found


def _report_root(body, anchors: list):
    # One anchor alone (a heading, a lone table) says nothing about where the report is.
    if len(anchors) < 2:
        return body
    paths = [list(reversed(_ancestors(a))) for a in anchors]
    root = body
    for depth in range(min(len(p) for p in paths)):
        ids = {p[depth].mem_id for p in paths}
        if len(ids) != 1:
            break
        root = paths[0][depth]
    while root.mem_id != body.mem_id and root.tag in ("table", "thead", "tbody", "tfoot", "tr", "h1", "h2", "h3", "p"):
        root = root.parent
    return root


# Start and end tags, for the size check before parsing (comments and raw text skipped).
_SHAPE_SCAN = re.compile(
    r"<!--.*?(?:-->|\Z)|<(?P<raw>script|style|textarea|title|xmp|noscript|plaintext)\b.*?(?:</(?P=raw)\s*>|\Z)"
    r"|<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)", re.DOTALL | re.IGNORECASE)
# Elements that are never open around later content: void ones, and those whose end tag
# is implied by a sibling (their nesting needs an element of another kind in between).
_NOT_NESTING = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "param", "keygen", "frame", "basefont", "bgsound", "image",
    "p", "li", "dt", "dd", "td", "th", "tr", "thead", "tbody", "tfoot", "option", "optgroup",
    "rb", "rt", "rtc", "rp", "colgroup", "caption", "html", "head", "body"})
# Formatting elements left open are re-created by the parser in every later block (HTML's
# "reconstruct the active formatting elements"): `<b id=1>…<b id=400>` then 10,000 `<p>x`
# is 4 million elements from 60 KB.
_FORMATTING = frozenset({"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike",
                         "strong", "tt", "u"})


_START_TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)")


def _shape_is_surely_fine(source: str) -> bool:
    """Bounds that settle most real pages without walking their tags: the depth is at most
    the number of nesting start tags, and the parser's element count at most the start tags
    times one more than the formatting start tags. Tags inside comments and scripts are
    counted too, which only loosens the bounds."""
    counts = Counter(map(str.lower, _START_TAG_NAME.findall(source)))
    if sum(n for name, n in counts.items() if name not in _NOT_NESTING) > limits.MAX_HTML_DEPTH:
        return False
    formatting = sum(n for name, n in counts.items() if name in _FORMATTING)
    return sum(counts.values()) * (1 + formatting) <= limits.MAX_HTML_ELEMENTS


def _check_shape(source: str) -> None:
    """Refuse, before parsing, a page the parser would spend minutes or gigabytes on:
    the HTML tree builder's cost grows with nesting depth times elements."""
    if len(source) > limits.MAX_HTML_CHARS:
        raise limits.too_large(
            f"网页源代码过长（{len(source):,} 个字符，上限 {limits.MAX_HTML_CHARS:,}）",
            f"the page source is too long ({len(source):,} characters, limit {limits.MAX_HTML_CHARS:,})")
    if _shape_is_surely_fine(source):
        return
    stack: list[str] = []
    open_formatting = 0
    elements = 0
    for m in _SHAPE_SCAN.finditer(source):
        name = m.group("name")
        if not name:
            continue
        name = name.lower()
        if m.group("end"):
            # Pop to the matching element when it is near the top; a stray end tag is ignored.
            for k in range(len(stack) - 1, max(-1, len(stack) - 33), -1):
                if stack[k] == name:
                    open_formatting -= sum(1 for n in stack[k:] if n in _FORMATTING)
                    del stack[k:]
                    break
            continue
        elements += 1 + open_formatting
        if elements > limits.MAX_HTML_ELEMENTS:
            raise limits.too_large(
                f"网页元素过多（超过 {limits.MAX_HTML_ELEMENTS:,} 个，含解析器为未闭合的格式标签补建的元素）",
                f"the page has too many elements (over {limits.MAX_HTML_ELEMENTS:,}, counting those the "
                f"parser re-creates for unclosed formatting tags)")
        if name in _NOT_NESTING:
            continue
        stack.append(name)
        if name in _FORMATTING:
            open_formatting += 1
        if len(stack) > limits.MAX_HTML_DEPTH:
            raise _too_deep()


def _too_deep() -> InputProblem:
    return InputProblem("I001", Message(
        f"网页元素嵌套过深（超过 {limits.MAX_HTML_DEPTH} 层），正常的网页不会如此，无法检查",
        f"the page nests elements too deeply (over {limits.MAX_HTML_DEPTH} levels), which no real page does"))


def parse_blocks(source: str, line_offset: int = 0) -> tuple[list, str | None]:
    """Blocks of an HTML text (whole page or fragment) and its <title>.

    `line_offset` is added to every line number (for fragments embedded in Markdown).
    Raises InputProblem for a page over the size limits (see `limits`)."""
    from selectolax.lexbor import LexborHTMLParser

    _check_shape(source)
    try:
        return _parse_blocks(LexborHTMLParser(source), source, line_offset)
    except RecursionError:     # deeper than the estimate above saw (misnested markup)
        raise _too_deep() from None


def _parse_blocks(tree, source: str, line_offset: int) -> tuple[list, str | None]:
    pos = _Positions(source, line_offset)
    walker = _Walker(tree, pos)
    title_node = tree.css_first("title")
    title = _collapse(title_node.text()) if title_node is not None else None
    body = tree.body
    if body is None:
        return [], title or None
    anchors = _anchors(body)
    for anchor in anchors:
        walker.protected.update(n.mem_id for n in _ancestors(anchor))
    root = _report_root(body, anchors)
    walker._enter(root)
    walker.walk(root)
    walker._flush()
    return walker.blocks, title or None


def read(path: str, data: bytes) -> Document:
    text, encoding, notes = _decode(data)
    blocks, title = parse_blocks(text)
    return Document(path=path, kind="html", blocks=blocks, encoding=encoding, title=title,
                    lines=text.split("\n"), notes=notes)
