"""The crawl's writer process: evidence for a batch's findings, then its pages, in batches."""
import asyncio

import pytest
from scrapy.utils.test import get_crawler

from spiders.items import CrawledPage
from spiders.pipelines import MAX_BATCH_SECONDS, StorePipeline
from spiders.writer import start, write_batch
from storage import Store


def page(n: int, verdict: str) -> CrawledPage:
    url = f"http://shop.example/item/{n}.html"
    html = f"<html><head><title>商品 {n}</title></head><body><p>安全员证 免考包过 {n}</p></body></html>"
    item = CrawledPage(url=url, canonical_url=url, final_url=url, status=200, host="shop.example",
                       title=f"商品 {n}", text=f"安全员证 免考包过 {n}", html=html,
                       content_type="text/html", encoding="utf-8", content_sha256=f"{n:064d}",
                       source="marketplace", source_name="某平台", path=["搜索", url],
                       fetched_at="2026-11-21T10:00:00+08:00")
    item.assessment = {"verdict": verdict, "risk": 90 if verdict != "benign" else 0, "reasons": [],
                       "hits": [], "contacts": [], "advertised_urls": [], "portal": None,
                       "similarity": None}
    item.capture = {"method": "http", "exchanges": [{
        "url": url, "status": 200, "method": "GET", "resource_type": "document",
        "body": html.encode(), "response_headers": [("Content-Type", "text/html")],
        "request_headers": [], "request_body": b""}]}
    return item


def test_a_batch_stores_every_page_and_captures_each_finding(tmp_path, fixture_internet):
    db = tmp_path / "w.db"
    Store(db).close()
    start(str(db), {"dns_server": fixture_internet.dns_server,
                            "whois_server": fixture_internet.whois_server,
                            "operator": "op", "campaign": "c"})
    with Store(db) as store:
        campaign_id = store.save_campaign("c", unit="", start="", end="", config={})
        run_id = store.start_run(campaign_id, jobdir="")
    counts = write_batch([page(1, "illegal_sale"), page(2, "benign"), page(3, "illegal_sale")],
                    campaign_id, run_id)
    assert counts == {"certsweep/evidence_captures": 2, "certsweep/pages_stored": 3,
                      "certsweep/findings/illegal_sale": 2}
    with Store(db) as store:
        captured = {c["canonical_url"] for c in store.db["captures"].rows}
        assert captured == {"http://shop.example/item/1.html", "http://shop.example/item/3.html"}
        assert store.db.execute("SELECT count(*) FROM pages").fetchone()[0] == 3
        kinds = {r[0] for r in store.db.execute("SELECT kind FROM evidence")}
        assert {"warc", "wacz", "dom", "headers"} <= kinds


class FailingWriter:
    def __init__(self):
        self.calls = 0

    async def call(self, *args):
        self.calls += 1
        raise RuntimeError("数据库磁盘已满")


def test_a_batch_the_writer_fails_stays_for_the_next_one_and_keeps_benign_bodies_out():
    crawler = get_crawler(settings_dict={"CERTSWEEP_WRITE_BATCH": 2})
    pipeline = StorePipeline(crawler)
    pipeline.writer, pipeline.campaign_id = FailingWriter(), 1
    benign = page(1, "benign")
    asyncio.run(pipeline.process_item(benign))
    assert benign.capture is None and benign.html == "" and len(pipeline.batch) == 1
    finding = page(2, "illegal_sale")
    with pytest.raises(RuntimeError):
        asyncio.run(pipeline.process_item(finding))
    assert pipeline.batch == [benign, finding] and finding.capture is not None
    with pytest.raises(RuntimeError):
        asyncio.run(pipeline.process_item(page(3, "benign")))
    assert [i.url for i in pipeline.batch] == [f"http://shop.example/item/{n}.html" for n in (1, 2, 3)]
    assert pipeline.writer.calls == 2


class RecordingWriter:
    def __init__(self):
        self.batches = []

    async def call(self, function, items, *args):
        self.batches.append([i.url for i in items])
        return {"certsweep/pages_stored": len(items)}


def test_a_slow_crawl_writes_a_batch_once_its_first_page_has_waited(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr("spiders.pipelines.time.monotonic", lambda: clock[0])
    crawler = get_crawler(settings_dict={"CERTSWEEP_WRITE_BATCH": 50})
    pipeline = StorePipeline(crawler)
    pipeline.writer, pipeline.campaign_id = RecordingWriter(), 1
    asyncio.run(pipeline.process_item(page(1, "benign")))
    clock[0] += MAX_BATCH_SECONDS - 0.5
    asyncio.run(pipeline.process_item(page(2, "benign")))
    assert pipeline.writer.batches == []  # neither full nor old enough
    clock[0] += 0.5
    asyncio.run(pipeline.process_item(page(3, "benign")))
    assert len(pipeline.writer.batches) == 1 and len(pipeline.writer.batches[0]) == 3
    assert pipeline.batch == [] and crawler.stats.get_value("certsweep/pages_stored") == 3
    clock[0] += 10  # the wait counts from a batch's first page, not from the last write
    asyncio.run(pipeline.process_item(page(4, "benign")))
    assert len(pipeline.writer.batches) == 1 and len(pipeline.batch) == 1
