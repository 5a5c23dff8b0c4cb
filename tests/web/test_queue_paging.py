"""Paging through a queue longer than a page in real Chromium: the pager's links (keyset links
after the first page) cover every finding once, in order, forwards and back, with a search on;
and a common search term's capped counts ("1000+") in the app itself."""
import re

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import expect
from reviewapp import PASSWORD, Session, add_finding, serving

import storage.queues as queues
from monitor.review.accounts import add_user
from storage import Store
from web import create_app

LISTINGS = 130


@pytest.fixture(scope="module")
def paging_server(tmp_path_factory):
    """A seller's listings, more than two pages, risks tied in sevens; two in three sell 免考."""
    db = tmp_path_factory.mktemp("paging") / "review.db"
    listings = []
    with Store(db) as store:
        for i in range(LISTINGS):
            sells = bool(i % 3)
            finding_id = add_finding(store, f"https://shop.example/item/{i}", title=f"挂靠证书 第{i}号",
                                     text="免考 包过" if sells else "正规培训", risk=10 * (i % 7))
            listings.append({"id": finding_id, "risk": 10 * (i % 7), "sells": sells})
        add_user(store, "samr1", "samr", PASSWORD)
    with serving(db) as base:
        yield base, listings, db


def in_queue_order(listings):
    """The default sort: risk, then newest id first."""
    return [r["id"] for r in sorted(listings, key=lambda r: (r["risk"], r["id"]), reverse=True)]


def shown(session) -> list[int]:
    return [int(v) for v in session.page.locator("tr.row").evaluate_all("rows => rows.map(r => r.dataset.id)")]


def follow(session, rel: str, page_number: int, pages: int) -> list[int]:
    session.page.click(f".pager a[rel={rel}]")
    expect(session.page.locator(".pager span")).to_have_text(f"第 {page_number} / {pages} 页")
    return shown(session)


@pytest.mark.parametrize("search", ["", "免考"])
def test_pager_links_cover_the_queue_once_in_order_both_ways(browser, paging_server, search):
    base, listings, _ = paging_server
    expected = in_queue_order([r for r in listings if r["sells"] or not search])
    pages = -(-len(expected) // 50)
    session = Session(browser, base).login("samr1")
    try:
        session.goto(f"/findings?q={search}" if search else "/findings")
        seen = [shown(session)]
        for number in range(2, pages + 1):
            seen.append(follow(session, "next", number, pages))
            assert "after=" in session.page.url
        assert sum(seen, []) == expected
        assert session.page.locator(".pager a[rel=next]").count() == 0
        for number in range(pages - 1, 0, -1):
            assert follow(session, "prev", number, pages) == seen[number - 1]
        session.goto(f"/findings?q={search}&page={pages}")  # a typed page number: by offset
        assert shown(session) == seen[-1]
        assert session.errors == []
    finally:
        session.context.close()


def test_a_common_term_is_counted_up_to_the_cap_and_paged_to_its_end(paging_server, monkeypatch):
    _, listings, db = paging_server
    monkeypatch.setattr(queues, "SPARSE_MATCHES", 10)  # 免考 is in 87 of 130: common here
    monkeypatch.setattr(queues, "COUNT_CAP", 60)
    client = TestClient(create_app(db))
    token = client.get("/login").text.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/login", data={"name": "samr1", "password": PASSWORD, "csrf_token": token})
    page = client.get("/findings?q=免考").text
    assert '<b id="total">60+</b>' in page and 'id="count-pending">60+<' in page
    seen = []
    while True:
        seen += [int(i) for i in re.findall(r'<tr class="row" data-id="(\d+)"', page)]
        assert re.search(r"<span>第 \d+ 页</span>", page)  # no page count under a capped total
        link = re.search(r'<a href="(/findings\?[^"]+)"[^>]* rel="next"', page)
        if not link:
            break
        page = client.get(link.group(1).replace("&amp;", "&")).text
    assert seen == in_queue_order([r for r in listings if r["sells"]])
