"""Review queue and bulk actions on a large database, with a crawl writing at the same time.

    .venv/bin/python bench/review.py [--findings 100000] [--db /tmp/review-bench.db]

Builds a database of N findings (pages with Chinese text, three agencies' queues, sellers that
group), then, while a separate process keeps writing crawl results the way the store pipeline
does, times through the web app (HTTP, templates and all): the queue page filtered, searched
(terms nearly every finding holds, and rare ones: a shipping city, a seller ID) and paginated
(a typed page number, and deep pages reached by the pager's links), and a bulk dismiss of 1,000
findings. Each time is printed beside a baseline: the bare storage calls the page makes (or a
bare UPDATE without history and audit) on the same database. Targets: queue page under 300 ms,
bulk action under 5 s, no "database is locked".
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fastapi.testclient import TestClient  # noqa: E402

from monitor.review.accounts import add_user  # noqa: E402
from storage import Store  # noqa: E402
from storage.clock import now  # noqa: E402
from storage.queues import FindingFilter, Scope  # noqa: E402
from web import create_app  # noqa: E402

CERTS = ["安全员证", "电工证", "焊工证", "高处作业证", "特种设备作业人员证", "制冷与空调作业证", "危化品安全管理证"]
CLAIMS = ["免考", "速成", "包过", "可查可验", "官网可查", "不用本人到场", "一周拿证", "内部渠道"]
FILLER = ["全国通用", "价格优惠", "欢迎咨询", "正规机构", "资料齐全", "快速出证", "支持复审", "加微信详聊"]
# One per page: a two-character term about one page in a hundred holds.
CITIES = ["北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "南京", "苏州", "武汉", "成都", "西安",
          "郑州", "长沙", "合肥", "济南", "青岛", "福州", "厦门", "南昌", "昆明", "贵阳", "南宁", "海口",
          "太原", "沈阳", "长春", "兰州", "银川", "西宁", "拉萨", "宁波", "温州", "无锡", "常州", "佛山",
          "东莞", "珠海", "汕头", "惠州", "泉州", "漳州", "烟台", "潍坊", "临沂", "洛阳", "襄阳", "宜昌",
          "岳阳", "株洲", "湘潭", "衡阳", "桂林", "柳州", "三亚", "遵义", "曲靖", "大理", "丽江", "绵阳",
          "德阳", "宜宾", "泸州", "南充", "达州", "宝鸡", "咸阳", "延安", "榆林", "汉中", "天水", "酒泉",
          "包头", "赤峰", "通辽", "鄂州", "荆州", "黄石", "十堰", "孝感", "九江", "赣州", "吉安", "上饶",
          "芜湖", "蚌埠", "淮南", "安庆", "黄山", "阜阳", "宿州", "六安", "亳州", "池州", "宣城", "滁州",
          "唐山", "保定", "邯郸", "邢台"]
KINDS = [("illegal_sale", "marketplace", "samr"), ("illegal_sale", "ad", "samr"),
         ("illegal_sale", "search", "cac"), ("fake_portal", "seed", "cac"), ("suspect", "search", "cac")]
PASSWORD = "bench-password-1"


def text_for(rng: random.Random) -> tuple[str, str]:
    title = f"{rng.choice(CERTS)} {rng.choice(CLAIMS)} {rng.choice(FILLER)}"
    body = "，".join(rng.choice(CERTS + CLAIMS + FILLER) for _ in range(40)) + f"。发货地：{rng.choice(CITIES)}"
    return title, body


def build(path: Path, n: int) -> None:
    rng = random.Random(7)
    stamp = now()
    with Store(path) as store:
        campaign = store.save_campaign("基准测试专项", unit="基准测试", start="2024-08-01", end="2024-12-31", config={})
        for start in range(0, n, 10_000):
            pages, findings = [], []
            for i in range(start, min(n, start + 10_000)):
                title, body = text_for(rng)
                kind, source, queue = rng.choice(KINDS)
                url = f"https://shop{i % 500}.example/item/{i}"
                pages.append({"id": i + 1, "canonical_url": url, "url": url, "final_url": url, "title": title,
                              "text": body, "host": url.split("/")[2], "content_sha256": f"{i:064x}",
                              "first_seen": stamp, "last_seen": stamp})
                findings.append({"id": i + 1, "canonical_url": url, "page_id": i + 1, "campaign_id": campaign,
                                 "kind": kind, "source": source, "verdict": kind, "risk": rng.randint(30, 100),
                                 "reasons": "[]", "details": '{"fields": {"seller_id": "u%d"}}' % (i % 20_000),
                                 "status": "pending", "queue": queue, "priority": 0, "first_seen": stamp,
                                 "last_seen": stamp, "status_changed_at": stamp, "updated_at": stamp})
            with store.transaction():
                store.db["pages"].insert_all(pages)
                store.db["findings"].insert_all(findings)
        add_user(store, "admin1", "admin", PASSWORD)
        add_user(store, "samr1", "samr", PASSWORD)
        store.db.execute("ANALYZE")


def crawl_writer(path: str, stop, errors, written, seconds) -> None:
    """Writes as spiders.persist does: batches of pages and findings, one transaction each."""
    rng = random.Random(11)
    with Store(path) as store:
        campaign = store.campaign("基准测试专项")["id"]
        i = 0
        start = time.perf_counter()
        while not stop.is_set():
            try:
                with store.transaction():
                    for _ in range(20):
                        i += 1
                        url = f"https://crawl.example/item/{i}"
                        title, body = text_for(rng)
                        page = store.save_page({"canonical_url": url, "url": url, "title": title, "text": body,
                                                "content_sha256": str(i)})
                        store.save_finding({"canonical_url": url, "page_id": page.id, "campaign_id": campaign,
                                            "kind": "illegal_sale", "source": "marketplace", "risk": 60,
                                            "queue": "samr"}, [])
                written.value = i
            except Exception as exc:  # counted, not hidden: "database is locked" is what we look for
                errors.append(str(exc))
            time.sleep(0.02)
        seconds.value = time.perf_counter() - start


def login(client: TestClient, name: str) -> str:
    """Logs in; returns the session's CSRF token."""
    page = client.get("/login").text
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    return client.get("/findings?status=pending").text.split('name="csrf_token" value="')[1].split('"')[0]


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/certsweep-review-bench.db")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = Path(args.db)
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    start = time.perf_counter()
    build(path, args.findings)
    print(f"数据库：{args.findings} 条发现，构建用时 {time.perf_counter() - start:.1f} s")

    manager = multiprocessing.Manager()
    stop, errors = manager.Event(), manager.list()
    written, seconds = manager.Value("i", 0), manager.Value("d", 0.0)
    writer = multiprocessing.Process(target=crawl_writer, args=(str(path), stop, errors, written, seconds))
    writer.start()
    try:
        clients = {name: TestClient(create_app(path)) for name in ("samr1", "admin1")}
        tokens = {name: login(client, name) for name, client in clients.items()}
        store = Store(path)
        print(f"\n{'页面':<44}{'网页（含渲染）':>14}{'基准（存储调用）':>14}{'比值':>8}")
        for label, user, scope, url, flt, sort, position in cases(store):
            app_time = timed(lambda: clients[user].get(url).raise_for_status(), args.repeat)
            base_time = timed(lambda: (store.queue_counts(scope, flt),
                                       store.list_findings(scope, flt, sort=sort, limit=50, **position)),
                              args.repeat)
            verdict = "达标" if app_time < 0.3 else "未达标（目标 300 ms）"
            print(f"{label:<44}{app_time * 1000:>11.0f} ms{base_time * 1000:>11.0f} ms"
                  f"{app_time / base_time:>8.1f}  {verdict}")

        scope = Scope(queues=("samr",))
        ids = store.finding_ids(scope, FindingFilter(status=("pending",)))[:1000]
        start = time.perf_counter()
        response = clients["samr1"].post("/findings/bulk", data={
            "ids": [str(i) for i in ids], "action": "dismiss", "resolution": "duplicate",
            "csrf_token": tokens["samr1"], "back": "/findings"})
        bulk_time = time.perf_counter() - start
        response.raise_for_status()
        done = store.count_findings(scope, FindingFilter(ids=tuple(ids), status=("dismissed",)))
        others = store.finding_ids(scope, FindingFilter(status=("pending",)))[:1000]
        start = time.perf_counter()
        with store.transaction():
            store.db.conn.executemany("UPDATE findings SET status = 'dismissed' WHERE id = ?",
                                      [(i,) for i in others])
        bare_time = time.perf_counter() - start
        verdict = "达标" if bulk_time < 5 and done == 1000 else "未达标（目标 5 s）"
        print(f"\n批量排除 1000 条（含办理记录与审计日志）：{bulk_time:.2f} s，生效 {done} 条；"
              f"基准（裸 UPDATE）{bare_time:.2f} s，比值 {bulk_time / max(bare_time, 1e-6):.1f}  {verdict}")
        store.close()
    finally:
        stop.set()
        writer.join(timeout=30)
    locked = [e for e in errors if "locked" in e]
    print(f"\n同时写入的巡查进程：写入 {written.value} 条（{written.value / max(seconds.value, 1e-6):.0f} 条/秒，"
          f"每批 20 条网页与发现），出错 {len(errors)} 次，其中 database is locked {len(locked)} 次")


def cases(store: Store):
    """(label, user, scope, URL, the filter and sort it means, where the page starts).
    Deep pages are reached as the pager links to them: after the previous page's last finding."""
    samr, everything = Scope(queues=("samr",)), Scope()

    def after(scope, flt, sort, page):
        anchor = store.list_findings(scope, flt, sort=sort, limit=1, offset=(page - 1) * 50 - 1)[0]["id"]
        return f"page={page}&after={anchor}", {"after": anchor}

    pending_hot = FindingFilter(status=("pending",), source="marketplace", risk_min=80)
    deep, deep_at = after(samr, FindingFilter(), "risk", 201)
    searched = FindingFilter(status=("pending",), risk_min=60, text="包过")
    searched_page, searched_at = after(samr, searched, "new", 40)
    return [
        ("队列首页", "samr1", samr, "/findings", FindingFilter(), "risk", {}),
        ("筛选 待审核+交易平台+风险≥80 第 5 页（输入页码）",  "samr1", samr,
         "/findings?status=pending&source=marketplace&risk=80&page=5", pending_hot, "risk", {"offset": 200}),
        ("队列 第 201 页（翻页链接）", "samr1", samr, f"/findings?{deep}", FindingFilter(), "risk", deep_at),
        ("待审核+风险≥60+检索“包过” 第 40 页（翻页链接）", "samr1", samr,
         f"/findings?status=pending&risk=60&q=包过&sort=new&{searched_page}", searched, "new", searched_at),
        ("全文检索 三字以上“特种设备” 第 2 页", "samr1", samr, "/findings?q=特种设备&page=2",
         FindingFilter(text="特种设备"), "risk", {"offset": 50}),
        ("全文检索 两字“免考” 最新", "samr1", samr, "/findings?q=免考&sort=new", FindingFilter(text="免考"), "new", {}),
        ("全文检索 一字“免”", "samr1", samr, "/findings?q=免", FindingFilter(text="免"), "risk", {}),
        ("全文检索 少见两字“宁波”", "samr1", samr, "/findings?q=宁波", FindingFilter(text="宁波"), "risk", {}),
        ("全文检索 卖家“u1234”", "samr1", samr, "/findings?q=u1234", FindingFilter(text="u1234"), "risk", {}),
        ("管理员 全部发现 检索“特种设备”", "admin1", everything, "/findings?q=特种设备",
         FindingFilter(text="特种设备"), "risk", {}),
    ]


if __name__ == "__main__":
    main()
