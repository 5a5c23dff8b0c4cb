"""The crawl's writer process (spiders.workers): StorePipeline's batches go here, each finding's
evidence capture first, then the batch's pages. A module of its own, served by name, so the
writing libraries (WARC, WACZ, DNS and WHOIS lookups) load in this process, not in the crawl's."""
from storage import Store

from .evidence_recorder import EvidenceRecorder
from .items import CrawledPage
from .persist import capture_evidence, store_pages

_writer: tuple[Store, EvidenceRecorder] | None = None  # this process's own


def start(db_path: str, options: dict) -> None:
    global _writer
    store = Store(db_path)
    _writer = store, EvidenceRecorder(store, **options)


def write_batch(items: list[CrawledPage], campaign_id: int, run_id: int) -> dict:
    store, recorder = _writer
    counts = capture_evidence(recorder, items)
    counts.update(store_pages(store, items, campaign_id=campaign_id, run_id=run_id))
    return counts
