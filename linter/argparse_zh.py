"""argparse's own texts (usage, errors, help headings) in Chinese, without gettext catalogues.

argparse looks its messages up through the module-level name ``argparse._`` (gettext) each
time it formats one. `install("zh")` points that name at a table of Chinese texts for the
lifetime of the command-line process; `install("en")` restores gettext. The library never
calls this: it only affects the CLI, which decides the language from ``--lang`` before
building its parser.
"""

from __future__ import annotations

import argparse
import gettext

# argparse 3.11–3.13 message ids → Chinese (same %-placeholders)
ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 须给出其中之一",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值 %r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项值 %(value)r（可选：%(choices)s）",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有子命令 %(parser_name)r（可用：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "subcommands": "子命令",
}


def _zh(message: str) -> str:
    return ZH.get(message, message)


def install(lang: str) -> None:
    """Use Chinese (`zh`) or argparse's own English texts for the parser built next."""
    argparse._ = _zh if lang != "en" else gettext.gettext  # type: ignore[attr-defined]


def _pick(text: str | None, lang: str) -> str | None:
    """One side of a bilingual help text "中文 / English" (the text itself when it is not one)."""
    if not text or " / " not in text:
        return text
    zh, en = text.split(" / ", 1)
    return en if lang == "en" else zh


def monolingual(parser: argparse.ArgumentParser, lang: str) -> None:
    """Keep one language of the commands' bilingual help texts ("中文 / English"), recursively:
    descriptions, option help, group titles and the sub-command listing."""
    parser.description = _pick(parser.description, lang)
    for group in parser._action_groups:
        group.title = _pick(group.title, lang)
        group.description = _pick(group.description, lang)
    for action in parser._actions:
        action.help = _pick(action.help, lang)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = _pick(choice.help, lang)
            for sub in set(action.choices.values()):
                monolingual(sub, lang)


def type_error(zh: str, en: str) -> argparse.ArgumentTypeError:
    """An option value's error in the language `install` chose (argparse prints it after the
    option's name)."""
    return argparse.ArgumentTypeError(zh if argparse._ is _zh else en)  # type: ignore[attr-defined]
