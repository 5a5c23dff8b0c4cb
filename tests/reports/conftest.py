"""A campaign's findings with review histories spread over two months, in a real database."""
import pytest

from storage import Store


def _finding(store, url, kind, *, campaign_id, source="marketplace", portal=None, group=None,
             first_seen="2024-09-02T09:00:00+08:00", fields=None):
    finding_id, _ = store.save_finding({
        "canonical_url": url, "kind": kind, "verdict": kind, "risk": 80, "source": source,
        "campaign_id": campaign_id, "portal_id": portal,
        "reasons": [{"code": "KEYWORD_HIT", "text": "证书类型与免考、可查可验同时出现，构成售证组合"}],
        "details": {"fields": fields or {}, "source_name": "邻里集市" if source == "marketplace" else ""}})
    store.db.execute("UPDATE findings SET first_seen = ?, group_id = ? WHERE id = ?",
                     [first_seen, group, finding_id])
    return finding_id


def _history(store, finding_id, *steps):
    """steps: (status, at) in order; the column ends at the last one, as review leaves it."""
    previous = "pending"
    for status, at in steps:
        store.db["reviews"].insert({"finding_id": finding_id, "actor": "张审核", "action": "test",
                                    "from_status": previous, "to_status": status, "at": at})
        previous = status
    store.db.execute("UPDATE findings SET status = ?, status_changed_at = ? WHERE id = ?",
                     [previous, steps[-1][1], finding_id])


@pytest.fixture
def campaign_db(tmp_path):
    db = tmp_path / "certsweep.db"
    with Store(db) as store:
        cid = store.save_campaign("安全生产资格证书涉假专项治理", unit="万盛经开区网信办",
                                  start="2024-08-01", end="2024-12-31", config={})
        fake1 = _finding(store, "https://cx-mem-gov.cn/", "fake_portal", campaign_id=cid, source="ad",
                         portal="mem-cx", group=1)
        fake2 = _finding(store, "https://cx.mem.gov.cn.chaxun.top/", "fake_portal", campaign_id=cid,
                         source="ad", portal="mem-cx", group=1)
        fake_october = _finding(store, "https://zlaq-mohurd.cn/", "fake_portal", campaign_id=cid,
                                portal="mohurd-zlaq", first_seen="2024-09-28T09:00:00+08:00")
        sale = _finding(store, "https://www.linlijishi.com/item/1001.html", "illegal_sale", campaign_id=cid,
                        fields={"title": "安全员C证 免考包过", "seller_name": "安达证件",
                                "description": "联系人：张三丰，电话 13812345678，身份证 11010519491231002X"})
        sale2 = _finding(store, "https://www.linlijishi.com/item/1002.html", "illegal_sale", campaign_id=cid,
                         first_seen="2024-09-10T09:00:00+08:00")
        dismissed = _finding(store, "https://www.aqpx-school.com/", "suspect", campaign_id=cid)
        _history(store, fake1, ("in_review", "2024-09-03T10:00:00+08:00"),
                 ("confirmed", "2024-09-04T10:00:00+08:00"), ("transferred", "2024-09-20T10:00:00+08:00"))
        _history(store, fake2, ("in_review", "2024-09-05T10:00:00+08:00"),
                 ("confirmed", "2024-09-06T10:00:00+08:00"))
        _history(store, fake_october, ("in_review", "2024-09-30T10:00:00+08:00"),
                 ("confirmed", "2024-10-02T10:00:00+08:00"))
        _history(store, sale, ("in_review", "2024-09-03T10:00:00+08:00"),
                 ("confirmed", "2024-09-03T11:00:00+08:00"), ("notified", "2024-09-04T09:00:00+08:00"),
                 ("taken_down", "2024-09-06T09:00:00+08:00"))
        _history(store, sale2, ("in_review", "2024-09-11T10:00:00+08:00"),
                 ("confirmed", "2024-09-12T10:00:00+08:00"), ("notified", "2024-09-13T10:00:00+08:00"),
                 ("taken_down", "2024-10-01T10:00:00+08:00"))
        _history(store, dismissed, ("dismissed", "2024-09-03T10:00:00+08:00"))
    return db
