"""Readable Chinese table of assessments for the command line."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console
from rich.table import Table

from keywords.model import CATEGORY_LABELS, TextAssessment
from keywords.scoring import RULE_LABELS

VERDICT_LABELS = {"illegal_sale": "售证", "suspect": "可疑", "benign": "正常", "error": "错误"}


def render_table(assessments: Iterable[TextAssessment], width: int = 120, first_line: int = 1) -> str:
    """Render assessments (one per input line, in order) as a plain-text table."""
    table = Table(box=None, show_lines=False, pad_edge=False)
    for header in ("行号", "判定", "分数", "命中", "理由"):
        table.add_column(header, overflow="fold")
    for line, assessment in enumerate(assessments, start=first_line):
        hits = "\n".join(
            f"{h.matched}→{h.keyword}（{CATEGORY_LABELS.get(h.category, h.category)}，{RULE_LABELS.get(h.rule, h.rule)}）"
            for h in assessment.hits
        )
        table.add_row(
            str(line),
            VERDICT_LABELS.get(assessment.verdict, assessment.verdict),
            str(assessment.score),
            hits or "—",
            "\n".join(assessment.reasons) or "—",
        )
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True, highlight=False).print(table)
    return buffer.getvalue()
