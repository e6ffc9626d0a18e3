"""YAML and JSON reports: text → `Report`, with the exact position of every value.

Both readers give `Report.spans` for every JSON pointer: the position of the *value* for
leaves (so a finding on a cell points at the number), the position of the *key* for
mappings and lists (a missing row is reported on its table's key line). Spans are 1-based;
`end_column` is exclusive, as in the other readers and in SARIF. The YAML reader keeps the
node tree and finds a span when one is asked for (`_NodeSpans`); the JSON parser records
them as it goes.

YAML is composed by PyYAML's C parser (`CSafeLoader`) and turned into data by a small walk
of the node tree, which is where positions and duplicate keys are recorded: as fast as a
plain `yaml.load` (docs/ECOSYSTEM.md §3), and ruamel's round-trip loader would be 15× slower.
Scalar typing choices:
- timestamps stay strings (`report_date: 2022-01-20` is the string "2022-01-20"), so the
  date rules see what was written and the validator never meets a `datetime.date`;
- mapping keys are their source text (`yes:` is the key "yes", not True);
- other values keep YAML's types. An unquoted postcode (`postcode: 350001`) stays an int:
  the schema wants a string there, and the schema finding quotes the source text and asks
  for quotes. Converting silently would hide that `050000` was read as the octal 20480.

JSON is parsed by a small position-tracking parser (strings are decoded by the stdlib's C
`scanstring`); `json.loads` keeps no positions, and its `object_pairs_hook` sees no offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping
from json import JSONDecodeError
from json.decoder import scanstring

from .. import spec
from ..model import Finding, Heading, InputProblem, Message, Report, Span

# Line breaks as YAML 1.1 (libyaml) counts them, so `lines` agrees with the parser's marks.
_YAML_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")

# Aliases can make a small file expand enormously ("billion laughs"); a real report has a
# few hundred values.
_MAX_VALUES = 100_000

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


def _escape(key: str) -> str:
    if "~" in key or "/" in key:
        return key.replace("~", "~0").replace("/", "~1")
    return key


def _duplicate(pointer: str, key: str, first: Span | None, again: Span) -> Finding:
    where = f"（首次出现在第{first.line}行）" if first and first.line else ""
    where_en = f" (first at line {first.line})" if first and first.line else ""
    return Finding("Y002", Message(
        f"键“{key}”重复出现{where}，前面的值被后面的值覆盖；请删除或合并重复的键",
        f"key {key!r} appears twice{where_en}; the later value replaces the earlier one"),
        pointer=pointer, span=again, details={"key": key})


def _unreadable(zh: str, en: str, span: Span | None = None) -> InputProblem:
    return InputProblem("I001", Message(zh, en), span)


def _too_many_digits(span: Span, digits: int) -> InputProblem:
    return _unreadable(f"第{span.line}行第{span.column}列：数字位数过多（{digits} 位），无法读取",
                       f"line {span.line}, column {span.column}: a number with too many digits ({digits})", span)


_SURROGATE = re.compile("[\ud800-\udfff]")


# ---------------------------------------------------------------- YAML

_YAML_PROBLEMS = (
    ("could not find expected ':'", "缺少冒号“:”（常见原因：上一行的值跨行而未加引号，或缩进错误）"),
    ("mapping values are not allowed", "此处不能出现“键: 值”（常见原因：值中含有未加引号的冒号“: ”，或缩进错误）"),
    ("that cannot start any token", "出现了不能作为开头的字符（常见原因：用制表符缩进，或值以 @、` 等字符开头而未加引号）"),
    ("did not find expected key", "缩进不一致，找不到预期的键"),
    ("did not find expected '-' indicator", "缩进不一致，找不到预期的列表项“-”"),
    ("did not find expected ',' or ']'", "缺少逗号“,”或右方括号“]”"),
    ("did not find expected ',' or '}'", "缺少逗号“,”或右花括号“}”"),
    ("did not find expected node content", "缺少预期的内容"),
    ("block sequence entries are not allowed", "此处不能出现列表项“-”（缩进错误）"),
    ("found unexpected end of stream", "文件意外结束（引号或括号未闭合）"),
    ("found unknown escape character", "双引号字符串中有无效的转义（反斜杠“\\”后的字符无效；可改用单引号）"),
    ("expected a single document", "文件中有多个 YAML 文档（以 --- 分隔），只能有一个"),
    ("found undefined alias", "引用了未定义的锚点（*别名）"),
    ("found duplicate anchor", "锚点（&名称）重复定义"),
    ("control characters are not allowed", "含有不允许的控制字符"),
    ("found a tab character", "用制表符（Tab）缩进；YAML 只能用空格缩进"),
    ("exceeded maximum nesting depth", "嵌套层级过深"),
)


def _mark_span(mark) -> Span | None:
    if mark is None:
        return None
    return Span(line=mark.line + 1, column=mark.column + 1)


def _node_span(node) -> Span:
    s, e = node.start_mark, node.end_mark
    return Span(line=s.line + 1, column=s.column + 1, end_line=e.line + 1, end_column=e.column + 1)


def _yaml_syntax(exc) -> InputProblem:
    problem = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    zh = next((z for needle, z in _YAML_PROBLEMS if needle in f"{context} {problem}"), f"无法解析（{problem}）")
    span = _mark_span(mark)
    at_zh = f"第{span.line}行第{span.column}列" if span else ""
    at_en = f" at line {span.line}, column {span.column}" if span else ""
    return _unreadable(f"YAML 语法错误{'（' + at_zh + '）' if at_zh else ''}：{zh}",
                       f"YAML syntax error{at_en}: {problem}", span)


def _reader_error(exc, text: str) -> InputProblem:
    position = getattr(exc, "position", None)
    span = None
    if isinstance(position, int) and 0 <= position <= len(text):
        line = text.count("\n", 0, position) + 1
        span = Span(line=line, column=position - (text.rfind("\n", 0, position) + 1) + 1)
    at_zh = f"第{span.line}行第{span.column}列" if span else ""
    at_en = f" at line {span.line}, column {span.column}" if span else ""
    return _unreadable(f"YAML 文件{at_zh}含有不允许的字符（如控制字符），无法读取",
                       f"the YAML file contains a character that is not allowed{at_en}", span)


class _YamlBuilder:
    """Turns a composed YAML node tree into plain data, recording spans on the way."""

    def __init__(self, loader, may_merge: bool = True):
        self.loader = loader
        self.may_merge = may_merge      # a merge key needs "<<" (or an explicit !!merge) in the text
        self.section_keys: dict[str, Span] = {}
        self.notes: list[Finding] = []
        self.budget = _MAX_VALUES

    def _unsupported(self, node) -> InputProblem:
        span = _node_span(node)
        return _unreadable(f"第{span.line}行第{span.column}列：不支持 YAML 标签“{node.tag}”，请只使用普通的键、值和列表",
                           f"line {span.line}, column {span.column}: YAML tag {node.tag!r} is not supported", span)

    def scalar(self, node):
        tag = node.tag
        if tag == _STR or tag == _TIMESTAMP:
            return node.value
        if tag == _NULL:
            return None
        if tag == _INT:
            text = node.value
            try:
                if text.isascii() and text.isdigit() and (text[0] != "0" or text == "0"):
                    return int(text)
                return self.loader.construct_yaml_int(node)
            except ValueError:      # beyond Python's int/str conversion limit (4300 digits)
                raise _too_many_digits(_node_span(node), len(text)) from None
        if tag == _FLOAT:
            return self.loader.construct_yaml_float(node)
        if tag == _BOOL:
            return self.loader.construct_yaml_bool(node)
        raise self._unsupported(node)

    def value(self, node, pointer: str):
        """The data of `node`; `pointer` (its JSON pointer) only names duplicate keys."""
        self.budget -= 1
        if self.budget < 0:
            raise _unreadable("YAML 内容展开后过大（锚点/别名引用过多），无法检查",
                              "the YAML document expands to too many values (anchors/aliases)")
        kind = node.id
        if kind == "scalar":
            return self.scalar(node)
        if kind == "mapping":
            return self.mapping(node, pointer)
        return self.sequence(node, pointer)

    def mapping(self, node, pointer: str) -> dict:
        if node.tag != _MAP:
            raise self._unsupported(node)
        if self.may_merge and any(k.tag == _MERGE for k, _ in node.value):
            from yaml import MarkedYAMLError

            try:
                self.loader.flatten_mapping(node)
            except MarkedYAMLError as exc:
                raise _yaml_syntax(exc) from None
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                span = _node_span(key_node)
                raise _unreadable(f"第{span.line}行第{span.column}列：键必须是文本，不能是映射或列表",
                                  f"line {span.line}, column {span.column}: a key must be plain text", span)
            # Keys are names: keep their text (`yes:` must not become True, `2021:` not 2021).
            key = key_node.value
            if key in out:
                first = next(k for k, _ in node.value if k.id == "scalar" and k.value == key)
                self.notes.append(_duplicate(f"{pointer}/{_escape(key)}", key, _node_span(first), _node_span(key_node)))
            elif pointer == "/sections":
                self.section_keys[key] = _node_span(key_node)
            out[key] = self.value(value_node, f"{pointer}/{_escape(key)}" if value_node.id != "scalar" else "")
        return out

    def sequence(self, node, pointer: str) -> list:
        if node.tag != _SEQ:
            raise self._unsupported(node)
        return [self.value(item, f"{pointer}/{i}") for i, item in enumerate(node.value)]


class _NodeSpans(Mapping):
    """The spans of a composed YAML document, found in its node tree when a pointer is asked
    for. A clean report asks for none, so none are built (building ~270 per report up front
    cost a third of reading it). What each pointer maps to: the value for a leaf, the key for
    a mapping or list (a missing row is reported on its table's key line), the key for an
    empty value (`key:` has no text of its own), the item for a list item.
    """

    def __init__(self, root):
        self._root = root
        self._found: dict[str, Span | None] = {}

    def _find(self, pointer: str) -> Span | None:
        if not pointer.startswith("/"):
            return None
        node, key_node = self._root, None
        for part in pointer[1:].split("/"):
            if node.id == "mapping":
                name = part.replace("~1", "/").replace("~0", "~") if "~" in part else part
                # the last of duplicate keys, whose value is the one in the data
                for k, v in reversed(node.value):
                    if k.id == "scalar" and k.value == name:
                        node, key_node = v, k
                        break
                else:
                    return None
            elif node.id == "sequence" and part.isascii() and part.isdigit() and int(part) < len(node.value):
                node, key_node = node.value[int(part)], None
            else:
                return None
        if node.id == "scalar" and not (node.tag == _NULL and not node.value and key_node is not None):
            return _node_span(node)
        return _node_span(key_node if key_node is not None else node)

    def __getitem__(self, pointer: str) -> Span:
        try:
            span = self._found[pointer]
        except KeyError:
            span = self._found[pointer] = self._find(pointer)
        if span is None:
            raise KeyError(pointer)
        return span

    def _pointers(self, node, pointer: str):
        if node.id == "mapping":
            for k, v in node.value:
                if k.id == "scalar":
                    child = f"{pointer}/{_escape(k.value)}"
                    yield child
                    yield from self._pointers(v, child)
        elif node.id == "sequence":
            for i, item in enumerate(node.value):
                yield f"{pointer}/{i}"
                yield from self._pointers(item, f"{pointer}/{i}")

    def __iter__(self):
        return iter(dict.fromkeys(self._pointers(self._root, "")))

    def __len__(self) -> int:
        return sum(1 for _ in self)


_LOADER = None
_RESOLVED: dict = {}


def _loader_class(yaml):
    """The safe loader with a memoised tag resolver. Resolving is a pure function of
    (node kind, value, implicit flags) for a loader without path resolvers, runs in Python
    for every scalar even under the C parser, and a report repeats the same short scalars
    ("0", row keys) hundreds of times: the cache halves the composing time."""
    global _LOADER
    if _LOADER is None:
        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class _Loader(base):
            def resolve(self, kind, value, implicit):
                key = (kind, value, implicit)
                tag = _RESOLVED.get(key)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(_RESOLVED) < 4096 and (value is None or len(value) <= 40):
                        _RESOLVED[key] = tag
                return tag

            # Path resolvers are never registered on the safe loader: skip the per-node calls.
            def descend_resolver(self, current_node, current_index):
                pass

            def ascend_resolver(self):
                pass

        _LOADER = _Loader
    return _LOADER


def read_yaml(path: str, text: str) -> Report:
    """Read a YAML report. Raises InputProblem (I001 syntax/shape, I010 empty document)."""
    import yaml

    if text.startswith("\ufeff"):
        text = text[1:]
    # Composing only: the builder below makes the data. The pure-Python loader is the
    # fallback for a PyYAML built without libyaml (same marks, ~7× slower).
    try:
        loader = _loader_class(yaml)(text)
    except UnicodeEncodeError:
        raise _unreadable("YAML 文件含有无效的字符（孤立的代理码位），无法读取",
                          "the YAML file contains an invalid character (a lone surrogate)") from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise _yaml_syntax(exc) from None
        except yaml.reader.ReaderError as exc:
            raise _reader_error(exc, text) from None
        if node is None:
            raise InputProblem("I010", Message("YAML 文件中没有内容（只有注释或空行）",
                                               "the YAML file has no content (only comments or blank lines)"))
        if node.id != "mapping":
            span = _node_span(node)
            raise _unreadable(
                f"YAML 文件的顶层应为键值对（meta:、sections:、tables: 等），实际为{'列表' if node.id == 'sequence' else '单个值'}",
                f"the top level of the YAML file must be a mapping (meta:, sections:, tables: …), "
                f"not a {'list' if node.id == 'sequence' else 'single value'}", span)
        builder = _YamlBuilder(loader, may_merge="<<" in text or "merge" in text)
        try:
            data = builder.mapping(node, "")
        except RecursionError:
            raise _unreadable("YAML 嵌套层级过深，无法检查", "the YAML document is nested too deeply") from None
    finally:
        loader.dispose()
    return _report(path, "yaml", data, _NodeSpans(node), builder.section_keys, builder.notes,
                   _YAML_BREAKS.split(text))


# ---------------------------------------------------------------- JSON

_ws = re.compile(r"[ \t\n\r]*").match
_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LITERALS = (("true", True), ("false", False), ("null", None),
             ("NaN", float("nan")), ("Infinity", float("inf")), ("-Infinity", float("-inf")))
_JSON_PROBLEMS = (
    ("Unterminated string", "字符串缺少结束的双引号"),
    ("Invalid control character", "字符串中有未转义的控制字符（如换行须写成 \\n）"),
    ("Invalid \\uXXXX", "无效的 \\uXXXX 转义"),
    ("Invalid \\escape", "无效的转义字符（反斜杠“\\”须写成 \\\\）"),
)


class _JsonSyntax(Exception):
    def __init__(self, index: int, zh: str, en: str):
        super().__init__(en)
        self.index, self.zh, self.en = index, zh, en


class _JsonParser:
    def __init__(self, text: str):
        self.s = text
        self.n = len(text)
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.spans: dict[str, Span] = {}
        self.section_keys: dict[str, Span] = {}
        self.notes: list[Finding] = []

    def at(self, i: int) -> tuple[int, int]:
        line = bisect_right(self.starts, i)
        return line, i - self.starts[line - 1] + 1

    def span(self, i: int, j: int) -> Span:
        line, col = self.at(i)
        end_line, end_col = self.at(j)
        return Span(line=line, column=col, end_line=end_line, end_column=end_col)

    def skip(self, i: int) -> int:
        return _ws(self.s, i).end()

    def expected(self, i: int, zh: str, en: str) -> _JsonSyntax:
        if i >= self.n:
            return _JsonSyntax(i, f"文件意外结束，{zh}", f"unexpected end of file, {en}")
        return _JsonSyntax(i, f"{zh}，实际为“{self.s[i]}”", f"{en}, found {self.s[i]!r}")

    def string(self, i: int) -> tuple[str, int]:
        try:
            text, end = scanstring(self.s, i + 1, True)
        except JSONDecodeError as exc:
            zh = next((z for needle, z in _JSON_PROBLEMS if exc.msg.startswith(needle)), "字符串无效")
            raise _JsonSyntax(exc.pos, zh, exc.msg) from None
        # scanstring joins escaped surrogate pairs; what is left ("\ud800" alone) is no
        # character, and no output (UTF-8 file, terminal) could carry it.
        if _SURROGATE.search(text):
            raise _JsonSyntax(i, "字符串中有无效的 \\uXXXX 转义（孤立的代理码位）",
                              "invalid \\uXXXX escape in string (a lone surrogate)")
        return text, end

    def value(self, i: int, pointer: str, key: tuple[int, int] | None):
        s = self.s
        c = s[i] if i < self.n else ""
        if c == "{" or c == "[":
            if pointer:
                self.spans[pointer] = self.span(*key) if key else self.span(i, i + 1)
            return self.object(i, pointer) if c == "{" else self.array(i, pointer)
        if c == '"':
            value, end = self.string(i)
        else:
            m = _NUMBER.match(s, i)
            if m:
                integer, frac, exp = m.groups()
                try:
                    value = float(m.group()) if frac or exp else int(integer)
                except ValueError:  # beyond Python's int/str conversion limit (4300 digits)
                    line, col = self.at(i)
                    raise _too_many_digits(Span(line=line, column=col), len(integer)) from None
                end = m.end()
            else:
                for word, value in _LITERALS:
                    if s.startswith(word, i):
                        end = i + len(word)
                        break
                else:
                    raise self.expected(i, "此处应为一个值（数字、带双引号的字符串、true、false、null、对象或数组）",
                                        "expected a value")
        self.spans[pointer] = self.span(i, end)
        return value, end

    def object(self, i: int, pointer: str) -> tuple[dict, int]:
        s = self.s
        out: dict = {}
        first: dict[str, tuple[int, int]] = {}
        i = self.skip(i + 1)
        if i < self.n and s[i] == "}":
            return out, i + 1
        while True:
            if i >= self.n or s[i] != '"':
                raise self.expected(i, "此处应为带双引号的键名", "expected a property name in double quotes")
            key, j = self.string(i)
            where = (i, j)
            child = f"{pointer}/{_escape(key)}"
            i = self.skip(j)
            if i >= self.n or s[i] != ":":
                raise self.expected(i, "键名后应为冒号“:”", "expected ':' after the property name")
            i = self.skip(i + 1)
            if key in out:
                self.notes.append(_duplicate(child, key, self.span(*first[key]), self.span(*where)))
            else:
                first[key] = where
            if pointer == "/sections" and key not in self.section_keys:
                self.section_keys[key] = self.span(*where)
            out[key], i = self.value(i, child, where)
            i = self.skip(i)
            c = s[i] if i < self.n else ""
            if c == ",":
                i = self.skip(i + 1)
            elif c == "}":
                return out, i + 1
            else:
                raise self.expected(i, "此处应为逗号“,”或右花括号“}”", "expected ',' or '}'")

    def array(self, i: int, pointer: str) -> tuple[list, int]:
        s = self.s
        out: list = []
        i = self.skip(i + 1)
        if i < self.n and s[i] == "]":
            return out, i + 1
        while True:
            item, i = self.value(i, f"{pointer}/{len(out)}", None)
            out.append(item)
            i = self.skip(i)
            c = s[i] if i < self.n else ""
            if c == ",":
                i = self.skip(i + 1)
            elif c == "]":
                return out, i + 1
            else:
                raise self.expected(i, "此处应为逗号“,”或右方括号“]”", "expected ',' or ']'")

    def document(self) -> dict:
        i = self.skip(0)
        if i >= self.n:
            raise InputProblem("I010", Message("JSON 文件中没有内容", "the JSON file has no content"))
        if self.s[i] != "{":
            what = "数组" if self.s[i] == "[" else "单个值"
            line, col = self.at(i)
            raise _unreadable(f"JSON 文件的顶层应为对象（{{\"meta\": …, \"sections\": …, \"tables\": …}}），实际为{what}",
                              "the top level of the JSON file must be an object", Span(line=line, column=col))
        data, i = self.object(i, "")
        i = self.skip(i)
        if i < self.n:
            raise _JsonSyntax(i, "对象结束后还有多余的内容", "extra data after the top-level object")
        return data


def read_json(path: str, text: str) -> Report:
    """Read a JSON report. Raises InputProblem (I001 syntax/shape, I010 empty document)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    parser = _JsonParser(text)
    try:
        data = parser.document()
    except _JsonSyntax as exc:
        line, col = parser.at(min(exc.index, len(text)))
        raise _unreadable(f"JSON 语法错误（第{line}行第{col}列）：{exc.zh}",
                          f"JSON syntax error at line {line}, column {col}: {exc.en}",
                          Span(line=line, column=col)) from None
    except RecursionError:
        raise _unreadable("JSON 嵌套层级过深，无法检查", "the JSON document is nested too deeply") from None
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]
    return _report(path, "json", data, parser.spans, parser.section_keys, parser.notes, lines)


# ---------------------------------------------------------------- shared

def _layout_paths(version: str) -> frozenset[tuple[str, ...]]:
    paths = set()
    for table in spec.TABLES[version].values():
        for block in table.blocks:
            base = (table.id,) if table.flat else (table.id, block.id)
            paths.add(base)
            for row in block.rows:
                paths.add(base + (row.id,))
                paths.update(base + (row.id, col.id) for col in block.columns)
    return frozenset(paths)


_ONLY: dict[str, frozenset[tuple[str, ...]]] = {}


def _only_in(version: str) -> frozenset[tuple[str, ...]]:
    """Table paths (table, [block,] row, column) that exist in this format and not the other."""
    if not _ONLY:
        a, b = _layout_paths("2019"), _layout_paths("2021")
        _ONLY["2019"], _ONLY["2021"] = a - b, b - a
    return _ONLY[version]


def _present_paths(tables: dict):
    for tid, table in tables.items():
        if not isinstance(table, dict):
            continue
        if tid == "proactive":
            for bid, block in table.items():
                yield (tid, bid)
                if isinstance(block, dict):
                    for rid, row in block.items():
                        yield (tid, bid, rid)
                        if isinstance(row, dict):
                            yield from ((tid, bid, rid, cid) for cid in row)
        else:
            for rid, row in table.items():
                yield (tid, rid)
                if isinstance(row, dict):
                    yield from ((tid, rid, cid) for cid in row)


def detect_layout(data: dict) -> tuple[str | None, list[str]]:
    """The table layout a structured report follows, from its keys, with the deciding pointers.

    A key counts when it exists in only one format and its parent exists in both (so a
    2019-only block counts once, not once per cell). None when there is no evidence or the
    evidence is split evenly."""
    tables = data.get("tables")
    if not isinstance(tables, dict):
        return None, []
    found: dict[str, list[str]] = {"2019": [], "2021": []}
    for path in _present_paths(tables):
        for version in found:
            only = _only_in(version)
            if path in only and path[:-1] not in only:
                found[version].append(spec.join_pointer("tables", *path))
    old, new = found["2019"], found["2021"]
    if len(old) > len(new):
        return "2019", old
    if len(new) > len(old):
        return "2021", new
    return None, []


def _report(path: str, kind: str, data: dict, spans: Mapping[str, Span], section_keys: dict[str, Span],
            notes: list[Finding], lines: list[str]) -> Report:
    headings: list[Heading] = []
    texts: list[str] = []
    sections = data.get("sections")
    if isinstance(sections, dict):
        for sid, body in sections.items():
            section = spec.SECTION_BY_ID.get(sid)
            if section is not None:
                headings.append(Heading(sid, section.full_heading, True, section_keys.get(sid)))
            if isinstance(body, str):
                texts.append(body)
    declared = data.get("format_version")
    if isinstance(declared, str) and declared in spec.FORMAT_VERSIONS:
        version, evidence = declared, ["/format_version"]
    else:
        version, evidence = detect_layout(data)
    return Report(path=path, kind=kind, data=data, spans=spans, headings=headings, format_version=version,
                  layout_evidence=evidence, text="\n".join(texts), lines=lines, notes=notes)
