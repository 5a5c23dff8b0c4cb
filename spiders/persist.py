"""Storing one assessed page: the page row, and a finding with its hits and screenshot when it is one.

Shared by the crawl's writer, the cluster's sink, `certsweep assess` and the domain scan, so every
path into the database writes the same rows. Call persist_page inside `store.transaction()`."""
from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from campaign import Campaign
from monitor.routing import queue_for
from storage import Store

from .items import CrawledPage

if TYPE_CHECKING:  # the crawl process saves campaigns; only the writer captures evidence
    from .evidence_recorder import EvidenceRecorder

logger = logging.getLogger(__name__)


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


def capture_evidence(recorder: EvidenceRecorder, items: list[CrawledPage], *,
                     before_capture=lambda: True) -> Counter | None:
    """A capture for every finding among `items`, each in its own transaction, before the batch's
    pages are stored: a crash in between leaves the pages unstored, so a resumed run fetches them
    again and captures them again; a finding is never stored without its evidence. Takes the raw
    capture off each item. None when `before_capture()` said to stop (a sink that lost its lock)."""
    counts = Counter()
    for item in items:
        raw, item.capture = item.capture, None
        if item.assessment["verdict"] == "benign":
            continue
        if not before_capture():
            return None
        try:
            recorder.record(item, raw)
        except Exception as exc:  # evidence failing must not lose the finding itself
            logger.warning("证据固定失败 %s：%s", item.final_url, exc)
            counts["certsweep/evidence_errors"] += 1
        else:
            counts["certsweep/evidence_captures"] += 1
    return counts


def store_pages(store: Store, items: list[CrawledPage], *, campaign_id: int | None,
                run_id: int | None) -> Counter:
    """Every page of a batch, and its finding, in one transaction; the crawl's stat counts."""
    counts = Counter()
    with store.transaction():
        for item in items:
            saved = persist_page(store, item, campaign_id=campaign_id, run_id=run_id)
            counts["certsweep/pages_stored"] += 1
            if saved.finding_created:
                counts[f"certsweep/findings/{item.assessment['verdict']}"] += 1
    return counts
