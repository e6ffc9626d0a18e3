"""Input findings: files that cannot be read, or can only be read with a caveat.

Readers raise `InputProblem` with these codes (or add notes); the engine also uses I007
for an unexpected exception and I008 for a timeout, so one bad file never stops a run.
"""

from xxgk_lint.rule_api import companion

_BASIS = ("《中华人民共和国政府信息公开条例》第五十条：年度报告须按统一格式向社会公布，须能被读取和核查",
          "Regulations art. 50: the annual report must be published in the uniform format, readable and checkable")


def _input(code, name, severity, title, checks, rationale, fail="", ok="", *, fix):
    return companion(code=code, name=name, category="input", severity=severity, produced_by="read",
                     title=title, checks=checks, rationale=rationale, legal_basis=_BASIS, fix=fix,
                     example_fail=fail, example_pass=ok)


UNREADABLE = _input(
    "I001", "input-unreadable", "error",
    ("文件无法读取", "File cannot be read"),
    ("文件损坏、截断或内容不是所声称的格式（如 YAML 语法错误、损坏的 .docx 压缩包）。",
     "The file is corrupt, truncated, or not in the format it claims (YAML syntax error, broken .docx zip)."),
    ("无法读取的报告无法核查，须重新导出或另存后再检查。",
     "A report that cannot be read cannot be checked; export or save it again."),
    "一个被截断的 .docx 文件", "用 Word 正常保存的 .docx 文件",
    fix=("用 Word/WPS 重新打开并另存该文件（或重新导出），确认能正常打开后再检查。",
         "Open the file in Word/WPS and save (or export) it again; check it once it opens normally."))
UNSUPPORTED = _input(
    "I002", "input-unsupported-format", "error",
    ("不支持的文件格式", "Unsupported file format"),
    ("未安装 LibreOffice 时的旧版 Word（.doc）、WPS（.wps）文件，OFD（.ofd）、WPS 表格（.et）文件，或未知扩展名。",
     "Legacy Word (.doc) and WPS (.wps) files when LibreOffice is not installed, OFD (.ofd) and "
     "WPS spreadsheet (.et) files, or an unknown extension."),
    ("旧版二进制格式只能借助 LibreOffice 转换后读取；OFD 暂无可靠的读取库。请安装 LibreOffice，"
     "或在 Word/WPS 中“另存为 .docx”、将 OFD 导出为 PDF。",
     "Legacy binary formats can only be read after conversion by LibreOffice; OFD has no reliable "
     "reader library yet. Install LibreOffice, or save the file as .docx / export the OFD as PDF."),
    "report.doc（Word 97-2003 格式）", "report.docx",
    fix=("在 Word 或 WPS 中“另存为” .docx（或导出为文字版 PDF）后再检查；OFD 文件请导出为 PDF；"
         "也可安装 LibreOffice，由本工具自动转换 .doc/.wps。",
         "Save the file as .docx in Word or WPS (or export a text PDF) and check it again; export an OFD "
         "file as PDF; or install LibreOffice so that .doc/.wps are converted automatically."))
ENCODING = _input(
    "I003", "input-encoding-guessed", "warning",
    ("文件编码为推测所得", "File encoding was guessed"),
    ("文本文件既不是 UTF-8 也不是 GB18030/GBK，编码由检测得出，可能出现乱码。",
     "The text is neither UTF-8 nor GB18030/GBK; the encoding was detected and may be wrong."),
    ("编码猜错会产生乱码，导致标签无法识别；请以 UTF-8 保存。",
     "A wrong guess produces mojibake and unrecognisable labels; save as UTF-8."),
    fix=("用记事本或 WPS 把文件“另存为” UTF-8 编码后再检查。",
         "Save the file as UTF-8 (e.g. in Notepad or WPS) and check it again."))
TOO_LARGE = _input(
    "I004", "input-too-large", "error",
    ("文件过大", "File too large"),
    ("文件大小或解压后大小超过上限（可用 max-file-size-mb 配置）。",
     "The file, or its decompressed content, exceeds the size limit (max-file-size-mb)."),
    ("年度报告通常不足 1 MB；超大文件多为扫描件或压缩炸弹，逐一读取会拖垮批量检查。",
     "Annual reports are usually under 1 MB; huge files are scans or zip bombs that would stall a bulk run."),
    fix=("检查是否选错了文件；确为年度报告时，去掉其中的大图片后重新保存，或用 max-file-size-mb 调高上限。",
         "Check that this is the right file; if it is the report, remove large images and save again, or raise "
         "max-file-size-mb."))
ENCRYPTED = _input(
    "I005", "input-encrypted", "error",
    ("文件已加密", "File is encrypted"),
    ("PDF 或 Office 文件设置了打开密码。", "The PDF or Office file is password-protected."),
    ("加密文件无法提取文字；公开的年度报告不应加密。",
     "Encrypted files cannot be read; a published report should not be encrypted."),
    fix=("去掉文件的打开密码后重新保存，再检查；公开发布的报告不应设置密码。",
         "Remove the password, save the file again and check it; a published report should not be encrypted."))
NO_TEXT = _input(
    "I006", "input-no-text", "error",
    ("文件中没有可提取的文字", "No extractable text"),
    ("PDF 为纯图片扫描件或图片文件，而未安装文字识别（OCR）组件（pip install 'xxgk-lint[ocr]'），"
     "或文件中没有任何文字。",
     "An image-only scan or an image file while the OCR extra (pip install 'xxgk-lint[ocr]') is not installed, "
     "or a file without any text."),
    ("扫描件既无法核查也不便公众检索，应发布文字版。",
     "Scans can neither be checked nor searched by the public; publish a text version."),
    fix=("发布文字版报告：从原始 Word 文档另存为 .docx 或导出文字版 PDF，不要发布扫描图片。",
         "Publish a text version: save the original Word document as .docx or export a text PDF, not a scan."))
INTERNAL = _input(
    "I007", "internal-error", "error",
    ("检查该文件时出现内部错误", "Internal error while checking this file"),
    ("读取或检查时出现意外异常；其他文件照常检查。使用 --debug 查看调用栈。",
     "An unexpected exception occurred; other files are still checked. Use --debug for the traceback."),
    ("一个文件的问题不应中断整个批量检查；请将该文件反馈给开发者。",
     "One file must not stop a bulk run; please report the file to the developers."),
    fix=("这是检查工具的问题，不是报告的问题：请把该文件和 --debug 的输出反馈给维护人员，其他文件的结果不受影响。",
         "This is a problem of the tool, not of the report: send the file and the --debug output to the maintainers; "
         "other files are unaffected."))
TIMEOUT = _input(
    "I008", "input-timeout", "error",
    ("检查超时", "Check timed out"),
    ("单个文件的读取和检查超过了时间上限。", "Reading and checking one file exceeded the time limit."),
    ("异常文件不应让批量检查停滞。", "A pathological file must not stall a bulk run."),
    fix=("单独检查该文件；若仍超时，另存为 .docx 或文字版 PDF 后再检查，并将文件反馈给维护人员。",
         "Check the file on its own; if it still times out, save it as .docx or a text PDF and send it to the "
         "maintainers."))
MISMATCH = _input(
    "I009", "input-extension-mismatch", "info",
    ("扩展名与文件内容不符", "Extension does not match content"),
    ("例如 .txt 文件实际是网页，.doc 文件实际是 .docx；已按实际内容读取。",
     "E.g. a .txt that is really HTML, or a .doc that is really .docx; the file was read by its content."),
    ("扩展名错误会让其他工具打不开文件。", "A wrong extension makes the file fail in other tools."),
    fix=("把文件扩展名改为与内容一致（如网页存为 .html，Word 文档存为 .docx）。",
         "Rename the file with the extension of its content (.html for a web page, .docx for a Word document)."))
EMPTY = _input(
    "I010", "input-empty", "error",
    ("文件为空", "File is empty"),
    ("文件没有任何内容。", "The file has no content."),
    ("空文件多为上传失败。", "An empty file usually means a failed upload."),
    fix=("检查是否上传或复制了空文件，换成报告的完整文件。",
         "Check whether an empty file was uploaded or copied; use the complete report file."))
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
    "一份只有“请各单位于1月31日前报送”的通知", "任何含有“一、总体情况”或表三的报告",
    fix=("确认这份文件是否年度报告；若是，补上“一、总体情况”等部分标题和表二至表四；若不是，把它移出检查的文件夹。",
         "Check whether this file is an annual report; if it is, add the section headings and tables 二–四; if not, "
         "move it out of the folder checked."))
CONVERTED = companion(
    code="I014", name="input-converted", category="input", severity="info", produced_by="read",
    title=("文件经 LibreOffice 转换后检查", "File checked after conversion by LibreOffice"),
    checks=("旧版 Word（.doc、.dot）或 WPS（.wps）二进制文件，已用 LibreOffice 转换为 .docx 后检查；"
            "所报段落、表格位置指转换后的文档。",
            "A legacy Word (.doc, .dot) or WPS (.wps) binary file was converted to .docx with LibreOffice "
            "and then checked; paragraph and table positions refer to the converted document."),
    rationale=("转换可能使段落编号与原文件略有出入，核对位置时应知道这一点；.docx 格式也更便于公众和其他工具读取。",
               "Conversion may shift paragraph numbers slightly, which matters when looking up a "
               "position; .docx is also easier for the public and other tools to read."),
    legal_basis=_BASIS,
    fix=("无需修改；如需位置与原文件完全一致，可在 Word/WPS 中另存为 .docx 后再检查。",
         "Nothing to fix; to have positions match the original exactly, save it as .docx in Word/WPS "
         "and check again."),
    example_fail="报告.doc（Word 97-2003 格式）", example_pass="报告.docx")
