"""Input findings: files that cannot be read, or can only be read with a caveat.

Readers raise `InputProblem` with these codes (or add notes); the engine also uses I007
for an unexpected exception and I008 for a timeout, so one bad file never stops a run.
"""

from xxgk_lint.rule_api import companion

_BASIS = ("《中华人民共和国政府信息公开条例》第五十条：年度报告须按统一格式向社会公布，须能被读取和核查",
          "Regulations art. 50: the annual report must be published in the uniform format, readable and checkable")


def _input(code, name, severity, title, checks, rationale, fail="", ok=""):
    return companion(code=code, name=name, category="input", severity=severity, produced_by="read",
                     title=title, checks=checks, rationale=rationale, legal_basis=_BASIS,
                     example_fail=fail, example_pass=ok)


UNREADABLE = _input(
    "I001", "input-unreadable", "error",
    ("文件无法读取", "File cannot be read"),
    ("文件损坏、截断或内容不是所声称的格式（如 YAML 语法错误、损坏的 .docx 压缩包）。",
     "The file is corrupt, truncated, or not in the format it claims (YAML syntax error, broken .docx zip)."),
    ("无法读取的报告无法核查，须重新导出或另存后再检查。",
     "A report that cannot be read cannot be checked; export or save it again."),
    "一个被截断的 .docx 文件", "用 Word 正常保存的 .docx 文件")
UNSUPPORTED = _input(
    "I002", "input-unsupported-format", "error",
    ("不支持的文件格式", "Unsupported file format"),
    ("旧版 Word（.doc）、WPS（.wps）等格式或未知扩展名。",
     "Legacy Word (.doc), WPS (.wps) or an unknown extension."),
    ("旧版二进制格式无法可靠提取表格；请在 Word/WPS 中“另存为 .docx”。",
     "Legacy binary formats cannot be read reliably; save the file as .docx."),
    "report.doc（Word 97-2003 格式）", "report.docx")
ENCODING = _input(
    "I003", "input-encoding-guessed", "warning",
    ("文件编码为推测所得", "File encoding was guessed"),
    ("文本文件既不是 UTF-8 也不是 GB18030/GBK，编码由检测得出，可能出现乱码。",
     "The text is neither UTF-8 nor GB18030/GBK; the encoding was detected and may be wrong."),
    ("编码猜错会产生乱码，导致标签无法识别；请以 UTF-8 保存。",
     "A wrong guess produces mojibake and unrecognisable labels; save as UTF-8."))
TOO_LARGE = _input(
    "I004", "input-too-large", "error",
    ("文件过大", "File too large"),
    ("文件大小或解压后大小超过上限（可用 max-file-size-mb 配置）。",
     "The file, or its decompressed content, exceeds the size limit (max-file-size-mb)."),
    ("年度报告通常不足 1 MB；超大文件多为扫描件或压缩炸弹，逐一读取会拖垮批量检查。",
     "Annual reports are usually under 1 MB; huge files are scans or zip bombs that would stall a bulk run."))
ENCRYPTED = _input(
    "I005", "input-encrypted", "error",
    ("文件已加密", "File is encrypted"),
    ("PDF 或 Office 文件设置了打开密码。", "The PDF or Office file is password-protected."),
    ("加密文件无法提取文字；公开的年度报告不应加密。",
     "Encrypted files cannot be read; a published report should not be encrypted."))
NO_TEXT = _input(
    "I006", "input-no-text", "error",
    ("文件中没有可提取的文字", "No extractable text"),
    ("PDF 为纯图片扫描件或图片文件，而未安装文字识别（OCR）组件（pip install 'xxgk-lint[ocr]'），或文件中没有任何文字。",
     "An image-only scan or an image file while the OCR extra (pip install 'xxgk-lint[ocr]') is not installed, "
     "or a file without any text."),
    ("扫描件既无法核查也不便公众检索，应发布文字版。",
     "Scans can neither be checked nor searched by the public; publish a text version."))
INTERNAL = _input(
    "I007", "internal-error", "error",
    ("检查该文件时出现内部错误", "Internal error while checking this file"),
    ("读取或检查时出现意外异常；其他文件照常检查。使用 --debug 查看调用栈。",
     "An unexpected exception occurred; other files are still checked. Use --debug for the traceback."),
    ("一个文件的问题不应中断整个批量检查；请将该文件反馈给开发者。",
     "One file must not stop a bulk run; please report the file to the developers."))
TIMEOUT = _input(
    "I008", "input-timeout", "error",
    ("检查超时", "Check timed out"),
    ("单个文件的读取和检查超过了时间上限。", "Reading and checking one file exceeded the time limit."),
    ("异常文件不应让批量检查停滞。", "A pathological file must not stall a bulk run."))
MISMATCH = _input(
    "I009", "input-extension-mismatch", "info",
    ("扩展名与文件内容不符", "Extension does not match content"),
    ("例如 .txt 文件实际是网页，.doc 文件实际是 .docx；已按实际内容读取。",
     "E.g. a .txt that is really HTML, or a .doc that is really .docx; the file was read by its content."),
    ("扩展名错误会让其他工具打不开文件。", "A wrong extension makes the file fail in other tools."))
EMPTY = _input(
    "I010", "input-empty", "error",
    ("文件为空", "File is empty"),
    ("文件没有任何内容。", "The file has no content."),
    ("空文件多为上传失败。", "An empty file usually means a failed upload."))
NOT_A_REPORT = _input(
    "I011", "input-not-a-report", "warning",
    ("文件不是年度报告", "File is not an annual report"),
    ("文件能读取，但没有年度报告的任何组成部分：没有“一、总体情况”等部分标题，没有表二至表四，"
     "标题也未提及“政府信息公开”。这类文件（说明文档、通知等）不按年度报告检查，计为未检查。",
     "The file reads fine but has no part of an annual report: no section headings, no tables 二–四, "
     "and no title naming 政府信息公开. Such files (notes, notices) are not checked as reports and count "
     "as not checked."),
    ("批量检查的文件夹里常混有说明、通知等其他文件，逐条报告“缺少第一部分”等问题只会淹没真正的问题。",
     "Folders collected for a bulk audit often contain other documents; reporting every missing section "
     "for them would drown the real findings."),
    "一份只有“请各单位于1月31日前报送”的通知", "任何含有“一、总体情况”或表三的报告")
