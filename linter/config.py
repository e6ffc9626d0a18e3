"""Configuration: ``[tool.xxgk-lint]`` in pyproject.toml or ``xxgk-lint.toml``, searched upward.

Resolution follows ruff: rules are selected by code or code prefix (``select``, default
``ALL``; ``extend-select``; ``ignore``); the most specific matching selector wins and, on a
tie, ``ignore`` wins. CLI flags replace the file's values. Unknown rule codes, unknown keys
and settings that cannot take effect are reported as warnings, never silently dropped.

Rule options (``[rules.<name>]`` tables, and the top-level settings an option declares as its
shorter spelling, such as ``deadlines``) are checked against the rules' declarations once the
rules are loaded (`Config.options_for`): a bad value is a `ConfigError` naming the file and key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from .model import SEVERITIES, Message, Severity, UserError

if TYPE_CHECKING:
    from .rule_api import Rule

CONFIG_FILENAMES = ("xxgk-lint.toml", "pyproject.toml")
# The settings the configuration itself reads; other top-level keys may be rule options' settings
# (`Option.setting`), known once the rules are loaded.
KNOWN_KEYS = {"select", "extend-select", "ignore", "severity", "fail-on", "organ-level",
              "rules", "rules-dirs", "local-rules", "overrides", "lang",
              "max-file-size-mb", "worker-memory-mb", "audit-inline-suppressions", "show-fix", "soffice",
              "roster", "db"}


class ConfigError(UserError):
    """A configuration, overrides or baseline file that cannot be used (exit code 2)."""


@dataclass
class Config:
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = "error"
    organ_level: str | None = None
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)   # [rules.<name>] as written
    # top-level keys the configuration does not read itself: rule options' settings (`Option.setting`,
    # e.g. deadlines, required-contacts) or unknown keys, told apart once the rules are loaded
    settings: dict[str, Any] = field(default_factory=dict)
    rules_dirs: tuple[Path, ...] = ()
    local_rules: tuple["Rule", ...] = ()  # read from the local-rules YAML files (local_rules.py)
    overrides: Path | None = None
    lang: str = "zh"
    max_file_size_mb: float = 50.0
    # address-space limit of each audit worker process: OCR of a scanned page (onnxruntime) reserves
    # about 1.3 GB of address space, a text report far less
    worker_memory_mb: float = 2048.0
    audit_inline_suppressions: bool = False   # honour `xxgk-lint: disable` written in audited files
    show_fix: bool = True                # 修改建议 under each finding in the terminal
    # LibreOffice for .doc/.wps: a program path or name; None finds it on PATH; False never uses it.
    soffice: str | bool | None = None
    # Where converted .doc/.wps are cached by content hash (set by `audit` for one run).
    conversion_cache: Path | None = None
    roster: Path | None = None           # audit: the organs that must report (audit --roster)
    db: Path | None = None               # audit and history: the history database (audit --db)
    source: Path | None = None           # the file the settings came from
    warnings: list[Message] = field(default_factory=list)

    @property
    def where(self) -> str:
        """How messages name the configuration: its file, or "config" for settings given otherwise."""
        return str(self.source) if self.source else "config"

    def in_effect(self) -> Message:
        """Which configuration file this run uses, in words (every run says so)."""
        if self.source is None:
            return Message("配置文件：无（使用默认设置）", "configuration: none (defaults)")
        return Message(f"配置文件：{self.source}", f"configuration: {self.source}")

    # ---------------------------------------------------------- selection

    def is_selected(self, code: str) -> bool:
        chosen = _longest_match(code, self.select + self.extend_select)
        dropped = _longest_match(code, self.ignore)
        return chosen >= 0 and chosen > dropped

    def options_for(self, rules: Iterable["Rule"]) -> dict[str, dict[str, Any]]:
        """Every rule's options by rule name: the configured values checked against the rule's
        declarations, declared defaults for the rest; `ConfigError` naming the file and key."""
        from .rule_options import resolve

        where = self.where
        # name the tables as the user wrote them: pyproject.toml nests them under [tool.xxgk-lint]
        nested = self.source is not None and self.source.name == "pyproject.toml"
        prefix = "tool.xxgk-lint." if nested else ""
        return {r.name: resolve(r.name, r.options, self.rule_options.get(r.name, {}), self.settings,
                                table=f"[{prefix}rules.{r.name}]",
                                setting_prefix="[tool.xxgk-lint] " if nested else "", where=where)
                for r in rules}

    def check_against(self, rules: Mapping[str, "Rule"]) -> None:
        """Warn about selectors and settings that name no rule or cannot take effect.

        `rules` maps every registered code to its rule.
        """
        codes = {code: r.name for code, r in rules.items()}
        for key, selectors in (("select", self.select), ("extend-select", self.extend_select),
                               ("ignore", self.ignore)):
            for sel in selectors:
                if sel != "ALL" and not any(c.startswith(sel) for c in codes):
                    self.warnings.append(Message(
                        f"配置项 {key} 中的规则代码 {sel} 不存在（运行 xxgk-lint rules 查看全部规则）",
                        f"{key}: unknown rule code {sel} (run `xxgk-lint rules` to list rules)"))
        for code in self.severity:
            if code not in codes:
                self.warnings.append(Message(f"配置项 severity 中的规则代码 {code} 不存在",
                                             f"severity: unknown rule code {code}"))
            elif not self.is_selected(code):
                self.warnings.append(Message(f"配置项 severity 为 {code} 设置的级别不会生效：该规则未启用",
                                             f"severity for {code} has no effect: the rule is not selected"))
        names = set(codes.values())
        for name in self.rule_options:
            if name not in names:
                self.warnings.append(Message(f"配置项 rules 中的规则名 {name} 不存在",
                                             f"rules: unknown rule name {name}"))
        claimed = {o.setting for r in rules.values() for o in r.options if o.setting}
        where = self.where
        for key in self.settings:
            if key not in claimed:
                self.warnings.append(Message(f"{where}: 未知的配置项 {key}（已忽略）",
                                             f"{where}: unknown setting {key} (ignored)"))


def _longest_match(code: str, selectors: tuple[str, ...]) -> int:
    best = -1
    for sel in selectors:
        if sel == "ALL":
            best = max(best, 0)
        elif code.startswith(sel):
            best = max(best, len(sel))
    return best


def find_config(start: Path, stop: Path | None = None) -> tuple[Path, dict] | None:
    """The nearest config file at or above `start` (up to `stop`, inclusive) that holds
    xxgk-lint settings."""
    import tomllib

    for directory in (start, *start.parents):
        for name in CONFIG_FILENAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            table = settings_table(name, _read_toml(candidate, tomllib))
            if table is None:
                continue
            return candidate, table
        if directory == stop:
            break
    return None


def search_bound(start: Path) -> Path | None:
    """Where the upward search for a configuration stops: the root of the repository `start`
    is in (the nearest folder holding .git), else the home folder when `start` is under it."""
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    home = Path.home().resolve()
    return home if start == home or home in start.parents else None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def untrusted_reason(config_file: Path, inputs: Iterable[str], bound: Path | None, *,
                     own_repository: bool = True) -> Message | None:
    """Why a configuration found by searching may not be used for this run, or None.

    A configuration inside a folder being checked came with the files (a received zip): it
    could switch every rule off or name Python rules to run. The folder of a file given by
    name counts too. With `own_repository` (`check`, an organ linting its own repository), a
    configuration at the repository root is trusted all the same; an audit never trusts one
    inside the folders it audits."""
    folder = config_file.parent.resolve()
    if own_repository and folder == bound:
        return None
    for given in inputs:
        if given == "-":
            continue
        path = Path(given).resolve()
        if path.is_dir():
            if _inside(folder, path):
                return Message(
                    f"未采用配置文件 {config_file}：它位于被检查的文件夹 {given} 中，来自他人的文件夹不能改变检查规则"
                    "（确需使用请用 --config 指定）",
                    f"configuration {config_file} not used: it is inside the checked folder {given}; "
                    "a folder received from others cannot change the checks (use --config to use it)")
        elif folder == path.parent:
            return Message(
                f"未采用配置文件 {config_file}：它与被检查的文件 {given} 在同一文件夹中，可能是随文件收到的"
                "（确需使用请用 --config 指定）",
                f"configuration {config_file} not used: it sits beside the checked file {given} and may "
                "have come with it (use --config to use it)")
    return None


def settings_table(name: str, table: dict) -> dict | None:
    """The xxgk-lint settings of a parsed file: pyproject.toml's ``[tool.xxgk-lint]`` (None when it
    has none); an xxgk-lint.toml's bare keys, or the same ``[tool.xxgk-lint]`` table when the file
    was written like pyproject.toml (both forms are documented)."""
    tool = table.get("tool")
    nested = tool.get("xxgk-lint") if isinstance(tool, dict) else None
    if name == "pyproject.toml":
        return nested
    if isinstance(nested, dict):
        return {**{k: v for k, v in table.items() if k != "tool"}, **nested}
    return table


def _read_toml(path: Path, tomllib) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}：无法读取配置文件（{exc.strerror or exc}）",
                          f"{path}: cannot read the configuration file ({exc.strerror or exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(*toml_error(path, exc)) from exc


def load_config(*, explicit: Path | None = None, start: Path | None = None,
                isolated: bool = False, inputs: Iterable[str] = (), own_repository: bool = True) -> Config:
    """Read the configuration: `explicit`, else the nearest one searched upward from `start`
    (default: the working directory) within its repository or home folder, unless it lies
    where the files being checked (`inputs`) came from — then the defaults, with a warning
    (see `untrusted_reason`)."""
    if isolated:
        return Config()
    if explicit is not None:
        import tomllib
        table = settings_table(explicit.name, _read_toml(explicit, tomllib))
        return from_table(table or {}, explicit)
    start = (start or Path.cwd()).resolve()
    bound = search_bound(start)
    found = find_config(start, bound)
    if not found:
        return Config()
    refused = untrusted_reason(found[0], inputs, bound, own_repository=own_repository)
    if refused is not None:
        return Config(warnings=[refused])
    return from_table(found[1], found[0])


def from_table(table: dict, source: Path | None) -> Config:
    cfg = Config(source=source)
    where = cfg.where
    cfg.settings = {key: value for key, value in table.items() if key not in KNOWN_KEYS}
    _read_selection(cfg, table, where)
    _read_rule_sources(cfg, table, where)
    _read_run_settings(cfg, table, where)
    return cfg


def _strings(table: dict, key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}：{key} 应为字符串列表，如 [\"A401\", \"C6\"]",
                          f"{where}: {key} must be a list of strings")
    return tuple(v.strip().upper() if key in ("select", "extend-select", "ignore") else v for v in value)


def _read_selection(cfg: Config, table: dict, where: str) -> None:
    """Which rules run and at what severity: select, extend-select, ignore, severity, fail-on."""
    if "select" in table:
        cfg.select = _strings(table, "select", where)
    cfg.extend_select = _strings(table, "extend-select", where)
    cfg.ignore = _strings(table, "ignore", where)
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}：severity 应为“代码 = \"error|warning|info\"”的表",
                          f"{where}: severity must be a table of CODE = \"error|warning|info\"")
    for code, level in severity.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{where}：severity.{code} = {level!r} 无效；"
                              "可选 error（错误）、warning（警告）、info（提示）",
                              f"{where}: severity.{code} = {level!r}; use error, warning or info")
    cfg.severity = {c.upper(): v for c, v in severity.items()}
    if "fail-on" in table:
        cfg.fail_on = validate_fail_on(table["fail-on"], where)


def _read_rule_sources(cfg: Config, table: dict, where: str) -> None:
    """Rule options as written, local rule folders and local-rules files (paths relative to the file)."""
    rules = table.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(f"{where}：rules 下应为 [rules.<规则名>] 表，如 [rules.content-similar]",
                          f"{where}: [rules.<rule-name>] tables expected")
    cfg.rule_options = rules
    base = cfg.source.parent if cfg.source else Path.cwd()
    cfg.rules_dirs = tuple((base / d).resolve() for d in _strings(table, "rules-dirs", where))
    if "local-rules" in table:
        from .local_rules import load_local_rules
        value = table["local-rules"]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}：local-rules 须为文件名列表，如 local-rules = [\"本县规则.yaml\"]",
                              f"{where}: local-rules must be a list of file names, "
                              f"e.g. local-rules = [\"county.yaml\"]")
        cfg.local_rules = tuple(r for name in value for r in load_local_rules((base / name).resolve()))


def _read_run_settings(cfg: Config, table: dict, where: str) -> None:
    """Everything else: organ level, files the run reads, language, limits, display."""
    base = cfg.source.parent if cfg.source else Path.cwd()
    if "organ-level" in table:
        cfg.organ_level = validate_organ_level(table["organ-level"], where)
    if "overrides" in table:
        cfg.overrides = (base / str(table["overrides"])).resolve()
    for key in ("roster", "db"):          # paths relative to the configuration file, like overrides
        if key in table:
            if not isinstance(table[key], str) or not table[key].strip():
                raise ConfigError(f"{where}：{key} 应为文件路径", f"{where}: {key} must be a file path")
            setattr(cfg, key, (base / table[key]).resolve())
    if "lang" in table:
        cfg.lang = validate_lang(table["lang"], where)
    if "max-file-size-mb" in table:
        size = table["max-file-size-mb"]
        if not isinstance(size, (int, float)) or size <= 0:
            raise ConfigError(f"{where}：max-file-size-mb 应为正数（单位 MB）",
                              f"{where}: max-file-size-mb must be a positive number")
        cfg.max_file_size_mb = float(size)
    if "worker-memory-mb" in table:
        cfg.worker_memory_mb = validate_memory_mb(table["worker-memory-mb"], f"{where}: worker-memory-mb")
    for key, attribute in (("audit-inline-suppressions", "audit_inline_suppressions"), ("show-fix", "show_fix")):
        if key in table:
            if not isinstance(table[key], bool):
                raise ConfigError(f"{where}：{key} 应为 true 或 false", f"{where}: {key} must be true or false")
            setattr(cfg, attribute, table[key])
    if "soffice" in table:
        cfg.soffice = validate_soffice(table["soffice"], where)


MIN_WORKER_MEMORY_MB = 256      # below this a worker cannot even load the readers


def validate_memory_mb(value: Any, where: str) -> float:
    import math
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
            or value < MIN_WORKER_MEMORY_MB):
        raise ConfigError(f"{where} 应为兆字节数，至少 {MIN_WORKER_MEMORY_MB}".strip(),
                          f"{where} must be a number of megabytes, at least {MIN_WORKER_MEMORY_MB}".strip())
    return float(value)


# Program names `soffice` may take: a configuration file found near the reports must not be able
# to make the linter run a program of its choosing (say, a script shipped beside it).
SOFFICE_NAMES = re.compile(r"^(soffice|libreoffice)[\w.-]*$", re.IGNORECASE)


def validate_soffice(value: Any, where: str) -> str | bool:
    """LibreOffice's program: a name looked up on PATH or an absolute path, named soffice… or
    libreoffice…; or false to never convert .doc/.wps with LibreOffice."""
    if value is False:
        return False
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}：soffice 应为 LibreOffice 程序（名称或绝对路径）或 false",
                          f"{where}: soffice must be the LibreOffice program (a name or an absolute path) or false")
    value = value.strip()
    path = Path(value)
    if not SOFFICE_NAMES.match(path.name) or (("/" in value or "\\" in value) and not path.is_absolute()):
        raise ConfigError(f"{where}：soffice = {value!r} 无效；应为 soffice、libreoffice 或其绝对路径"
                          f"（如 /opt/libreoffice/program/soffice），或 false",
                          f"{where}: soffice = {value!r}; give LibreOffice's program as soffice, libreoffice "
                          f"or an absolute path to it (e.g. /opt/libreoffice/program/soffice), or false")
    return value


def validate_fail_on(value: Any, where: str) -> Severity:
    if value not in SEVERITIES:
        raise ConfigError(f"{where}：fail-on = {value!r} 无效；可选 error（错误）、warning（警告）、info（提示）",
                          f"{where}: fail-on = {value!r}; use error, warning or info")
    return value


def validate_lang(value: Any, where: str) -> str:
    if value not in ("zh", "en"):
        raise ConfigError(f"{where}：lang = {value!r} 无效；可选 zh（中文）或 en（英文）",
                          f"{where}: lang = {value!r}; use zh or en")
    return value


def validate_organ_level(value: Any, where: str) -> str:
    from .spec import ORGAN_LEVEL_BY_ID
    if value not in ORGAN_LEVEL_BY_ID:
        raise ConfigError(f"{where}：机关层级 {value!r} 无法识别；可选：{'、'.join(ORGAN_LEVEL_BY_ID)}",
                          f"{where}: organ level {value!r} is unknown; use one of "
                          f"{', '.join(ORGAN_LEVEL_BY_ID)}")
    return value


def toml_error(path: Path, exc: Exception) -> tuple[str, str]:
    """A TOML syntax error in the clerk's words, with the line and column tomllib gives."""
    where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    at_zh = f"（第{where.group(1)}行第{where.group(2)}列附近）" if where else ""
    return (f"{path}：配置文件不是有效的 TOML{at_zh}；请检查该处的引号、等号和方括号是否成对、"
            f"完整（原因：{exc}）", f"{path}: invalid TOML: {exc}")
