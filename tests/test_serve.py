"""`xxgk-lint serve` over real HTTP: a real server in a subprocess (uvicorn, worker processes),
requests from this process to 127.0.0.1 only. The browser side is test_serve_browser.py."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import select
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures" / "hostile"))
import hostile_fixtures  # noqa: E402
import make_documents  # noqa: E402
from serve_server import Server, no_network, post_files, request, start  # noqa: E402,F401

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed" / "jianning-suixi-2021.txt"
LIMIT_MB = 1
CONFIG = f"max-file-size-mb = {LIMIT_MB}\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("serve")


@pytest.fixture(scope="module")
def server(folder):
    srv = start(folder, config=CONFIG)
    yield srv
    srv.stop()


@pytest.fixture(autouse=True)
def temporary_folder_stays_empty(request):
    """After every request of every test, the server's TMPDIR holds nothing."""
    yield
    if "server" in request.fixturenames:
        srv: Server = request.getfixturevalue("server")
        assert list(srv.tmp.iterdir()) == []


def cli_json(folder: Path, name: str) -> dict:
    """`xxgk-lint check --format json` on `name` in `folder`, with the server's configuration."""
    done = subprocess.run([sys.executable, "-m", "xxgk_lint", "check", "--format", "json",
                           "--config", str(folder / "xxgk-lint.toml"), name],
                          cwd=folder, capture_output=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr.decode()
    return json.loads(done.stdout)


def planted_yaml() -> dict:
    """The sample report with 表三 （七）总计 自然人 one too high: A-family total findings."""
    report = make_documents.load(make_documents.DEFAULT_YAML)
    report["tables"]["applications"]["results_total"]["natural_person"] += 1
    return report


def planted_docx() -> bytes:
    report = planted_yaml()
    return make_documents.render_docx(make_documents.build_items(report), report)


# ---------------------------------------------------------------- headers and pages

def test_every_response_carries_the_security_headers(server):
    for method, path in (("GET", "/"), ("GET", "/static/app.js"), ("GET", "/static/style.css"),
                         ("GET", "/rules"), ("GET", "/nowhere"), ("GET", "/check")):
        answer = request(server, method, path)
        csp = answer.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
    answer = post_files(server, "/check", [(SEED.name, SEED.read_bytes())])
    assert answer.status == 200
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert answer.headers["cache-control"] == "no-store"


def test_pages_have_no_inline_script_and_no_external_reference(server):
    pages = [request(server, "GET", "/").text, request(server, "GET", "/rules").text,
             post_files(server, "/check", [(SEED.name, SEED.read_bytes())]).text]
    for html in pages:
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert 'src="/static/' in tag
        assert re.search(r"<script\b[^>]*>\s*[^<\s]", html) is None     # no inline body
        assert re.search(r"""(?:src|href)=["'](?:https?:)?//""", html) is None
        assert " on" + "click=" not in html and "style=" not in html
    assert "url(" not in request(server, "GET", "/static/style.css").text   # no font or image fetched


def test_upload_page_is_chinese_and_accepts_every_kind(server):
    html = request(server, "GET", "/").text
    assert "把报告文件拖到这里" in html and "不保存" in html
    accept = re.search(r'accept="([^"]+)"', html).group(1).split(",")
    for ext in (".docx", ".pdf", ".html", ".txt", ".md", ".yaml", ".json", ".doc", ".wps"):
        assert ext in accept
    assert 'name="file" multiple' in html


def test_unknown_page_and_wrong_method_get_chinese_pages(server):
    answer = request(server, "GET", "/nowhere")
    assert answer.status == 404 and "没有这个页面" in answer.text
    answer = request(server, "GET", "/check")
    assert answer.status == 405 and "不支持这种请求方式" in answer.text


# ---------------------------------------------------------------- the JSON API is check's JSON

def test_api_answers_exactly_what_check_format_json_prints(server, folder, sample_documents):
    files = {SEED.name: SEED.read_bytes(),
             "planted.docx": planted_docx(),
             "sample.md": sample_documents["md"].read_bytes(),
             "sample.pdf": sample_documents["pdf"].read_bytes(),
             "damaged.pdf": b"%PDF-1.7\n" + b"\x00garbage" * 50,
             "notes.txt": "会议通知\n请各单位按时参加。\n".encode("utf-8")}
    for name, data in files.items():
        (folder / name).write_bytes(data)
        answer = post_files(server, "/api/check", [(name, data)])
        assert answer.status == 200, answer.text
        assert answer.headers["content-type"].startswith("application/json")
        assert json.loads(answer.body) == cli_json(folder, name), name
    planted = json.loads(post_files(server, "/api/check", [("planted.docx", files["planted.docx"])]).body)
    assert any(d["code"].startswith("A4") for d in planted["files"][0]["diagnostics"])


def test_api_with_several_files_matches_check_with_several_paths(server, folder):
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    (folder / "planted.docx").write_bytes(planted_docx())
    answer = post_files(server, "/api/check", [(SEED.name, SEED.read_bytes()),
                                               ("planted.docx", (folder / "planted.docx").read_bytes())])
    done = subprocess.run([sys.executable, "-m", "xxgk_lint", "check", "--format", "json", "--config",
                           str(folder / "xxgk-lint.toml"), SEED.name, "planted.docx"],
                          cwd=folder, capture_output=True, timeout=300)
    assert json.loads(answer.body) == json.loads(done.stdout)


def test_api_without_a_file_is_a_chinese_400(server):
    answer = request(server, "POST", "/api/check", b"x=1", {"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status == 400 and "没有上传的文件" in json.loads(answer.body)["error"]
    content_type, body = __import__("serve_server").multipart([])
    answer = request(server, "POST", "/check", body, {"Content-Type": content_type})
    assert answer.status == 400 and "没有上传的文件" in answer.text
    answer = request(server, "POST", "/check", b"--broken\r\n", {"Content-Type": "multipart/form-data; boundary=b"})
    assert answer.status == 400 and "无法读取" in answer.text


# ---------------------------------------------------------------- size limit: 413 while streaming

def read_response(sock: socket.socket) -> tuple[str, str]:
    """(head, body) of the HTTP response on `sock` (the body by its Content-Length)."""
    data = b""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if b"\r\n\r\n" in data:
            head, body = data.split(b"\r\n\r\n", 1)
            length = int(re.search(rb"content-length: (\d+)", head, re.I).group(1))
            if len(body) >= length:
                return head.decode("latin-1"), body[:length].decode("utf-8")
        part = sock.recv(65536)
        if not part:
            break
        data += part
    raise AssertionError(f"no complete response: {data[:300]!r}")


def test_a_declared_oversized_upload_is_refused_before_its_body(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(b"POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                     + f"Content-Length: {50 * 1024 * 1024}\r\n\r\n".encode())
        head, body = read_response(sock)                            # no byte of the body was sent
    assert head.startswith("HTTP/1.1 413")
    assert "过大" in body and f"{LIMIT_MB} MB" in body


def test_an_oversized_chunked_upload_is_refused_while_it_streams(server):
    """No Content-Length: the server counts while reading and answers 413 once the limit is
    crossed; the client, still sending, sees the answer long before its 64 MB are out."""
    total = 64 * 1024 * 1024
    chunk = b"0" * 65536
    sent = 0
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        boundary = "b"
        sock.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                     + f"Content-Type: multipart/form-data; boundary={boundary}\r\n\r\n".encode())
        start = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n').encode()
        sock.sendall(f"{len(start):x}\r\n".encode() + start + b"\r\n")
        while sent < total:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            try:
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        head, body = read_response(sock)
    assert head.startswith("HTTP/1.1 413"), head
    assert sent < total / 4
    assert "过大" in json.loads(body)["error"]


def test_an_oversized_upload_gets_a_chinese_413_page(server):
    answer = post_files(server, "/check", [("big.txt", b"x" * (LIMIT_MB * 1024 * 1024 + 10))])
    assert answer.status == 413
    assert "上传的文件过大" in answer.text and "未被检查" in answer.text


# ---------------------------------------------------------------- load

def test_eight_concurrent_uploads_are_all_answered_correctly(server):
    expected = json.loads(post_files(server, "/api/check", [(SEED.name, SEED.read_bytes())]).body)
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: post_files(server, "/api/check", [(SEED.name, SEED.read_bytes())]),
                                range(8)))
    assert [a.status for a in answers] == [200] * 8
    assert all(json.loads(a.body) == expected for a in answers)
    assert expected["files"][0]["diagnostics"]


def test_a_check_past_the_time_limit_is_reported_as_i008(tmp_path):
    srv = start(tmp_path, "--timeout", "0.001")
    try:
        answer = post_files(srv, "/api/check", [(SEED.name, SEED.read_bytes())])
        diagnostics = json.loads(answer.body)["files"][0]["diagnostics"]
        assert [d["code"] for d in diagnostics] == ["I008"]
        assert "秒仍未完成" in diagnostics[0]["message"]
        page = post_files(srv, "/check", [(SEED.name, SEED.read_bytes())]).text
        assert "无法检查" in page and "秒仍未完成" in page
    finally:
        srv.stop()


# ---------------------------------------------------------------- escaping and file names

def test_a_script_title_and_a_hostile_file_name_are_shown_literally(server):
    report = make_documents.load(make_documents.DEFAULT_YAML)
    report["meta"]["title"] = "<script>alert(1)</script>"
    data = yaml.safe_dump(report, allow_unicode=True).encode("utf-8")
    name = '<img src=x onerror=alert(2)>".yaml'
    answer = post_files(server, "/check", [(name, data)])
    assert answer.status == 200
    html = answer.text
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    title = re.search(r'<span class="title-text">(.*?)</span>', html).group(1)
    assert unescape(title) == "<script>alert(1)</script>"


def test_upload_names_never_become_paths(server, folder):
    before = sorted(p.name for p in folder.parent.iterdir()), sorted(p.name for p in folder.iterdir())
    data = SEED.read_bytes()
    names = ["../../escaped.txt", "..\\..\\windows.txt", "/etc/absolute.txt", "dir/\x00nul\x1b[31m.txt"]
    answer = post_files(server, "/api/check", [(n, data) for n in names])
    paths = [f["path"] for f in json.loads(answer.body)["files"]]
    assert paths == ["escaped.txt", "windows.txt", "absolute.txt", "nul[31m.txt"]
    after = sorted(p.name for p in folder.parent.iterdir()), sorted(p.name for p in folder.iterdir())
    assert before == after


# ---------------------------------------------------------------- bad input gets the CLI's findings

@pytest.mark.parametrize("name, data, code", [
    ("damaged.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50, "I001"),
    ("bomb.docx", hostile_fixtures.docx_zip_bomb(256 * hostile_fixtures.MiB), None),
    ("laughs.docx", hostile_fixtures.docx_billion_laughs(), None),
    ("encrypted.docx", hostile_fixtures.encrypted_office(), "I005"),
    ("empty.txt", b"", "I010"),
    ("notice.txt", "会议通知\n请各单位按时参加。\n".encode("utf-8"), "I011"),
])
def test_bad_input_gets_a_chinese_finding_never_a_500(server, folder, name, data, code):
    answer = post_files(server, "/check", [(name, data)])
    assert answer.status == 200
    assert "无法检查" in answer.text
    (folder / name).write_bytes(data)
    expected = cli_json(folder, name)["files"][0]["diagnostics"]
    assert len(expected) == 1 and (code is None or expected[0]["code"] == code)
    assert expected[0]["message"] in unescape(answer.text)
    assert re.search(r"[\u4e00-\u9fff]", expected[0]["message"])


# ---------------------------------------------------------------- the result page

def download(html: str, suffix: str) -> tuple[str, bytes]:
    match = re.search(r'<a href="data:[^;"]+;base64,([A-Za-z0-9+/=]+)" download="([^"]+'
                      + re.escape(suffix) + ')"', html)
    assert match, suffix
    return unescape(match.group(2)), base64.b64decode(match.group(1))


def test_downloads_are_the_audit_exports_and_the_extracted_yaml(server, folder):
    from openpyxl import load_workbook

    from xxgk_lint.audit import run_audit
    from xxgk_lint.audit.exports import export
    from xxgk_lint.config import load_config

    work = folder / "downloads"
    work.mkdir(exist_ok=True)
    (work / "planted.docx").write_bytes(planted_docx())
    html = post_files(server, "/check", [("planted.docx", (work / "planted.docx").read_bytes())]).text
    name, page_csv = download(html, ".csv")
    assert name == "planted-问题清单.csv"
    config = load_config(explicit=folder / "xxgk-lint.toml")
    import os
    cwd = os.getcwd()
    os.chdir(work)
    try:
        audit = run_audit(["planted.docx"], config, jobs=1)
        export(audit, str(work / "audit.csv"))
        export(audit, str(work / "audit.xlsx"))
    finally:
        os.chdir(cwd)
    assert page_csv == (work / "audit.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(page_csv.decode("utf-8-sig"))))
    assert len(rows) > 1 and any(r[3].startswith("A4") for r in rows[1:])
    _, page_xlsx = download(html, ".xlsx")

    def sheet_rows(source) -> dict:
        wb = load_workbook(source, read_only=True)
        return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in wb.worksheets}
    assert sheet_rows(io.BytesIO(page_xlsx)) == sheet_rows(work / "audit.xlsx")
    _, page_yaml = download(html, ".yaml")
    done = subprocess.run([sys.executable, "-m", "xxgk_lint", "extract", "planted.docx"], cwd=work,
                          capture_output=True, timeout=300)
    assert page_yaml == done.stdout


def test_result_page_groups_findings_and_draws_the_tables(server):
    html = post_files(server, "/check", [("planted.docx", planted_docx())]).text
    assert 'data-status="needs_fixing"' in html and "需修改" in html
    # the three tables, with the official labels and the values read from the file
    for label in ("表二", "表三", "表四", "第二十条第（一）项", "（七）总计", "自然人", "行政复议", "结果维持"):
        assert label in html
    # the planted cell is drawn, marked, and linked to a finding that links back
    cell = re.search(r'<td id="(f0-tables-applications-results_total-natural_person)" class="cell marked sev-error" '
                     r'data-findings="([^"]+)"', html)
    assert cell, "the planted cell is not marked"
    finding_id = cell.group(2).split()[0]
    finding = re.search(r'<li class="finding sev-error" id="' + finding_id + r'" data-cells="([^"]+)">(.*?)</li>',
                        html, re.S)
    assert cell.group(1) in finding.group(1).split()
    body = finding.group(2)
    assert 'href="/rules/A4' in body and "依据" in body and "应为" in body and "实际" in body
    # grouped by section, then table and row
    groups = re.findall(r'<h3 class="group">(.*?)</h3>', html)
    assert any(g.startswith("三、收到和处理政府信息公开申请情况 › 表三") for g in groups)


def test_a_prose_finding_quotes_its_sentence_with_the_words_marked(server):
    text = SEED.read_text(encoding="utf-8").replace("主动公开政府信息", "主动公开政府信息  条", 1)
    html = post_files(server, "/check", [("prose.txt", text.encode("utf-8"))]).text
    quotes = re.findall(r'<blockquote class="quote">(.*?)</blockquote>', html, re.S)
    assert quotes and any(re.search(r"<mark>[^<]+</mark>", q) for q in quotes)


def test_a_clean_report_passes(server, sample_documents):
    html = post_files(server, "/check", [("sample.yaml", make_documents.DEFAULT_YAML.read_bytes())]).text
    assert 'data-status="passed"' in html and "通过" in html


# ---------------------------------------------------------------- rule pages

def test_rule_pages_show_the_explain_content(server):
    from xxgk_lint.registry import load_rules

    rules = load_rules()
    listing = request(server, "GET", "/rules").text
    for code in rules:
        assert f'href="/rules/{code}"' in listing
    page = request(server, "GET", "/rules/A401").text
    rule = rules["A401"]
    for text in (rule.title.zh, rule.checks.zh, rule.rationale.zh, rule.legal_basis.zh, "法规依据", "检查内容"):
        assert unescape(text) in unescape(page)
    by_name = request(server, "GET", f"/rules/{rule.name}")
    assert by_name.status == 200 and rule.title.zh in unescape(by_name.text)
    missing = request(server, "GET", "/rules/Z999")
    assert missing.status == 404 and "没有规则 Z999" in missing.text


def test_rule_pages_list_the_rules_options_as_explain_does(server):
    page = unescape(request(server, "GET", "/rules/V304").text)
    assert "<h2>选项</h2>" in page and "<code>max</code>" in page and "<code>100000</code>" in page
    assert "不小于 0 的数" in page and "收费金额（万元）超过此值即报告" in page
    assert "[tool.xxgk-lint.rules.fee-amount-implausible]" in page
    assert "本规则没有选项" in unescape(request(server, "GET", "/rules/A401").text)


# ---------------------------------------------------------------- the command

def test_serve_without_the_web_extra_says_how_to_install_it(tmp_path):
    code = ("import sys; sys.modules['starlette'] = None\n"
            "from xxgk_lint.cli import main\nsys.exit(main(['serve']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert done.returncode == 2
    err = done.stderr.decode("utf-8")
    assert "pip install 'xxgk-lint[web]'" in err and "需要另外安装" in err and "Traceback" not in err


def test_a_port_in_use_is_a_clear_error(server, tmp_path):
    done = subprocess.run([sys.executable, "-m", "xxgk_lint", "serve", "--port", str(server.port)],
                          capture_output=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 2
    assert "无法在 127.0.0.1:" in done.stderr.decode("utf-8") and "Traceback" not in done.stderr.decode("utf-8")


def test_another_host_than_loopback_is_warned_about(tmp_path):
    srv = start(tmp_path, "--host", "0.0.0.0")
    try:
        assert request(srv, "GET", "/").status == 200
    finally:
        err = srv.stop()
    assert "警告" in err and "其他计算机都可以访问" in err


def test_lang_en_serves_the_page_in_english(tmp_path):
    srv = start(tmp_path, "--lang", "en")
    try:
        assert "Drop report files here" in request(srv, "GET", "/").text
        html = post_files(srv, "/check", [(SEED.name, SEED.read_bytes())]).text
        assert "needs fixing" in html and "is missing" in html
        assert "需修改" not in html
    finally:
        srv.stop()


def test_the_server_logs_no_report_content(tmp_path):
    srv = start(tmp_path, "--debug")
    try:
        post_files(srv, "/check", [(SEED.name, SEED.read_bytes())])
    finally:
        err = srv.stop()
    assert "濉溪" not in err and SEED.name not in err


def test_open_starts_the_default_browser_on_the_page(tmp_path):
    from serve_server import wait_for

    opened = tmp_path / "opened.txt"
    fake = tmp_path / "fake_browser.py"
    fake.write_text(f"import sys\nopen({str(opened)!r}, 'w', encoding='utf-8').write(sys.argv[1])\n",
                    encoding="utf-8")
    srv = start(tmp_path, "--open", env={"BROWSER": f"{sys.executable} {fake} %s"})
    try:
        assert wait_for(opened.exists, 30)
        assert wait_for(lambda: opened.read_text(encoding="utf-8") == srv.url, 5)
    finally:
        srv.stop()


LOCAL_RULES = '''
from xxgk_lint.model import Finding, Message
from xxgk_lint.rule_api import rule

@rule(code="LOC101", name="grouped-cells", category="table", severity="warning",
      title=("多个单元格的问题", "a finding on several cells"), checks=("测试", "test"),
      rationale=("测试", "test"), legal_basis=("测试依据", "test basis"),
      fix=("把这几格改成一致", "make these cells agree"))
def grouped_cells(report, ctx):
    members = [{"pointer": "/tables/reviews/review/upheld"}, {"pointer": "/tables/reviews/review/total"},
               {"group": [{"pointer": "/tables/applications/new/commercial"}]}]
    yield Finding("LOC101", Message("三格不一致", "three cells disagree"), "/tables/reviews/review/upheld",
                  details={"members": members})

@rule(code="LOC102", name="quoted-words", category="content", severity="info",
      title=("正文用词", "wording"), checks=("测试", "test"), rationale=("测试", "test"),
      legal_basis=("测试依据", "test basis"))
def quoted_words(report, ctx):
    yield Finding("LOC102", Message("用词不当", "wording"), "/sections/overview", actual="<b>坚持</b>",
                  details={"sentence": "我局始终<b>坚持</b>公开为常态。"})
'''


def test_a_finding_on_several_cells_marks_them_all_with_its_fix(tmp_path):
    rules_dir = tmp_path / "my_rules"
    rules_dir.mkdir()
    (rules_dir / "local.py").write_text(LOCAL_RULES, encoding="utf-8")
    srv = start(tmp_path, config='rules-dirs = ["my_rules"]\n')
    try:
        html = post_files(srv, "/check", [("sample.yaml", make_documents.DEFAULT_YAML.read_bytes())]).text
        rule_page = request(srv, "GET", "/rules/LOC101").text
    finally:
        srv.stop()
    finding = re.search(r'<li class="finding sev-warning" id="(f0-d\d+)" data-cells="([^"]+)">(.*?)</li>', html, re.S)
    assert finding.group(2).split() == ["f0-tables-reviews-review-upheld", "f0-tables-reviews-review-total",
                                        "f0-tables-applications-new-commercial"]
    for cell in finding.group(2).split():
        assert re.search(f'<td id="{cell}" class="cell marked sev-warning" data-findings="{finding.group(1)}"', html)
    assert "如何修改：把这几格改成一致" in finding.group(3)
    assert "把这几格改成一致" in rule_page and "测试依据" in rule_page
    quote = re.search(r'<blockquote class="quote">(.*?)</blockquote>', html, re.S).group(1)
    assert quote == "我局始终<mark>&lt;b&gt;坚持&lt;/b&gt;</mark>公开为常态。"


def test_a_broken_overrides_file_stops_serve_at_start(tmp_path):
    (tmp_path / "overrides.yaml").write_text("- rules: [A401]\n  action: off\n", encoding="utf-8")   # no reason
    (tmp_path / "xxgk-lint.toml").write_text('overrides = "overrides.yaml"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "xxgk_lint", "serve", "--port", "0", "--config",
                           str(tmp_path / "xxgk-lint.toml")], capture_output=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 2
    err = done.stderr.decode("utf-8")
    assert "overrides.yaml" in err and "Traceback" not in err


def test_an_overrides_file_broken_while_serving_gets_a_chinese_500(tmp_path):
    """The overrides file is read for every upload: broken after the start, the page and the API
    say so in Chinese (status 500, the clerk is told to call the administrator), no traceback."""
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text("- {files: [sample.yaml], rules: [A401], reason: 测试}\n", encoding="utf-8")
    srv = start(tmp_path, config='overrides = "overrides.yaml"\n')
    try:
        sample = [("sample.yaml", make_documents.DEFAULT_YAML.read_bytes())]
        assert post_files(srv, "/check", sample).status == 200
        overrides.write_text("- {files: [sample.yaml], rules: [A401]}\n", encoding="utf-8")     # no reason
        page = post_files(srv, "/check", sample)
        api = post_files(srv, "/api/check", sample)
    finally:
        err = srv.stop()
    assert page.status == 500 and "服务器的豁免文件有误，请联系管理员" in page.text and "overrides.yaml" in page.text
    assert api.status == 500 and "服务器的豁免文件有误" in json.loads(api.body)["error"]
    assert "Traceback" not in err
