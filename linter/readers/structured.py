"""YAML and JSON reports: text → `Report`, with the exact position of every value.

This module holds the YAML reader and the JSON reader's entry; the JSON text itself is parsed
by `json_parser.py`, and what the data means as a report (its headings, the table layout its
keys follow) is decided by `extract/structured.py`.

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

"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..extract.structured import report_from_data
from ..model import Finding, InputProblem, Message, Report, Span
from .json_parser import JsonParser, JsonSyntax
from .structured_common import duplicate_key, escape_key, too_many_digits, unreadable

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


# ---------------------------------------------------------------- YAML

_YAML_PROBLEMS = (
    ("could not find expected ':'", "缺少冒号“:”（常见原因：上一行的值跨行而未加引号，或缩进错误）"),
    ("mapping values are not allowed", "此处不能出现“键: 值”（常见原因：值中含有未加引号的冒号“: ”，或缩进错误）"),
    ("that cannot start any token",
     "出现了不能作为开头的字符（常见原因：用制表符缩进，或值以 @、` 等字符开头而未加引号）"),
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
    return unreadable(f"YAML 语法错误{'（' + at_zh + '）' if at_zh else ''}：{zh}",
                       f"YAML syntax error{at_en}: {problem}", span)


def _reader_error(exc, text: str) -> InputProblem:
    position = getattr(exc, "position", None)
    span = None
    if isinstance(position, int) and 0 <= position <= len(text):
        line = text.count("\n", 0, position) + 1
        span = Span(line=line, column=position - (text.rfind("\n", 0, position) + 1) + 1)
    at_zh = f"第{span.line}行第{span.column}列" if span else ""
    at_en = f" at line {span.line}, column {span.column}" if span else ""
    return unreadable(f"YAML 文件{at_zh}含有不允许的字符（如控制字符），无法读取",
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
        return unreadable(f"第{span.line}行第{span.column}列：不支持 YAML 标签“{node.tag}”，请只使用普通的键、值和列表",
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
                raise too_many_digits(_node_span(node), len(text)) from None
        if tag == _FLOAT:
            return self.loader.construct_yaml_float(node)
        if tag == _BOOL:
            return self.loader.construct_yaml_bool(node)
        raise self._unsupported(node)

    def value(self, node, pointer: str):
        """The data of `node`; `pointer` (its JSON pointer) only names duplicate keys."""
        self.budget -= 1
        if self.budget < 0:
            raise unreadable("YAML 内容展开后过大（锚点/别名引用过多），无法检查",
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
                raise unreadable(f"第{span.line}行第{span.column}列：键必须是文本，不能是映射或列表",
                                  f"line {span.line}, column {span.column}: a key must be plain text", span)
            # Keys are names: keep their text (`yes:` must not become True, `2021:` not 2021).
            key = key_node.value
            if key in out:
                first = next(k for k, _ in node.value if k.id == "scalar" and k.value == key)
                self.notes.append(duplicate_key(f"{pointer}/{escape_key(key)}", key, _node_span(first),
                                                _node_span(key_node)))
            elif pointer == "/sections":
                self.section_keys[key] = _node_span(key_node)
            out[key] = self.value(value_node, f"{pointer}/{escape_key(key)}" if value_node.id != "scalar" else "")
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

    def __init__(self, root) -> None:
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
                    child = f"{pointer}/{escape_key(k.value)}"
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
        raise unreadable("YAML 文件含有无效的字符（孤立的代理码位），无法读取",
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
            sequence = node.id == "sequence"
            raise unreadable(
                f"YAML 文件的顶层应为键值对（meta:、sections:、tables: 等），实际为{'列表' if sequence else '单个值'}",
                f"the top level of the YAML file must be a mapping (meta:, sections:, tables: …), "
                f"not a {'list' if sequence else 'single value'}", _node_span(node))
        builder = _YamlBuilder(loader, may_merge="<<" in text or "merge" in text)
        try:
            data = builder.mapping(node, "")
        except RecursionError:
            raise unreadable("YAML 嵌套层级过深，无法检查", "the YAML document is nested too deeply") from None
    finally:
        loader.dispose()
    return report_from_data(path, "yaml", data, _NodeSpans(node), builder.section_keys, builder.notes,
                   _YAML_BREAKS.split(text))


# ---------------------------------------------------------------- JSON

def read_json(path: str, text: str) -> Report:
    """Read a JSON report. Raises InputProblem (I001 syntax/shape, I010 empty document)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    parser = JsonParser(text)
    try:
        data = parser.document()
    except JsonSyntax as exc:
        line, col = parser.at(min(exc.index, len(text)))
        raise unreadable(f"JSON 语法错误（第{line}行第{col}列）：{exc.zh}",
                         f"JSON syntax error at line {line}, column {col}: {exc.en}",
                         Span(line=line, column=col)) from None
    except RecursionError:
        raise unreadable("JSON 嵌套层级过深，无法检查", "the JSON document is nested too deeply") from None
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]
    return report_from_data(path, "json", data, parser.spans, parser.section_keys, parser.notes, lines)
