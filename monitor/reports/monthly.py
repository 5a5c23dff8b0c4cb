"""The monthly statistics form (附件2 of 万盛安办发〔2024〕41号): the 网络空间治理情况 columns counted
from review statuses in the month, the other columns left blank for the units to fill in, and a
second sheet listing the findings behind each number."""
import io
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from storage import Store
from storage.clock import now

from .activity import CONFIRMED, TAKEN_DOWN, TRANSFERRED, StatusEvent, in_month, reached, status_events
from .labels import kind_label, status_label

ENFORCEMENT = ("开展执法检查企业数量（家）", "查出无证、假证人员数量（人）", "查出企业问题数量（项）",
               "限期整改的企业数量（家）", "停业整顿的企业数量（家）", "罚款金额数量（万元）",
               "完成整改的问题数量（项）", "涉嫌犯罪的问题线索移交数量")
CYBERSPACE = ("查出假冒政府网站平台数量（个）", "清理涉安全生产资格证书违法违规信息数量（项）",
              "涉嫌犯罪的问题线索移交数量（项）")
CASES = ("公安机关查处的涉假证数量（件）", "检察机关提前介入的涉假证案件数量(件）",
         "检察机关提起公诉的涉假证案件数量（件、人）", "人民法院审判假证案件数量（项）")
GROUPS = (("对企业执法检查情况", ENFORCEMENT), ("网络空间治理情况", CYBERSPACE), ("立案查处情况", CASES))
HEADERS = ("序号", "部门") + ENFORCEMENT + CYBERSPACE + CASES


@dataclass
class MonthlyFigures:
    month: str  # YYYY-MM
    fake_portals: list[StatusEvent] = field(default_factory=list)
    taken_down: list[StatusEvent] = field(default_factory=list)
    transferred: list[StatusEvent] = field(default_factory=list)

    def counts(self) -> tuple[int, int, int]:
        return len(self.fake_portals), len(self.taken_down), len(self.transferred)


def monthly_figures(store: Store, month: str) -> MonthlyFigures:
    events = status_events(store)
    fake = {r[0] for r in store.db.execute(
        "SELECT id FROM findings WHERE kind = 'fake_portal' OR resolution = 'fake_portal'")}

    def of(stage, keep=lambda e: True):
        return [e for e in reached(events, stage).values() if in_month(e, month) and keep(e)]

    return MonthlyFigures(month, of(CONFIRMED, lambda e: e.finding_id in fake), of(TAKEN_DOWN),
                          of(TRANSFERRED))


def campaign_units(store: Store) -> str:
    return "、".join(r[0] for r in store.db.execute(
        "SELECT DISTINCT unit FROM campaigns WHERE unit != '' ORDER BY unit"))


def monthly_workbook(store: Store, month: str, unit: str) -> bytes:
    figures = monthly_figures(store, month)
    book = Workbook()
    _form_sheet(book.active, figures, unit)
    _detail_sheet(book.create_sheet("统计明细"), store, figures)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _form_sheet(sheet, figures: MonthlyFigures, unit: str) -> None:
    year, month = figures.month.split("-")
    sheet.title = "附件2"
    last = len(HEADERS)
    sheet.append([f"{year}年{int(month)}月份工作情况统计表"])
    sheet.append([f"填报单位（公章）：{unit}　　填报人：　　　　联系方式：　　　　填报时间：{now()[:10]}"])
    sheet.append(["序号", "部门"])
    sheet.append(["", ""] + list(ENFORCEMENT + CYBERSPACE + CASES))
    sheet.append([1, unit] + [None] * len(ENFORCEMENT) + list(figures.counts()) + [None] * len(CASES))
    for row in (1, 2):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    for column in (1, 2):
        sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    start = 3
    for name, columns in GROUPS:
        sheet.cell(3, start, name)
        sheet.merge_cells(start_row=3, start_column=start, end_row=3, end_column=start + len(columns) - 1)
        start += len(columns)
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center")
    thin = Side(style="thin")
    for line in sheet.iter_rows(min_row=3, max_row=5, max_col=last):
        for cell in line:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for column in range(3, last + 1):
        sheet.column_dimensions[sheet.cell(4, column).column_letter].width = 13
    sheet.column_dimensions["B"].width = 18
    sheet.row_dimensions[4].height = 90


def _detail_sheet(sheet, store: Store, figures: MonthlyFigures) -> None:
    sheet.append(["统计项", "发现编号", "网址", "类别", "当前状态", "达到该状态时间", "操作人"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for label, events in zip(CYBERSPACE, (figures.fake_portals, figures.taken_down, figures.transferred)):
        for event in events:
            finding = store.finding(event.finding_id)
            sheet.append([label, event.finding_id, finding["canonical_url"], kind_label(finding["kind"]),
                          status_label(finding["status"]), event.at, event.actor])
    for letter, width in zip("ABCDEFG", (36, 10, 60, 18, 14, 26, 14)):
        sheet.column_dimensions[letter].width = width
