"""Bulk audit: lint every report under some folders in parallel, check reports against each
other, summarise per report and per rule, export for the people who follow up.

    from xxgk_lint.audit import run_audit
    audit = run_audit(["报告/"], config, jobs=2, timeout=60)
    for record in audit.worst_first():
        print(record.organ, record.status(), len(record.counted()))

Modules: `runner` (walk, worker processes, timeouts, ordered streaming), `record` (what is
kept per file), `signature` (MinHash of the prose), `crosscheck` (X101–X103), `roster` (who
must report: 未报送, 名单外), `summary` (terminal output, totals), `exports` (.xlsx .csv .json
.html). The history database (`audit --db`) is `xxgk_lint.history`.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from ..run_defaults import DEFAULT_TIMEOUT_S
from .record import ReportRecord

if TYPE_CHECKING:
    from ..config import Config
    from ..engine import Linter
    from ..files import Found
    from ..history.store import Store
    from ..model import FileResult, Severity
    from ..rule_api import Rule
    from .roster import Roster, RosterResult
    from .runner import RunStats

__all__ = ["DEFAULT_TIMEOUT_S", "Audit", "ReportRecord", "run_audit"]


@dataclass
class Audit:
    records: list[ReportRecord]          # in path order
    rules: dict[str, "Rule"]
    config: "Config"
    ignored: int = 0                     # files in the folders that are no report kind
    extra: list["FileResult"] = field(default_factory=list)   # findings about the overrides file (L002)
    stats: "RunStats | None" = None
    skipped_exports: list[str] = field(default_factory=list)   # xxgk-lint's own exports in the folders
    skipped: tuple[str, ...] = ()        # those files, to name them in the totals
    roster: "RosterResult | None" = None   # with a roster: who reported, who did not

    @property
    def fail_on(self) -> Severity:
        return self.config.fail_on

    @property
    def lang(self) -> str:
        return self.config.lang

    def worst_first(self) -> list[ReportRecord]:
        return sorted(self.records, key=lambda r: r.worst_key(self.fail_on))

    def exit_code(self) -> int:
        """1 when a counted finding reaches fail-on or a file could not be checked (unless its
        input finding was deliberately suppressed), else 0."""
        from ..model import SEVERITY_RANK

        floor = SEVERITY_RANK[self.fail_on]
        if any(not r.checked and r.counted() for r in self.records):
            return 1
        diagnostics = [d for r in self.records for d in r.diagnostics]
        diagnostics += [d for x in self.extra for d in x.diagnostics]
        return int(any(d.counted and SEVERITY_RANK[d.severity] >= floor for d in diagnostics))


def run_audit(paths: Iterable[str], config: "Config", *, jobs: int | None = None, timeout: float = DEFAULT_TIMEOUT_S,
              debug: bool = False, linter: "Linter | None" = None,
              overrides: str | Path | None = None,
              on_start: Callable[[int], None] | None = None,
              on_record: Callable[[ReportRecord], None] | None = None,
              roster: "Roster | None" = None, store: "Store | None" = None,
              found: "Found | None" = None) -> Audit:
    """Audit `paths` (files and folders). `on_start(total)` is called once the folders are
    walked, `on_record` as each file is done (in completion order, for progress display).
`linter` (made with keep_data=True, as the audit needs each report's data) is the one the
forked workers use; by default one is made from `config`.

With a `roster` (`roster.load_roster`) the audit says who has not reported. With a `store`
(`xxgk_lint.history.store.open_store`) X101/X102 also compare against the stored other years of
the same organs, and the run and its reports are stored once done.

`found` is the walk of `paths` when the caller already made it (`runner.walk`): the folders are
walked once per run.

    Raises `xxgk_lint.config.ConfigError` for a bad overrides file or rule option,
    `xxgk_lint.history.store.StoreError` when the database fails."""
    import time

    from .crosscheck import crosscheck
    from .runner import RECORDS, Pool, default_jobs, walk

    paths = list(paths)

    if linter is None:
        from ..engine import Linter
        linter = Linter(config, debug=debug, keep_data=True)
    rules = linter.rules
    overrides_file = _load_overrides(overrides or config.overrides, rules)
    started = time.time()
    if found is None:
        found = walk(paths)
    if on_start is not None:
        on_start(len(found.paths))
    pool = Pool(config, linter, jobs=jobs or default_jobs(), timeout=timeout, payload=RECORDS, debug=debug)
    with _conversion_cache(config, linter.config):
        records = list(pool.run(found.paths, on_record, found.refused))
    references = store.references(records, first_index=len(records)) if store is not None else []
    for index, diagnostics in crosscheck(records, rules, config, references).items():
        records[index].diagnostics.extend(diagnostics)
    extra = _suppress(records, overrides_file, config)
    audit = Audit(records, rules, config, len(found.ignored), extra, pool.stats,
                  skipped_exports=found.exports, skipped=tuple(found.ignored))
    if roster is not None:
        from .roster import match_roster
        audit.roster = match_roster(roster, records)
    if store is not None:
        store.save(audit, paths, started, audit.roster)
    return audit


@contextmanager
def _conversion_cache(*configs: "Config"):
    """A folder shared by the run's workers where each .doc/.wps converted by LibreOffice is
    kept by content hash, so a file sent twice is converted once; removed after the run."""
    with tempfile.TemporaryDirectory(prefix="xxgk-lint-converted-") as folder:
        for config in configs:
            config.conversion_cache = Path(folder)
        try:
            yield
        finally:
            for config in configs:
                config.conversion_cache = None


def _load_overrides(path, rules):
    if not path:
        return None
    from ..suppress import load_overrides
    return load_overrides(path, known_codes=rules.keys())


def _suppress(records: list[ReportRecord], overrides, config: "Config") -> list["FileResult"]:
    """Overrides, and inline comments when `config.audit_inline_suppressions` allows them,
    applied as `check` applies them, after the cross-report findings are in (so that a
    comment can silence an X1xx finding and is not judged unused).

    Inline comments are ignored by default: the audited organ wrote them, and an audit is
    not the organ's to silence."""
    from ..model import FileResult
    from ..suppress import apply, unused_overrides_result

    for r in records:
        inline = r.inline if config.audit_inline_suppressions else []
        result = apply(FileResult(path=r.path, kind=r.kind, diagnostics=r.diagnostics), overrides,
                       inline, config=config)
        r.diagnostics = result.diagnostics
        r.inline = []
    if overrides is None:
        return []
    extra = unused_overrides_result(overrides, config=config)
    return [extra] if extra is not None else []
