"""Hostile and broken input: the linter never crashes, never hangs, never writes.

Malicious fixtures (tests/fixtures/hostile/hostile_fixtures.py: zip and entity bombs, deep
nesting, huge files, encrypted and image-only PDFs …) are made at run time, put in one
folder with good reports, and checked together:
- through `Linter.lint_paths`, in a child process run with
  `-X warn_default_encoding -W error::EncodingWarning`, whose peak memory is measured;
- through `xxgk-lint audit` (worker processes, per-file timeout, exports).
Every good report is checked, every bad one is reported with the expected input code and a
clear reason, memory stays bounded, and every input is byte-identical afterwards.

Also here: each limit at work (readers/limits.py), the engine turning a crash in a reader,
the extractor or a rule into I007 (with the traceback under --debug) while the run goes
on, exit code 2 kept for the tool's own errors, and the test-process network guard.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest

from xxgk_lint.config import Config
from xxgk_lint.engine import Linter
from xxgk_lint.readers import limits

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
SEED = ROOT / "examples" / "jianning-suixi-2021.txt"
sys.path.insert(0, str(HOSTILE))
import hostile_fixtures  # noqa: E402

sys.path.remove(str(HOSTILE))

pytestmark = pytest.mark.slow      # bombs, huge and deeply nested inputs under time and memory limits

# As CI runs Python (README): opening a file without naming its encoding is an error, except
# in pypdfium2's own version module (as in pyproject.toml's filterwarnings).
STRICT_ENCODING = ("-X", "warn_default_encoding", "-W", "error::EncodingWarning",
                   "-W", "ignore::EncodingWarning:pypdfium2_raw.version")
PER_FILE_SECONDS = 15.0        # generous for a loaded CI machine; the slowest fixture takes ~2 s
PEAK_RSS_MB = 1024             # the child holds lxml, pdfium, all rules: ~200 MB
GOOD = ("good.txt", "good.md", "good.html", "good.docx", "good.pdf", "good.yaml", "seed.txt")
CHILD = textwrap.dedent("""
    import json, resource, sys, time
    from xxgk_lint.engine import Linter
    linter = Linter()
    out = {}
    start = time.perf_counter()
    for result in linter.lint_paths(sys.argv[1:]):
        now = time.perf_counter()
        out[result.path] = {
            "checked": result.checked, "seconds": now - start,
            "codes": [d.code for d in result.diagnostics],
            "input": [[d.code, d.message.zh, d.message.en] for d in result.diagnostics if d.category == "input"]}
        start = now
    print(json.dumps({"results": out, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
""")


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def folder(tmp_path_factory, sample_documents) -> Path:
    """The malicious fixtures and good reports, side by side."""
    root = tmp_path_factory.mktemp("county-inbox")
    hostile_fixtures.write_all(root)
    for kind, path in sample_documents.items():
        shutil.copyfile(path, root / f"good.{kind}")
    shutil.copyfile(ROOT / "examples" / "sample-2021.yaml", root / "good.yaml")
    shutil.copyfile(SEED, root / "seed.txt")
    return root


@pytest.fixture(scope="module")
def engine_run(folder) -> dict:
    """`Linter.lint_paths` over the folder in a child process: results, peak memory, hashes."""
    before = digest(folder)
    proc = subprocess.run(
        [sys.executable, *STRICT_ENCODING, "-c", CHILD, str(folder)],
        capture_output=True, text=True, encoding="utf-8", timeout=300, cwd=folder)
    assert proc.returncode == 0, proc.stderr
    run = json.loads(proc.stdout)
    run["results"] = {Path(p).name: r for p, r in run["results"].items()}
    run["stderr"] = proc.stderr
    run["before"], run["after"] = before, digest(folder)
    return run


# ---------------------------------------------------------------- the folder, through the engine

@pytest.mark.parametrize("name", sorted(hostile_fixtures.ALL))
def test_each_hostile_file_gets_a_clear_finding_in_bounded_time(engine_run, name):
    expected = hostile_fixtures.ALL[name][1]
    result = engine_run["results"][name]
    assert "I007" not in result["codes"], result["input"]
    assert result["seconds"] < PER_FILE_SECONDS
    if expected is None:
        assert result["checked"], result["input"]
        return
    assert not result["checked"]
    code, zh, en = result["input"][0]
    assert code == expected, result["input"]
    # a reason a clerk can act on, in both languages, not a bare code
    assert len(zh) > 8 and len(en) > 20 and "Traceback" not in zh + en


def test_every_good_report_in_the_folder_is_checked(engine_run):
    for name in GOOD:
        result = engine_run["results"][name]
        assert result["checked"], (name, result["input"])
        assert not [c for c in result["codes"] if c.startswith("I") and c != "I009"], (name, result["codes"])
    assert engine_run["results"]["good.yaml"]["codes"] == []
    assert "S101" in engine_run["results"]["seed.txt"]["codes"]      # the seed's real defect is still found


def test_every_file_is_accounted_for_once(engine_run, folder):
    assert sorted(engine_run["results"]) == sorted(p.name for p in folder.iterdir())


def test_limits_say_what_was_exceeded(engine_run):
    results = engine_run["results"]
    assert "1024 MB" in results["zip-bomb.docx"]["input"][0][2]
    assert "zip bomb" in results["zip-bomb.docx"]["input"][0][2]
    assert "DTD" in results["billion-laughs.docx"]["input"][0][2]
    assert "DTD" in results["utf16-entities.docx"]["input"][0][2]
    assert "20,000" in results["many-pages.pdf"]["input"][0][2]
    assert "151×151" in results["dense-grid.pdf"]["input"][0][2]
    assert "too deeply" in results["deep-nesting.html"]["input"][0][2]
    assert "unclosed formatting" in results["open-formatting.html"]["input"][0][2]
    assert "too many entries" in results["many-entries.docx"]["input"][0][2]
    assert "too many digits" in results["huge-number.json"]["input"][0][2]
    # no OCR is claimed for a scan, and a password is named for an encrypted file
    assert "OCR" in results["image-only.pdf"]["input"][0][2]
    assert "encrypted" in results["encrypted.pdf"]["input"][0][2]
    assert "password" in results["encrypted.docx"]["input"][0][2]


def test_peak_memory_stays_bounded(engine_run):
    assert engine_run["peak_mb"] < PEAK_RSS_MB


def test_no_input_file_is_modified(engine_run):
    assert engine_run["after"] == engine_run["before"]


def test_nothing_leaks_to_stderr(engine_run):
    # library warnings on damaged files, EncodingWarnings: nothing but findings
    assert engine_run["stderr"] == ""


# ---------------------------------------------------------------- the folder, through `xxgk-lint audit`

def _audit(folder: Path, out: Path, *extra: str) -> tuple[subprocess.CompletedProcess, int]:
    """Run the audit CLI; (process, peak RSS in MB of it and its workers)."""
    with open(out / "stdout.txt", "w", encoding="utf-8") as stdout, \
            open(out / "stderr.txt", "w", encoding="utf-8") as stderr:
        proc = subprocess.Popen(
            [sys.executable, *STRICT_ENCODING, "-m", "xxgk_lint",
             "audit", str(folder), "--export", str(out / "audit.json"), "--jobs", "2", "--isolated", *extra],
            stdout=stdout, stderr=stderr, cwd=out)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout = (out / "stdout.txt").read_text(encoding="utf-8")
    proc.stderr = (out / "stderr.txt").read_text(encoding="utf-8")
    return proc, usage.ru_maxrss // 1024


@pytest.fixture(scope="module")
def audit_run(folder, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("audit")
    before = digest(folder)
    proc, peak = _audit(folder, out, "--timeout", "30")
    reports = {Path(r["path"]).name: r for r in json.loads((out / "audit.json").read_text(encoding="utf-8"))["reports"]}
    return {"proc": proc, "peak_mb": peak, "reports": reports, "before": before, "after": digest(folder)}


def test_audit_accounts_for_every_file_with_a_reason(audit_run, folder):
    proc, reports = audit_run["proc"], audit_run["reports"]
    assert proc.returncode == 1, proc.stderr          # findings, not a tool error (2)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert sorted(reports) == sorted(p.name for p in folder.iterdir())
    for name, (_, expected) in hostile_fixtures.ALL.items():
        report = reports[name]
        codes = [d["code"] for d in report["diagnostics"]]
        assert "I007" not in codes and "I008" not in codes, (name, codes)
        if expected is None:
            assert report["checked"], (name, report["reason"])
        else:
            assert not report["checked"] and codes[0] == expected, (name, codes)
            assert report["reason"], name
    for name in GOOD:
        assert reports[name]["checked"], (name, reports[name]["reason"])


def test_audit_memory_and_inputs(audit_run):
    assert audit_run["peak_mb"] < PEAK_RSS_MB
    assert audit_run["after"] == audit_run["before"]


def test_audit_timeout_reports_a_slow_file_and_goes_on(tmp_path):
    """A file still within the limits but slower than the per-file timeout is I008; the
    others are checked as usual."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "slow.txt").write_bytes(hostile_fixtures.text_many_lines_within_limits())
    shutil.copyfile(ROOT / "examples" / "sample-2021.yaml", inbox / "good.yaml")
    out = tmp_path / "out"
    out.mkdir()
    proc, _ = _audit(inbox, out, "--timeout", "0.3")
    reports = {Path(r["path"]).name: r for r in json.loads((out / "audit.json").read_text(encoding="utf-8"))["reports"]}
    assert [d["code"] for d in reports["slow.txt"]["diagnostics"]] == ["I008"], proc.stderr
    assert reports["good.yaml"]["checked"]
    assert proc.returncode == 1


# ---------------------------------------------------------------- limits, one by one

def test_max_file_size_is_reported_as_i004(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(SEED.read_bytes())
    small = Linter(Config(max_file_size_mb=0.001)).lint_file(str(path))
    assert [d.code for d in small.diagnostics] == ["I004"] and not small.checked
    assert "0.001 MB" in small.diagnostics[0].message.en
    assert Linter().lint_file(str(path)).checked


def test_text_limits(tmp_path):
    linter = Linter()
    path = tmp_path / "long.txt"
    path.write_bytes(b"1" * (limits.MAX_TEXT_CHARS + 1))
    result = linter.lint_file(str(path))
    assert [d.code for d in result.diagnostics] == ["I004"] and "too long" in result.diagnostics[0].message.en
    heading = "一、总体情况\n".encode()
    path.write_bytes(heading + b"x\n" * limits.MAX_BLOCKS)
    result = linter.lint_file(str(path))
    assert [d.code for d in result.diagnostics] == ["I004"] and "paragraphs" in result.diagnostics[0].message.en
    path.write_bytes(heading + b"x\n" * (limits.MAX_BLOCKS - 1))
    assert linter.lint_file(str(path)).checked


def test_html_nesting_at_the_limit_is_read(tmp_path):
    path = tmp_path / "deep.html"
    depth = limits.MAX_HTML_DEPTH
    path.write_text("<html><body>" + "<div>" * depth + "一、总体情况" + "</div>" * depth, encoding="utf-8")
    assert Linter().lint_file(str(path)).checked
    path.write_text("<html><body>" + "<div>" * (depth + 1) + "一、总体情况", encoding="utf-8")
    result = Linter().lint_file(str(path))
    assert [d.code for d in result.diagnostics] == ["I001"]


def test_lying_zip_header_does_not_inflate_the_stream(tmp_path):
    """ZipFile.read() would inflate the whole 1 GiB stream before trimming it to the
    2 KB the header declares; the reader reads at most its limit."""
    path = tmp_path / "lying.docx"
    path.write_bytes(hostile_fixtures.docx_lying_bomb())
    linter = Linter()
    tracemalloc.start()
    try:
        result = linter.lint_file(str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.code for d in result.diagnostics] == ["I001"]
    # one inflate call of at most the limit (and its trimmed copy), not the 1 GiB stream
    assert peak < 4 * limits.MAX_DOCX_BODY_BYTES


def test_pdf_time_budget_gives_i008(monkeypatch, sample_documents):
    monkeypatch.setattr(limits, "PDF_TIME_BUDGET_S", 0.0)
    result = Linter().lint_file(str(sample_documents["pdf"]))
    assert [d.code for d in result.diagnostics] == ["I008"]
    assert "took over" in result.diagnostics[0].message.en


def test_pdf_page_limit(monkeypatch, sample_documents):
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 1)
    result = Linter().lint_file(str(sample_documents["pdf"]))
    assert [d.code for d in result.diagnostics] == ["I004"] and "too many pages" in result.diagnostics[0].message.en


def test_sample_documents_are_well_within_the_limits(sample_documents):
    """The limits must not touch a real report (the sample pages and tables pass)."""
    linter = Linter()
    for kind, path in sample_documents.items():
        assert linter.lint_file(str(path)).diagnostics == [], kind


# ---------------------------------------------------------------- crashes become I007, the run goes on

BROKEN_RULE = '''
from xxgk_lint.rule_api import rule

@rule(code="LOC901", name="broken-local-rule", category="content", severity="error",
      title=("坏规则", "broken rule"), checks=("抛出异常", "raises"), rationale=("测试", "test"),
      legal_basis=("无", "none"))
def broken(report, ctx):
    raise ZeroDivisionError("the local rule divided by zero")
    yield
'''


@pytest.fixture
def broken_rule_project(tmp_path) -> Path:
    project = tmp_path / "project"
    (project / "my_rules").mkdir(parents=True)
    (project / "my_rules" / "broken.py").write_text(BROKEN_RULE, encoding="utf-8")
    (project / "xxgk-lint.toml").write_text('rules-dirs = ["my_rules"]\n', encoding="utf-8")
    (project / ".git").mkdir()           # the project's own repository: its config is trusted
    shutil.copyfile(SEED, project / "seed.txt")
    return project


def test_a_broken_rule_is_i007_and_other_rules_still_run(broken_rule_project):
    config = Config(rules_dirs=(broken_rule_project / "my_rules",))
    for debug in (False, True):
        result = Linter(config, debug=debug).lint_file(str(broken_rule_project / "seed.txt"))
        internal = [d for d in result.diagnostics if d.code == "I007"]
        assert len(internal) == 1
        assert "LOC901" in internal[0].message.zh and "ZeroDivisionError" in internal[0].message.en
        assert ("Traceback" in internal[0].message.zh) is debug
        assert "S101" in [d.code for d in result.diagnostics]      # the seed's real defect


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk_lint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=120)


def test_cli_debug_shows_the_traceback_and_exits_1(broken_rule_project):
    plain = _cli("check", "seed.txt", "--format", "concise", cwd=broken_rule_project)
    debug = _cli("check", "seed.txt", "--format", "concise", "--debug", cwd=broken_rule_project)
    for proc in (plain, debug):
        assert proc.returncode == 1, proc.stderr        # a finding about the file, not a tool error
        assert "I007" in proc.stdout and "LOC901" in proc.stdout and "S101" in proc.stdout
    assert "Traceback" not in plain.stdout + plain.stderr
    assert "Traceback" in debug.stdout and "ZeroDivisionError" in debug.stdout


def test_exit_code_2_is_kept_for_the_tool_itself(tmp_path):
    assert _cli("check", str(tmp_path), "--no-such-option", cwd=tmp_path).returncode == 2
    (tmp_path / "xxgk-lint.toml").write_text("max-file-size-mb = -1\n", encoding="utf-8")
    assert _cli("check", str(SEED), cwd=tmp_path).returncode == 2


@pytest.mark.parametrize("stage", ["reader", "extractor"])
def test_a_crash_in_a_reader_or_the_extractor_is_i007_naming_the_file(monkeypatch, tmp_path, stage):
    import xxgk_lint.extract
    import xxgk_lint.readers.text

    def explode(*args, **kwargs):
        raise RuntimeError(f"simulated {stage} bug")

    target = (xxgk_lint.readers.text, "from_text") if stage == "reader" else (xxgk_lint.extract, "extract")
    monkeypatch.setattr(*target, explode)
    bad, good = tmp_path / "bad.txt", tmp_path / "good.yaml"
    shutil.copyfile(SEED, bad)
    shutil.copyfile(ROOT / "examples" / "sample-2021.yaml", good)
    results = list(Linter(debug=True).lint_paths([str(tmp_path)]))
    assert [Path(r.path).name for r in results] == ["bad.txt", "good.yaml"]
    assert [d.code for d in results[0].diagnostics] == ["I007"] and not results[0].checked
    assert results[0].diagnostics[0].location.path == str(bad)
    assert f"simulated {stage} bug" in results[0].diagnostics[0].message.en
    assert "Traceback" in results[0].diagnostics[0].message.en
    assert results[1].checked and results[1].diagnostics == []


# ---------------------------------------------------------------- no network

def test_network_guard_blocks_the_test_process(no_network):
    with pytest.raises(Exception, match="network access from a test"):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, \
            pytest.raises(Exception, match="network access from a test"):
        sock.connect(("127.0.0.1", 9))
    left, right = socket.socketpair()      # local sockets (multiprocessing pipes) still work
    left.sendall(b"x")
    assert right.recv(1) == b"x"
    left.close()
    right.close()
    assert len(no_network) == 2
    no_network.clear()


def test_external_entities_are_never_fetched(tmp_path):
    """The guard (autouse) fails this test if the reader resolves the http:// entity."""
    path = tmp_path / "xxe.docx"
    path.write_bytes(hostile_fixtures.docx_external_entity())
    result = Linter().lint_file(str(path))
    assert [d.code for d in result.diagnostics] == ["I001"]
    assert "root:" not in result.diagnostics[0].message.en      # /etc/passwd never read either
