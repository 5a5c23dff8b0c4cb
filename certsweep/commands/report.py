import re
from pathlib import Path

import click

from monitor.reports.cases import case_write_ups, cases_docx, cases_pdf
from monitor.reports.monthly import campaign_units, monthly_workbook
from monitor.reports.summary import campaign_summary, summary_html, summary_pdf

from ..errors import UserError
from ..settings import with_settings


@click.group()
def report():
    """报表：月度统计表（附件2）、工作总结、典型案例通报。"""


def _out(path: str, suffixes: tuple[str, ...]) -> Path:
    out = Path(path)
    if out.suffix.lower() not in suffixes:
        raise UserError(f"输出文件应以 {' 或 '.join(suffixes)} 结尾：{out}")
    if not out.parent.is_dir():
        raise UserError(f"输出目录不存在：{out.parent}")
    return out


@report.command()
@click.option("--month", required=True, help="统计月份，如 2024-09")
@click.option("--unit", default="", help="填报单位（默认取方案的单位）")
@click.option("--out", "out", required=True, help="输出的 .xlsx 文件")
@with_settings
def monthly(settings, month, unit, out):
    """生成月度工作情况统计表（附件2），网络空间治理三项按当月审核状态统计。"""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        raise UserError(f"月份应写作 年-月，例如 2024-09，而不是 {month}")
    target = _out(out, (".xlsx",))
    with settings.open_store() as store:
        unit = unit or campaign_units(store)
        target.write_bytes(monthly_workbook(store, month, unit))
    click.echo(f"已生成 {month} 月份统计表：{target}")


@report.command()
@click.option("--campaign", "name", required=True, help="方案名称")
@click.option("--out", "out", required=True, help="输出的 .pdf 或 .html 文件")
@with_settings
def summary(settings, name, out):
    """生成方案工作总结（含图表）。"""
    target = _out(out, (".pdf", ".html"))
    with settings.open_store() as store:
        campaign = store.campaign(name)
        if campaign is None:
            raise UserError(f"数据库中没有名为「{name}」的方案")
        data = campaign_summary(store, campaign)
    if target.suffix.lower() == ".pdf":
        target.write_bytes(summary_pdf(data))
    else:
        target.write_text(summary_html(data), encoding="utf-8")
    click.echo(f"已生成工作总结：{target}（发现 {data.total} 条）")


@report.command()
@click.argument("ids", nargs=-1, required=True, type=int)
@click.option("--unit", default="", help="通报单位")
@click.option("--out", "out", required=True, help="输出的 .docx 或 .pdf 文件")
@with_settings
def cases(settings, ids, unit, out):
    """生成典型案例通报（一类一通报），个人信息脱敏。"""
    target = _out(out, (".docx", ".pdf"))
    with settings.open_store() as store:
        try:
            write_ups = case_write_ups(store, list(ids))
        except KeyError as exc:
            raise UserError(f"没有编号为 {exc.args[0]} 的发现") from None
    render = cases_pdf if target.suffix.lower() == ".pdf" else cases_docx
    target.write_bytes(render(write_ups, unit))
    click.echo(f"已生成典型案例通报：{target}（{len(write_ups)} 个案例）")
