"""Takedown recheck: the new snapshot is kept; gone content moves the finding to 已下架, content
still there is flagged for a person."""
import pytest

from monitor import PageSnapshot
from monitor.review.recheck import STILL_ONLINE_TAG, judge, record
from reviewdata import add_finding


def notified(store, service, people, url):
    finding_id = add_finding(store, url)
    store.db["keyword_hits"].insert({"finding_id": finding_id, "keyword": "免考", "matched": "免考"})
    for action in ("start_review", "confirm", "notify_platform"):
        service.act(people["samr"], [finding_id], action)
    return store.finding(finding_id)


@pytest.mark.parametrize("snapshot,error,gone", [
    (None, "域名无法解析", True),
    (PageSnapshot(url="u", html="<p>Not Found</p>", status=404), None, True),
    (PageSnapshot(url="u", html="<div>该商品已下架</div>"), None, True),
    (PageSnapshot(url="u", html="<div>全新正品电饭煲 七天无理由退货</div>"), None, True),
    (PageSnapshot(url="u", html="<div>安全员证 免考 包过</div>"), None, False),
])
def test_judging_whether_content_is_gone(snapshot, error, gone):
    assert judge(["免考"], snapshot, error)[0] is gone


def test_gone_content_is_verified_taken_down_with_new_evidence(store, service, people):
    finding = notified(store, service, people, "https://shop.example/gone")
    result = record(store, finding, PageSnapshot(url=finding["canonical_url"], html="<p>商品不存在</p>",
                                                 screenshot_png=b"\x89PNG fake"), None)
    after = store.finding(finding["id"])
    assert result.gone and (after["status"], after["resolution"]) == ("taken_down", "gone_on_recheck")
    assert {e["kind"] for e in store.evidence(finding["id"])} == {"dom", "screenshot"}
    assert store.history(finding["id"])[-1]["actor"] == "system"


def test_content_still_online_is_flagged_not_moved(store, service, people):
    finding = notified(store, service, people, "https://shop.example/still")
    result = record(store, finding, PageSnapshot(url=finding["canonical_url"], html="<p>免考 包过</p>"), None)
    assert not result.gone
    assert store.finding(finding["id"])["status"] == "notified"
    assert STILL_ONLINE_TAG in store.tags(finding["id"])
    assert "仍含：免考" in store.comments(finding["id"])[-1]["body"]
