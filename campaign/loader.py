"""Reading campaign files: TOML, optional `extends`, and errors as Chinese lines with field and line.
A `.json` file holds a campaign already resolved, as `campaign show --json` prints it."""
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .model import Campaign

DATA_DIR = Path(__file__).parent / "data"
BUILTIN = {"default": DATA_DIR / "default.toml"}

# Pydantic's error types rendered for officials reading the campaign file.
MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（请检查拼写）",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表",
    "dict_type": "应为表（[section]）",
    "model_type": "应为表（[section]）",
    "date_type": "应为日期，如 2024-09-01",
    "date_parsing": "应为日期，如 2024-09-01",
    "date_from_datetime_parsing": "应为日期，如 2024-09-01",
    "url_parsing": "不是有效的网址",
    "url_scheme": "网址应以 http:// 或 https:// 开头",
    "too_short": "不能为空",
    "string_too_short": "不能为空",
    "literal_error": "取值无效",
    "greater_than_equal": "应不小于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than_equal": "应不大于 {le}",
    "less_than": "应小于 {lt}",
}


@dataclass(frozen=True)
class CampaignIssue:
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"第 {self.line} 行，" if self.line else ""
        return f"{where}{self.field or '(文件)'}：{self.message}"


class CampaignError(Exception):
    def __init__(self, path: Path, issues: list[CampaignIssue]):
        self.path, self.issues = path, issues
        super().__init__("\n".join(f"{path}：{i}" for i in issues))


def load_campaign(path: str | Path) -> Campaign:
    """Load and validate a campaign file (or a built-in name such as `default`)."""
    path = BUILTIN.get(str(path), Path(path))
    data = _read_merged(path, seen=())
    try:
        return Campaign.model_validate(data)
    except ValidationError as exc:
        text = path.read_text(encoding="utf-8")
        raise CampaignError(path, [_issue(e, text) for e in exc.errors()]) from None


def _read_merged(path: Path, seen: tuple) -> dict:
    if path in seen:
        raise CampaignError(path, [CampaignIssue("extends", "继承关系出现循环")])
    data = _read_toml(path)
    parent = data.pop("extends", None)
    if parent is None:
        return data
    parent_path = BUILTIN.get(parent) or (path.parent / parent)
    return _merge(_read_merged(parent_path, seen + (path,)), data)


def _read_toml(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CampaignError(path, [CampaignIssue("", "文件不存在")]) from None
    except UnicodeDecodeError:
        raise CampaignError(path, [CampaignIssue("", "文件不是 UTF-8 编码")]) from None
    except OSError as exc:
        raise CampaignError(path, [CampaignIssue("", f"无法读取：{exc.strerror}")]) from None
    if path.suffix == ".json":
        try:
            return json.loads(text)
        except ValueError as exc:
            raise CampaignError(path, [CampaignIssue("", f"JSON 语法错误：{exc}")]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(found.group(1)) if found else None
        raise CampaignError(path, [CampaignIssue("", f"TOML 语法错误：{exc}", line)]) from None


def _merge(base: dict, override: dict) -> dict:
    """Tables merge key by key; any other value (lists included) is replaced whole."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _issue(error: dict, text: str) -> CampaignIssue:
    loc = [p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
    field = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc).replace(".[", "[")
    message = MESSAGES.get(error["type"])
    if message is None:
        message = str(error.get("ctx", {}).get("error") or error["msg"]).removeprefix("Value error, ")
    elif error["type"] == "literal_error":
        message += f"，可选：{error['ctx']['expected']}"
    else:
        message = message.format(**error.get("ctx", {}))
    return CampaignIssue(field, message, _line_of(loc, text))


def _line_of(loc: list, text: str) -> int | None:
    """Best-effort line of a field path: walk the table headers, then find the key."""
    lines = text.splitlines()
    start, tables = 0, []
    keys = [p for p in loc if isinstance(p, str)]
    for part in loc:
        if isinstance(part, int) and tables:
            header = re.compile(rf"^\s*\[\[\s*{re.escape('.'.join(tables))}\s*\]\]")
            hits = [i for i, l in enumerate(lines) if header.match(l)]
            if part < len(hits):
                start = hits[part] + 1
        elif isinstance(part, str):
            tables.append(part)
    for key in reversed(keys):
        pattern = re.compile(rf"^\s*(\[+\s*)?([\w.]*\.)?{re.escape(key)}\s*(=|\]|\.)")
        for i in range(start, len(lines)):
            if pattern.match(lines[i]):
                return i + 1
    return None
