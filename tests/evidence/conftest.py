"""One fake portal fetched once per session with real Chromium through the fixture internet,
its capture recorded in a real database the tests copy before changing anything."""
import asyncio
import os
import shutil

import pytest
from playwright.async_api import async_playwright

from monitor.evidence import CaptureFacts, Exchange, PageCapture, look_up, record_capture
from spiders.browser import launch_options
from spiders.capture import ResourceRecorder
from storage import Store

FAKE_PORTAL = "https://www.aqzs-banli.top/"


async def _render(url: str, proxy: str) -> dict:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(**launch_options(os.environ.get("CERTSWEEP_CHROMIUM"), proxy))
        try:
            page = await (await browser.new_context(ignore_https_errors=True)).new_page()
            recorder = ResourceRecorder()
            page.on("response", recorder)
            await page.goto(url)
            await page.wait_for_load_state("networkidle")
            return {"screenshot": await page.screenshot(full_page=True), "html": await page.content(),
                    "title": await page.title(), "exchanges": await recorder.settle(page)}
        finally:
            await browser.close()


def _capture_page(store: Store, rendered: dict, internet, *, started="2024-09-03T10:15:00+08:00") -> int:
    facts = CaptureFacts(url=FAKE_PORTAL, final_url=FAKE_PORTAL, method="browser", started_at=started,
                         ended_at=started.replace(":00+", ":07+"), operator="王巡查",
                         path=["觅搜索 搜索：免考", f"广告（第 1 位）：{FAKE_PORTAL}"], campaign="演示方案")
    capture = PageCapture(canonical_url=FAKE_PORTAL, facts=facts, html=rendered["html"],
                          title=rendered["title"], screenshot=rendered["screenshot"],
                          exchanges=[Exchange.from_dict(e) for e in rendered["exchanges"]],
                          canary={"filled": {"姓名": "测试无此人"}, "verdict": "confirmed"})
    lookups = look_up("www.aqzs-banli.top", dns_server=internet.dns_server,
                      whois_server=internet.whois_server)
    return record_capture(store, capture, lookups)


@pytest.fixture
def capture_page():
    """capture_page(store, rendered, internet, started=ISO) records one more capture."""
    return _capture_page


@pytest.fixture(scope="session")
def rendered(fixture_internet):
    return asyncio.run(_render(FAKE_PORTAL, fixture_internet.proxy_url))


@pytest.fixture(scope="session")
def captured_db(tmp_path_factory, rendered, fixture_internet):
    db = tmp_path_factory.mktemp("evidence") / "certsweep.db"
    with Store(db) as store:
        store.save_finding({
            "canonical_url": FAKE_PORTAL, "kind": "fake_portal", "verdict": "fake_portal", "risk": 92,
            "source": "ad", "portal_id": "mem-cx",
            "reasons": [{"code": "CLONE", "text": "页面与特种作业操作证查询平台高度相似"}],
            "details": {"path": ["觅搜索 搜索：免考"], "contacts": {"phone": ["13812345678"]},
                        "source_name": "觅搜索"}},
            [{"keyword": "可查可验", "category": "fake_verify", "matched": "可查可验", "start": 0,
              "end": 4, "rule": "exact", "region": "main", "weight": 1.0}])
        _capture_page(store, rendered, fixture_internet)
    return db


@pytest.fixture
def db(captured_db, tmp_path):
    """A private copy (database and evidence files) for a test that changes things."""
    copy = tmp_path / "certsweep.db"
    shutil.copy(captured_db, copy)
    shutil.copytree(captured_db.with_name(captured_db.name + ".evidence"),
                    copy.with_name(copy.name + ".evidence"))
    return copy
