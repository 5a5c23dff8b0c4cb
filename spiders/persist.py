"""Storing one assessed page: the page row, and a finding with its hits and screenshot when it is one.

Shared by the crawl's StorePipeline, `certsweep assess` and the domain scan, so every path into
the database writes the same rows. Call inside `store.transaction()`."""
from dataclasses import dataclass

from campaign import Campaign
from monitor.routing import queue_for
from storage import Store

from .items import CrawledPage


def save_campaign(store: Store, campaign: Campaign) -> int:
    """The campaign row every stored page and finding points to; its id."""
    return store.save_campaign(campaign.name, unit=campaign.unit, start=str(campaign.start),
                               end=str(campaign.end), config=campaign.model_dump(mode="json"))


@dataclass(frozen=True)
class Persisted:
    page_id: int
    finding_id: int | None
    finding_created: bool


def persist_page(store: Store, item: CrawledPage, *, campaign_id: int | None,
                 run_id: int | None) -> Persisted:
    page = store.save_page({
        "canonical_url": item.canonical_url, "url": item.url, "final_url": item.final_url,
        "host": item.host, "status": item.status, "content_type": item.content_type,
        "encoding": item.encoding, "content_sha256": item.content_sha256,
        "title": item.title, "text": item.text, "source": item.source,
        "rendered": int(item.rendered), "run_id": run_id, "fetched_at": item.fetched_at})
    assessment = item.assessment
    if assessment["verdict"] == "benign":
        return Persisted(page.id, None, False)
    details = {"fields": item.fields, "path": item.path, "source_name": item.source_name,
               "contacts": assessment["contacts"], "advertised_urls": assessment["advertised_urls"],
               "components": assessment.get("components"), "canary": assessment.get("canary"),
               "tls": item.tls}
    finding_id, created = store.save_finding({
        "canonical_url": item.canonical_url, "page_id": page.id, "campaign_id": campaign_id,
        "kind": assessment["verdict"], "source": item.source, "verdict": assessment["verdict"],
        "risk": assessment["risk"], "reasons": assessment["reasons"],
        "portal_id": assessment["portal"], "similarity": assessment["similarity"],
        "details": details, "queue": queue_for(assessment["verdict"], item.source)},
        assessment["hits"])
    if item.screenshot:
        store.add_evidence(item.screenshot, kind="screenshot", content_type="image/png", suffix=".png",
                           finding_id=finding_id, page_id=page.id,
                           meta={"url": item.final_url, "path": item.path})
    return Persisted(page.id, finding_id, created)
