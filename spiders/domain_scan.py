"""The lookalike-domain scan: candidates of each genuine host → DNS (all of them, concurrently) →
WHOIS of the registered domains that resolve → their pages in the browser, through the proxy →
scored with the WHOIS facts (young domain, hidden registrant) → pages, findings and domains stored."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from campaign import Campaign
from monitor import DomainInfo, load_portals, portal_for_host, registered_domain
from monitor.lookalike import RULE_LABELS, lookalike_candidates
from monitor.lookup import (DnsAnswer, WhoisFacts, WhoisRecord, domain_record, resolve_all, whois_all,
                            whois_facts)
from monitor.page_scoring import PageScorer
from storage import Store

from .evidence_recorder import EvidenceRecorder
from .fetch import FetchResult, fetch_pages
from .items import CrawledPage
from .network import Network
from .persist import Persisted, persist_page, save_campaign

SOURCE = "lookalike"


class DnsUnreachable(Exception):
    """The configured (or system) resolver answers nothing at all."""


@dataclass
class ScannedDomain:
    domain: str
    rule: str
    candidate_for: str
    dns: DnsAnswer
    whois: WhoisFacts | None = None
    url: str | None = None
    verdict: str | None = None
    risk: int | None = None
    reasons: list[dict] = field(default_factory=list)
    finding_id: int | None = None
    error: str | None = None
    info: DomainInfo | None = None  # what the scorer is told about the domain

    def to_dict(self) -> dict:
        return {"domain": self.domain, "rule": self.rule, "candidate_for": self.candidate_for,
                "resolves": self.dns.resolves, "dns": self.dns.to_dict(),
                "whois": self.whois.to_dict() if self.whois else None, "url": self.url,
                "verdict": self.verdict, "risk": self.risk, "reasons": self.reasons,
                "finding_id": self.finding_id, "error": self.error}


@dataclass
class ScanReport:
    candidates: dict[str, int]  # genuine host → number of its candidates
    total: int  # distinct candidates of all hosts
    live: list[ScannedDomain]  # the candidates that resolve, in candidate order


def scan_domains(store: Store, hosts: list[str], *, campaign: Campaign, network: Network,
                 dns_concurrency: int = 100, whois_concurrency: int = 8, timeout: float = 30,
                 progress=lambda message: None) -> ScanReport:
    chosen, counts, paths = _candidates(load_portals(store.portals()), hosts)
    progress(f"候选域名 {len(chosen)} 个，正在解析……")
    answers, whois = asyncio.run(_lookups(hosts, list(chosen), network, dns_concurrency,
                                          whois_concurrency, timeout, progress))
    live, rows = [], []
    for domain, (rule, host) in chosen.items():
        answer = answers[domain]
        scanned, record = ScannedDomain(domain, rule, host, answer), None
        if answer.resolves:
            record = whois[registered_domain(domain)]
            scanned.info, scanned.whois = whois_facts(domain, record, answer.addresses)
            live.append(scanned)
        rows.append(_domain_row(scanned, record))
    progress(f"可解析 {len(live)} 个，正在用浏览器访问……")
    pages = _fetch(live, paths, network, timeout)
    scorer = PageScorer.from_store(store, campaign.keyword_lists, campaign.portals)
    campaign_id = save_campaign(store, campaign)
    with store.transaction():
        found = [_assess(store, scorer, scanned, pages[scanned.domain], campaign_id) for scanned in live]
        store.save_domains(rows)
    progress("正在固定证据……")
    recorder = EvidenceRecorder.for_command(store, network, campaign=campaign.name)
    for item, saved in filter(None, found):
        recorder.record(item, item.capture, finding_id=saved.finding_id, page_id=saved.page_id)
    return ScanReport(counts, len(chosen), live)


def _candidates(portals: dict, hosts: list[str]):
    """Every candidate with (rule, genuine host), counts per host, and the paths to try per host."""
    chosen: dict[str, tuple[str, str]] = {}
    counts, paths = {}, {}
    for host in hosts:
        portal = portal_for_host(portals, host)
        path = urlsplit(portal.url).path if portal else ""
        paths[host] = [path, "/"] if path.strip("/") else ["/"]
        found = lookalike_candidates(host, name=portal.name if portal else "",
                                     authority=portal.authority if portal else "")
        counts[host] = len(found)
        for candidate in found:
            chosen.setdefault(candidate.domain, (candidate.rule, host))
    return chosen, counts, paths


async def _lookups(hosts, domains, network: Network, dns_concurrency, whois_concurrency, timeout,
                   progress):
    # The genuine hosts first: a resolver that answers none of them would time out thousands.
    probe = await resolve_all(hosts, dns_server=network.dns_server, timeout=min(timeout, 5))
    if all(answer.status == "timeout" for answer in probe.values()):
        raise DnsUnreachable(f"DNS 服务器 {network.dns_server or '（系统默认）'} 没有应答")
    answers = await resolve_all(domains, dns_server=network.dns_server, concurrency=dns_concurrency,
                                timeout=min(timeout, 5))
    registered = list(dict.fromkeys(registered_domain(d) for d, a in answers.items() if a.resolves))
    progress(f"正在查询 {len(registered)} 个注册域名的 WHOIS……")
    whois = await whois_all(registered, whois_server=network.whois_server, concurrency=whois_concurrency,
                            timeout=timeout)
    return answers, whois


def _fetch(live: list[ScannedDomain], paths: dict[str, list[str]], network: Network,
           timeout: float) -> dict[str, FetchResult]:
    """Where the genuine portal has a path (cnse.e-cqs.cn/info-pub/pub), clones copy it: that
    path first, then the home page; https first, http only where https got no answer at all
    (no TLS, refused tunnel)."""
    results: dict[str, FetchResult] = {}
    for index in range(max((len(p) for p in paths.values()), default=0)):
        for scheme in ("https", "http"):
            wanted = [s for s in live if index < len(paths[s.candidate_for])
                      and not _usable(results.get(s.domain))
                      and (scheme == "https" or results[s.domain].snapshot is None)]
            if not wanted:
                continue
            urls = [f"{scheme}://{s.domain}{paths[s.candidate_for][index]}" for s in wanted]
            fetched = fetch_pages(urls, render=True, network=network, timeout=timeout)
            results.update((s.domain, result) for s, result in zip(wanted, fetched))
    return results


def _usable(result: FetchResult | None) -> bool:
    return result is not None and result.snapshot is not None and (result.snapshot.status or 0) < 400


def _assess(store: Store, scorer: PageScorer, scanned: ScannedDomain, result: FetchResult,
            campaign_id: int) -> tuple[CrawledPage, Persisted] | None:
    """The stored page and its finding, when the candidate's page is one."""
    scanned.url = result.url
    if not _usable(result):
        scanned.error = result.error or f"HTTP {result.snapshot.status}"
        return None
    path = [f"仿冒域名：{scanned.domain}（{RULE_LABELS[scanned.rule]}，仿 {scanned.candidate_for}）"]
    item = result.page(source=SOURCE, path=path)
    item.assessment = scorer.record(result.snapshot, item.text, domain_info=scanned.info)
    saved = persist_page(store, item, campaign_id=campaign_id, run_id=None)
    scanned.verdict, scanned.risk = item.assessment["verdict"], item.assessment["risk"]
    scanned.reasons, scanned.finding_id = item.assessment["reasons"], saved.finding_id
    return (item, saved) if saved.finding_id else None


def _domain_row(scanned: ScannedDomain, record: WhoisRecord | None) -> dict:
    return {**domain_record(scanned.domain, scanned.dns, record, scanned.whois),
            "candidate_for": scanned.candidate_for, "rule": scanned.rule}
