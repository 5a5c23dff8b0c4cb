from pathlib import Path

import click

from monitor.evidence.leads import LeadNotFound, campaign_unit, resolve_leads
from monitor.evidence.package import PackageOptions, build_package
from monitor.evidence.signing import SigningError

from ..errors import UserError
from ..settings import with_settings


@click.group()
def export():
    """导出：向公安移交的线索包。"""


@export.command()
@click.argument("refs", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="输出目录，每条线索一个 ZIP")
@click.option("--unit", default="", help="移交单位名称（默认取方案的单位）")
@click.option("--operator", envvar="CERTSWEEP_OPERATOR", default="", help="提取人（环境变量 CERTSWEEP_OPERATOR）")
@click.option("--sign", "sign_key", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="用此 Ed25519 私钥签名清单（certsweep evidence keygen 生成）")
@click.option("--tsa", "tsa_url", help="RFC 3161 时间戳服务地址")
@with_settings
def leads(settings, refs, out, unit, operator, sign_key, tsa_url):
    """生成线索移交包。REFS：发现编号（12 或 F12）或线索组编号（G3）。"""
    with settings.open_store() as store:
        try:
            chosen = resolve_leads(store, list(refs))
        except LeadNotFound as exc:
            raise UserError(str(exc)) from None
        for lead in chosen:
            options = PackageOptions(unit=unit or campaign_unit(store, lead), operator=operator,
                                     sign_key=sign_key, tsa_url=tsa_url)
            try:
                path = build_package(store, lead, out, options)
            except SigningError as exc:
                raise UserError(str(exc)) from None
            click.echo(f"{lead.title}：{path}（{len(lead.findings)} 条发现，{len(lead.files)} 个证据文件）")

