"""线索清单.xlsx: one row per finding of a lead, the columns police search and cross-check by."""
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..reports.labels import kind_label, status_label

COLUMNS = [("网址", "url", 48), ("域名", "domain", 22), ("注册人", "registrant", 18),
           ("注册商", "registrar", 22), ("IP 地址", "ip", 16), ("卖家/店铺", "seller", 30),
           ("联系方式", "contacts", 28), ("命中关键词", "keywords", 30), ("研判结论", "verdict", 14),
           ("风险分", "risk", 8), ("研判理由", "reasons", 60), ("审核状态", "status", 12),
           ("首次发现", "first_seen", 22), ("最近发现", "last_seen", 22)]


def lead_sheet(rows: list[dict], *, title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "线索清单"
    sheet.append(["发现编号"] + [c[0] for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        values = {**row, "verdict": kind_label(row["verdict"]), "status": status_label(row["status"])}
        sheet.append([row["id"]] + [values[key] for _, key, _ in COLUMNS])
    for index, (_, _, width) in enumerate(COLUMNS, start=2):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    book.properties.title = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
