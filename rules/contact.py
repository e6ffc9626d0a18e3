"""Contact details and addresses, family C6xx.

Each rule's page is generated from its metadata below: `xxgk-lint rules` lists them,
`xxgk-lint explain CODE` shows one.

Values are read leniently: surrounding spaces and angle brackets, trailing punctuation,
several numbers separated by 、，,；;/ or 或, an extension (转123, 分机123, -123 after a full
number) and a parenthesised note such as （办公室） are all accepted.
"""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import urlsplit

from xxgk_lint import spec
from xxgk_lint.model import Finding, Message, Report
from xxgk_lint.normalize import fold_width
from xxgk_lint.prose import full_text
from xxgk_lint.rule_api import RuleContext, option, rule

_FIELDS = {f.id: f for f in spec.CONTACT_FIELDS}
DEFAULT_REQUIRED = ("phone", "email")
_INTRO_BASIS = ("国办公开办函〔2021〕30号附件的年度报告引言惯例（联系方式：地址、邮编、电话、传真、电子邮箱）；"
                "《中华人民共和国政府信息公开条例》第十二条（公开政府信息公开工作机构的联系方式）",
                "The usual intro of annual reports (address, postcode, phone, fax, e-mail); Regulations art. 12 "
                "(the contact details of the disclosure office are to be published)")


def _contact(report: Report) -> dict:
    contact = report.meta.get("contact")
    return contact if isinstance(contact, dict) else {}


def _present(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def _pointer(field: str) -> str:
    return spec.join_pointer("meta", "contact", field)


# ---------------------------------------------------------------- C601 必备联系方式

# Fallbacks in the text, so that a value the extractor missed is not reported as absent.
_IN_TEXT = {
    "phone": re.compile(r"(?:电话|热线|联系方式|咨询)[^0-9\n]{0,6}(?:\(?0\d{2,3}\)?[- ]?)?\d{5,8}|1[3-9]\d{9}"),
    "email": re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
    "postcode": re.compile(r"邮(?:政)?编(?:码)?[^0-9\n]{0,3}\d{6}"),
    "fax": re.compile(r"传真[^0-9\n]{0,6}\d"),
    "website": re.compile(r"https?://|www\."),
    "address": re.compile(r"(?:地址|通讯地址|联系地址)[:：]"),
}


@rule(code="C601", name="contact-required", category="contact", severity="warning",
      title=("缺少必备的联系方式", "Required contact details missing"),
      checks=("报告应写明联系方式；默认要求联系电话和电子邮箱。元数据 contact 中没有、正文中也找不到该项时报告。",
              "The report should give contact details; by default a phone number and an e-mail address. "
              "Reported when the field is neither in meta.contact nor found in the text."),
      rationale=("公众对报告有疑问时需要联系渠道；多数年度报告在引言中写明“如对本报告有疑问，请与……联系”。",
                 "Readers with questions need a channel; most reports end their intro with 如对本报告有疑问，"
                 "请与……联系."),
      legal_basis=_INTRO_BASIS,
      options=(option("required", "string-list", list(DEFAULT_REQUIRED),
                      ("必须写明的联系方式字段；也可写作顶层设置 required-contacts",
                       "the contact fields that must be given; also accepted as the top-level setting "
                       "required-contacts"),
                      choices=tuple(_FIELDS), setting="required-contacts"),),
      example_fail="（引言中无电话、无邮箱）",
      example_pass="联系电话：0598-3961801，邮箱：sxrmzf1801@163.com",
      fix=("在引言或第六部分写明政府信息公开工作机构的联系方式，如“联系电话：0598-3961801，电子邮箱："
           "xxgk@example.gov.cn”。",
           "State the disclosure office's contact details in the introduction or section 六, e.g. “联系电话："
           "0598-3961801，电子邮箱：xxgk@example.gov.cn”."))
def contact_required(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    required = ctx.options["contact-required"]["required"]
    contact = _contact(report)
    text = None
    for field in required:
        if _present(contact.get(field)):
            continue
        text = full_text(report) if text is None else text
        if _IN_TEXT[field].search(text):
            continue
        f = _FIELDS[field]
        yield Finding("C601", Message(f"未写明{f.zh}", f"no {f.en} given"), _pointer(field))


# ---------------------------------------------------------------- C602 电话

_SEPARATORS = re.compile(r"[、，,；;/／]|或|及|和|\s{2,}")
_NOTE = re.compile(r"[(（][^)）]*[\u4e00-\u9fff][^)）]*[)）]")
_EXTENSION = re.compile(r"(?:转|分机|ext\.?|x)\s*\d{1,6}$", re.I)
# 010 and 02x take 8-digit numbers, the 4-digit area codes 7 or 8; 12345-style hotlines may follow any
_FIXED = re.compile(r"^(?:\(?(?:010|02\d)\)?[-—–\s]?(?:\d{8}|12\d{3})"
                    r"|\(?0[3-9]\d{2}\)?[-—–\s]?(?:\d{7,8}|12\d{3}))(?:-\d{1,6})?$")
_FIXED_COMPACT = re.compile(r"^(?:0(?:10|2\d)\d{8}|0[3-9]\d{9,10})$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_SERVICE = re.compile(r"^(?:[48]00\d{7}|12\d{3}|9\d{4})$")
_LOCAL = re.compile(r"^\d{7,8}$")
_COUNTRY = re.compile(r"^(?:\+86|0086|86(?=[-\s]))[-\s]?")


def phone_problem(number: str) -> tuple[str, str] | None:
    """Why one phone number is malformed ((zh, en)), or None when it is fine."""
    n = _EXTENSION.sub("", _NOTE.sub("", fold_width(number)).strip()).strip(" -")
    if not n:
        return None
    country = _COUNTRY.match(n)
    if country:
        # +86 591 87654321: the area code loses its trunk 0 after the country code
        n = n[country.end():].strip()
        if not _MOBILE.match(re.sub(r"[-\s]", "", n)) and not n.startswith(("0", "(0")):
            n = "0" + n
    if _FIXED.match(n):
        return None
    compact = re.sub(r"[-\s]", "", n)
    if _MOBILE.match(compact) or _SERVICE.match(compact):
        return None
    if _LOCAL.match(compact):
        return "缺少区号", "area code missing"
    if _FIXED_COMPACT.match(compact):
        return None       # area code and number with the separator misplaced or left out
    if not re.fullmatch(r"[\d\s()（）+\-—–]+", n):
        return "含有非号码字符", "contains characters that are not part of a number"
    digits = len(re.sub(r"\D", "", n))
    return (f"位数不符（{digits} 位数字）", f"wrong length ({digits} digits)")


def split_numbers(value: object) -> list[str]:
    text = fold_width(str(value)).strip()
    text = _NOTE.sub("", text)
    return [p.strip() for p in _SEPARATORS.split(text) if p and p.strip()]


@rule(code="C602", name="phone-format", category="contact", severity="warning",
      title=("电话号码格式不正确", "Malformed phone number"),
      checks=("联系电话和传真应为：带区号的固定电话（0xx(x)-xxxxxxx(x)，区号可加括号或空格），手机号（1[3-9]开头11位）"
              "，400/800 号码，或 12345 等政务服务热线。只有7–8位本地号码时提示“缺少区号”。多个号码可用、，,；/或分隔；"
              "允许分机（转123、分机123）和括号备注。",
              "Phone and fax must be a fixed line with area code (0xx(x)-xxxxxxx(x); brackets or a space "
              "allowed), a mobile number (11 digits from 1[3-9]), a 400/800 number, or a service hotline such "
              "as 12345. A bare 7–8 digit local number is reported as missing its area code. Several numbers "
              "may be separated by 、，,；/或; extensions (转123, 分机123) and bracketed notes are accepted. "
              ""),
      rationale=("缺少区号或位数错误的电话无法拨通，公开联系方式就失去作用。",
                 "A number without area code or with the wrong length cannot be dialled."),
      legal_basis=_INTRO_BASIS,
      example_fail="联系电话：3961801",
      example_pass="联系电话：0598-3961801",
      fix=("把电话号码改为带区号的完整号码，如“0598-3961801”；手机号写足11位；多个号码之间用顿号分隔。",
           "Write the full number with its area code, e.g. “0598-3961801”; mobile numbers have 11 digits; separate "
           "several numbers with 、."))
def phone_format(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    contact = _contact(report)
    for field in ("phone", "fax"):
        value = contact.get(field)
        if not _present(value):
            continue
        for number in split_numbers(value):
            problem = phone_problem(number)
            if problem and len(number.split()) > 1 and not any(map(phone_problem, number.split())):
                continue       # two numbers separated by a single space
            if problem:
                f = _FIELDS[field]
                yield Finding("C602", Message(
                    f"{f.zh}“{number}”{problem[0]}；应为带区号的固定电话（如 0598-3961801）或手机号",
                    f"{f.en} “{number}”: {problem[1]}; expected a fixed line with area code "
                    f"(e.g. 0598-3961801) or a mobile number"),
                    _pointer(field), expected="0xx(x)-xxxxxxx(x)", actual=number)


# ---------------------------------------------------------------- C603 邮箱

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")


def email_problem(address: str) -> tuple[str, str] | None:
    a = address.strip().strip("<>").rstrip("。.,;；")
    if _EMAIL.match(a) and ".." not in a:
        return None
    if "@" not in a:
        return "缺少“@”", "no “@”"
    local, _, domain = a.rpartition("@")
    if not local:
        return "缺少用户名", "no user name before “@”"
    if domain and "." not in domain:
        return "缺少域名后缀（如 .com、.gov.cn）", "domain has no suffix (such as .com or .gov.cn)"
    return "格式不正确", "malformed"


@rule(code="C603", name="email-format", category="contact", severity="warning",
      title=("电子邮箱格式不正确", "Malformed e-mail address"),
      checks=("电子邮箱应为“用户名@域名.后缀”，如 xxgk@example.gov.cn；缺少@、缺少域名后缀（abc@163）"
              "或含非法字符时报告。多个邮箱可用、，,；/分隔；全角＠视同@。",
              "The e-mail address must read user@domain.suffix (xxgk@example.gov.cn); reported when the @ or the "
              "domain suffix is missing (abc@163) or characters are invalid. Several addresses may be separated "
              "by 、，,；/; a full-width ＠ counts as @."),
      rationale=("写错的邮箱收不到来信，公开联系方式就失去作用。", "A wrong address receives nothing."),
      legal_basis=_INTRO_BASIS,
      example_fail="电子邮箱：sxrmzf1801@163",
      example_pass="电子邮箱：sxrmzf1801@163.com",
      fix=("把电子邮箱改为完整地址，如“xxgk@example.gov.cn”（检查是否漏了 @ 或“.com”“.cn”等后缀）。",
           "Write the full e-mail address, e.g. “xxgk@example.gov.cn” (check for a missing @ or domain suffix)."))
def email_format(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    value = _contact(report).get("email")
    if not _present(value):
        return
    for address in (p.strip() for p in re.split(r"[、，,；;/／\s]+", fold_width(str(value))) if p.strip()):
        problem = email_problem(address)
        if problem:
            yield Finding("C603", Message(
                f"电子邮箱“{address}”{problem[0]}", f"e-mail address “{address}”: {problem[1]}"),
                _pointer("email"), expected="user@domain.suffix", actual=address)


# ---------------------------------------------------------------- C604 网址

_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$|^\d{1,3}(?:\.\d{1,3}){3}$")


def url_problem(value: str) -> tuple[str, str] | None:
    url = fold_width(value).strip().strip("<>").rstrip("。.,;；)）")
    if not url:
        return None
    if re.match(r"^www\.|^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[/:]|$)", url) and "://" not in url:
        url = "http://" + url      # 网址：www.example.gov.cn — a scheme-less host is still an address
    if re.search(r"\s", url):
        return "含有空格", "contains spaces"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "格式不正确", "malformed"
    if parts.scheme not in ("http", "https"):
        return "不是 http(s) 网址", "not an http(s) URL"
    host = parts.hostname or ""
    if not _HOST.match(host):
        return f"主机名“{host or '空'}”无效", f"invalid host “{host}”"
    if port is not None and not 0 < port < 65536:
        return "端口无效", "invalid port"
    return None


@rule(code="C604", name="url-format", category="contact", severity="warning",
      title=("网址格式不正确", "Malformed URL"),
      checks=("公开网址（publication_url）和网站（contact.website）应为 http(s) 网址，主机名为域名或 IP 地址，"
              "如 https://wzgl.sm.gov.cn/wcm/app/main.jsp。省略 http:// 的“www.example.gov.cn”视为有效；"
              "尖括号和句末标点会被去掉。写成网站名称（如“县政府门户网站”）、含空格或其他协议时报告。",
              "publication_url and contact.website must be http(s) URLs whose host is a domain or an IP address "
              "(https://wzgl.sm.gov.cn/wcm/app/main.jsp). A scheme-less www.example.gov.cn is accepted; angle "
              "brackets and trailing punctuation are ignored. A site name (县政府门户网站), spaces or another "
              "scheme are reported."),
      rationale=("读者需凭网址找到报告全文和政府信息公开专栏；写成名称或写错就无法访问。",
                 "Readers use the URL to find the report and the disclosure column; a name or a broken URL "
                 "leads nowhere."),
      legal_basis=("国办公开办函〔2021〕30号 二、（一）–（三）在政府信息公开专栏发布（未核实）；年度报告引言惯例",
                   "Format notice 2 (1)–(3), publication in the disclosure column (unverified); the usual intro"),
      example_fail="网址：建宁县人民政府门户网站",
      example_pass="网址：https://wzgl.sm.gov.cn/wcm/app/main.jsp",
      fix=("把网址改为可访问的完整地址，如“https://www.example.gov.cn/xxgk/”，去掉其中的空格和中文标点。",
           "Write the full working address, e.g. “https://www.example.gov.cn/xxgk/”, without spaces or Chinese "
           "punctuation."))
def url_format(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    meta = report.meta
    places = (("/meta/publication_url", meta.get("publication_url"), "公开网址", "publication URL"),
              (_pointer("website"), _contact(report).get("website"), "网站", "website"))
    for pointer, value, zh, en in places:
        if not _present(value):
            continue
        problem = url_problem(str(value))
        if problem:
            yield Finding("C604", Message(
                f"{zh}“{value}”{problem[0]}；应为 http(s) 网址",
                f"{en} “{value}”: {problem[1]}; expected an http(s) URL"),
                pointer, expected="http(s)://host/…", actual=str(value))


# ---------------------------------------------------------------- C605 邮编


@rule(code="C605", name="postcode-format", category="contact", severity="warning",
      title=("邮政编码不是6位数字", "Postcode is not 6 digits"),
      checks=("写了邮政编码时，应为6位数字（如 354500）。YAML 中写成整数的 354500 同样接受；"
              "以 0 开头的邮编须加引号，否则会丢失前导 0。",
              "A postcode, when given, must be 6 digits (354500); an integer in YAML is fine, but postcodes "
              "starting with 0 must be quoted or the leading 0 is lost."),
      rationale=("错误的邮编会使信件无法投递。", "A wrong postcode misroutes letters."),
      legal_basis=_INTRO_BASIS,
      example_fail="邮编：35450",
      example_pass="邮编：354500",
      fix=("把邮政编码改为6位数字，如“354500”。",
           "Write the postcode as six digits, e.g. “354500”."))
def postcode_format(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    value = _contact(report).get("postcode")
    if not _present(value) or isinstance(value, bool):
        return
    text = fold_width(str(value)).strip().rstrip("。.")
    if re.fullmatch(r"\d{6}", text):
        return
    hint_zh = "（YAML 中以 0 开头的邮编请加引号）" if isinstance(value, int) else ""
    hint_en = " (quote postcodes starting with 0 in YAML)" if isinstance(value, int) else ""
    yield Finding("C605", Message(
        f"邮政编码“{value}”不是6位数字{hint_zh}", f"postcode “{value}” is not 6 digits{hint_en}"),
        _pointer("postcode"), expected="6 位数字", actual=value)
