"""`audit --db` and `xxgk-lint history`: every run kept in one SQLite file, cross-year checks
against stored years, schema versions and migrations, concurrent writers, damaged files."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from test_audit import DIFFERENT_PROSE, variant, write_yaml
from xxgk_lint.audit import run_audit
from xxgk_lint.config import Config, load_config
from xxgk_lint.history.store import (APPLICATION_ID, SCHEMA_VERSION, StoreError, file_sha256, open_store)

ORGAN = "示例县城关镇人民政府"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=300)


def two_years(root: Path) -> tuple[Path, Path]:
    """One organ's 2021 and 2022 reports in two folders; 2022's 上年结转 misses one carried
    forward by 2021 (commercial 1 → 0), everything else consistent."""
    a = variant(ORGAN, 2021)
    b = variant(ORGAN, 2022, base=a)
    b["sections"] = DIFFERENT_PROSE
    b["tables"]["applications"]["carried_over"] = dict(a["tables"]["applications"]["carried_forward"])
    b["tables"]["applications"]["carried_over"]["commercial"] = 0
    b["tables"]["applications"]["carried_over"]["total"] = 1
    b["tables"]["applications"]["new"]["natural_person"] += 1
    b["tables"]["applications"]["new"]["total"] += 1
    return write_yaml(root / "2021" / "城关镇.yaml", a), write_yaml(root / "2022" / "城关镇.yaml", b)


def x_codes(result_json: dict) -> list[str]:
    return [d["code"] for r in result_json["reports"] for d in r["diagnostics"] if d["code"].startswith("X")]


# ---------------------------------------------------------------- cross-year checks from the database

def test_second_run_finds_the_carry_over_gap_only_with_the_database(tmp_path):
    p2021, p2022 = two_years(tmp_path)
    db = tmp_path / "history.sqlite"
    first = cli("audit", str(p2021.parent), "--db", str(db), "--isolated")
    assert first.returncode in (0, 1), first.stderr

    with_db = cli("audit", str(p2022.parent), "--db", str(db), "--isolated", "--export", str(tmp_path / "a.json"))
    assert with_db.returncode in (0, 1), with_db.stderr
    found = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    x101 = [d for d in found["reports"][0]["diagnostics"] if d["code"] == "X101"]
    assert [d["location"]["pointer"] for d in x101] == ["/tables/applications/carried_over/commercial",
                                                        "/tables/applications/carried_over/total"]
    message = x101[0]["message"]
    assert str(p2021) in message and "2021年度" in message and str(db) in message   # names the stored file and year
    assert "X101" in with_db.stdout

    without = cli("audit", str(p2022.parent), "--isolated", "--export", str(tmp_path / "b.json"))
    assert without.returncode == with_db.returncode, without.stderr      # X101 is a warning
    assert x_codes(json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))) == []


def test_copied_text_of_a_stored_year_is_x102_but_other_organs_stored_are_not_compared(tmp_path):
    db = tmp_path / "h.sqlite"
    write_yaml(tmp_path / "2021" / "own.yaml", variant(ORGAN, 2021))
    write_yaml(tmp_path / "2021" / "other.yaml", variant("示例县西坪镇人民政府", 2021))
    with open_store(db) as store:
        run_audit([str(tmp_path / "2021")], Config(), jobs=1, store=store)
    copy_2022 = variant(ORGAN, 2022)
    copy_2022["tables"]["applications"]["carried_over"] = copy_2022["tables"]["applications"]["carried_forward"]
    write_yaml(tmp_path / "2022" / "own.yaml", copy_2022)
    with open_store(db) as store:
        audit = run_audit([str(tmp_path / "2022")], Config(), jobs=1, store=store)
    similar = [d for d in audit.records[0].diagnostics if d.code == "X102"]
    assert len(similar) == 1                                  # its own 2021 text; not 西坪镇's (another organ)
    assert similar[0].details["other_file"].endswith("own.yaml")
    assert similar[0].details["other_year"] == 2021 and similar[0].details["stored_in"] == str(db)


def test_a_reaudit_replaces_instead_of_duplicating(tmp_path):
    p2021, _ = two_years(tmp_path)
    db = tmp_path / "h.sqlite"
    for _ in range(3):
        with open_store(db) as store:
            run_audit([str(p2021.parent)], Config(), jobs=1, store=store)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), min(sha256) FROM reports").fetchone() == (1, file_sha256(str(p2021)))
        assert conn.execute("SELECT count(*) FROM runs").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM findings").fetchone()[0] == conn.execute(
            "SELECT errors + warnings + infos FROM reports").fetchone()[0]


def test_the_run_and_the_report_are_stored_in_full(tmp_path):
    p2021, _ = two_years(tmp_path)
    db = tmp_path / "h.sqlite"
    with open_store(db) as store:
        run_audit([str(p2021)], Config(select=("A", "X")), jobs=1, store=store)
    with sqlite3.connect(db) as conn:
        paths, config, files = conn.execute("SELECT paths, config, files FROM runs").fetchone()
        assert json.loads(paths) == [str(p2021)] and files == 1
        assert json.loads(config)["select"] == ["A", "X"]
        organ, key, year, version, name, figures, signature = conn.execute(
            "SELECT organ, organ_key, year, format_version, file_name, figures, signature FROM reports").fetchone()
    assert (organ, key, year, version, name) == (ORGAN, ORGAN, 2021, "2021", "城关镇.yaml")
    assert json.loads(figures)["/tables/applications/carried_forward/total"] == 2
    assert len(signature) == 1024


# ---------------------------------------------------------------- concurrency

def test_two_concurrent_audits_into_one_database_both_land(tmp_path):
    db = tmp_path / "h.sqlite"
    folders = []
    for n, town in enumerate(("甲", "乙")):
        folder = tmp_path / f"in{n}"
        for i in range(6):
            report = variant(f"示例县{town}{i}镇人民政府", 2022)
            write_yaml(folder / f"{i}.yaml", report)
        folders.append(folder)
    procs = [subprocess.Popen([sys.executable, "-m", "xxgk_lint", "audit", str(f), "--db", str(db), "--isolated",
                               "-q", "-j", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for f in folders]
    outcomes = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    assert all(rc in (0, 1) for _, _, rc in outcomes), outcomes
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM runs").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM reports").fetchone() == (12,)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


# ---------------------------------------------------------------- damaged, foreign and newer files

def _refused(tmp_path: Path, db: Path, expect: str) -> None:
    before = db.read_bytes()
    p2021, _ = two_years(tmp_path)
    done = cli("audit", str(p2021), "--db", str(db), "--isolated")
    assert done.returncode == 2
    assert str(db) in done.stderr and expect in done.stderr and "Traceback" not in done.stderr
    assert db.read_bytes() == before
    history = cli("history", "--db", str(db), "--isolated")
    assert history.returncode == 2 and expect in history.stderr
    assert db.read_bytes() == before


def test_a_truncated_database_is_refused_and_left_untouched(tmp_path):
    db = tmp_path / "h.sqlite"
    folder = tmp_path / "many"
    for i in range(40):
        write_yaml(folder / f"{i}.yaml", variant(f"示例县第{i}镇人民政府", 2021))
    with open_store(db) as store:
        run_audit([str(folder)], Config(), jobs=1, store=store)
    conn = sqlite3.connect(db)                        # everything into the main file, as after a copy
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert not Path(f"{db}-wal").exists()
    data = db.read_bytes()
    assert len(data) > 16 * 4096
    db.write_bytes(data[:len(data) // 2])
    _refused(tmp_path, db, "已损坏")


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path):
    db = tmp_path / "报告汇总.sqlite"
    db.write_bytes("这不是数据库，是一份名单\n".encode("utf-8") * 20)
    _refused(tmp_path, db, "不是 SQLite 数据库")


def test_an_sqlite_database_of_another_program_is_refused_and_left_untouched(tmp_path):
    db = tmp_path / "other.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('张三')")
    conn.close()
    _refused(tmp_path, db, "其他程序")


def test_a_database_of_a_newer_version_is_refused(tmp_path):
    db = tmp_path / "h.sqlite"
    open_store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="更新版本"):
        open_store(db)


def test_a_version_1_database_is_migrated_keeping_its_reports(tmp_path):
    p2021, p2022 = two_years(tmp_path)
    db = tmp_path / "h.sqlite"
    with open_store(db, upto=1) as old:
        assert old.conn.execute("PRAGMA user_version").fetchone() == (1,)
        assert old.conn.execute("SELECT name FROM sqlite_master WHERE name = 'roster'").fetchone() is None
        old.conn.execute("INSERT INTO runs (started, finished, tool_version, paths, config, files) "
                         "VALUES ('x', 'x', '0', '[]', '{}', 1)")
        old.conn.execute("INSERT INTO reports (sha256, run_id, path, file_name, organ, organ_key, year, checked, "
                         "status, errors, warnings, infos, figures) VALUES ('abc', 1, ?, '城关镇.yaml', ?, ?, 2021, 1,"
                         " 'passed', 0, 0, 0, ?)",
                         (str(p2021), ORGAN, ORGAN, json.dumps({"/tables/applications/carried_forward/commercial": 1,
                                                                "/tables/applications/carried_forward/total": 2})))
    with open_store(db) as store:                       # migrated to the current version on opening
        assert store.conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert store.conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        audit = run_audit([str(p2022)], Config(), jobs=1, store=store, roster=None)
        assert "X101" in [d.code for d in audit.records[0].diagnostics]       # the v1 row is read
        assert store.conn.execute("SELECT count(*) FROM reports").fetchone() == (2,)


def test_the_database_folder_must_exist(tmp_path):
    with pytest.raises(StoreError, match="文件夹不存在"):
        open_store(tmp_path / "no" / "h.sqlite")


# ---------------------------------------------------------------- history command

@pytest.fixture
def stored(tmp_path):
    p2021, p2022 = two_years(tmp_path)
    db = tmp_path / "h.sqlite"
    roster = tmp_path / "名单.txt"
    roster.write_text("城关镇\n西坪镇人民政府\n", encoding="utf-8")
    assert cli("audit", str(p2021.parent), "--db", str(db), "--isolated").returncode in (0, 1)
    assert cli("audit", str(p2022.parent), "--db", str(db), "--roster", str(roster),
               "--isolated").returncode in (0, 1)
    return db


def test_history_lists_organs_by_year_with_the_roster_organs_that_never_reported(stored, tmp_path):
    done = cli("history", "--db", str(stored), "--isolated", "--export", str(tmp_path / "h.csv"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "2021" in lines[1] and "2022" in lines[1]
    town = next(line for line in lines if line.startswith(ORGAN))
    assert "通过" in town and "需修改" in town
    missing = next(line for line in lines if line.startswith("西坪镇人民政府"))
    assert missing.count("未报送") == 2
    with open(tmp_path / "h.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1][:4] == ["机关", "层级", "2021", "2022"] and ["西坪镇人民政府", "", "未报送", "未报送"] in rows


def test_history_of_one_organ_by_a_short_name_shows_the_years_side_by_side(stored, tmp_path):
    done = cli("history", "城关镇", "--db", str(stored), "--isolated", "--export", str(tmp_path / "h.xlsx"))
    assert done.returncode == 0, done.stderr
    carry = next(line for line in done.stdout.splitlines() if line.startswith("上年结转与"))
    assert "不一致：商业企业 0≠1" in carry
    ws = load_workbook(tmp_path / "h.xlsx", read_only=True).worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == ["项目", "2021", "2022"]
    figures = {r[0]: r[1:] for r in rows}
    assert figures["上年结转"] == [1, 1] and figures["结转下年度"] == [2, 2]
    assert figures["新收申请"][1] == figures["新收申请"][0] + 1
    assert figures["上年结转与上年度“结转下年度”"][0] == "—"


def test_history_for_an_unknown_organ_or_without_database_is_a_clear_usage_error(stored, tmp_path):
    unknown = cli("history", "不存在乡", "--db", str(stored), "--isolated")
    assert unknown.returncode == 2 and "没有“不存在乡”的报告" in unknown.stderr
    none = cli("history", "--isolated", cwd=tmp_path)
    assert none.returncode == 2 and "--db" in none.stderr
    absent = cli("history", "--db", str(tmp_path / "absent.sqlite"), "--isolated")
    assert absent.returncode == 2 and "不存在" in absent.stderr
    assert not (tmp_path / "absent.sqlite").exists()


def test_history_with_an_ambiguous_short_name_lists_the_organs(tmp_path):
    db = tmp_path / "h.sqlite"
    write_yaml(tmp_path / "in" / "a.yaml", variant("示例县城关镇人民政府", 2022))
    b = variant("示例县城关街道办事处", 2022)
    b["sections"] = DIFFERENT_PROSE
    write_yaml(tmp_path / "in" / "b.yaml", b)
    with open_store(db) as store:
        run_audit([str(tmp_path / "in")], Config(), jobs=1, store=store)
    done = cli("history", "城关", "--db", str(db), "--isolated")
    assert done.returncode == 2
    assert "多个机关" in done.stderr and "示例县城关镇人民政府" in done.stderr and "示例县城关街道办事处" in done.stderr


# ---------------------------------------------------------------- configuration

def test_roster_and_db_come_from_the_configuration_relative_to_it(tmp_path):
    (tmp_path / "xxgk-lint.toml").write_text('roster = "名单.csv"\ndb = "data/h.sqlite"\n', encoding="utf-8")
    cfg = load_config(start=tmp_path)
    assert cfg.roster == (tmp_path / "名单.csv").resolve() and cfg.db == (tmp_path / "data" / "h.sqlite").resolve()
    assert not cfg.warnings


def test_db_setting_is_used_by_audit_and_history(tmp_path):
    p2021, _ = two_years(tmp_path)
    (tmp_path / "xxgk-lint.toml").write_text('db = "h.sqlite"\n', encoding="utf-8")
    assert cli("audit", str(p2021.parent), "-q", cwd=tmp_path).returncode in (0, 1)
    assert (tmp_path / "h.sqlite").is_file()
    shown = cli("history", cwd=tmp_path)
    assert shown.returncode == 0 and ORGAN in shown.stdout


def test_version_start_up_does_not_import_the_history_modules():
    code = ("import sys; from xxgk_lint.cli import main; main(['--version']); "
            "print(sorted(m for m in sys.modules if m.startswith(('xxgk_lint.history', 'sqlite3'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", timeout=60,
                          env=dict(os.environ))
    assert done.stdout.splitlines()[-1] == "[]"
