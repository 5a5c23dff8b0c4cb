import json
import re
from urllib.parse import urlsplit

import click

from campaign import load_campaign
from monitor import load_portals, portal_for_host
from monitor.lookalike import lookalike_candidates
from monitor.reports.labels import kind_label

from ..errors import UserError
from ..settings import with_settings

_HOST_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$")


@click.group()
def domains():
    """仿冒域名：生成候选域名，解析、查询 WHOIS、检查页面。"""


def _host(value: str) -> str:
    """A host from what a user types: cx.mem.gov.cn, or a URL copied from the browser."""
    host = (urlsplit(value).hostname if "://" in value else value.split("/")[0]) or ""
    host = host.lower().rstrip(".")
    if not _HOST_RE.match(host):
        raise UserError(f"域名无效：{value}")
    return host


@domains.command()
@click.argument("domain")
@click.option("--json", "as_json", is_flag=True, help="每个候选域名输出一行 JSON：{\"domain\", \"rule\"}")
@with_settings
def candidates(settings, domain, as_json):
    """列出 DOMAIN 的候选仿冒域名及生成规则（不联网）。"""
    host = _host(domain)
    extra = []
    if settings.db.exists():  # portals users added live in the database; never create one here
        with settings.open_store() as store:
            extra = store.portals()
    portal = portal_for_host(load_portals(extra), host)
    found = lookalike_candidates(host, name=portal.name if portal else "",
                                 authority=portal.authority if portal else "")
    for candidate in found:
        click.echo(json.dumps(candidate.to_dict(), ensure_ascii=False) if as_json
                   else f"{candidate.domain}\t{candidate.rule_label}")
    click.echo(f"共 {len(found)} 个候选域名", err=True)


@domains.command()
@click.argument("domain_names", metavar="DOMAIN...", nargs=-1, required=True)
@click.option("--campaign", "campaign_file", default="default", show_default=True,
              help="使用哪个方案的关键词清单与比对平台")
@click.option("--concurrency", default=100, show_default=True, type=click.IntRange(1, 2000),
              help="同时进行的 DNS 查询数")
@click.option("--json", "as_json", is_flag=True, help="每个可解析的候选域名输出一行 JSON")
@with_settings
def scan(settings, domain_names, campaign_file, concurrency, as_json):
    """解析 DOMAIN 的全部候选仿冒域名，查询可解析者的 WHOIS，用浏览器检查其页面并入库。"""
    from spiders.browser import browser_available
    from spiders.domain_scan import DnsUnreachable, scan_domains

    hosts = list(dict.fromkeys(_host(d) for d in domain_names))
    campaign = load_campaign(campaign_file)
    settings.check_proxy()
    if not browser_available(settings.chromium):
        raise UserError("找不到浏览器：请安装 chromium，或用 --chromium 指定可执行文件")
    with settings.open_store() as store:
        try:
            report = scan_domains(store, hosts, campaign=campaign, network=settings.network,
                                  dns_concurrency=concurrency,
                                  progress=lambda message: click.echo(message, err=True))
        except DnsUnreachable as exc:
            raise UserError(str(exc)) from None
    for scanned in report.live:
        click.echo(json.dumps(scanned.to_dict(), ensure_ascii=False) if as_json else _line(scanned))
    flagged = sum(1 for s in report.live if s.verdict == "fake_portal")
    click.echo(f"候选域名 {report.total} 个，可解析 {len(report.live)} 个，"
               f"其中假冒政府网站平台 {flagged} 个；结果已保存到 {settings.db}", err=True)


def _line(scanned) -> str:
    whois = scanned.whois
    if whois is None or not whois.found:
        registered = whois.error if whois and whois.error else "WHOIS 无记录"
    else:
        registered = f"注册于 {(whois.created or '未知')[:10]}，注册商 {whois.registrar or '未知'}"
        registered += "，注册人信息隐藏" if whois.registrant_hidden else ""
    if scanned.error:
        return f"{scanned.domain}\t无法访问：{scanned.error}\t{registered}"
    verdict = kind_label(scanned.verdict or "benign")
    finding = f"\t发现 #{scanned.finding_id}" if scanned.finding_id else ""
    return f"{scanned.domain}\t{verdict}\t风险 {scanned.risk}\t{registered}{finding}"
