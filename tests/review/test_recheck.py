"""Takedown recheck: gone content moves the finding to 已下架, content still there is flagged for a
person, and the decision names the capture behind it (the command itself: tests/cli/test_recheck.py)."""
import subprocess
import sys

import pytest

from monitor import PageSnapshot
from monitor.review.recheck import STILL_ONLINE_TAG, judge, record
from reviewdata import add_finding


def notified(store, service, people, url, keyword="免考"):
    finding_id = add_finding(store, url)
    store.db["keyword_hits"].insert({"finding_id": finding_id, "keyword": keyword, "matched": keyword})
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


def test_gone_content_is_verified_taken_down_naming_the_capture(store, service, people):
    finding = notified(store, service, people, "https://shop.example/gone")
    result = record(store, finding, PageSnapshot(url=finding["canonical_url"], html="<p>商品不存在</p>"),
                    None, capture_id=7)
    after = store.finding(finding["id"])
    assert result.gone and (after["status"], after["resolution"]) == ("taken_down", "gone_on_recheck")
    last = store.history(finding["id"])[-1]
    assert last["actor"] == "system" and "采集记录 #7" in last["comment"]


def test_content_still_online_is_flagged_not_moved(store, service, people):
    finding = notified(store, service, people, "https://shop.example/still")
    result = record(store, finding, PageSnapshot(url=finding["canonical_url"], html="<p>免考 包过</p>"), None)
    assert not result.gone
    assert store.finding(finding["id"])["status"] == "notified"
    assert STILL_ONLINE_TAG in store.tags(finding["id"])
    assert "仍含：免考" in store.comments(finding["id"])[-1]["body"]


def test_the_recheck_command_keeps_what_it_saw_as_a_capture(store, service, people, fixture_internet):
    still = notified(store, service, people, "http://listing-qr.example.com/", keyword="可查可验")
    removed = notified(store, service, people, "http://listing-qr.example.com/item-removed")
    internet = fixture_internet
    result = subprocess.run(
        [sys.executable, "-m", "certsweep", "recheck", "--no-render", "--db", str(store.path),
         "--proxy", internet.proxy_url, "--dns-server", internet.dns_server,
         "--whois-server", internet.whois_server], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "1 条已下架，1 条仍在线" in result.stdout
    assert store.finding(removed["id"])["status"] == "taken_down"
    assert STILL_ONLINE_TAG in store.tags(still["id"])
    for finding in (still, removed):  # a 404 is evidence too: the platform did take it down
        [capture] = store.captures(finding["canonical_url"])
        kinds = {e["kind"] for e in store.evidence_of_captures([capture["id"]])}
        assert {"warc", "wacz", "dom", "dns", "whois"} <= kinds
        assert capture["path"] == [f"下架复查：{finding['canonical_url']}"]
        assert f"采集记录 #{capture['id']}" in store.history(finding["id"])[-1]["comment"] + "".join(
            c["body"] for c in store.comments(finding["id"]))
