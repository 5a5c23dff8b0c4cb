"""The request meta the spiders add for evidence survives a resumable crawl's disk queue."""
import pickle

from scrapy_playwright.page import PageMethod

from spiders.capture import capture_meta


def test_a_queued_request_carries_an_empty_recorder_wired_to_its_own_settle_step():
    meta = capture_meta([PageMethod("screenshot", full_page=True, type="png")])
    meta["playwright_page_event_handlers"]["response"].exchanges.append({"url": "https://x.example/"})
    restored = pickle.loads(pickle.dumps(meta))  # what JOBDIR's disk queue does
    recorder = restored["playwright_page_event_handlers"]["response"]
    assert recorder.exchanges == [] and recorder.pending == []
    screenshot, settle = restored["playwright_page_methods"]
    assert screenshot.method == "screenshot" and settle.method.__self__ is recorder
