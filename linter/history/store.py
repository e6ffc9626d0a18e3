"""The history database: one SQLite file (standard-library `sqlite3`), no server.

Layout (schema version in `PRAGMA user_version`, the file marked as ours by
`PRAGMA application_id`):

- runs: one row per audit — when, tool version, the paths given, the configuration in effect
  and (from version 2) the roster file;
- reports: one row per audited file, keyed by its SHA-256 (auditing the same file again
  replaces its row): organ as written and its key, level, year, format version, file name,
  status and counts, the figures of 表二/表三/表四 (JSON, by pointer), the text signature;
- findings: the counted and suppressed findings of each report;
- roster (version 2): each run's roster lines with their 已报送/未报送/重复报送 status.

Safety: before SQLite touches a file, its header is checked — an existing file that is not
SQLite, is SQLite of another program, is shorter than its header says (truncated) or was made
by a newer xxgk-lint is refused with a clear message and left as it was. Writes happen in one
`BEGIN IMMEDIATE` transaction in WAL mode with a busy timeout, so concurrent audits into one
file queue up instead of failing, and a crash leaves the previous state.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..audit.crosscheck import organ_key
from ..audit.record import FIGURES, ReportRecord
from ..model import BilingualUserError, Severity
from ..paths import os_reason

if TYPE_CHECKING:
    from ..audit import Audit
    from ..audit.roster import RosterResult

APPLICATION_ID = 0x58474B4C          # "XGKL": marks the file as an xxgk-lint history database
BUSY_TIMEOUT_MS = 60_000             # another audit writing: wait for it rather than fail
SQLITE_MAGIC = b"SQLite format 3\x00"
SETTLE_SECONDS = 5.0                 # see check_file

# Each step takes the schema from version i to i + 1; a new version only ever appends a step.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (   # 1: runs, reports, findings
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT NOT NULL,
            tool_version TEXT NOT NULL, paths TEXT NOT NULL, config TEXT NOT NULL, files INTEGER NOT NULL)""",
        """CREATE TABLE reports (
            id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, run_id INTEGER NOT NULL REFERENCES runs(id),
            path TEXT NOT NULL, file_name TEXT NOT NULL, kind TEXT, organ TEXT, organ_key TEXT,
            organ_level TEXT, year INTEGER, format_version TEXT, checked INTEGER NOT NULL,
            status TEXT NOT NULL, errors INTEGER NOT NULL, warnings INTEGER NOT NULL, infos INTEGER NOT NULL,
            figures TEXT NOT NULL, signature BLOB)""",
        "CREATE INDEX reports_by_organ ON reports(organ_key, year)",
        """CREATE TABLE findings (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE, code TEXT NOT NULL,
            severity TEXT NOT NULL, suppressed TEXT, pointer TEXT, message_zh TEXT NOT NULL,
            message_en TEXT NOT NULL)""",
        "CREATE INDEX findings_by_report ON findings(report_id)",
    ),
    (   # 2: the roster of each run
        "ALTER TABLE runs ADD COLUMN roster_file TEXT",
        """CREATE TABLE roster (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, position INTEGER NOT NULL,
            name TEXT NOT NULL, level TEXT, contact TEXT, status TEXT NOT NULL, PRIMARY KEY (run_id, position))""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(BilingualUserError):
    """A database file that cannot be used (exit code 2); the message names the file."""


def _refuse(path: Path, zh: str, en: str) -> StoreError:
    return StoreError(f"数据库文件 {path} {zh}；该文件未作任何改动 / "
                      f"database {path}: {en}; the file was left unchanged")


def check_file(path: Path) -> bool:
    """Whether `path` is to be created (False: an existing database). Raises StoreError for a
    file that is not an intact xxgk-lint database, before SQLite opens (and could write) it.

    Another audit may be writing the file at this moment: a checkpoint rewrites the header
    (page count) before the pages behind it, so the file can look truncated for an instant.
    While a -wal or -journal file says a writer is (or was) at work, a refusal is looked at
    again for up to `SETTLE_SECONDS`; a file damaged for good stays refused."""
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        try:
            return _check_once(path)
        except StoreError:
            writer = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
            if not writer or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _check_once(path: Path) -> bool:
    if not path.exists():
        if not path.parent.is_dir():
            raise StoreError(f"数据库文件 {path} 所在的文件夹不存在 / database {path}: the folder does not exist")
        return True
    if not path.is_file():
        raise _refuse(path, "不是普通文件", "not a regular file")
    size = path.stat().st_size
    if size == 0:
        return True
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        reason = os_reason(exc)
        raise StoreError(f"数据库文件 {path} 无法读取：{reason.zh} / "
                         f"database {path} cannot be read ({reason.en})") from None
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise _refuse(path, "不是 SQLite 数据库（可能选错了文件）", "not an SQLite database (wrong file?)")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    pages_valid = head[24:28] == head[92:96]        # the page count is kept up to date by SQLite ≥ 3.7
    if page_size < 512 or size % page_size or (pages_valid and pages * page_size > size):
        raise _refuse(path, "已损坏（文件不完整，可能复制或下载时被截断），请用备份恢复",
                      "damaged (truncated, perhaps by an interrupted copy); restore it from a backup")
    if int.from_bytes(head[68:72], "big") not in (0, APPLICATION_ID):
        raise _refuse(path, "是其他程序的 SQLite 数据库，不是 xxgk-lint 的历史库",
                      "an SQLite database of another program, not an xxgk-lint history")
    return False


def file_sha256(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            # one read: hashlib.file_digest's 256 KB buffer per call costs more than a report's bytes
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None


@dataclass
class StoredReport:
    """A report row as `history` shows it."""
    id: int
    path: str
    organ: str | None
    organ_key: str | None
    organ_level: str | None
    year: int | None
    status: str
    errors: int
    warnings: int
    figures: dict

    @classmethod
    def of_row(cls, row: tuple) -> "StoredReport":
        """From a row of the query in `Store.reports`: the fields in order, the figures as JSON."""
        id_, path, organ, organ_key, organ_level, year, status, errors, warnings, figures = row
        return cls(id_, path, organ, organ_key, organ_level, year, status, errors, warnings, json.loads(figures))


class Store:
    """An open history database. Use `open_store`; close with `close()` or a `with` block."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------ reading for the audit

    def references(self, records: list[ReportRecord], first_index: int) -> list[ReportRecord]:
        """Stored reports of the organs in `records`, for years none of `records` covers for that
        organ, as records (indexes from `first_index`) whose `source` is this database.

        Only what X101 and X102 can use is decoded: figures of the year just before an audited
        one (carry-over), signatures of years before the latest audited one (similarity)."""
        current = {(organ_key(r.organ), r.year) for r in records if r.checked and r.year is not None}
        latest: dict[str, int] = {}
        for key, year in current:
            if key is not None:
                latest[key] = max(year, latest.get(key, year))
        keys = sorted(latest)
        rows: dict[tuple[str, int], tuple] = {}
        with self._errors():
            for start in range(0, len(keys), 500):          # SQLite's limit on bound parameters
                chunk = keys[start:start + 500]
                # in index order: by organ and year, then by id, so the latest-stored file of a year wins
                for row in self.conn.execute(
                        "SELECT organ_key, year, path, kind, organ, organ_level, format_version, figures, signature "
                        f"FROM reports INDEXED BY reports_by_organ WHERE organ_key IN ({','.join('?' * len(chunk))}) "
                        "AND year IS NOT NULL AND checked", chunk):
                    if row[1] < latest[row[0]] and (row[0], row[1]) not in current:
                        rows[row[0], row[1]] = row
        source = str(self.path)
        out: list[ReportRecord] = []
        for (key, year), (_, _, path, kind, organ, level, version, figures, sig) in rows.items():
            signature = None
            if sig:
                signature = array("Q")
                signature.frombytes(sig)
            values = json.loads(figures) if (key, year + 1) in current else None
            out.append(ReportRecord(
                index=first_index + len(out), path=path, kind=kind, checked=True, diagnostics=[], organ=organ,
                organ_level=level, year=year, format_version=version,
                figures=tuple(values.get(p) for p in FIGURES) if values else (), signature=signature, source=source))
        return out

    # ------------------------------------------------------------ writing an audit

    def save(self, audit: "Audit", paths: Iterable[str], started: float,
             roster: "RosterResult | None" = None) -> int:
        """Store the run and every report of `audit` in one transaction; the run's id."""
        from .. import __version__

        hashes = [file_sha256(r.path) for r in audit.records]
        with self._errors():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                cursor = self.conn.execute(
                    "INSERT INTO runs (started, finished, tool_version, paths, config, files, roster_file) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (_stamp(started), _stamp(time.time()), __version__, json.dumps(list(paths), ensure_ascii=False),
                     json.dumps(config_summary(audit.config), ensure_ascii=False), len(audit.records),
                     roster.roster.path if roster else None))
                run = cursor.lastrowid
                assert run is not None          # an INSERT sets it
                self._save_reports(run, [(r, sha) for r, sha in zip(audit.records, hashes, strict=True)
                                         if sha is not None], audit.fail_on)
                if roster is not None:
                    self.conn.executemany(
                        "INSERT INTO roster (run_id, position, name, level, contact, status) VALUES (?, ?, ?, ?, ?, ?)",
                        [(run, e.position, e.name, e.level, e.contact, status)
                         for e, status, _ in roster.entries_with_status()])
                self.conn.execute("COMMIT")
            except BaseException:
                _rollback(self.conn)
                raise
        return run

    def _save_reports(self, run: int, reports: list[tuple[ReportRecord, str]], fail_on: Severity) -> None:
        """Insert in bulk (a few statements, not a few per report). Called inside the write
        transaction, so the ids counted from MAX(id) cannot be taken by another writer."""
        hashes = [sha for _, sha in reports]
        for start in range(0, len(hashes), 500):           # the same file again: replace its rows
            chunk = hashes[start:start + 500]
            self.conn.execute(f"DELETE FROM reports WHERE sha256 IN ({','.join('?' * len(chunk))})", chunk)
        first = (self.conn.execute("SELECT MAX(id) FROM reports").fetchone()[0] or 0) + 1
        rows, findings = [], []
        for report, (r, sha) in enumerate(reports, first):
            # a record keeps no figures (an empty tuple) when its file could not be read
            figures = {p: v for p, v in zip(FIGURES, r.figures, strict=False) if v is not None}
            rows.append((report, sha, run, r.path, os.path.basename(r.path), r.kind, r.organ, organ_key(r.organ),
                         r.organ_level, r.year, r.format_version, r.checked, r.status(fail_on), r.count("error"),
                         r.count("warning"), r.count("info"), json.dumps(figures),
                         r.signature.tobytes() if r.signature is not None else None))
            findings += [(report, d.code, d.severity, d.suppressed, d.location.pointer, d.message.zh, d.message.en)
                         for d in r.diagnostics]
        self.conn.executemany(
            "INSERT INTO reports (id, sha256, run_id, path, file_name, kind, organ, organ_key, organ_level, year, "
            "format_version, checked, status, errors, warnings, infos, figures, signature) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.conn.executemany(
            "INSERT INTO findings (report_id, code, severity, suppressed, pointer, message_zh, message_en) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", findings)

    # ------------------------------------------------------------ reading for `history`

    def reports(self, organ_keys: Iterable[str] | None = None, *, figures: bool = True) -> list[StoredReport]:
        """Stored reports (of the given organ keys), by organ key, year and file; `figures` {} unless asked."""
        query = ("SELECT id, path, organ, organ_key, organ_level, year, status, errors, warnings, "
                 + ("figures" if figures else "'{}'") + " FROM reports")
        args: list = []
        if organ_keys is not None:
            args = sorted(set(organ_keys))
            query += f" WHERE organ_key IN ({','.join('?' * len(args))})"
        query += " ORDER BY organ_key, year, path"
        with self._errors():
            return [StoredReport.of_row(row) for row in self.conn.execute(query, args)]

    def organs(self, containing: str | None = None) -> list[tuple[str, str]]:
        """(organ key, latest name as written) of every stored organ, or of those whose key
        contains `containing`."""
        where, args = ("AND instr(organ_key, ?) > 0", [containing]) if containing else ("", [])
        with self._errors():
            # SQLite takes the bare column `organ` from the row holding MAX(year)
            return [(key, organ) for key, organ, _ in self.conn.execute(
                f"SELECT organ_key, organ, MAX(year) FROM reports WHERE organ_key IS NOT NULL {where} "
                "GROUP BY organ_key ORDER BY organ_key", args)]

    def latest_roster(self) -> list[tuple[str, str]]:
        """(name, level) of the roster of the latest run that had one."""
        with self._errors():
            return list(self.conn.execute(
                "SELECT name, level FROM roster WHERE run_id = (SELECT MAX(run_id) FROM roster) ORDER BY position"))

    def _errors(self):
        return _Translate(self.path)


class _Translate:
    """Turns sqlite3 errors into a StoreError naming the file (damage found past the header check)."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if isinstance(exc, sqlite3.DatabaseError):
            raise _refuse(self.path, f"已损坏或无法使用（{exc}）", f"damaged or unusable ({exc})") from None
        return False


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction; the error that made it necessary is the one to report."""
    try:
        conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _stamp(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(seconds))


def config_summary(config) -> dict:
    """The configuration in effect, as stored with each run."""
    return {"source": str(config.source) if config.source else None, "select": list(config.select),
            "extend_select": list(config.extend_select), "ignore": list(config.ignore),
            "severity": config.severity, "fail_on": config.fail_on, "organ_level": config.organ_level,
            "rules": config.rule_options, "lang": config.lang}


# ---------------------------------------------------------------- opening

def open_store(path: str | Path, *, create: bool = True, upto: int = SCHEMA_VERSION) -> Store:
    """Open (and, with `create`, create) the database at `path`, migrated to schema `upto`
    (tests build older versions with a lower `upto`). StoreError for an unusable file."""
    path = Path(path)
    new = check_file(path)
    if new and not create:
        raise StoreError(f"数据库文件 {path} 不存在或为空（先用 audit --db 建立） / database {path} does not exist "
                         "(create it with audit --db)")
    translate = _Translate(path)
    with translate:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        with translate:
            _check_contents(conn, path)
            _use_wal(conn)
            conn.execute("PRAGMA foreign_keys = ON")
            # WAL keeps the file consistent; a power cut may lose the last run
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn, path, upto)
    except BaseException:
        conn.close()
        raise
    return Store(path, conn)


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL. The switch needs the file to itself and SQLite does not wait for
    that (no busy handler): when two audits open a new database at once, retry until the busy
    timeout has passed."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _check_contents(conn: sqlite3.Connection, path: Path) -> None:
    app = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app != APPLICATION_ID and (tables or version):
        raise _refuse(path, "是其他程序的 SQLite 数据库，不是 xxgk-lint 的历史库",
                      "an SQLite database of another program, not an xxgk-lint history")
    if version > SCHEMA_VERSION:
        raise _refuse(path, f"由更新版本的 xxgk-lint 建立（数据库版本 {version}，"
                            f"本程序支持到 {SCHEMA_VERSION}），请升级 xxgk-lint",
                      f"made by a newer xxgk-lint (schema {version}, this one knows up to {SCHEMA_VERSION}); upgrade")


def migrate(conn: sqlite3.Connection, path: Path, upto: int = SCHEMA_VERSION) -> None:
    """Apply the missing steps in one transaction (re-reading the version under the write lock,
    so that two audits creating one database at once migrate it once)."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= upto:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for step in MIGRATIONS[version:upto]:
            for statement in step:
                conn.execute(statement)
        if version < upto:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {upto}")
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise
