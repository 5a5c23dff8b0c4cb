"""Paging through a queue longer than a page in real Chromium: the pager's links (keyset links
after the first page) cover every finding once, in order, forwards and back, with a search on."""
import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, Session, add_finding, serving
from monitor.review.accounts import add_user
from storage import Store

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
        yield base, listings


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
    base, listings = paging_server
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
