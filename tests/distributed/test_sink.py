"""The sink: one writer at a time, every page stored once whatever workers and dead sinks left."""
import pickle
import subprocess
import sys
from datetime import datetime

import pytest

from campaign import load_campaign
from monitor import PageSnapshot
from monitor.page_scoring import PageScorer
from spiders.cluster import keys
from spiders.cluster.publication import publish
from spiders.cluster.sink import Sink
from spiders.evidence_recorder import EvidenceRecorder
from spiders.items import CrawledPage
from spiders.network import Network
from spiders.persist import save_campaign
from spiders.scoring import AssessPipeline
from storage import Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "sink.db") as store:
        yield store


def assessed(store, url: str, text: str) -> CrawledPage:
    html = f"<html><head><title>商品</title></head><body><h1>商品</h1><p>{text}</p></body></html>"
    item = CrawledPage.from_snapshot(PageSnapshot(url=url, html=html, fetched_at=datetime.now()),
                                     source="marketplace", path=["搜索", url])
    item.fields = {"title": "商品", "description": text}
    pipeline = AssessPipeline()
    pipeline.scorer = PageScorer.from_store(store, load_campaign("default").keyword_lists)
    return pipeline.process_item(item)


def open_run(store) -> tuple[int, int]:
    campaign_id = save_campaign(store, load_campaign("default"))
    return campaign_id, store.start_run(campaign_id, jobdir="redis://127.0.0.1/0")


def sink(server, store, run_id, campaign_id) -> Sink:
    return Sink(server, store, EvidenceRecorder.for_command(store, Network(), "测试"),
                run_id=run_id, campaign_id=campaign_id, batch_size=2)


def test_every_page_is_stored_once_by_one_sink_at_a_time(redis_url, store):
    server = keys.connect(redis_url)
    campaign_id, run_id = open_run(store)
    benign = assessed(store, "https://shop.example/item/1.html", "劳保手套，厂家直销，量大从优")
    sale = assessed(store, "https://shop.example/item/2.html", "电工证免 考包过，官网可查，V信 zheng-8")
    assert (benign.assessment["verdict"], sale.assessment["verdict"]) == ("benign", "illegal_sale")
    # A batch a killed sink had taken, a page pushed twice (its worker died before releasing the
    # request), and an item of an older run.
    server.rpush(keys.SINKING, pickle.dumps((run_id, benign)))
    for pushed in ((run_id, sale), (run_id, sale), (run_id - 1, benign)):
        server.rpush(keys.ITEMS, pickle.dumps(pushed))

    first, second = sink(server, store, run_id, campaign_id), sink(server, store, run_id, campaign_id)
    assert first.hold()
    assert second.drain() == 0 and server.llen(keys.ITEMS) == 3
    assert first.drain() == 4
    assert server.llen(keys.ITEMS) == 0 and not server.exists(keys.SINKING)
    rows = store.db.execute("SELECT canonical_url, fetch_count, run_id FROM pages ORDER BY id").fetchall()
    assert rows == [(benign.canonical_url, 1, run_id), (sale.canonical_url, 1, run_id)]
    assert store.db.execute("SELECT canonical_url, kind FROM findings").fetchall() == [
        (sale.canonical_url, "illegal_sale")]
    assert store.db.execute("SELECT count(*) FROM captures").fetchone()[0] == 1

    first.let_go()
    server.rpush(keys.ITEMS, pickle.dumps((run_id, sale)))  # the same page, once more
    assert second.drain() == 1
    assert store.db.execute("SELECT max(fetch_count) FROM pages").fetchone()[0] == 1
    assert server.hget(keys.STATS, "sink|certsweep/pages_stored") == b"2"
    assert server.hget(keys.STATS, "sink|certsweep/findings/illegal_sale") == b"1"


def test_certsweep_sink_writes_the_published_run_until_its_work_is_done(redis_url, store, tmp_path):
    server = keys.connect(redis_url)
    campaign_id, run_id = open_run(store)
    publish(server, store, load_campaign("default"), run_id=run_id, campaign_id=campaign_id)
    server.hset(keys.RUN, "seeded", 1)  # nothing queued or leased: the crawl itself is over
    for n, text in enumerate(("劳保手套，厂家直销", "焊工证速成 三天下证 可查可验 加微 hg1")):
        server.rpush(keys.ITEMS, pickle.dumps((run_id, assessed(store, f"https://shop.example/{n}", text))))
    result = subprocess.run([sys.executable, "-m", "certsweep", "sink", "--redis", redis_url,
                             "--db", str(tmp_path / "sink.db")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "入库 2 页" in result.stdout
    assert store.db.execute("SELECT count(*) FROM pages WHERE run_id = ?", [run_id]).fetchone()[0] == 2
    assert store.db.execute("SELECT count(*) FROM findings").fetchone()[0] == 1
