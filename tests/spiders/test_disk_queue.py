"""The JOBDIR queue gives back what Scrapy's own would, callbacks included."""
import pytest
import scrapy
from scrapy.squeues import PickleLifoDiskQueue
from scrapy.utils.test import get_crawler

from spiders.disk_queue import RequestDiskQueue


class Listing(scrapy.Spider):
    name = "listing"

    def parse_item(self, response):
        pass

    def record_error(self, failure):
        pass


class Helper:
    def callback(self, response):
        pass


@pytest.fixture
def crawler():
    crawler = get_crawler(Listing)
    crawler.spider = crawler._create_spider()
    return crawler


def round_trip(queue_class, crawler, folder, request):
    queue = queue_class.from_crawler(crawler, str(folder / queue_class.__name__))
    queue.push(request)
    popped = queue.pop()
    queue.close()
    return popped


def test_a_request_comes_back_as_scrapys_own_queue_returns_it(crawler, tmp_path, monkeypatch):
    spider = crawler.spider
    request = scrapy.Request("http://shop.example/item/1", callback=spider.parse_item,
                             errback=spider.record_error, priority=3,
                             meta={"path": ["集市 搜索：免考"], "market": 0}, cookies={"s": "1"})
    theirs = round_trip(PickleLifoDiskQueue, crawler, tmp_path, request)
    monkeypatch.setattr("inspect.getmembers", None)  # the by-name path never lists the spider
    ours = round_trip(RequestDiskQueue, crawler, tmp_path, request)
    monkeypatch.undo()
    assert ours.callback == spider.parse_item and ours.errback == spider.record_error
    assert ours.to_dict(spider=spider) == theirs.to_dict(spider=spider)
    assert request.callback == spider.parse_item  # the queued request itself is left as it was


def test_a_request_without_callbacks_round_trips(crawler, tmp_path):
    popped = round_trip(RequestDiskQueue, crawler, tmp_path, scrapy.Request("http://shop.example/"))
    assert popped.url == "http://shop.example/" and popped.callback is None and popped.errback is None


def test_a_callback_that_is_not_the_spiders_goes_to_scrapys_lookup(crawler, tmp_path):
    """Scrapy refuses it, as always; the scheduler then keeps the request in memory."""
    request = scrapy.Request("http://shop.example/", callback=Helper().callback)
    with pytest.raises(ValueError, match="not an instance method"):
        round_trip(RequestDiskQueue, crawler, tmp_path, request)
