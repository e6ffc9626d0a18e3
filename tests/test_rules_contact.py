"""Contact detail rules (rules/contact.py, C601–C605)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rulecheck import DELETE, check, make_report, run

from xxgk_lint.config import ConfigError
from xxgk_lint.rules import contact
from xxgk_lint.rules.contact import email_problem, phone_problem, split_numbers, url_problem

ROOT = Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------- C601

def test_required_by_default_phone_and_email():
    check(contact.contact_required, {"/meta/contact/email": DELETE}, ("C601", "/meta/contact/email"))
    check(contact.contact_required, {"/meta/contact": DELETE},
          ("C601", "/meta/contact/phone"), ("C601", "/meta/contact/email"))
    check(contact.contact_required, {"/meta/contact/address": DELETE, "/meta/contact/fax": DELETE})


def test_required_option():
    patches = {"/meta/contact/postcode": DELETE, "/meta/contact/email": DELETE}
    check(contact.contact_required, patches, ("C601", "/meta/contact/postcode"),
          options={"required": ["phone", "postcode"]})
    check(contact.contact_required, patches, options={"required": []})


def test_required_option_invalid():
    with pytest.raises(ConfigError, match=r'\[rules.contact-required\] required = \["telephone"\]'):
        run(contact.contact_required, make_report(), options={"required": ["telephone"]})


def test_value_found_in_the_text_is_not_missing():
    # the extractor missed it, but the report does give it
    report = make_report({"/meta/contact": DELETE,
                          "/sections/other": "如有疑问请致电咨询电话：0591-87654321，或发邮件至 xxgk@example.gov.cn。"})
    assert run(contact.contact_required, report) == []


def test_blank_value_is_missing():
    check(contact.contact_required, {"/meta/contact/phone": "  "}, ("C601", "/meta/contact/phone"))


# ---------------------------------------------------------------- C602

@pytest.mark.parametrize("number", [
    "0598-3961801", "(0598)3961801", "（0598）3961801", "0598 3961801", "010-12345678", "02087654321",
    "13812345678", "138-1234-5678", "400-123-4567", "800 123 4567", "12345", "0591-12345",
    "0598-3961801转123", "0598-3961801分机8001", "0598-3961801-123", "+86 591 87654321",
    "+86 10 12345678", "+8613812345678", "0598-3961801（办公室）",
])
def test_valid_phone_numbers(number):
    assert phone_problem(number) is None


@pytest.mark.parametrize("number, reason", [
    ("3961801", "缺少区号"),
    ("87654321", "缺少区号"),
    ("0598-396180", "位数"),
    ("010-1234567", "位数"),        # 010 takes 8-digit numbers
    ("1381234567", "位数"),
    ("电话0598", "非号码字符"),
])
def test_invalid_phone_numbers(number, reason):
    assert reason in phone_problem(number)[0]


def test_split_numbers():
    assert split_numbers("0598-3961801、0598-3961802（传真）;13812345678或12345") == [
        "0598-3961801", "0598-3961802", "13812345678", "12345"]


def test_phone_format():
    check(contact.phone_format, {"/meta/contact/phone": "3961801"}, ("C602", "/meta/contact/phone"))
    check(contact.phone_format, {"/meta/contact/fax": "0591-876543"}, ("C602", "/meta/contact/fax"))
    check(contact.phone_format, {"/meta/contact/phone": "0591-87654321、3961801"},
          ("C602", "/meta/contact/phone"))
    check(contact.phone_format, {"/meta/contact/phone": "0591-87654321 13812345678"})  # space-separated pair
    check(contact.phone_format, {"/meta/contact/phone": DELETE})


# ---------------------------------------------------------------- C603

@pytest.mark.parametrize("address, reason", [
    ("sxrmzf1801@163.com", None),
    ("xxgk@scjgj.example.gov.cn", None),
    ("XXGK@Example.GOV.CN", None),
    ("x@163.com。", None),
    ("<x@163.com>", None),
    ("sxrmzf1801@163", "域名后缀"),
    ("163.com", "@"),
    ("@163.com", "用户名"),
    ("a@b..com", "格式"),
    ("a b@163.com", "格式"),
])
def test_email_problem(address, reason):
    problem = email_problem(address)
    assert (problem is None) if reason is None else (reason in problem[0])


def test_email_format():
    check(contact.email_format, {"/meta/contact/email": "xxgk@scjgj"}, ("C603", "/meta/contact/email"))
    check(contact.email_format, {"/meta/contact/email": "xxgk＠scjgj.example.gov.cn"})   # full-width ＠
    check(contact.email_format, {"/meta/contact/email": "a@example.gov.cn；b@163"}, ("C603", "/meta/contact/email"))


# ---------------------------------------------------------------- C604

@pytest.mark.parametrize("url, ok", [
    ("https://wzgl.sm.gov.cn/wcm/app/main.jsp", True),
    ("<https://wzgl.sm.gov.cn/wcm/app/main.jsp>", True),
    ("www.jianning.gov.cn", True),
    ("wzgl.sm.gov.cn/wcm", True),
    ("http://61.150.65.235/zfxxgk/zfxxgknb/", True),
    ("https://www.example.gov.cn:8443/x", True),
    ("建宁县人民政府门户网站", False),
    ("ftp://files.example.gov.cn", False),
    ("http://localhost", False),
    ("https://www.example.gov.cn:99999/", False),
    ("https://www.example .gov.cn", False),
])
def test_url_problem(url, ok):
    assert (url_problem(url) is None) is ok


def test_url_format():
    check(contact.url_format, {"/meta/publication_url": "县政府门户网站"}, ("C604", "/meta/publication_url"))
    check(contact.url_format, {"/meta/contact/website": "ftp://x.gov.cn"}, ("C604", "/meta/contact/website"))
    check(contact.url_format, {"/meta/publication_url": DELETE, "/meta/contact/website": DELETE})


# ---------------------------------------------------------------- C605

@pytest.mark.parametrize("value, ok", [
    ("350001", True), (350001, True), ("010010", True), ("35000", False), ("3500011", False),
    ("35000A", False), (10010, False),
])
def test_postcode_format(value, ok):
    expected = [] if ok else [("C605", "/meta/contact/postcode")]
    found = check(contact.postcode_format, {"/meta/contact/postcode": value}, *expected)
    if isinstance(value, int) and not ok:
        assert "引号" in found[0].message.zh       # the leading 0 was lost in YAML


# ---------------------------------------------------------------- whole reports

CONTACT_CODES = {"C601", "C602", "C603", "C604", "C605"}


def test_seed_contact_details_are_valid():
    from xxgk_lint.config import Config
    from xxgk_lint.engine import Linter

    result = Linter(Config()).lint_file(str(ROOT / "examples" / "jianning-suixi-2021.txt"))
    assert [d for d in result.diagnostics if d.code in CONTACT_CODES] == []
