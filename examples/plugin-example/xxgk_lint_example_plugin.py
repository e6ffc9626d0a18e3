"""An example third-party rule plugin for xxgk-lint.

Some provinces ask every report to give a postal address for written enquiries. This
rule shows the whole plugin contract: a module named by an entry point of the group
``xxgk_lint.rules``, holding module-level rules declared with ``xxgk_lint.rule_api.rule``.
"""

from xxgk_lint.model import Finding, Message
from xxgk_lint.rule_api import rule


@rule(code="EX101", name="contact-address-present", category="contact", severity="warning",
      title=("未提供通讯地址", "No postal address given"),
      checks=("联系方式中是否给出通讯地址。", "Whether the contact details include a postal address."),
      rationale=("本地要求：公众可通过信函就年度报告提出疑问。",
                 "Local requirement: the public may send written enquiries about the report."),
      legal_basis=("示例：某省政务公开办年度报告编制要求（本地规定）",
                   "Example: a provincial office's local drafting requirement"),
      example_fail="meta:\n  contact: {phone: 0591-87654321}",
      example_pass="meta:\n  contact: {phone: 0591-87654321, address: 示例县人民路1号}",
      fix=("在联系方式中写明通讯地址，如“通讯地址：示例县人民路1号”。",
           "Give a postal address with the contact details, e.g. “通讯地址：示例县人民路1号”."))
def contact_address_present(report, ctx):
    meta = report.data.get("meta") or {}
    contact = meta.get("contact") if isinstance(meta, dict) else None
    if not isinstance(contact, dict) or not contact.get("address"):
        yield Finding("EX101", Message("联系方式中没有通讯地址", "the contact details give no postal address"),
                      "/meta/contact")
