"""Keyword list files: the builtin ministry lists and ministry-provided imports."""

from __future__ import annotations

import csv
import functools
import io
import re
from pathlib import Path

from keywords.model import CATEGORY_LABELS, Keyword, KeywordList, category_id

DATA_DIR = Path(__file__).parent / "data"
_LIST_FILE = re.compile(r"^(?P<name>[\w-]+)\.v(?P<version>\d+)\.csv$")

_TERM_HEADERS = {"keyword", "term", "关键词", "敏感词", "词"}
_CATEGORY_HEADERS = {"category", "类别", "分类", "类型"}
_WEIGHT_HEADERS = {"weight", "权重"}


class KeywordFileError(ValueError):
    """A keyword file that cannot be loaded; the message names file and line."""


def builtin_lists() -> dict[str, KeywordList]:
    """The shipped lists, newest version of each, keyed by name."""
    return dict(_load_builtin())


@functools.cache
def _load_builtin() -> tuple[tuple[str, KeywordList], ...]:
    newest: dict[str, tuple[int, Path]] = {}
    for path in (DATA_DIR / "lists").iterdir():
        m = _LIST_FILE.match(path.name)
        if m and int(m["version"]) > newest.get(m["name"], (0, path))[0]:
            newest[m["name"]] = (int(m["version"]), path)
    return tuple(
        (name, KeywordList(name, version, tuple(read_keyword_file(path))))
        for name, (version, path) in sorted(newest.items())
    )


def read_keyword_file(path: str | Path, default_category: str = "listed", default_weight: float = 1.0) -> list[Keyword]:
    """Read a ministry keyword list: .txt (one per line), .csv or .xlsx.

    CSV/XLSX need a keyword column (keyword/关键词) and may have category
    (category/类别) and weight (weight/权重) columns; missing values fall back
    to the defaults.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise KeywordFileError(f"找不到关键词文件：{path}")
    if suffix == ".txt":
        rows = [[line] for line in _text_lines(path)]
        header = ["关键词"]
    elif suffix == ".csv":
        rows = list(csv.reader(io.StringIO("\n".join(_text_lines(path)))))
        header, rows = (rows[0], rows[1:]) if rows else ([], [])
    elif suffix == ".xlsx":
        header, rows = _xlsx_rows(path)
    else:
        raise KeywordFileError(f"{path}：不支持的文件类型“{suffix}”，请使用 .txt、.csv 或 .xlsx")
    first_line = 1 if suffix == ".txt" else 2
    keywords = _parse_rows(path, header, rows, first_line, default_category, default_weight)
    if not keywords:
        raise KeywordFileError(f"{path}：文件中没有任何关键词")
    return keywords


def _text_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    lines = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise KeywordFileError(f"{path} 第 {number} 行：不是有效的 UTF-8 文本") from None
        lines.append(line.removeprefix("\ufeff").rstrip("\r"))
    return lines


def _xlsx_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    import openpyxl  # only needed for spreadsheets

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise KeywordFileError(f"{path}：无法读取 Excel 文件（{exc}）") from None
    rows = [["" if v is None else str(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return (rows[0], rows[1:]) if rows else ([], [])


def _column(header: list[str], names: set[str]) -> int | None:
    for index, cell in enumerate(header):
        if cell.strip().lower() in names:
            return index
    return None


def _parse_rows(path, header, rows, first_line, default_category, default_weight) -> list[Keyword]:
    term_col = _column(header, _TERM_HEADERS)
    if term_col is None:
        raise KeywordFileError(f"{path} 第 1 行：表头缺少“关键词”列（可用 keyword 或 关键词）")
    category_col = _column(header, _CATEGORY_HEADERS)
    weight_col = _column(header, _WEIGHT_HEADERS)
    keywords = []
    for number, row in enumerate(rows, start=first_line):
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        term = _cell(cells, term_col)
        if not term:
            raise KeywordFileError(f"{path} 第 {number} 行：缺少关键词")
        category = _cell(cells, category_col) or default_category
        if category_id(category) is None:
            allowed = "、".join(CATEGORY_LABELS.values())
            raise KeywordFileError(f"{path} 第 {number} 行：未知类别“{category}”，可用类别：{allowed}")
        weight_text = _cell(cells, weight_col)
        try:
            weight = float(weight_text) if weight_text else default_weight
        except ValueError:
            raise KeywordFileError(f"{path} 第 {number} 行：权重“{weight_text}”不是数字") from None
        if not 0 < weight <= 1:
            raise KeywordFileError(f"{path} 第 {number} 行：权重 {weight_text} 超出范围，应大于 0 且不超过 1")
        keywords.append(Keyword(term, category, weight))
    return keywords


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""
