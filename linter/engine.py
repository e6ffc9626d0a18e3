"""The library API: lint one file or many, returning `FileResult`s.

    from xxgk_lint.engine import Linter
    linter = Linter(config)              # loads rules once
    result = linter.lint_file("报告.docx")

One bad file never stops a run: anything a reader raises becomes an `input` finding
(the I0xx codes), and an unexpected exception in a reader, the extractor or a rule becomes
I007 naming the file (with the traceback when `debug` is on).
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Iterable, Iterator

from .config import Config
from .files import Found
from .model import (Diagnostic, FileResult, Finding, InputProblem, Location, Message, Report, Severity,
                    Span)
from .rule_api import Rule, RuleContext

STDIN = "-"
_UNSET = object()
# Below this recognition confidence an OCR value is doubtful: findings resting on it are
# lowered to warnings and ask for the original to be checked. Correct readings of printed
# digits and labels score >= 0.95 (docs/OCR.md); misread characters score lower.
OCR_CONFIDENT = 0.9


class Linter:
    def __init__(self, config: Config | None = None, *, debug: bool = False,
                 keep_data: bool = False):
        from .registry import load_rules

        self.config = config or Config()
        self.debug = debug
        self.keep_data = keep_data
        self.rules: dict[str, Rule] = load_rules(self.config.rules_dirs, self.config.local_rules)
        self.config.check_against(self.rules)
        # Rules with a check run when any code they produce is selected.
        produced: dict[str, set[str]] = {}
        for code, r in self.rules.items():
            if r.produced_by in self.rules:
                produced.setdefault(r.produced_by, set()).add(code)
        self._runnable = [r for r in self.rules.values() if r.check is not None and (
            self.config.is_selected(r.code)
            or any(self.config.is_selected(c) for c in produced.get(r.code, ())))]
        # The schema rule first: its presence findings are what other rules build on.
        self._runnable.sort(key=lambda r: (r.category != "schema", r.code))
        # Per-rule options depend on the configuration only: checked against the rules' declarations
        # and resolved once, here (a bad option stops the run before any file is read).
        self._options = self.config.options_for(self.rules.values())
        self._soffice: str | None | object = _UNSET

    # ---------------------------------------------------------------- public API

    def lint_paths(self, paths: Iterable[str]) -> Iterator[FileResult]:
        """Lint files and folders (walked for every report kind), in order."""
        return self.lint_found(find_report_files(paths))

    def lint_found(self, found: Found) -> Iterator[FileResult]:
        """Lint the files of a walk already made (`find_report_files`), in its order."""
        for path in found.paths:
            yield self.lint_listed(path, found)

    def lint_listed(self, path: str, found: Found) -> FileResult:
        """Lint one file of a walk: a file the walk refused (a link out of the folder) is not read."""
        refused = found.refused.get(path)
        return self.lint_file(path) if refused is None else self.unreadable(display_path(path), "I001", refused)

    def lint_file(self, path: str, data: bytes | None = None) -> FileResult:
        """Lint `path` (its bytes read here unless given; `-` reads standard input)."""
        shown = display_path(path)
        try:
            if data is None:
                data = read_bytes(path, self.config.max_file_size_mb)
            return self._lint(shown, data)
        except InputProblem as problem:
            return self.unreadable(shown, problem.code, problem.message, problem.span)
        except MemoryError:
            return self.unreadable(shown, "I004", Message(
                "检查该文件所需的内存超过上限（工作进程内存上限，见 --worker-memory-mb），已跳过该文件",
                "checking this file needs more memory than allowed (see --worker-memory-mb); "
                "the file was skipped"))
        except Exception as exc:  # noqa: BLE001 — one bad file must never stop a run
            return self.unreadable(shown, "I007", internal_error_message(exc, self.debug))

    def lint_stdin(self, name: str) -> FileResult:
        """Lint standard input as if it were a file called `name` (its extension picks the reader)."""
        try:
            data = read_bytes(STDIN, self.config.max_file_size_mb)
        except InputProblem as problem:
            return self.unreadable(name, problem.code, problem.message, problem.span)
        return self.lint_file(name, data)

    def prepare(self, paths: Iterable[str]) -> None:
        """Import now what linting `paths` will import: the readers of their kinds, the
        extractor for documents, jsonschema (it describes an invalid report's errors). A parent
        calls this before forking workers, which then share the modules instead of each
        importing them (measured: 0.25 s of CPU per worker for the first text report). Imports
        only: running a rule here could hang or end this process, not one worker."""
        import importlib

        from .readers import modules_for

        modules = modules_for(paths)
        if any(not m.endswith(".structured") for m in modules):
            modules.append(f"{__package__}.extract")
        for module in [*modules, "jsonschema"]:
            importlib.import_module(module)

    # ---------------------------------------------------------------- pipeline

    def _lint(self, path: str, data: bytes) -> FileResult:
        from .readers import read
        from .scope import pre_2019_code

        read_result = read(path, data, office=self._office())
        if isinstance(read_result, Report):
            report = read_result
        else:
            from .extract import extract
            report = extract(read_result)
            report.notes[:0] = read_result.notes
            if not looks_like_report(report):
                raise InputProblem("I011", Message(
                    "文件中没有政府信息公开工作年度报告的任何组成部分（无“一、总体情况”等部分标题、"
                    "无表二至表四，标题也未提及“政府信息公开”），不按年度报告检查",
                    "the file has no part of an annual report (no section headings, no tables 二–四, "
                    "no title naming 政府信息公开); it is not checked as a report"))
        ctx = self._context(report)
        # A report outside the 2019/2021 formats (pre-2019) gets its scope finding alone:
        # measured against the new format it would only produce noise.
        out_of_scope = pre_2019_code(report)
        runnable = self._runnable
        findings: list[Finding] = list(report.notes)
        if out_of_scope:
            runnable = [r for r in runnable if r.code == out_of_scope]
            findings = [f for f in findings if f.code in self.rules and self.rules[f.code].category == "input"]
        for rule in runnable:
            if ctx.format_version not in rule.formats:
                continue
            try:
                findings.extend(rule.run(report, ctx))
            except Exception as exc:  # noqa: BLE001 — a broken rule is reported, others still run
                findings.append(Finding("I007", Message(
                    f"规则 {rule.code}（{rule.name}）检查本文件时出错：{type(exc).__name__}: {exc}"
                    + (f"\n{traceback.format_exc()}" if self.debug else ""),
                    f"rule {rule.code} ({rule.name}) failed on this file: {type(exc).__name__}: {exc}")))
        diagnostics = self._resolve(path, report, ctx, findings)
        organ = _text(report.meta.get("organ"))
        return FileResult(
            path=path, kind=report.kind, diagnostics=diagnostics, checked=True, organ=organ,
            organ_level=ctx.organ_level, year=report.year, format_version=ctx.format_version,
            encoding=report.encoding, lines=report.lines,
            data=report.data if self.keep_data else None,
            text=report.text if self.keep_data else None)

    def _office(self):
        """LibreOffice for .doc/.wps, looked up once; the conversion cache as the config has it
        now (an audit sets one for its run after the linter was made)."""
        from .readers.office import OfficeSettings, find_soffice

        if self._soffice is _UNSET:
            self._soffice = find_soffice(self.config.soffice)
        return OfficeSettings(self._soffice, self.config.conversion_cache)

    def _context(self, report: Report) -> RuleContext:
        from .spec import ORGAN_LEVEL_BY_ID, format_version_for_year

        version = report.format_version
        if version is None:
            version = format_version_for_year(report.year) if report.year else None
        version = version or "2021"
        meta = report.meta
        level = self.config.organ_level
        declared = meta.get("organ_level")
        # a hand-written YAML may put anything there, a mapping (unhashable) included
        if level is None and isinstance(declared, str) and declared in ORGAN_LEVEL_BY_ID:
            level = declared
        organ = _text(meta.get("organ"))
        if level is None and organ is not None:
            from .organ import infer_level
            level = infer_level(organ)
        # No level from the config, the metadata or the name: how the prose names its own organ
        # (结合我镇实际, 我局…) — unless the author declared a level (even one not in the table).
        if level is None and (declared is None or (isinstance(declared, str) and not declared.strip())):
            from .organ import infer_level_from_text
            level = infer_level_from_text(report.text, organ)
        return RuleContext(format_version=version, organ_level=level, options=self._options)

    def _resolve(self, path: str, report: Report, ctx: RuleContext,
                 findings: list[Finding]) -> list[Diagnostic]:
        from .grouping import fold_consequences
        from .spec import describe

        selected = []
        for f in findings:
            if f.code not in self.rules:
                f = Finding("I007", Message(f"未登记的规则代码 {f.code}：{f.message.zh}",
                                            f"unregistered rule code {f.code}: {f.message.en}"),
                            f.pointer, f.span)
            if self.config.is_selected(f.code):
                selected.append(f)
        out: dict[tuple, Diagnostic] = {}
        for f in fold_consequences(selected):
            rule = self.rules[f.code]
            span = f.span or (report.span_for(f.pointer) if f.pointer else None)
            place = describe(f.pointer, ctx.format_version) if f.pointer else None
            location = make_location(path, span, place, f.pointer, _ocr_confidence(report, f.pointer, span))
            severity, message = self.config.severity.get(f.code, rule.severity), f.message
            if location.ocr is not None and location.ocr < OCR_CONFIDENT:
                severity, message = _doubtful(severity, message)
            diagnostic = Diagnostic(
                code=f.code, name=rule.name, category=rule.category,
                severity=severity, message=message,
                location=location, expected=f.expected, actual=f.actual,
                details=_located_group(f.details, report, path, ctx.format_version))
            # The same problem found twice (e.g. by a reader note and a rule) is reported once.
            out.setdefault((f.code, f.pointer, location.line, location.page, f.message.zh), diagnostic)
        return sorted(out.values(), key=Diagnostic.sort_key)

    def unreadable(self, path: str, code: str, message: Message, span: Span | None = None) -> FileResult:
        """The result for a file that was not checked: one input finding (`code`) saying why."""
        rule = self.rules.get(code) or self.rules["I007"]
        diagnostic = Diagnostic(code=rule.code, name=rule.name, category="input",
                                severity=self.config.severity.get(rule.code, rule.severity),
                                message=message, location=make_location(path, span, None, ""))
        return FileResult(path=path, kind=None, diagnostics=[diagnostic], checked=False)


def _located_group(details: dict | None, report: Report, path: str, version: str) -> dict | None:
    """Details with each member of a grouped finding located in the file (SARIF lists them as
    related locations, the exports as cells)."""
    from .spec import describe

    group = (details or {}).get("group")
    if not details or not group:
        return details
    located = []
    for member in group:
        pointer = member.get("pointer", "")
        loc = make_location(path, report.span_for(pointer), describe(pointer, version), pointer)
        located.append({**member, "location": loc.to_dict()})
    return {**details, "group": located}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _ocr_confidence(report: Report, pointer: str, span: Span | None) -> float | None:
    """The recognition confidence a finding rests on, None unless its place was read by OCR:
    the lowest of the value it points at and its siblings (a row total rests on its row)."""
    if span is None or span.ocr is None:
        return None
    confidence = span.ocr
    if pointer.count("/") >= 4:      # a value (/tables/applications/new/total), not a row
        prefix = pointer.rsplit("/", 1)[0] + "/"
        for key, sibling in report.spans.items():
            if key.startswith(prefix) and sibling.ocr is not None:
                confidence = min(confidence, sibling.ocr)
    return confidence


def _doubtful(severity: Severity, message: Message) -> tuple[Severity, Message]:
    """A finding resting on a doubtful OCR reading: at most a warning, and says so."""
    return ("warning" if severity == "error" else severity,
            Message(f"{message.zh}（识别值，请核对原件）",
                    f"{message.en} (value read by OCR with low confidence; check the original)"))


def looks_like_report(report: Report) -> bool:
    """Whether an extracted document is an annual report at all (a README or a notice is not):
    any recognised section heading or table, or a title naming the subject."""
    tables = report.data.get("tables")
    title = report.meta.get("title")
    return bool(report.headings or (isinstance(tables, dict) and tables)
                or (isinstance(title, str) and "政府信息公开" in title))


def display_path(path: str) -> str:
    """The path as text every output can encode.

    A file name that is not valid UTF-8 arrives with surrogate escapes (os.fsdecode); typically
    GBK names from a zip made on Windows. Decode those bytes as GB18030 when they are valid,
    otherwise show the bytes escaped, so that no reporter fails on the name.
    """
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "surrogateescape")
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            return raw.decode("utf-8", "backslashreplace")


def make_location(path: str, span: Span | None, place, pointer: str,
                  ocr: float | None = None) -> Location:
    """`ocr`: the recognition confidence the finding rests on (defaults to the span's own)."""
    span = span or Span()
    return Location(
        path=path, line=span.line, column=span.column, end_line=span.end_line,
        end_column=span.end_column, page=span.page, paragraph=span.paragraph,
        table_index=span.table, row_index=span.row, cell_index=span.cell,
        section=place.section if place else None, table=place.table if place else None,
        block=place.block if place else None, row=place.row if place else None,
        column_label=place.column if place else None, field=place.field if place else None,
        pointer=pointer, ocr=ocr if ocr is not None else span.ocr)


def internal_error_message(exc: BaseException, debug: bool) -> Message:
    detail = f"{type(exc).__name__}: {exc}"
    trace = f"\n{traceback.format_exc()}" if debug else ""
    return Message(f"检查该文件时出现内部错误（{detail}），其他文件不受影响。{trace}",
                   f"internal error while checking this file ({detail}); other files are unaffected.{trace}")


def read_bytes(path: str, max_mb: float) -> bytes:
    limit = int(max_mb * 1024 * 1024)
    if path == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
    else:
        try:
            with open_regular(path) as fh:
                size = os.fstat(fh.fileno()).st_size
                if size > limit:
                    raise _too_large(size, max_mb)
                data = fh.read(limit + 1)
        except NotRegularFile as exc:
            raise InputProblem("I001", Message(
                f"不是普通文件（{exc.kind[0]}），未打开；请只检查报告文件",
                f"not a regular file ({exc.kind[1]}); it was not opened")) from None
        except OSError as exc:
            raise InputProblem("I001", Message(f"无法打开文件：{exc.strerror or exc}",
                                               f"cannot open file: {exc.strerror or exc}")) from exc
    if len(data) > limit:
        raise _too_large(len(data), max_mb)
    return data


class NotRegularFile(OSError):
    """A FIFO, device or socket: opening or reading it could block or have effects."""

    def __init__(self, kind: tuple[str, str]):
        super().__init__(kind[1])
        self.kind = kind


def _special_kind(mode: int) -> tuple[str, str]:
    import stat

    if stat.S_ISFIFO(mode):
        return ("命名管道", "a FIFO")
    if stat.S_ISSOCK(mode):
        return ("套接字", "a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return ("设备文件", "a device")
    if stat.S_ISDIR(mode):
        return ("文件夹", "a folder")
    return ("特殊文件", "a special file")


def open_regular(path: str):
    """Open a regular file for reading in binary mode; NotRegularFile for anything else,
    decided before opening (a FIFO would block `open`, a device could act on being opened)
    and again on the opened descriptor (the name may have been swapped in between)."""
    import stat

    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFile(_special_kind(mode))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(_special_kind(mode))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _too_large(size: int, max_mb: float) -> InputProblem:
    mb = size / 1024 / 1024
    return InputProblem("I004", Message(f"文件大小 {mb:.1f} MB 超过上限 {max_mb:g} MB",
                                        f"file size {mb:.1f} MB exceeds the limit of {max_mb:g} MB"))


def find_report_files(paths: Iterable[str], *, once: bool = False):
    """`files.find_files` for every kind a run reads. Legacy Word/WPS files are included so
    that they get the "save as .docx" finding instead of being skipped without a word."""
    from .files import find_files
    from .readers import LEGACY_EXTENSIONS, SUPPORTED_EXTENSIONS

    return find_files(paths, SUPPORTED_EXTENSIONS + LEGACY_EXTENSIONS, once=once)


def lint_file(path: str, config: Config | None = None) -> FileResult:
    """Convenience wrapper: lint one file with a fresh `Linter`."""
    return Linter(config).lint_file(path)


def lint_paths(paths: Iterable[str], config: Config | None = None) -> list[FileResult]:
    """Convenience wrapper: lint files and folders with one `Linter`."""
    return list(Linter(config).lint_paths(paths))
