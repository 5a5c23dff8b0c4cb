"""The crawl's scoring process: pages in, assessments out, in order, whatever a call gets wrong."""
import asyncio

from campaign.loader import load_campaign
from monitor import PageSnapshot
from spiders.workers import Worker, WorkerError
from storage import Store

LISTS = load_campaign("default").keyword_lists


def listing(n: int) -> tuple:
    """`spiders.scoring.score`'s arguments for a seller's page: (snapshot, text, main_text, canary)."""
    text = f"安全员证 免考包过 第{n}号"
    return PageSnapshot(url=f"http://shop.example/item/{n}.html",
                        html=f"<html><body><p>{text}</p></body></html>"), text, None, None


def answers(worker: Worker, *calls: tuple) -> list:
    """The worker's answers (or errors) to `calls`, each a function name and its arguments, sent
    at once; then the worker is closed as the crawl closes it: on its event loop."""
    async def sent():
        try:
            return await asyncio.gather(*(worker.call(*call) for call in calls), return_exceptions=True)
        finally:
            worker.close()

    return asyncio.run(sent())


def test_the_scoring_process_answers_in_order_and_survives_a_call_it_cannot_serve(tmp_path):
    db = tmp_path / "s.db"
    Store(db).close()
    worker = Worker("spiders.scoring", str(db), LISTS, None)
    first, wrong, after = answers(worker, ("score", *listing(1)), ("no_such_function",), ("score", *listing(2)))
    assert first["verdict"] == after["verdict"] == "illegal_sale"
    assert first["url"].endswith("/1.html") and after["url"].endswith("/2.html")
    assert isinstance(wrong, WorkerError) and "no_such_function" in str(wrong)


def test_a_scoring_process_that_cannot_start_says_why_on_every_call(tmp_path):
    worker = Worker("spiders.scoring", str(tmp_path / "s.db"), ["no-such-list"], None)
    for answer in answers(worker, ("score", *listing(1)), ("score", *listing(2))):
        assert isinstance(answer, WorkerError) and "no-such-list" in str(answer)
