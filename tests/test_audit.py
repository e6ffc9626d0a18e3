"""`xxgk-lint audit`: every file accounted for, the same findings as `check`, cross-report
checks (X101 carry-over, X102 内容雷同, X103 duplicates), timeouts, crashes, determinism."""

from __future__ import annotations

import copy
import json
import pickle
import re
import shutil
import threading
from array import array
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk_lint.audit import run_audit
from xxgk_lint.audit.crosscheck import similarity_threshold
from xxgk_lint.audit.runner import RECORDS, Pool, WorkerStartError, can_fork, walk
from xxgk_lint.audit.signature import (BINS, MIN_CHARS, normalise, packed, packed_similarity, signature,
                                       similarity)
from xxgk_lint.cli import main
from xxgk_lint.config import Config, ConfigError
from xxgk_lint.engine import Linter
from xxgk_lint.registry import load_rules

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-2021.yaml"
SEED = ROOT / "examples" / "jianning-suixi-2021.txt"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
X_CODES = ("X101", "X102", "X103")


# ---------------------------------------------------------------- building reports

def load_sample() -> dict:
    with open(SAMPLE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def variant(organ: str, year: int, base: dict | None = None) -> dict:
    """The sample report re-addressed to another organ and year."""
    r = copy.deepcopy(base or load_sample())
    old_organ, old_year = r["meta"]["organ"], r["meta"]["year"]
    r["meta"].update(organ=organ, year=year, title=f"{organ}{year}年政府信息公开工作年度报告",
                     statistics_period={"start": f"{year}-01-01", "end": f"{year}-12-31"},
                     report_date=f"{year + 1}-01-20")
    r["sections"] = {k: v.replace(old_organ, organ).replace(f"{old_year}年", f"{year}年")
                     .replace(f"{old_year - 1}年", f"{year - 1}年") for k, v in r["sections"].items()}
    return r


def write_yaml(path: Path, report: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(report, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


DIFFERENT_PROSE = {
    "overview": "本镇坚持把基层政务公开作为密切联系群众的重要方式。（一）主动公开。围绕乡村振兴、惠农补贴发放、"
                "低保救助对象公示等群众关心的事项，通过镇村两级公开栏和微信群及时发布。（二）依申请公开。"
                "本年度新收政府信息公开申请16件，上年结转1件。（三）政府信息管理。镇党政办统一审核对外发布内容。"
                "（四）政府信息公开平台建设。每个行政村设立标准化公开栏。（五）监督保障。纪委定期抽查公开栏更新情况。",
    "proactive": "主动公开政府信息情况如下表。",
    "applications": "收到和处理政府信息公开申请情况如下表。",
    "reviews": "本年度因政府信息公开工作被申请行政复议2件，被提起行政诉讼1件，详见下表。",
    "problems": "（一）上年度问题整改情况。去年指出的村级公开栏内容陈旧问题，已通过每月巡查整改。"
                "（二）存在的主要问题。山区村组信息传达仍靠广播，覆盖不够均衡。（三）改进措施。推广村民微信群，"
                "请驻村干部逐户讲解惠民政策。",
    "other": "本年度未收取信息处理费。镇里组织了两次政务开放日，邀请种粮大户和返乡创业青年座谈。",
}


def codes(record) -> list[str]:
    return [d.code for d in record.diagnostics]


def by_path(audit) -> dict:
    return {r.path: r for r in audit.records}


def diag_key(d) -> tuple:
    loc = d.location
    return (d.code, d.severity, loc.pointer, loc.line, loc.page, loc.table_index, loc.row_index, d.message.zh)


# ---------------------------------------------------------------- the county folder

@pytest.fixture(scope="module")
def county(tmp_path_factory, sample_documents) -> Path:
    """The seed, the real corpus, the sample in every input kind and a handful of broken files."""
    root = tmp_path_factory.mktemp("county")
    shutil.copy(SEED, root / "seed.txt")
    shutil.copytree(CORPUS, root / "corpus")
    kinds = root / "kinds"
    kinds.mkdir()
    for kind, path in sample_documents.items():
        shutil.copy(path, kinds / f"sample.{kind}")
    shutil.copy(SAMPLE, kinds / "sample.yaml")
    (kinds / "sample.json").write_text(json.dumps(load_sample(), ensure_ascii=False), encoding="utf-8")
    broken = root / "broken"
    broken.mkdir()
    (broken / "empty.txt").write_bytes(b"")
    (broken / "random.docx").write_bytes(bytes(range(256)) * 16)
    (broken / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    (broken / "truncated.pdf").write_bytes(sample_documents["pdf"].read_bytes()[:1200])
    (broken / "gbk.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("gbk"))
    (broken / "notes.xls").write_bytes(b"not a report")          # not a report kind: skipped, counted
    return root


@pytest.fixture(scope="module")
def county_audit(county):
    return run_audit([str(county)], Config(), jobs=2, timeout=60)


def test_every_file_is_accounted_for(county, county_audit):
    walked = walk([str(county)])
    assert [r.path for r in county_audit.records] == walked.paths
    assert len(walked.ignored) == 1 and walked.ignored[0].endswith(".xls")
    assert county_audit.ignored == 1
    on_disk = sorted(str(p) for p in county.rglob("*") if p.is_file() and p.suffix != ".xls")
    assert sorted(r.path for r in county_audit.records) == on_disk
    for r in county_audit.records:
        assert r.checked or (r.reason() and r.diagnostics[0].category == "input"), r.path


def test_broken_files_are_not_checked_with_their_reason(county, county_audit):
    records = by_path(county_audit)
    from xxgk_lint.readers.office import find_soffice

    # an OLE2 header and nothing else: LibreOffice cannot convert it (I001); without it, I002
    expected = {"empty.txt": "I010", "random.docx": "I001", "legacy.doc": "I001" if find_soffice() else "I002",
                "truncated.pdf": "I001"}
    for name, code in expected.items():
        r = records[str(county / "broken" / name)]
        assert not r.checked and r.status() == "not_checked"
        assert codes(r) == [code]
        assert r.reason("zh") and r.reason("en")
    gbk = records[str(county / "broken" / "gbk.txt")]
    assert gbk.checked and gbk.encoding == "gb18030" and gbk.organ == "建宁县濉溪镇人民政府"
    kinds = {records[str(county / "kinds" / f"sample.{k}")].kind for k in
             ("yaml", "json", "txt", "md", "html", "docx", "pdf")}
    assert kinds == {"yaml", "json", "txt", "md", "html", "docx", "pdf"}


def test_same_findings_as_check_per_file(county, county_audit):
    linter = Linter(Config())
    for r in county_audit.records:
        alone = linter.lint_file(r.path)
        audited = [diag_key(d) for d in r.diagnostics if d.code not in X_CODES]
        assert audited == [diag_key(d) for d in alone.diagnostics], r.path
        assert (r.checked, r.kind, r.organ, r.year, r.format_version) == \
            (alone.checked, alone.kind, alone.organ, alone.year, alone.format_version)


def test_cross_report_findings_in_the_folder(county, county_audit):
    records = by_path(county_audit)
    first = records[str(county / "kinds" / "sample.docx")]        # path order: .docx comes first
    assert "X103" not in codes(first)
    for kind in ("html", "json", "md", "pdf", "txt", "yaml"):
        r = records[str(county / "kinds" / f"sample.{kind}")]
        assert codes(r).count("X103") == 1, kind
        x = next(d for d in r.diagnostics if d.code == "X103")
        assert first.path in x.message.zh and r.path in x.message.zh
    # The GBK copy of the seed duplicates the seed; nothing in the real corpus is a copy.
    assert "X103" in codes(records[str(county / "seed.txt")]) or \
        "X103" in codes(records[str(county / "broken" / "gbk.txt")])
    corpus = [r for r in county_audit.records if "/corpus/" in r.path]
    assert not any(c in codes(r) for r in corpus for c in ("X102", "X103"))


def test_rows_sorted_worst_first(county_audit):
    rows = county_audit.worst_first()
    assert [r.status() for r in rows[:4]] == ["not_checked"] * 4
    keys = [r.worst_key() for r in rows]
    assert keys == sorted(keys)
    assert rows[-1].status() == "passed"


def test_exit_code_is_one_with_unchecked_files(county_audit):
    assert county_audit.exit_code() == 1


def test_results_do_not_depend_on_jobs(county, county_audit):
    one = run_audit([str(county)], Config(), jobs=1)
    assert [r.path for r in one.records] == [r.path for r in county_audit.records]
    for a, b in zip(one.records, county_audit.records, strict=True):
        assert [diag_key(d) for d in a.diagnostics] == [diag_key(d) for d in b.diagnostics]
        assert a.figures == b.figures and a.signature == b.signature


def test_a_record_is_small_and_holds_no_document(county_audit):
    for r in county_audit.records:
        if r.kind in ("pdf", "docx", "html"):
            assert not hasattr(r, "data") and not hasattr(r, "text")
            without = copy.copy(r)
            without.diagnostics = []
            assert len(pickle.dumps(without)) < 3000, r.path


# ---------------------------------------------------------------- cross-report checks

def test_carry_over_mismatch_names_both_files(tmp_path):
    a = variant("示例县城关镇人民政府", 2021)
    b = variant("示例县城关镇人民政府", 2022, base=a)
    b["sections"] = DIFFERENT_PROSE                       # not a copy: only X101 should fire
    b["tables"]["applications"]["carried_over"] = dict(a["tables"]["applications"]["carried_forward"])
    b["tables"]["applications"]["carried_over"]["commercial"] = 0        # last year carried 1 forward
    b["tables"]["applications"]["carried_over"]["total"] = 1
    b["tables"]["applications"]["new"]["natural_person"] += 1            # keep 一+二 = 三+四
    b["tables"]["applications"]["new"]["total"] += 1
    p2021 = write_yaml(tmp_path / "2021.yaml", a)
    p2022 = write_yaml(tmp_path / "2022.yaml", b)
    audit = run_audit([str(tmp_path)], Config(), jobs=2)
    records = by_path(audit)
    assert not [c for c in codes(records[str(p2021)]) if c.startswith("X")]
    found = [d for d in records[str(p2022)].diagnostics if d.code == "X101"]
    assert [d.location.pointer for d in found] == ["/tables/applications/carried_over/commercial",
                                                   "/tables/applications/carried_over/total"]
    first = found[0]
    assert first.severity == "warning" and first.expected == 1 and first.actual == 0
    assert str(p2021) in first.message.zh and str(p2022) in first.message.zh
    assert first.location.table == "表三" and first.location.column_label == "商业企业"
    assert "X102" not in codes(records[str(p2022)])


def test_matching_carry_over_is_silent(tmp_path):
    a = variant("示例县城关镇人民政府", 2021)
    b = variant("示例县城关镇人民政府", 2022, base=a)
    b["sections"] = DIFFERENT_PROSE
    b["tables"]["applications"]["carried_over"] = dict(a["tables"]["applications"]["carried_forward"])
    write_yaml(tmp_path / "2021.yaml", a)
    write_yaml(tmp_path / "2022.yaml", b)
    audit = run_audit([str(tmp_path)], Config(), jobs=1)
    assert not [c for r in audit.records for c in codes(r) if c.startswith("X")]


def test_copied_text_between_organs_is_flagged_on_the_second(tmp_path):
    original = write_yaml(tmp_path / "a" / "甲镇.yaml", variant("示例县甲镇人民政府", 2022))
    copied = write_yaml(tmp_path / "b" / "乙镇.yaml", variant("示例县乙镇人民政府", 2022))
    different = variant("示例县丙镇人民政府", 2022)
    different["sections"] = DIFFERENT_PROSE
    other = write_yaml(tmp_path / "c" / "丙镇.yaml", different)
    audit = run_audit([str(tmp_path)], Config(), jobs=2)
    records = by_path(audit)
    assert "X102" not in codes(records[str(original)])
    assert "X102" not in codes(records[str(other)])
    [x] = [d for d in records[str(copied)].diagnostics if d.code == "X102"]
    assert str(original) in x.message.zh and str(copied) in x.message.zh
    assert x.details["similarity"] >= 0.9 and "相似度" in x.message.zh
    assert x.category == "content" and x.severity == "warning"


def test_an_organ_copying_its_own_last_year_is_flagged(tmp_path):
    last = write_yaml(tmp_path / "2021.yaml", variant("示例县甲镇人民政府", 2021))
    this = variant("示例县甲镇人民政府", 2022)
    this["tables"]["applications"]["carried_over"] = dict(load_sample()["tables"]["applications"]["carried_forward"])
    this_path = write_yaml(tmp_path / "2022.yaml", this)
    audit = run_audit([str(tmp_path)], Config(), jobs=1)
    [x] = [d for d in by_path(audit)[str(this_path)].diagnostics if d.code == "X102"]
    assert str(last) in x.message.zh and "本机关2021年度" in x.message.zh
    assert not [d for d in by_path(audit)[str(last)].diagnostics if d.code.startswith("X")]


def test_genuinely_different_reports_are_not_similar():
    linter = Linter(Config(), keep_data=True)
    from xxgk_lint.audit.record import record_of

    sigs = [record_of(i, linter.lint_file(str(p))).signature
            for i, p in enumerate([SEED, *sorted(CORPUS.glob("*.txt"))])]
    sigs = [s for s in sigs if s is not None]
    assert len(sigs) >= 10
    worst = max(similarity(a, b) for i, a in enumerate(sigs) for b in sigs[i + 1:])
    assert worst < 0.5


_bin_values = st.sampled_from([0, 1, 2**63 - 1, 2**63, 2**64 - 1]) | st.integers(0, 2**64 - 1)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_bin_values, _bin_values, st.booleans()), min_size=BINS, max_size=BINS))
def test_packed_similarity_counts_the_agreeing_bins_exactly(bins):
    a = array("Q", [x for x, _, _ in bins])
    b = array("Q", [x if same else y for x, y, same in bins])
    assert packed_similarity(packed(a), packed(b)) == similarity(a, b) == sum(map(int.__eq__, a, b)) / BINS


def test_signature_ignores_names_digits_headings_and_punctuation():
    sample = load_sample()
    prose = "\n".join(sample["sections"].values())
    a = signature(prose, "示例县市场监督管理局")
    b = signature(re.sub(r"\d+", "7", prose.replace("示例县市场监督管理局", "青山县教育局"))
                  .replace("，", ",") + "\n二、主动公开政府信息情况", "青山县教育局")
    assert similarity(a, b) == 1.0
    assert "示例县" not in normalise(prose, "示例县市场监督管理局")
    assert signature("太短的文字", None) is None and MIN_CHARS > 5


def test_duplicate_report_is_flagged_once_on_the_later_file(tmp_path):
    a = write_yaml(tmp_path / "1.yaml", load_sample())
    b = write_yaml(tmp_path / "2.yaml", load_sample())
    audit = run_audit([str(tmp_path)], Config(), jobs=2)
    assert not codes(by_path(audit)[str(a)])
    assert codes(by_path(audit)[str(b)]) == ["X103"]


def test_cross_report_codes_obey_selection_and_severity(tmp_path):
    write_yaml(tmp_path / "1.yaml", load_sample())
    write_yaml(tmp_path / "2.yaml", load_sample())
    assert not any(codes(r) for r in run_audit([str(tmp_path)], Config(ignore=("X1",)), jobs=1).records)
    raised = run_audit([str(tmp_path)], Config(severity={"X103": "error"}), jobs=1)
    assert [d.severity for r in raised.records for d in r.diagnostics] == ["error"]
    assert raised.exit_code() == 1


def test_inline_comment_silences_a_cross_report_finding(tmp_path):
    write_yaml(tmp_path / "1.yaml", load_sample())
    text = SAMPLE.read_text(encoding="utf-8") + "# xxgk-lint: disable=X103 省里要求另存一份\n"
    (tmp_path / "2.yaml").write_text(text, encoding="utf-8")
    ignored = run_audit([str(tmp_path)], Config(), jobs=1)     # by default the organ's comment is not honoured
    second = by_path(ignored)[str(tmp_path / "2.yaml")]
    assert codes(second) == ["X103"] and second.diagnostics[0].suppressed is None
    audit = run_audit([str(tmp_path)], Config(audit_inline_suppressions=True), jobs=1)
    second = by_path(audit)[str(tmp_path / "2.yaml")]
    assert codes(second) == ["X103"] and second.diagnostics[0].suppressed == "省里要求另存一份"
    assert audit.exit_code() == 0 and second.status() == "passed"


def test_overrides_file_applies_to_audit(tmp_path):
    reports = tmp_path / "reports"
    write_yaml(reports / "1.yaml", load_sample())
    write_yaml(reports / "2.yaml", load_sample())
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text("- files: ['2.yaml']\n  rules: [X103]\n  reason: 两份均为正式版本\n"
                         "- files: ['1.yaml']\n  rules: [A401]\n  reason: 已核实\n", encoding="utf-8")
    audit = run_audit([str(reports)], Config(), jobs=1, overrides=overrides)
    assert by_path(audit)[str(reports / "2.yaml")].diagnostics[0].suppressed == "两份均为正式版本"
    assert [d.code for x in audit.extra for d in x.diagnostics] == ["L002"]      # the unused A401 entry


def test_bad_similarity_threshold_is_a_config_error(tmp_path):
    cfg = Config(rule_options={"content-similar": {"threshold": 1.5}})
    with pytest.raises(ConfigError):
        run_audit([str(tmp_path)], cfg)
    similar = load_rules()["X102"]
    assert similarity_threshold(Config(rule_options={"content-similar": {"threshold": 0.8}}), similar) == 0.8
    assert similarity_threshold(Config(), similar) == 0.9


def test_threshold_option_lowers_the_bar(tmp_path):
    a = variant("示例县甲镇人民政府", 2022)
    b = variant("示例县乙镇人民政府", 2022)
    b["sections"] = dict(a["sections"], overview=DIFFERENT_PROSE["overview"])
    b["sections"] = {k: v.replace("示例县甲镇人民政府", "示例县乙镇人民政府") for k, v in b["sections"].items()}
    write_yaml(tmp_path / "a.yaml", a)
    write_yaml(tmp_path / "b.yaml", b)
    default = run_audit([str(tmp_path)], Config(), jobs=1)
    assert "X102" not in [c for r in default.records for c in codes(r)]
    low = run_audit([str(tmp_path)], Config(rule_options={"content-similar": {"threshold": 0.2}}), jobs=1)
    assert "X102" in codes(by_path(low)[str(tmp_path / "b.yaml")])


# ---------------------------------------------------------------- timeouts and crashes

RULES = '''
import os, signal, time
from xxgk_lint.model import Finding, Message
from xxgk_lint.rule_api import rule

@rule(code="Z901", name="test-stall", category="content", severity="info",
      title=("t", "t"), checks=("t", "t"), rationale=("t", "t"), legal_basis=("t", "t"))
def stall(report, ctx):
    organ = report.data.get("meta", {}).get("organ", "")
    if "慢" in organ:
        time.sleep(30)                       # Python code: the worker's timer interrupts it
    if "卡" in organ:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(30)                       # as if stuck in C: only the parent can end it
    if "崩" in organ:
        os._exit(3)                          # the worker dies
    if "坏" in organ:                         # a finding the parent cannot unpickle
        return iter([Finding("Z901", Message("坏", "bad"), details={"x": Unreadable()})])
    return iter(())


class Unreadable:
    def __reduce__(self):
        return (int, ("not a number",))
'''


@pytest.fixture()
def trap_config(tmp_path) -> Config:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "trap.py").write_text(RULES, encoding="utf-8")
    return Config(rules_dirs=(rules,), ignore=("X1",))     # the test files are copies of one report


def _traps(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "reports"
    for i, name in enumerate(names):
        write_yaml(folder / f"{i}.yaml", variant(name, 2021) if name else load_sample())
    return folder


def test_slow_file_times_out_and_the_run_goes_on(tmp_path, trap_config):
    folder = _traps(tmp_path, "示例县慢镇人民政府", "")
    audit = run_audit([str(folder)], trap_config, jobs=1, timeout=1)
    slow, ok = audit.records
    assert codes(slow) == ["I008"] and not slow.checked and "1 秒" in slow.reason()
    assert ok.checked and "I008" not in codes(ok)
    assert audit.stats.killed == 0


def test_hung_worker_is_killed_and_replaced(tmp_path, trap_config):
    folder = _traps(tmp_path, "示例县卡镇人民政府", "", "")
    pool = Pool(trap_config, Linter(trap_config, keep_data=True), jobs=1, timeout=0.5, payload=RECORDS,
                grace=lambda t: t + 1)
    records = list(pool.run(walk([str(folder)]).paths))
    assert [codes(r) for r in records] == [["I008"], [], []]
    assert pool.stats.killed == 1 and pool.stats.workers_started == 2


def test_crashed_worker_costs_only_its_file(tmp_path, trap_config):
    folder = _traps(tmp_path, "", "示例县崩镇人民政府", "")
    audit = run_audit([str(folder)], trap_config, jobs=2, timeout=10)
    assert [codes(r) for r in audit.records] == [[], ["I007"], []]
    assert "退出码 3" in audit.records[1].reason()


def test_unreadable_result_costs_only_its_file(tmp_path, trap_config):
    folder = _traps(tmp_path, "示例县坏镇人民政府", "", "")
    audit = run_audit([str(folder)], trap_config, jobs=1, timeout=10)
    assert [codes(r) for r in audit.records] == [["I007"], [], []]
    assert "ValueError" in audit.records[0].reason()


def test_subprocess_workers_when_threads_are_running(county, county_audit):
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait, daemon=True)
    helper.start()
    try:
        assert not can_fork()
        again = run_audit([str(county / "kinds"), str(county / "broken")], Config(), jobs=2)
    finally:
        stop.set()
        helper.join()
    expected = by_path(county_audit)
    for r in again.records:
        assert [diag_key(d) for d in r.diagnostics] == [diag_key(d) for d in expected[r.path].diagnostics]


def test_worker_that_cannot_start_stops_the_run(tmp_path, trap_config):
    linter = Linter(trap_config, keep_data=True)
    shutil.rmtree(trap_config.rules_dirs[0])             # gone before a subprocess worker loads it
    folder = _traps(tmp_path, "")
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait, daemon=True)
    helper.start()
    try:
        with pytest.raises(WorkerStartError, match="does not exist"):
            run_audit([str(folder)], trap_config, jobs=1, linter=linter)
    finally:
        stop.set()
        helper.join()


# ---------------------------------------------------------------- the command

def test_cli_plain_summary_and_exit_codes(county, capsys):
    assert main(["audit", str(county / "kinds"), "--isolated", "--jobs", "2"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    assert "报告一览" in out and "按规则统计" in out and "X103" in out
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("状态"))
    assert "机关" in lines[header] and "主要问题" in lines[header]
    assert "示例县市场监督管理局" in lines[header + 1]
    assert "共 7 个文件" in out

    assert main(["audit", str(county / "broken"), "--isolated", "-q"]) == 1
    out = capsys.readouterr().out
    assert "无法检查 4 份" in out and len(out.strip().splitlines()) == 1


def test_cli_on_a_terminal_draws_a_progress_bar_and_a_table(county):
    """Under a pseudo-terminal: a rich progress bar on stderr, a coloured table on stdout."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "160", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "xxgk_lint", "audit", str(county / "kinds"), "--isolated"],
                            stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env, cwd=ROOT)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:                     # the terminal closed: the program ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(60) == 0
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "\x1b[" in screen                                       # colour: a terminal was seen
    assert "检查中" in screen and "7/7" in screen                     # the progress bar
    plain = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", screen)
    assert "┃ 状态" in plain and "│ 示例县市场监督管理局" in plain      # rich's table


def test_cli_lists_unreadable_files_with_reason(county, capsys):
    assert main(["audit", str(county / "broken"), "--isolated", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "not checked" in out and "the file is empty" in out and "legacy.doc" in out


def test_cli_usage_errors_exit_two(tmp_path, capsys):
    assert main(["audit", str(tmp_path), "--export", str(tmp_path / "out.pdf")]) == 2
    assert "无法识别的扩展名" in capsys.readouterr().err
    assert main(["audit", "-"]) == 2
    assert "不读标准输入" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["audit", str(tmp_path), "--jobs", "0"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["audit", str(tmp_path), "--timeout", "-1"])
    assert exc.value.code == 2


def test_cross_report_rules_are_documented():
    rules = Linter(Config()).rules
    for code in X_CODES:
        r = rules[code]
        assert r.produced_by == "audit" and r.check is None
        assert r.legal_basis.zh and r.rationale.en and r.example_fail and r.example_pass
    assert "内容雷同" in rules["X102"].legal_basis.zh and "30号" in rules["X102"].legal_basis.zh
    assert "第五十条" in rules["X102"].legal_basis.zh
