import json

import click

from campaign import load_campaign
from monitor import is_gov_host
from monitor.lookup import look_up_host
from monitor.page_scoring import PageScorer
from monitor.reports.labels import kind_label
from spiders.browser import browser_available
from spiders.evidence_recorder import EvidenceRecorder
from spiders.fetch import fetch_pages
from spiders.persist import persist_page

from ..errors import UserError
from ..settings import with_settings

@click.command()
@click.argument("urls", nargs=-1)
@click.option("--file", "url_file", type=click.File(encoding="utf-8"), help="网址列表文件，每行一个")
@click.option("--render/--no-render", default=None, help="用浏览器渲染（已安装浏览器时默认开启）")
@click.option("--canary/--no-canary", default=None, help="对可疑查询表单做虚构人员探测（默认依方案）")
@click.option("--store/--no-store", default=True, help="是否保存页面与发现")
@click.option("--campaign", "campaign_file", default="default", help="使用哪个方案的关键词清单与比对平台")
@click.option("--json", "as_json", is_flag=True, help="每个网址输出一行 JSON")
@with_settings
def assess(settings, urls, url_file, render, canary, store, campaign_file, as_json):
    """研判网址：是否假冒政府查询平台或违法售证页面。"""
    urls = list(urls) + ([line.strip() for line in url_file if line.strip()] if url_file else [])
    if not urls:
        raise UserError("请给出至少一个网址，或用 --file 指定网址列表")
    campaign = load_campaign(campaign_file)
    settings.check_proxy()
    render = browser_available(settings.chromium) if render is None else render
    canary = campaign.canary.enabled if canary is None else canary
    with settings.open_store() as db:
        scorer = PageScorer.from_store(db, campaign.keyword_lists, campaign.portals)
        fetched = fetch_pages(urls, render=render, network=settings.network, canary=canary and render)
        recorder = EvidenceRecorder.for_command(db, settings.network) if store else None
        for result in fetched:
            record = _assess_one(db, scorer, result, recorder, settings.network)
            click.echo(json.dumps(record, ensure_ascii=False) if as_json else _line(record))


def _assess_one(db, scorer, result, recorder: EvidenceRecorder | None, network) -> dict:
    """Fetched page → DNS/WHOIS of its host (young or hidden domains raise the risk) → verdict."""
    if result.snapshot is None:
        return {"url": result.url, "final_url": None, "status": None, "verdict": "error", "risk": 0,
                "portal": None, "similarity": None, "keyword_hits": [], "reasons": [],
                "error": result.error}
    item = result.page(source="assess", path=[f"研判：{result.url}"])
    info, domain_row = (None, None) if is_gov_host(item.host) else look_up_host(
        item.host, dns_server=network.dns_server, whois_server=network.whois_server)
    item.assessment = scorer.record(result.snapshot, item.text, canary=result.canary, domain_info=info)
    if recorder:
        with db.transaction():
            if domain_row:
                db.save_domain(domain_row)
            saved = persist_page(db, item, campaign_id=None, run_id=None)
        if saved.finding_id:
            recorder.record(item, item.capture, finding_id=saved.finding_id, page_id=saved.page_id)
    a = item.assessment
    return {"url": result.url, "final_url": item.final_url, "status": item.status,
            "verdict": a["verdict"], "risk": a["risk"], "portal": a["portal"],
            "similarity": a["similarity"], "keyword_hits": a["hits"], "reasons": a["reasons"],
            "error": None}


def _line(record: dict) -> str:
    verdict = "无法访问" if record["verdict"] == "error" else kind_label(record["verdict"])
    if record["error"]:
        return f"{record['url']}\t{verdict}\t{record['error']}"
    reasons = "；".join(r["text"] for r in record["reasons"]) or "—"
    return f"{record['url']}\t{verdict}\t风险 {record['risk']}\t{reasons}"
