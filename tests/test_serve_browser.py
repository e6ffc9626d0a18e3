"""`xxgk-lint serve` in a real browser: Debian's headless Chromium driven by Selenium through
/usr/bin/chromedriver (no browser download). Opens the upload page, uploads the seed and a
planted-defect .docx made here, reads the verdicts, clicks a table finding and sees its cell
highlighted (and back), uploads hostile files and sees Chinese errors, and checks from the
browser's own network log that no request left 127.0.0.1. Makes the README screenshot."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
import make_documents  # noqa: E402
from serve_server import no_network, start  # noqa: E402,F401

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed" / "jianning-suixi-2021.txt"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
SCREENSHOT = ROOT / "docs" / "serve.png"

pytestmark = [pytest.mark.slow,     # a real headless browser
              pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                                 reason="chromium and chromedriver are not installed (.ci/run installs them)")]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="module")
def server(folder):
    srv = start(folder, config="max-file-size-mb = 2\n")
    yield srv
    srv.stop()


@pytest.fixture(autouse=True)
def temporary_folder_stays_empty(server):
    yield
    assert list(server.tmp.iterdir()) == []


@pytest.fixture(scope="module")
def uploads(folder) -> dict[str, Path]:
    report = make_documents.load(make_documents.DEFAULT_YAML)
    report["tables"]["applications"]["results_total"]["natural_person"] += 1     # the planted defect
    planted = folder / "planted-defect.docx"
    planted.write_bytes(make_documents.render_docx(make_documents.build_items(report), report))
    seed = folder / SEED.name
    seed.write_bytes(SEED.read_bytes())
    damaged = folder / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n" + b"\x00not a pdf" * 100)
    oversized = folder / "oversized.txt"
    oversized.write_bytes(b"x" * (3 * 1024 * 1024))
    return {"planted": planted, "seed": seed, "damaged": damaged, "oversized": oversized}


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    # Selenium is told where the driver and the browser are: its manager never looks online.
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("profile")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1400,1000",
                 "--lang=zh-CN"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(300)
    yield driver
    driver.quit()


def requested_urls(driver) -> list[str]:
    """Every URL the browser requested since the last call (CDP performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def upload(driver, server, *paths: Path) -> None:
    from selenium.webdriver.common.by import By

    driver.get(server.url)
    assert "把报告文件拖到这里" in driver.find_element(By.ID, "drop").text
    driver.find_element(By.ID, "file").send_keys("\n".join(str(p) for p in paths))
    driver.find_element(By.ID, "submit").click()


def test_files_dropped_on_the_page_are_the_ones_uploaded(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server.url)
    browser.execute_script("""
        const transfer = new DataTransfer();
        transfer.items.add(new File(["一、总体情况"], "甲镇报告.txt"));
        transfer.items.add(new File(["二、主动公开"], "乙局报告.docx"));
        document.getElementById("drop").dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
    """)
    names = browser.execute_script("return Array.from(document.getElementById('file').files).map(f => f.name)")
    assert names == ["甲镇报告.txt", "乙局报告.docx"]
    assert browser.find_element(By.ID, "chosen").text == "甲镇报告.txt、乙局报告.docx"


def test_upload_see_verdicts_click_a_table_finding(browser, server, uploads):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    requested_urls(browser)                  # start the log afresh
    upload(browser, server, uploads["seed"], uploads["planted"])
    WebDriverWait(browser, 300).until(EC.presence_of_element_located((By.CSS_SELECTOR, "section.file")))
    sections = browser.find_elements(By.CSS_SELECTOR, "section.file")
    assert [s.find_element(By.CSS_SELECTOR, ".file-name").text for s in sections] == \
        [SEED.name, "planted-defect.docx"]
    for section in sections:
        verdict = section.find_element(By.CSS_SELECTOR, ".verdict")
        assert verdict.text == "需修改" and verdict.is_displayed()
        assert int(section.find_element(By.CSS_SELECTOR, ".n-error").text) > 0

    planted = sections[1]
    cell = planted.find_element(By.ID, "f1-tables-applications-results_total-natural_person")
    assert "marked" in cell.get_attribute("class") and "focus" not in cell.get_attribute("class")
    finding = planted.find_element(By.ID, cell.get_attribute("data-findings").split()[0])
    link = finding.find_element(By.CSS_SELECTOR, ".to-cell")
    link.click()
    WebDriverWait(browser, 10).until(lambda d: "focus" in cell.get_attribute("class"))
    assert "focus" in finding.get_attribute("class")
    in_view = "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;"
    assert browser.execute_script(in_view, cell)
    # the highlight is visible: the focused cell is painted differently from a plain one
    plain = planted.find_element(By.CSS_SELECTOR, "td.cell:not(.marked)")
    assert cell.value_of_css_property("background-color") != plain.value_of_css_property("background-color")
    # every cell the finding names is highlighted (a total's addends too), and only those
    focused = {c.get_attribute("id") for c in browser.find_elements(By.CSS_SELECTOR, "td.focus")}
    assert focused == set(finding.get_attribute("data-cells").split())

    # and back: clicking the cell brings its finding into view
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    cell.click()
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(in_view, finding))
    # the same from the keyboard: Tab reaches a marked cell, Enter goes to its finding
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    browser.execute_script("arguments[0].focus()", cell)
    cell.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(in_view, finding))

    # the README screenshot: the result page with the finding and its cell highlighted
    browser.set_window_size(1400, 1100)
    link.click()
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", planted)
    browser.execute_script("const panel = arguments[0].closest('.tables'), cell = arguments[0];"
                           "panel.scrollTop += cell.getBoundingClientRect().top - panel.getBoundingClientRect().top"
                           " - panel.clientHeight / 3;", cell)
    shot = browser.get_screenshot_as_png()
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 20_000
    if os.environ.get("XXGK_LINT_UPDATE_SCREENSHOT"):
        SCREENSHOT.write_bytes(shot)

    urls = requested_urls(browser)
    assert any(u.startswith(server.url + "static/app.js") for u in urls)
    outside = [u for u in urls if not (u.startswith(server.url) or u.startswith("data:"))]
    assert outside == []


def test_hostile_files_get_chinese_errors(browser, server, uploads):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    requested_urls(browser)
    upload(browser, server, uploads["damaged"])
    WebDriverWait(browser, 300).until(EC.presence_of_element_located((By.CSS_SELECTOR, "section.file")))
    assert browser.find_element(By.CSS_SELECTOR, ".verdict").text == "无法检查"
    problem = browser.find_element(By.CSS_SELECTOR, "section.file .problem").text
    assert "无法" in problem or "损坏" in problem, problem

    upload(browser, server, uploads["oversized"])
    WebDriverWait(browser, 300).until(EC.presence_of_element_located((By.ID, "problem")))
    assert "上传的文件过大" in browser.find_element(By.ID, "problem").text
    assert "2 MB" in browser.find_element(By.ID, "problem").text

    outside = [u for u in requested_urls(browser) if not (u.startswith(server.url) or u.startswith("data:"))]
    assert outside == []


def test_a_script_title_shows_literally_and_does_not_run(browser, server, folder):
    import yaml
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    report = make_documents.load(make_documents.DEFAULT_YAML)
    report["meta"]["title"] = "<script>alert(1)</script>"
    hostile = folder / "title.yaml"
    hostile.write_text(yaml.safe_dump(report, allow_unicode=True), encoding="utf-8")
    upload(browser, server, hostile)
    WebDriverWait(browser, 300).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".title-text")))
    assert browser.find_element(By.CSS_SELECTOR, ".title-text").text == "<script>alert(1)</script>"
    with pytest.raises(NoAlertPresentException):          # the text did not run as a script
        _ = browser.switch_to.alert.text
