"""The scorer every crawled page goes through, in the process that runs it."""
import gc

from campaign.loader import load_campaign
from monitor import PageSnapshot
from monitor.page_scoring import PageScorer, campaign_keyword_lists, settle_collector

ITEM = '<li class="item c{n}"><a href="/item/{n}.html">{title}</a><span class="price">¥{n}</span></li>'
# A mall page's size: some 1,500 elements, a few dozen of them selling.
LARGE_LISTING = ("<html><body><div class='content'><h1>特种作业操作证 免考</h1><ul>" + "".join(
    ITEM.format(n=n, title="焊工证免考包过，可查可验" if n % 20 == 0 else f"劳保手套 {n} 号") for n in range(500))
    + "</ul></div></body></html>")


def test_a_settled_scoring_process_collects_no_garbage_while_it_scores_a_large_page():
    scorer = PageScorer(campaign_keyword_lists(load_campaign("default").keyword_lists, {}), {})
    threshold, started = gc.get_threshold(), []

    def count(phase, info):
        if phase == "start":
            started.append(info["generation"])

    try:
        settle_collector()
        gc.callbacks.append(count)
        scored = scorer.score(PageSnapshot(url="https://zhengshu.example/list.html", html=LARGE_LISTING))
    finally:
        gc.callbacks.remove(count)
        gc.unfreeze()
        gc.set_threshold(*threshold)
    assert scored.verdict == "illegal_sale"
    assert started == []
