"""Silencing or re-levelling findings: an overrides file and inline comments.

Overrides file (``--overrides FILE`` or ``overrides = "FILE"`` in the config), Spectral-style
YAML — a list of entries, or a mapping with an ``overrides:`` list::

    - files: ["reports/2021/*.yaml"]          # globs, relative to the overrides file
      rules: [A401]                           # exact codes
      location: 表三/（七）总计/自然人          # optional: logical path or JSON pointer, prefix match
      action: off                             # off (default) | error | warning | info
      reason: 上级主管部门口径，已书面确认       # mandatory

A glob without ``/`` matches the file name at any depth; ``**`` spans directories. When
several entries match one finding, the last one wins. A suppressed finding stays in the
result with ``suppressed=<reason>`` (reporters hide it unless ``--show-suppressed``); a
re-levelled one gets the new severity. An entry without a reason, or with an unknown key,
action or code, is a `ConfigError` (exit 2).

Unused overrides (code L002) are reported as diagnostics of a result for the overrides file
itself (kind ``"overrides"``, located at the entry's line), so every output format shows
them and they count like any other finding. An entry is judged only when its globs matched a
file of this run: checking a subset of the files (pre-commit) cannot make it "unused".

Inline comments (text inputs only — a .docx or PDF cannot carry them, and the linter never
writes to its inputs)::

    # xxgk-lint: disable=C601,C602 本机关未设传真            (YAML)
    <!-- xxgk-lint: disable=C601 本机关未设传真 -->           (Markdown, HTML; one line)

The scope is the **whole file**: a finding in an extracted table has no reliable "next line",
so line scopes would silently miss. The reason is mandatory; a comment without one, or one
that cannot be parsed, does not take effect and is reported as L003. A code that silenced
nothing is reported as L001 at the comment's line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Literal

from .config import ConfigError
from .model import SEVERITIES, Diagnostic, FileResult, Location, Message, ResultKind, Severity
from .rule_api import CODE_PATTERN

if TYPE_CHECKING:
    from .config import Config

__all__ = ["ConfigError", "InlineSuppression", "Override", "Overrides", "OVERRIDES_KIND",
           "apply", "find_inline", "load_overrides"]

OVERRIDES_KIND: Literal["overrides"] = "overrides"   # FileResult.kind of the pseudo-result carrying L002
# What an override does to the findings it matches: silence them, or give them another severity.
Action = Literal["off"] | Severity
ACTIONS: tuple[Action, ...] = ("off", *SEVERITIES)
_ENTRY_KEYS = {"files", "rules", "location", "action", "reason"}


# ---------------------------------------------------------------- overrides file

def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """Translate a path glob (``*``, ``?``, ``[..]``, ``**``) to an anchored regex on posix paths."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1:end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


def relative_posix(path: str | os.PathLike, base: Path) -> str:
    """`path` relative to `base` in posix form ('..' allowed), so keys do not depend on the cwd."""
    absolute = Path(path) if Path(path).is_absolute() else Path.cwd() / path
    try:
        return Path(os.path.relpath(absolute.resolve(), base.resolve())).as_posix()
    except ValueError:   # another drive on Windows
        return absolute.resolve().as_posix()


@dataclass
class Override:
    files: tuple[str, ...]
    rules: frozenset[str]
    location: str | None
    action: Action
    reason: str
    line: int | None = None          # 1-based line of the entry in the overrides file
    matched_files: int = 0           # files of this run its globs matched
    hits: int = 0                    # findings it silenced or re-levelled
    _globs: tuple[tuple[str, re.Pattern[str]], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        normalised = (g.strip().replace("\\", "/").removeprefix("./") for g in self.files)
        self._globs = tuple((g, glob_to_regex(g)) for g in normalised)

    def matches_file(self, rel: str) -> bool:
        name = rel.rsplit("/", 1)[-1]
        return any(rx.match(rel) or ("/" not in g and rx.match(name)) for g, rx in self._globs)

    def matches(self, diag: Diagnostic) -> bool:
        if diag.code not in self.rules:
            return False
        if not self.location:
            return True
        if self.location.startswith("/"):
            # a JSON pointer names keys: a prefix of whole segments (/…/disc is not /…/disclosed)
            target = diag.location.pointer
            return target == self.location or target.startswith(self.location + "/")
        # the location text as the clerk reads it: any prefix, so 表三/（六） covers 表三/（六）其他处理1.…
        return diag.location.logical().startswith(self.location)


@dataclass
class Overrides:
    path: Path                       # as given (shown in output)
    entries: list[Override]

    def for_file(self, path: str) -> list[Override]:
        rel = relative_posix(path, self.path.parent)
        found = [e for e in self.entries if e.matches_file(rel)]
        for e in found:
            e.matched_files += 1
        return found

    def unused(self) -> list[Override]:
        return [e for e in self.entries if e.matched_files and not e.hits]


def load_overrides(path: str | os.PathLike, known_codes: Iterable[str] | None = None) -> Overrides:
    """Read and validate an overrides file; every problem is a `ConfigError` naming the entry."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}：无法读取豁免文件（{getattr(exc, 'strerror', None) or exc}）",
                          f"{path}: cannot read overrides file: {exc}") from exc
    try:
        doc = YAML(typ="rt").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"（第{mark.line + 1}行第{mark.column + 1}列附近）" if mark is not None else ""
        raise ConfigError(f"{path}：豁免文件不是有效的 YAML{at}；请检查缩进和冒号",
                          f"{path}: invalid YAML: {exc}") from exc
    except (TypeError, ValueError, RecursionError) as exc:    # e.g. an alias to a list used as a key
        raise ConfigError(f"{path}：豁免文件的 YAML 结构无法使用（{type(exc).__name__}）",
                          f"{path}: unusable YAML structure ({type(exc).__name__}: {exc})") from None
    if isinstance(doc, dict):
        unknown = set(doc) - {"overrides"}
        if unknown:
            raise ConfigError(f"{path}：无法识别的顶层键 {'、'.join(sorted(map(str, unknown)))}；"
                              "豁免文件应为豁免项列表，或写在 overrides: 之下",
                              f"{path}: unknown top-level key(s) {', '.join(sorted(map(str, unknown)))}; "
                              "expected a list of entries or `overrides:`")
        doc = doc.get("overrides")
    if doc is None:
        doc = []
    if not isinstance(doc, list):
        raise ConfigError(f"{path}：豁免文件应为豁免项列表（每项以“- ”开头）",
                          f"{path}: expected a list of override entries")
    known = set(known_codes) if known_codes is not None else None
    entries = []
    for i, raw in enumerate(doc):
        line = _line_of(doc, i)
        entries.append(_entry(raw, f"{path}:{line or i + 1}", known, line))
    return Overrides(path, entries)


def _line_of(doc, index: int) -> int | None:
    """The 1-based line of a list item, when the YAML loader kept it (not for tagged nodes)."""
    try:
        return doc.lc.item(index)[0] + 1
    except (AttributeError, TypeError, KeyError, IndexError):
        return None


def _strings(value, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}：{key} 应为非空的字符串列表",
                          f"{where}: `{key}` must be a non-empty list of strings")
    return tuple(str(v).strip() for v in value)


def _entry(raw, where: str, known: set[str] | None, line: int | None) -> Override:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}：每个豁免项应包含 files、rules、reason 等键",
                          f"{where}: an override entry must be a mapping")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise ConfigError(f"{where}：无法识别的键 {'、'.join(sorted(map(str, unknown)))}；"
                          f"可用：{'、'.join(sorted(_ENTRY_KEYS))}",
                          f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; "
                          f"allowed: {', '.join(sorted(_ENTRY_KEYS))}")
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ConfigError(f"{where}：豁免项必须写明理由（reason）：为什么这个问题可以保留",
                          f"{where}: `reason` is mandatory (why may this finding stay?)")
    files = _strings(raw.get("files"), where, "files")
    codes = tuple(c.upper() for c in _strings(raw.get("rules"), where, "rules"))
    for code in codes:
        if not CODE_PATTERN.match(code):
            raise ConfigError(f"{where}：“{code}”不是规则代码（如 A401）",
                              f"{where}: `{code}` is not a rule code (e.g. A401)")
        if known is not None and code not in known:
            raise ConfigError(f"{where}：规则代码 {code} 不存在（xxgk-lint rules 列出全部规则）",
                              f"{where}: unknown rule code {code} (run `xxgk-lint rules`)")
    action = raw.get("action", "off")
    if action not in ACTIONS:
        raise ConfigError(f"{where}：action {action!r} 无效；可选：{'、'.join(ACTIONS)}",
                          f"{where}: action {action!r}; use one of {', '.join(ACTIONS)}")
    location = raw.get("location")
    if location is not None:
        if not isinstance(location, str) or not location.strip():
            raise ConfigError(f"{where}：location 应为位置路径（如 表三/（七）总计）或 JSON 指针",
                              f"{where}: `location` must be a logical path or a JSON pointer")
        location = location.strip().rstrip("/") or None
    return Override(files, frozenset(codes), location, action, reason.strip(), line)


# ---------------------------------------------------------------- inline comments

_CODES = r"[A-Za-z]{1,3}[0-9]{3}(?:\s*,\s*[A-Za-z]{1,3}[0-9]{3})*"
_DIRECTIVE = re.compile(rf"^disable=(?P<codes>{_CODES})(?:\s+(?P<reason>.*?))?\s*$")
_YAML_COMMENT = re.compile(r"#\s*xxgk-lint:(?P<body>.*)$")
_HTML_COMMENT = re.compile(r"<!--\s*xxgk-lint:(?P<body>.*?)-->")
_COMMENT_SYNTAX = {"yaml": _YAML_COMMENT, "md": _HTML_COMMENT, "html": _HTML_COMMENT}
# Plain text has no comments: a directive there would be read as the report's own text, so it is
# refused (L003) rather than ignored in silence; the overrides file is the way for .txt reports.
_PLAIN_DIRECTIVE = re.compile(r"xxgk-lint:(?P<body>.*)$")
_NO_COMMENTS = {"txt"}


@dataclass
class InlineSuppression:
    line: int
    column: int
    codes: tuple[str, ...]           # empty when the comment could not be parsed
    reason: str | None
    text: str                        # the comment as written
    used: set[str] = field(default_factory=set)
    refused: bool = False            # in a format without comments (.txt): never takes effect

    @property
    def valid(self) -> bool:
        return bool(self.codes) and is_real_reason(self.reason) and not self.refused


MIN_REASON_CHARS = 4       # letters or digits: "本机关未设传真" passes, "." or "ok" does not


def is_real_reason(reason: str | None) -> bool:
    """Whether a suppression's reason is a sentence, not a placeholder: at least
    MIN_REASON_CHARS letters or digits (a reason of "." or "…" silences nothing)."""
    import unicodedata

    return reason is not None and sum(
        1 for c in reason if unicodedata.category(c)[0] in "LN") >= MIN_REASON_CHARS


def find_inline(lines: list[str] | None, kind: ResultKind | None) -> list[InlineSuppression]:
    """Every `xxgk-lint:` comment in the source lines of a YAML, Markdown or HTML input."""
    if lines and kind in _NO_COMMENTS:
        return [InlineSuppression(number, m.start() + 1, (), None, m.group(0).strip(), refused=True)
                for number, text in enumerate(lines, 1) for m in _PLAIN_DIRECTIVE.finditer(text)]
    syntax = _COMMENT_SYNTAX.get(kind or "")
    if not lines or syntax is None:
        return []
    found = []
    for number, text in enumerate(lines, 1):
        for m in syntax.finditer(text):
            d = _DIRECTIVE.match(m.group("body").strip())
            codes = tuple(c.strip().upper() for c in d.group("codes").split(",")) if d else ()
            reason = (d.group("reason") or "").strip() or None if d else None
            found.append(InlineSuppression(number, m.start() + 1, codes, reason, m.group(0).strip()))
    return found


# ---------------------------------------------------------------- applying both

def apply(result: FileResult, overrides: Overrides | None, inline: list[InlineSuppression],
          *, config: "Config | None" = None) -> FileResult:
    """The result with overrides and inline suppressions applied, plus L001/L003 findings.

    Records on each `Override` that it matched this file and what it hit, so that
    `Overrides.unused()` is meaningful after all files went through here.
    """
    entries = overrides.for_file(result.path) if overrides else []
    valid_inline = [s for s in inline if s.valid]
    diagnostics = []
    for diag in result.diagnostics:
        hits = [e for e in entries if e.matches(diag)]
        for e in hits:
            e.hits += 1
        by_comment = next((s for s in valid_inline if diag.code in s.codes), None)
        if by_comment is not None:
            assert by_comment.reason is not None    # a valid suppression has a reason
            by_comment.used.add(diag.code)
            diag = _suppress(diag, by_comment.reason, "inSource", f"{result.path}:{by_comment.line}")
        elif hits and overrides is not None:    # (entries, and so hits, come from the overrides)
            winner = hits[-1]
            origin = f"{overrides.path}:{winner.line}" if winner.line else str(overrides.path)
            if winner.action == "off":
                diag = _suppress(diag, winner.reason, "external", origin)
            elif winner.action != diag.severity:
                details = {**(diag.details or {}),
                           "severity_override": {"from": diag.severity, "reason": winner.reason,
                                                 "source": origin}}
                diag = replace(diag, severity=winner.action, details=details)
        diagnostics.append(diag)
    diagnostics += _bookkeeping(result.path, inline, config)
    diagnostics.sort(key=Diagnostic.sort_key)
    return replace(result, diagnostics=diagnostics)


def _suppress(diag: Diagnostic, reason: str, kind: Literal["inSource", "external"], source: str) -> Diagnostic:
    details = {**(diag.details or {}), "suppression": {"kind": kind, "source": source}}
    return replace(diag, suppressed=reason, details=details)


def _meta_diagnostic(code: str, message: Message, location: Location,
                     config: "Config | None") -> Diagnostic | None:
    from .rules import meta

    rule = {r.code: r for r in (meta.unused_suppression, meta.unused_override,
                                meta.invalid_suppression)}[code]
    if config is not None and not config.is_selected(code):
        return None
    severity = config.severity.get(code, rule.severity) if config is not None else rule.severity
    return Diagnostic(code=code, name=rule.name, category=rule.category, severity=severity,
                      message=message, location=location)


def _bookkeeping(path: str, inline: list[InlineSuppression], config) -> list[Diagnostic]:
    out = []
    for s in inline:
        loc = Location(path=path, line=s.line, column=s.column)
        if s.refused:
            d = _meta_diagnostic("L003", Message(
                f"纯文本（.txt）文件没有注释，行内豁免「{s.text}」不生效，且会被当作报告正文；"
                "请删除这一行，改用豁免文件（--overrides）",
                f"plain text (.txt) has no comments: the inline suppression `{s.text}` has no effect and "
                "is read as the report's text; remove the line and use an overrides file (--overrides)"),
                loc, config)
        elif not s.codes:
            d = _meta_diagnostic("L003", Message(
                f"无法解析的 xxgk-lint 注释「{s.text}」，应写作 xxgk-lint: disable=代码[,代码] 理由；该注释不生效",
                f"cannot parse the xxgk-lint comment `{s.text}`; write `xxgk-lint: disable=CODE[,CODE] "
                "reason`; it has no effect"), loc, config)
        elif not s.reason:
            d = _meta_diagnostic("L003", Message(
                f"豁免注释「{s.text}」缺少理由，不生效：请在代码后写明为何保留该问题",
                f"the suppression `{s.text}` gives no reason and has no effect: say after the code(s) "
                "why the finding may stay"), loc, config)
        elif not is_real_reason(s.reason):
            d = _meta_diagnostic("L003", Message(
                f"豁免注释「{s.text}」的理由过短或只有标点，不生效：请用一句话写明为何保留该问题"
                f"（至少 {MIN_REASON_CHARS} 个字）",
                f"the suppression `{s.text}` gives no real reason (too short, or only punctuation) and "
                f"has no effect: say in a sentence why the finding may stay (at least {MIN_REASON_CHARS} "
                "letters)"), loc, config)
        else:
            unused = [c for c in s.codes if c not in s.used]
            d = _meta_diagnostic("L001", Message(
                f"豁免注释中的 {'、'.join(unused)} 未豁免任何问题（本文件没有该问题），请删除",
                f"the suppression of {', '.join(unused)} silences nothing (no such finding in this "
                "file); remove it"), loc, config) if unused else None
        if d is not None:
            out.append(d)
    return out


def unused_overrides_result(overrides: Overrides, *, config: "Config | None" = None) -> FileResult | None:
    """A result for the overrides file holding one L002 per unused entry, or None."""
    diagnostics = []
    for e in overrides.unused():
        codes = ", ".join(sorted(e.rules))
        where = f"（位置 {e.location}）" if e.location else ""
        where_en = f" at {e.location}" if e.location else ""
        d = _meta_diagnostic("L002", Message(
            f"豁免项 {codes}{where} 适用于本次检查的文件，但没有匹配到任何问题：请改正位置或代码，或删除该项",
            f"override {codes}{where_en} applies to files of this run but matched no finding: fix its "
            "location or codes, or remove it"),
            Location(path=str(overrides.path), line=e.line, column=1 if e.line else None), config)
        if d is not None:
            diagnostics.append(d)
    if not diagnostics:
        return None
    return FileResult(path=str(overrides.path), kind=OVERRIDES_KIND, diagnostics=diagnostics)
