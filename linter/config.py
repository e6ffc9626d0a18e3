"""Configuration: ``[tool.xxgk-lint]`` in pyproject.toml or ``xxgk-lint.toml``, searched upward.

Resolution follows ruff: rules are selected by code or code prefix (``select``, default
``ALL``; ``extend-select``; ``ignore``); the most specific matching selector wins and, on a
tie, ``ignore`` wins. CLI flags replace the file's values. Unknown rule codes, unknown keys
and settings that cannot take effect are reported as warnings, never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import SEVERITIES, Message

CONFIG_FILENAMES = ("xxgk-lint.toml", "pyproject.toml")
KNOWN_KEYS = {"select", "extend-select", "ignore", "severity", "fail-on", "organ-level",
              "deadlines", "required-contacts", "rules", "rules-dirs", "overrides", "lang",
              "max-file-size-mb", "roster", "db"}
MMDD = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")


class ConfigError(Exception):
    """A configuration that cannot be used (exit code 2)."""


@dataclass
class Config:
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    organ_level: str | None = None
    deadlines: dict[str, str] = field(default_factory=dict)
    required_contacts: tuple[str, ...] | None = None
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    rules_dirs: tuple[Path, ...] = ()
    overrides: Path | None = None
    lang: str = "zh"
    max_file_size_mb: float = 50.0
    roster: Path | None = None           # audit: the organs that must report (audit --roster)
    db: Path | None = None               # audit and history: the history database (audit --db)
    source: Path | None = None           # the file the settings came from
    warnings: list[Message] = field(default_factory=list)

    # ---------------------------------------------------------- selection

    def is_selected(self, code: str) -> bool:
        chosen = _longest_match(code, self.select + self.extend_select)
        dropped = _longest_match(code, self.ignore)
        return chosen >= 0 and chosen > dropped

    def rule_options_for(self, name: str) -> dict[str, Any]:
        options = dict(self.rule_options.get(name, {}))
        if name == "report-date-deadline" and self.deadlines:
            options.setdefault("deadlines", dict(self.deadlines))
        if name == "contact-required" and self.required_contacts is not None:
            options.setdefault("required", list(self.required_contacts))
        return options

    def check_against(self, codes: dict[str, str]) -> None:
        """Warn about selectors and settings that name no rule or cannot take effect.

        `codes` maps every registered code to its kebab name.
        """
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


def _longest_match(code: str, selectors: tuple[str, ...]) -> int:
    best = -1
    for sel in selectors:
        if sel == "ALL":
            best = max(best, 0)
        elif code.startswith(sel):
            best = max(best, len(sel))
    return best


def find_config(start: Path) -> tuple[Path, dict] | None:
    """The nearest config file at or above `start` that holds xxgk-lint settings."""
    import tomllib

    for directory in (start, *start.parents):
        for name in CONFIG_FILENAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            table = _read_toml(candidate, tomllib)
            if name == "pyproject.toml":
                table = table.get("tool", {}).get("xxgk-lint")
                if table is None:
                    continue
            return candidate, table
    return None


def _read_toml(path: Path, tomllib) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def load_config(*, explicit: Path | None = None, start: Path | None = None,
                isolated: bool = False) -> Config:
    """Read the configuration file (explicit path, or searched upward from `start`)."""
    if isolated:
        return Config()
    if explicit is not None:
        import tomllib
        table = _read_toml(explicit, tomllib)
        if explicit.name == "pyproject.toml":
            table = table.get("tool", {}).get("xxgk-lint", {})
        return from_table(table, explicit)
    found = find_config(start or Path.cwd())
    return from_table(found[1], found[0]) if found else Config()


def from_table(table: dict, source: Path | None) -> Config:
    cfg = Config(source=source)
    where = str(source) if source else "config"

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: {key} must be a list of strings")
        return tuple(v.strip().upper() if key in ("select", "extend-select", "ignore") else v
                     for v in value)

    for key in table:
        if key not in KNOWN_KEYS:
            cfg.warnings.append(Message(f"{where}: 未知的配置项 {key}（已忽略）",
                                        f"{where}: unknown setting {key} (ignored)"))
    if "select" in table:
        cfg.select = strings("select")
    cfg.extend_select = strings("extend-select")
    cfg.ignore = strings("ignore")
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}: severity must be a table of CODE = \"error|warning|info\"")
    for code, level in severity.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{where}: severity.{code} = {level!r}; use error, warning or info")
    cfg.severity = {c.upper(): v for c, v in severity.items()}
    if "fail-on" in table:
        cfg.fail_on = validate_fail_on(table["fail-on"], where)
    if "organ-level" in table:
        cfg.organ_level = validate_organ_level(table["organ-level"], where)
    deadlines = table.get("deadlines", {})
    if not isinstance(deadlines, dict) or not all(isinstance(v, str) and MMDD.match(v)
                                                  for v in deadlines.values()):
        raise ConfigError(f"{where}: deadlines must map an organ level to \"MM-DD\"")
    for level in deadlines:
        validate_organ_level(level, where)
    cfg.deadlines = dict(deadlines)
    if "required-contacts" in table:
        from .spec import CONTACT_FIELDS
        contacts = strings("required-contacts")
        known = {f.id for f in CONTACT_FIELDS}
        unknown = [c for c in contacts if c not in known]
        if unknown:
            raise ConfigError(f"{where}: required-contacts: unknown field(s) {', '.join(unknown)}; "
                              f"known: {', '.join(sorted(known))}")
        cfg.required_contacts = contacts
    rules = table.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(f"{where}: [rules.<rule-name>] tables expected")
    cfg.rule_options = rules
    base = source.parent if source else Path.cwd()
    cfg.rules_dirs = tuple((base / d).resolve() for d in strings("rules-dirs"))
    if "overrides" in table:
        cfg.overrides = (base / str(table["overrides"])).resolve()
    for key in ("roster", "db"):          # paths relative to the configuration file, like overrides
        if key in table:
            if not isinstance(table[key], str) or not table[key].strip():
                raise ConfigError(f"{where}: {key} must be a file path")
            setattr(cfg, key, (base / table[key]).resolve())
    if "lang" in table:
        cfg.lang = validate_lang(table["lang"], where)
    if "max-file-size-mb" in table:
        size = table["max-file-size-mb"]
        if not isinstance(size, (int, float)) or size <= 0:
            raise ConfigError(f"{where}: max-file-size-mb must be a positive number")
        cfg.max_file_size_mb = float(size)
    return cfg


def validate_fail_on(value: Any, where: str) -> str:
    if value not in SEVERITIES:
        raise ConfigError(f"{where}: fail-on = {value!r}; use error, warning or info")
    return value


def validate_lang(value: Any, where: str) -> str:
    if value not in ("zh", "en"):
        raise ConfigError(f"{where}: lang = {value!r}; use zh or en")
    return value


def validate_organ_level(value: Any, where: str) -> str:
    from .spec import ORGAN_LEVEL_BY_ID
    if value not in ORGAN_LEVEL_BY_ID:
        raise ConfigError(f"{where}: organ level {value!r} is unknown; use one of "
                          f"{', '.join(ORGAN_LEVEL_BY_ID)}")
    return value
