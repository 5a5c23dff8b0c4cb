"""Typical-case write-ups for public exposure (一类一通报): what was found, how it broke the rules,
what was done. Personal data masked; cases grouped by kind, one notice per kind."""
import io
from dataclasses import dataclass

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from storage import Store

from .activity import status_events
from .documents import html_to_pdf, render_html
from .labels import kind_label, source_label, status_label
from .masking import mask_text

FONT = "Noto Sans CJK SC"


@dataclass
class CaseWriteUp:
    finding_id: int
    kind: str
    title: str
    facts: list[tuple[str, str]]  # (label, text), all masked
    violations: list[str]
    handling: list[str]


def case_write_ups(store: Store, finding_ids: list[int]) -> list[CaseWriteUp]:
    events = status_events(store)
    cases = []
    for finding_id in finding_ids:
        finding = store.finding(finding_id)
        if finding is None:
            raise KeyError(finding_id)
        details = finding["details"] or {}
        fields = details.get("fields") or {}
        listing = "\n".join(filter(None, (fields.get("title"), fields.get("description"))))
        channel = source_label(finding["source"])
        if details.get("source_name"):
            channel += f"（{details['source_name']}）"
        facts = [("发现时间", finding["first_seen"][:10]), ("发现渠道", channel),
                 ("涉案网址", finding["canonical_url"])]
        if fields.get("seller_name"):
            facts.append(("店铺名称", fields["seller_name"]))
        if listing:
            facts.append(("信息内容", listing))
        keywords = list(dict.fromkeys(h["keyword"] for h in finding["hits"] if h["region"] == "main"))
        if keywords:
            facts.append(("涉及用语", "、".join(keywords)))
        handling = [f"{e.at[:10]} {status_label(e.status)}" for e in events if e.finding_id == finding_id]
        cases.append(CaseWriteUp(
            finding_id=finding_id, kind=finding["kind"],
            title=f"{kind_label(finding['kind'])}：{mask_text(fields.get('title') or finding['canonical_url'])}",
            facts=[(label, mask_text(text)) for label, text in facts],
            violations=[mask_text(r["text"]) for r in finding["reasons"] or []],
            handling=handling or [f"当前状态：{status_label(finding['status'])}"]))
    return cases


def _by_kind(cases: list[CaseWriteUp]) -> list[tuple[str, list[CaseWriteUp]]]:
    kinds = list(dict.fromkeys(c.kind for c in cases))
    return [(kind_label(k), [c for c in cases if c.kind == k]) for k in kinds]


def cases_pdf(cases: list[CaseWriteUp], unit: str) -> bytes:
    return html_to_pdf(render_html("cases.html", groups=_by_kind(cases), unit=unit))


def cases_docx(cases: list[CaseWriteUp], unit: str) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # Word picks CJK fonts from eastAsia
    document.add_heading("安全生产资格证书涉假典型案例通报", level=0)
    if unit:
        document.add_paragraph(f"通报单位：{unit}")
    for number, (label, group) in enumerate(_by_kind(cases), start=1):
        document.add_heading(f"{_chinese_number(number)}、{label}类典型案例", level=1)
        for index, case in enumerate(group, start=1):
            document.add_heading(f"案例{index}：{case.title}", level=2)
            for key, text in case.facts:
                document.add_paragraph(f"{key}：{text}")
            document.add_paragraph("违法违规情形：" + "；".join(case.violations))
            document.add_paragraph("处置情况：" + "；".join(case.handling))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _chinese_number(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if n <= 10 else str(n)
