"""One recorder of evidence for every way a page becomes a finding: the crawl's evidence
pipeline, `certsweep assess`, the lookalike-domain scan and the takedown recheck all hand it
a `CrawledPage` and the raw capture (exchanges, timing), and get the same capture row, WARC,
WACZ, screenshot, DOM, DNS/WHOIS and custody entries (monitor.evidence)."""
import os
from datetime import datetime

from monitor.evidence import CaptureFacts, Exchange, Lookups, PageCapture, look_up, record_capture
from storage import Store
from storage.clock import BEIJING

from .items import CrawledPage
from .network import Network


class EvidenceRecorder:
    def __init__(self, store: Store, *, dns_server: str | None, whois_server: str | None,
                 operator: str = "", campaign: str = ""):
        self.store = store
        self.dns_server, self.whois_server = dns_server, whois_server
        self.operator, self.campaign = operator, campaign
        self.lookups: dict[str, Lookups] = {}  # per host: once per crawl or command

    @classmethod
    def for_command(cls, store: Store, network: Network, campaign: str = "") -> "EvidenceRecorder":
        """Outside a crawl: the operator comes from CERTSWEEP_OPERATOR, as for lead exports."""
        return cls(store, dns_server=network.dns_server, whois_server=network.whois_server,
                   operator=os.environ.get("CERTSWEEP_OPERATOR", ""), campaign=campaign)

    def record(self, item: CrawledPage, raw: dict | None, *, finding_id: int | None = None,
               page_id: int | None = None) -> int:
        """The capture's id. Blocking (lookups, archives): a crawl calls it in its writer process."""
        capture = self.page_capture(item, raw or {})
        capture.finding_id, capture.page_id = finding_id, page_id
        host = capture.host
        if host not in self.lookups:
            self.lookups[host] = look_up(host, dns_server=self.dns_server, whois_server=self.whois_server)
        return record_capture(self.store, capture, self.lookups[host])

    def page_capture(self, item: CrawledPage, raw: dict) -> PageCapture:
        fetched = item.fetched_at or datetime.now(BEIJING).isoformat(timespec="seconds")
        facts = CaptureFacts(url=item.url, final_url=item.final_url,
                             method=raw.get("method", "browser" if item.rendered else "http"),
                             started_at=raw.get("started_at", fetched),
                             ended_at=raw.get("ended_at", fetched), path=item.path,
                             operator=self.operator, campaign=self.campaign)
        return PageCapture(
            canonical_url=item.canonical_url, facts=facts, html=item.html, title=item.title,
            status=item.status, headers=item.headers, screenshot=item.screenshot,
            exchanges=[Exchange.from_dict(e) for e in raw.get("exchanges", [])],
            connection_ip=raw.get("connection_ip"), tls=raw.get("tls") or item.tls,
            canary=(item.assessment or {}).get("canary"),
            canary_screenshot=item.canary.screenshot_png if item.canary else None)
