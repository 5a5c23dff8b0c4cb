"""Recording one capture of a page that became a finding: every artifact into the
content-addressed evidence store, one capture row with its facts, all in the custody log.

Called by the crawl's writer (spiders/persist.py) and by anything else that fetched a page."""
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from storage import Store

from ..lookup import dns_evidence, first_address, whois_evidence
from .facts import CaptureFacts
from .wacz import build_wacz
from .warc import Attachment, Exchange, write_warc


@dataclass
class PageCapture:
    canonical_url: str
    facts: CaptureFacts
    html: str  # the DOM as rendered (or as served, for plain HTTP)
    title: str = ""
    status: int = 200
    headers: dict = field(default_factory=dict)
    exchanges: list[Exchange] = field(default_factory=list)  # the page first, then its resources
    screenshot: bytes | None = None
    connection_ip: str | None = None  # the peer the fetch talked to (a proxy, if one was used)
    tls: dict | None = None
    canary: dict | None = None  # the canary probe's filled form and answer
    canary_screenshot: bytes | None = None
    page_id: int | None = None
    finding_id: int | None = None

    @property
    def host(self) -> str:
        return urlsplit(self.facts.final_url).hostname or ""


@dataclass
class Lookups:
    dns: dict | None = None
    whois: dict | None = None


def look_up(host: str, *, dns_server: str | None, whois_server: str | None) -> Lookups:
    """DNS and WHOIS at capture time; a failure is recorded as evidence of its own, not raised."""
    try:
        dns = dns_evidence(host, dns_server)
    except (OSError, ValueError) as exc:
        dns = {"host": host, "server": dns_server, "answers": {}, "errors": {"*": str(exc)}}
    whois = whois_evidence(host, whois_server)  # a failed query comes back with its error
    return Lookups(dns, whois)


def record_capture(store: Store, capture: PageCapture, lookups: Lookups) -> int:
    """Store the capture; returns its id. Earlier captures of the same page stay as they were."""
    facts = capture.facts
    if lookups.dns:
        facts.server_ip = first_address(lookups.dns) or capture.connection_ip
    else:
        facts.server_ip = facts.server_ip or capture.connection_ip
    exchanges = capture.exchanges or [_rebuilt_exchange(capture)]
    dom = capture.html.encode("utf-8")
    record = {**facts.to_dict(), "connection_ip": capture.connection_ip, "tls": capture.tls,
              "status": capture.status, "title": capture.title,
              "raw_exchange": bool(capture.exchanges),
              "resources": [{"url": e.url, "status": e.status, "type": e.resource_type,
                             "size": len(e.body)} for e in exchanges]}
    files = [("dom", dom, "text/html; charset=utf-8", ".html"),
             ("headers", _json({"status": capture.status, "headers": capture.headers}),
              "application/json", ".json")]
    attachments = [Attachment(f"urn:certsweep:dom:{facts.final_url}", "text/html; charset=utf-8", dom)]
    if capture.screenshot:
        files.append(("screenshot", capture.screenshot, "image/png", ".png"))
        attachments.append(Attachment(f"urn:certsweep:screenshot:{facts.final_url}", "image/png",
                                      capture.screenshot))
    if lookups.dns:
        dns = _json(lookups.dns)
        files.append(("dns", dns, "application/json", ".json"))
        attachments.append(Attachment(f"dns:{capture.host}", "application/json", dns))
    if lookups.whois:
        text = (lookups.whois.get("text") or lookups.whois.get("error", "")).encode("utf-8")
        files.append(("whois", text, "text/plain; charset=utf-8", ".txt"))
        attachments.append(Attachment(f"whois://{lookups.whois['server']}/{lookups.whois['domain']}",
                                      "text/plain; charset=utf-8", text))
    if capture.canary:
        files.append(("canary_form", _json(capture.canary), "application/json", ".json"))
    if capture.canary_screenshot:
        files.append(("canary_screenshot", capture.canary_screenshot, "image/png", ".png"))
    warc = write_warc(exchanges, record, attachments)
    wacz = build_wacz(warc, url=exchanges[0].url, title=capture.title or facts.final_url)
    files = [("warc", warc, "application/warc", ".warc.gz"),
             ("wacz", wacz, "application/wacz", ".wacz"),
             ("facts", _json(record), "application/json", ".json")] + files
    with store.transaction():
        capture_id = store.add_capture({
            **{k: record[k] for k in ("url", "final_url", "method", "started_at", "ended_at",
                                      "clock_source", "tool", "tool_version", "operator",
                                      "campaign", "server_ip", "path")},
            "canonical_url": capture.canonical_url, "page_id": capture.page_id,
            "facts": record}, actor=facts.operator)
        for kind, data, content_type, suffix in files:
            store.add_evidence(data, kind=kind, content_type=content_type, suffix=suffix,
                               capture_id=capture_id, page_id=capture.page_id,
                               finding_id=capture.finding_id, actor=facts.operator,
                               meta={"url": facts.final_url})
    return capture_id


def _rebuilt_exchange(capture: PageCapture) -> Exchange:
    """Without the raw exchange (a fetch that kept only the decoded page), the response record
    holds the page as decoded, re-encoded UTF-8; the facts say so."""
    headers = [(k, v) for k, v in capture.headers.items() if k.lower() != "content-type"]
    headers.append(("Content-Type", "text/html; charset=utf-8"))
    return Exchange(url=capture.facts.final_url, status=capture.status,
                    body=capture.html.encode("utf-8"), response_headers=headers,
                    reason="OK (certsweep: body re-encoded as UTF-8)")


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
