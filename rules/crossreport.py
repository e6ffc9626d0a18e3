"""Checks across reports: only `xxgk-lint audit` can run them, since each needs other files.

The audit keeps a few table figures and a text signature of every report it reads, and
compares reports once all are read (`xxgk_lint.audit.crosscheck`). The findings are attached
to the later-year report, or to the second file of a pair in path order, and name the other
file, so that they appear in that file's results and in every export.
"""

from xxgk_lint.rule_api import companion, option

CARRY_OVER = companion(
    code="X101", name="carry-over-mismatch", category="consistency", severity="warning",
    produced_by="audit",
    title=("上年结转数与上一年度报告的结转下年度数不一致",
           "Carried-over applications differ from last year's report"),
    checks=("同一机关相邻两个年度的报告都在本次检查范围内时，逐列比较：本年表三“二、上年结转政府信息公开申请数量”"
            "应等于上一年度报告表三“四、结转下年度继续办理”（自然人、各类法人或其他组织、总计各列）。"
            "只比较两份报告中都是整数的格子；发现问题的是本年报告，说明中写明上一年度报告的文件名。",
            "When the same organ's reports for two consecutive years are both audited, compares column by "
            "column: this year's table 3 row \"II. carried over from last year\" must equal last year's row "
            "\"IV. carried forward to next year\" (natural persons, each kind of organisation, total). Only "
            "cells that are integers in both reports are compared; the finding is on this year's report "
            "and names last year's file."),
    rationale=("上一年度结转下年度继续办理的申请，就是本年度的上年结转申请；两者不一致说明其中一年的统计有误，"
               "或有申请在年度之间“消失”或“凭空出现”。",
               "The applications carried forward at the end of one year are exactly those carried over into "
               "the next; a difference means one year's statistics are wrong, or applications vanished or "
               "appeared between the years."),
    legal_basis=("《中华人民共和国政府信息公开条例》第五十条（年度报告应包括收到和处理政府信息公开申请情况）；"
                 "国办公开办函〔2021〕30号 表三“二、上年结转政府信息公开申请数量”“四、结转下年度继续办理”；"
                 "同通知二（四）将“发布内容不准确”列为须追究责任的问题。",
                 "Regulations art. 50 (the report covers applications received and handled); 国办公开办函〔2021〕30号 "
                 "table 3 rows II and IV; section 2(4) of the same notice names inaccurate content as a failure "
                 "leading to accountability."),
    example_fail="2021年报告“四、结转下年度继续办理”总计 2 件，2022年报告“二、上年结转”总计 0 件",
    example_pass="2021年报告结转下年度 2 件，2022年报告上年结转 2 件",
    fix=("核对两年报告：本年表三“二、上年结转”应等于上年报告表三“四、结转下年度继续办理”；改正错的一份，"
         "确有差异的在正文说明原因。",
         "Compare the two reports: this year's 二、上年结转 must equal last year's 四、结转下年度继续办理; correct the "
         "wrong one or explain the difference in the prose."))

CONTENT_SIMILAR = companion(
    code="X102", name="content-similar", category="content", severity="warning",
    produced_by="audit",
    options=(option("threshold", "number", 0.9,
                    ("相似度达到此值即报告（0.9 即 90%）", "report pairs at least this similar (0.9 is 90%)"),
                    minimum=0, above_minimum=True, maximum=1),),
    title=("报告正文内容雷同", "Report text nearly identical to another report"),
    checks=("比较本次检查的报告两两之间的正文（各部分文字，去掉官方标题、表格栏目名、机关名称、数字和标点后），"
            "相似度达到阈值（默认 0.9，可用规则选项 [rules.content-similar] threshold 调整）即报告："
            "包括不同机关的报告之间，以及同一机关不同年度的报告之间（同一机关同一年度的重复文件由 X103 报告）。"
            "相似度用 MinHash 估计（5 字片段），问题记在年度较晚（同年度时路径排序在后）的报告上，"
            "写明另一份报告的文件名和相似度，只写最相似的一份。正文去掉上述内容后不足 60 字的报告不参与比较。",
            "Compares the text of the audited reports pairwise (the sections' text without official headings, "
            "table labels, the organ's name, digits and punctuation) and reports pairs whose similarity reaches "
            "the threshold (default 0.9; rule option [rules.content-similar] threshold): reports of different "
            "organs, and one organ's reports of different years (duplicates of one organ and year are X103). "
            "Similarity is estimated with MinHash over 5-character shingles; the finding is on the later-year "
            "report (the later path for the same year), names the other file and the similarity, and names "
            "only the most similar one. Reports with fewer than 60 characters left after normalisation are "
            "not compared."),
    rationale=("照抄上一年度或其他机关的报告、只改机关名称和数字，是主管部门点名的“内容雷同”问题："
               "这样的报告不能反映本机关本年度的实际工作。",
               "Copying last year's report or another organ's and changing only the name and numbers is the "
               "\"identical content\" failure the authorities name: such a report does not describe this organ's "
               "work in this year."),
    legal_basis=("国办公开办函〔2021〕30号 二（四）：“出现不按时发布、发布内容不准确不全面或者内容雷同、敷衍塞责等问题"
                 "并造成不良后果的……严肃追究负有责任的领导人员和直接责任人责任”；《中华人民共和国政府信息公开条例》"
                 "第五十条（年度报告应如实反映本机关本年度的政府信息公开工作情况）。",
                 "国办公开办函〔2021〕30号 section 2(4): identical (copy-paste) content is named among the failures "
                 "leading to accountability; Regulations art. 50 (the report describes this organ's work in the "
                 "year)."),
    example_fail="乙镇2022年报告与甲镇2022年报告仅机关名称和数字不同（相似度 98%）",
    example_pass="两个机关各自如实撰写的报告",
    fix=("按本机关本年度的实际工作重写雷同的段落，写明本年度的具体做法和数据，不要套用其他报告的文字。",
         "Rewrite the similar passages with this organ's own work of this year, its measures and figures, not another "
         "report's text."))

DUPLICATE = companion(
    code="X103", name="duplicate-report", category="consistency", severity="warning",
    produced_by="audit",
    title=("同一机关同一年度有多份报告", "Several reports of one organ and year"),
    checks=("本次检查中有两个或以上文件的机关名称和报告年度相同（例如同一报告的 .docx 和 .pdf，"
            "或重复上传）。问题记在路径排序在后的文件上，写明第一份的文件名。",
            "Two or more audited files have the same organ name and reporting year (e.g. a .docx and a .pdf of "
            "one report, or a duplicate upload). The finding is on the later file in path order and names the "
            "first one."),
    rationale=("一个机关每年只发布一份年度报告；多份并存时须确认哪一份是正式发布的版本，且各份内容一致。",
               "An organ publishes one annual report a year; when several exist, the official one must be "
               "identified and the copies must agree."),
    legal_basis=("《中华人民共和国政府信息公开条例》第五十条（各级行政机关每年向社会公布本机关政府信息公开工作年度报告）。",
                 "Regulations art. 50 (each organ publishes its annual report once a year)."),
    example_fail="报告/2022/甲镇.docx 与 报告/2022/甲镇.pdf 均为甲镇2022年报告",
    example_pass="每个机关每年一份报告",
    fix=("只保留一份该机关该年度的报告（删去重复上传或不同格式的副本），或核对文件中的机关名称和年度是否写错。",
         "Keep one report per organ and year (remove the duplicate upload or copy in another format), or check whether "
         "the organ name or year is wrong."))
