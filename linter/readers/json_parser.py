"""A JSON parser that records where every value is: JSON text → data, spans, duplicate keys.

`json.loads` keeps no positions, and its `object_pairs_hook` sees no offsets, so this small
parser walks the text itself; strings are decoded by the stdlib's C `scanstring`, which is
most of the work. `Report.spans` conventions (docs/ARCHITECTURE.md): the span of the value
for a leaf, of the key for an object or array; 1-based, `end_column` exclusive.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from json import JSONDecodeError
from json.decoder import scanstring  # type: ignore[attr-defined]  # typeshed omits it; json's own C scanner

from ..model import Finding, InputProblem, Message, Span
from .structured_common import duplicate_key, escape_key, too_many_digits, unreadable

_whitespace = re.compile(r"[ \t\n\r]*").match
_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LITERALS: tuple[tuple[str, bool | float | None], ...] = (
    ("true", True), ("false", False), ("null", None),
    ("NaN", float("nan")), ("Infinity", float("inf")), ("-Infinity", float("-inf")))
_STRING_PROBLEMS = (
    ("Unterminated string", "字符串缺少结束的双引号"),
    ("Invalid control character", "字符串中有未转义的控制字符（如换行须写成 \\n）"),
    ("Invalid \\uXXXX", "无效的 \\uXXXX 转义"),
    ("Invalid \\escape", "无效的转义字符（反斜杠“\\”须写成 \\\\）"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonSyntax(Exception):
    """A syntax error at character `index`, described in both languages."""

    def __init__(self, index: int, zh: str, en: str):
        super().__init__(en)
        self.index, self.zh, self.en = index, zh, en


class JsonParser:
    """Parses one JSON text; after `document()`, `spans` holds the span of every JSON pointer,
    `section_keys` the span of each key under /sections, `notes` the duplicate-key findings."""

    def __init__(self, text: str):
        self.s = text
        self.n = len(text)
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.spans: dict[str, Span] = {}
        self.section_keys: dict[str, Span] = {}
        self.notes: list[Finding] = []

    def at(self, i: int) -> tuple[int, int]:
        """Line and column (1-based) of character `i`."""
        line = bisect_right(self.starts, i)
        return line, i - self.starts[line - 1] + 1

    def span(self, i: int, j: int) -> Span:
        line, col = self.at(i)
        end_line, end_col = self.at(j)
        return Span(line=line, column=col, end_line=end_line, end_column=end_col)

    def skip(self, i: int) -> int:
        """Where the whitespace from `i` ends (the pattern matches the empty string: always a match)."""
        m = _whitespace(self.s, i)
        return m.end() if m else i

    def expected(self, i: int, zh: str, en: str) -> JsonSyntax:
        if i >= self.n:
            return JsonSyntax(i, f"文件意外结束，{zh}", f"unexpected end of file, {en}")
        return JsonSyntax(i, f"{zh}，实际为“{self.s[i]}”", f"{en}, found {self.s[i]!r}")

    def string(self, i: int) -> tuple[str, int]:
        try:
            text, end = scanstring(self.s, i + 1, True)
        except JSONDecodeError as exc:
            zh = next((z for needle, z in _STRING_PROBLEMS if exc.msg.startswith(needle)), "字符串无效")
            raise JsonSyntax(exc.pos, zh, exc.msg) from None
        # scanstring joins escaped surrogate pairs; what is left ("\ud800" alone) is no
        # character, and no output (UTF-8 file, terminal) could carry it.
        if _SURROGATE.search(text):
            raise JsonSyntax(i, "字符串中有无效的 \\uXXXX 转义（孤立的代理码位）",
                             "invalid \\uXXXX escape in string (a lone surrogate)")
        return text, end

    def literal(self, i: int) -> tuple[bool | float | None, int]:
        for word, value in _LITERALS:
            if self.s.startswith(word, i):
                return value, i + len(word)
        raise self.expected(i, "此处应为一个值（数字、带双引号的字符串、true、false、null、对象或数组）",
                            "expected a value")

    def value(self, i: int, pointer: str, key: tuple[int, int] | None) -> tuple[object, int]:
        """The value at `i` and where it ends; `key` is the (start, end) of its key, if any."""
        s = self.s
        c = s[i] if i < self.n else ""
        if c == "{" or c == "[":
            if pointer:
                self.spans[pointer] = self.span(*key) if key else self.span(i, i + 1)
            return self.object(i, pointer) if c == "{" else self.array(i, pointer)
        value: object
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
                    raise too_many_digits(Span(line=line, column=col), len(integer)) from None
                end = m.end()
            else:
                value, end = self.literal(i)
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
            child = f"{pointer}/{escape_key(key)}"
            i = self.skip(j)
            if i >= self.n or s[i] != ":":
                raise self.expected(i, "键名后应为冒号“:”", "expected ':' after the property name")
            i = self.skip(i + 1)
            if key in out:
                self.notes.append(duplicate_key(child, key, self.span(*first[key]), self.span(*where)))
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
        out: list = []
        i = self.skip(i + 1)
        if i < self.n and self.s[i] == "]":
            return out, i + 1
        while True:
            item, i = self.value(i, f"{pointer}/{len(out)}", None)
            out.append(item)
            i = self.skip(i)
            c = self.s[i] if i < self.n else ""
            if c == ",":
                i = self.skip(i + 1)
            elif c == "]":
                return out, i + 1
            else:
                raise self.expected(i, "此处应为逗号“,”或右方括号“]”", "expected ',' or ']'")

    def document(self) -> dict:
        """The top-level object. Raises JsonSyntax, or InputProblem (I010 empty, I001 not an object)."""
        i = self.skip(0)
        if i >= self.n:
            raise InputProblem("I010", Message("JSON 文件中没有内容", "the JSON file has no content"))
        if self.s[i] != "{":
            what = "数组" if self.s[i] == "[" else "单个值"
            line, col = self.at(i)
            raise unreadable(f"JSON 文件的顶层应为对象（{{\"meta\": …, \"sections\": …, \"tables\": …}}），"
                             f"实际为{what}",
                             "the top level of the JSON file must be an object", Span(line=line, column=col))
        data, i = self.object(i, "")
        i = self.skip(i)
        if i < self.n:
            raise JsonSyntax(i, "对象结束后还有多余的内容", "extra data after the top-level object")
        return data
