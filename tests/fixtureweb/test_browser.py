"""Chromium, driven by Playwright, reaches https fixture pages only through the proxy."""
import pytest


@pytest.fixture
def tab(browser, internet):
    context = browser.new_context(ignore_https_errors=True, proxy={"server": internet.proxy_url})
    yield context.new_page()
    context.close()


def test_https_page_loads_with_its_subresources(tab, internet):
    tab.goto("https://www.linlijishi.com/item/1002.html")
    assert tab.text_content("h1.item-title") == "特种作业操作证 电工证 焊工证 速成 一周拿证"
    assert tab.evaluate("[...document.images].every(img => img.complete && img.naturalWidth > 0)")
    assert tab.evaluate("getComputedStyle(document.querySelector('.site-header')).display") == "flex"
    fetched = {r.path for r in internet.requests.find(host="www.linlijishi.com", scheme="https")}
    assert {"/item/1002.html", "/static/style.css", "/img/item/1002-1.png"} <= fetched


def test_text_that_only_javascript_renders(tab):
    tab.goto("https://js-only.example.com/")
    tab.wait_for_selector("p.message")
    assert "只有执行 JavaScript 之后才会出现" in tab.text_content("p.message")


def test_self_signed_site_loads_when_errors_are_ignored(tab):
    tab.goto("https://www.aqzs-banli.top/")
    assert "安证办理中心" in tab.title()
