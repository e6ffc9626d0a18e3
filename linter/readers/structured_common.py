"""What the YAML and JSON readers share: a key escaped for a JSON pointer, and what they report
about a file they cannot read as given (the I001 problem with the position where there is one,
a number too long to convert, a key given twice)."""

from __future__ import annotations

from ..model import Finding, InputProblem, Message, Span


def escape_key(key: str) -> str:
    """`key` as one part of a JSON pointer (`~` → `~0`, `/` → `~1`); most keys need nothing."""
    if "~" in key or "/" in key:
        return key.replace("~", "~0").replace("/", "~1")
    return key


def unreadable(zh: str, en: str, span: Span | None = None) -> InputProblem:
    return InputProblem("I001", Message(zh, en), span)


def too_many_digits(span: Span, digits: int) -> InputProblem:
    return unreadable(f"第{span.line}行第{span.column}列：数字位数过多（{digits} 位），无法读取",
                      f"line {span.line}, column {span.column}: a number with too many digits ({digits})", span)


def duplicate_key(pointer: str, key: str, first: Span | None, again: Span) -> Finding:
    where = f"（首次出现在第{first.line}行）" if first and first.line else ""
    where_en = f" (first at line {first.line})" if first and first.line else ""
    return Finding("Y002", Message(
        f"键“{key}”重复出现{where}，前面的值被后面的值覆盖；请删除或合并重复的键",
        f"key {key!r} appears twice{where_en}; the later value replaces the earlier one"),
        pointer=pointer, span=again, details={"key": key})
