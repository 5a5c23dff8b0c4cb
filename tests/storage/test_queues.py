"""The review queue's reads: search of one, two and more characters over every searchable field,
filters and scopes, each sort, offset and keyset pages, and counts, all checked against a plain
Python model of the same findings, through both search strategies (index lookup and walk)."""
import random
import string
from collections import Counter

import pytest

import storage.queues as queues
from storage import Store
from storage.queues import SORTS, FindingFilter, Scope

STATUSES = ("pending", "in_review", "dismissed", "transferred", "filed")
SCOPES = {"admin": Scope(), "samr": Scope(queues=("samr",)),
          "police": Scope(statuses=("transferred", "filed"))}
ALPHABET = "免考包过证电工安全员焊高处作业查询平台AbCx-1 "


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "queues.db") as store:
        yield store


def save(store, url, *, title="", text="", details=None, risk=50, queue="samr", with_page=True):
    page_id = store.save_page({"canonical_url": url, "url": url, "title": title, "text": text,
                               "content_sha256": url}).id if with_page else None
    finding_id, _ = store.save_finding({"canonical_url": url, "page_id": page_id, "kind": "illegal_sale",
                                        "source": "marketplace", "risk": risk, "queue": queue,
                                        "details": details or {}})
    return finding_id


def ids(store, text, scope=Scope()):
    return {r["id"] for r in store.list_findings(scope, FindingFilter(text=text), limit=1000)}


@pytest.fixture(params=["index", "walk"])
def strategy(request, monkeypatch):
    """`walk`: every term counts as common, so lists walk the sort order (and fall back to the
    index whenever a short walk misses a page), counts probe the match list, and the queue
    page's counts stop at a small cap or, after a short walk, go through the index."""
    if request.param == "walk":
        monkeypatch.setattr(queues, "SPARSE_MATCHES", 0)
        monkeypatch.setattr(queues, "WALK_ROWS_PER_RESULT", 1)
        monkeypatch.setattr(queues, "COUNT_CAP", 4)
        monkeypatch.setattr(queues, "COUNT_WALK_ROWS", 6)
    return request.param


def test_every_searchable_field_is_found_with_one_two_and_more_characters(store, strategy):
    listing = save(store, "https://shop.example/item/7", title="电工证免考", text="特种作业 包过",
                   details={"fields": {"seller_id": "卖家ID：u77120345", "price": "￥300"},
                            "contacts": {"wechat": ["AX-8866"], "phone": ["13800138000"]},
                            "tls": {"issuer": "某证书机构"}})
    other = save(store, "https://news.example/a", title="新闻", text="天气晴朗")
    for query in ("免", "电工", "电工证免考", "包", "包过", "特种作业 包过", "u77120345", "卖家",
                  "ax-8866", "Ax", "138001", "shop.example/item", "/7", "￥3"):
        assert ids(store, query) == {listing}, query
    assert ids(store, "晴") == ids(store, "天气晴朗") == {other}
    assert ids(store, "某证书") == set()  # details beyond listing fields and contacts are not searched
    assert ids(store, "考特") == set()  # no match across two fields (title | text)
    assert ids(store, "examp") == {listing, other}


def test_search_is_literal_case_blind_and_whitespace_tolerant(store, strategy):
    quoted = save(store, "https://a.example/", text='标题"引号" OR 其他  AND\n下一行')
    plain = save(store, "https://b.example/", text="引号 OR")
    assert ids(store, '"引号" OR') == ids(store, '"') == {quoted}
    assert ids(store, "or 其他 and 下一行") == {quoted}
    assert ids(store, "  ") == ids(store, "") == {quoted, plain}


def test_search_follows_page_and_finding_changes(store, strategy):
    url = "https://shop.example/1"
    finding_id = save(store, url, title="焊工证", text="免考 包过", details={"contacts": {"qq": ["12345"]}})
    store.save_page({"canonical_url": url, "title": "焊工证", "text": "已下架"})
    assert ids(store, "免") == ids(store, "包过") == ids(store, "免考 包") == set()
    assert ids(store, "下") == ids(store, "下架") == ids(store, "已下架") == {finding_id}
    store.save_finding({"canonical_url": url, "risk": 60, "details": {"contacts": {"qq": ["67890"]}}})
    assert ids(store, "12345") == set() and ids(store, "67890") == {finding_id}
    assert store.finding(finding_id)["risk"] == 60
    without_page = save(store, "https://bare.example/x", with_page=False)
    assert ids(store, "bare.ex") == ids(store, "ba") == {without_page}
    store.db.execute("INSERT INTO finding_fts(finding_fts, rank) VALUES ('integrity-check', 1)")
    store.db.execute("INSERT INTO finding_grams(finding_grams) VALUES ('integrity-check')")


def build_model(store, rng, n=90):
    """Findings with random text from a small alphabet (so terms repeat), tied risks and times,
    three statuses' worth of police visibility; returns the model rows."""
    model = []
    for i in range(n):
        def words(k):
            return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, k)))
        row = {"url": f"https://shop{i % 7}.example/{i}", "title": words(8), "text": words(30),
               "seller": f"u{rng.randint(100, 130)}", "risk": rng.randint(0, 4),
               "queue": rng.choice(("samr", "cac")), "status": rng.choice(STATUSES),
               "first_seen": f"2024-08-{rng.randint(1, 3):02d}", "waiting": f"2024-09-{rng.randint(1, 3):02d}"}
        row["id"] = save(store, row["url"], title=row["title"], text=row["text"], risk=row["risk"],
                         queue=row["queue"], details={"fields": {"seller_id": row["seller"]}})
        store.db["findings"].update(row["id"], {"status": row["status"], "first_seen": row["first_seen"],
                                                "status_changed_at": row["waiting"]})
        model.append(row)
    return model


def model_matches(row, scope, status, text):
    fields = (row["title"], row["url"], row["seller"], row["text"])
    query = " ".join(text.lower().split())
    return ((scope.queues is None or row["queue"] in scope.queues)
            and (scope.statuses is None or row["status"] in scope.statuses)
            and (not status or row["status"] in status)
            and (not query or any(query in " ".join(f.lower().split()) for f in fields)))


def model_order(rows, sort):
    column, descending = {"risk": ("risk", True), "new": ("first_seen", True),
                          "old": ("first_seen", False), "waiting": ("waiting", False)}[sort]
    return [r["id"] for r in sorted(rows, key=lambda r: (r[column], r["id"]), reverse=descending)]


MAX_PAGES = 200  # more than the model can fill: a paging bug ends the walk instead of looping


def pages_by_offset(store, scope, flt, sort, size):
    out = []
    for number in range(MAX_PAGES):
        if not (page := store.list_findings(scope, flt, sort=sort, limit=size, offset=number * size)):
            break
        out += [r["id"] for r in page]
    return out


def pages_by_keyset(store, scope, flt, sort, size):
    """Forward with `after` to the end, then back with `before` to the start."""
    forward = [r["id"] for r in store.list_findings(scope, flt, sort=sort, limit=size)]
    for _ in range(MAX_PAGES):
        if not forward or not (page := store.list_findings(scope, flt, sort=sort, limit=size,
                                                           after=forward[-1])):
            break
        forward += [r["id"] for r in page]
    backward = forward[-1:]
    for _ in range(MAX_PAGES):
        if not backward or not (page := store.list_findings(scope, flt, sort=sort, limit=size,
                                                            before=backward[0])):
            break
        backward = [r["id"] for r in page] + backward
    return forward, backward


def test_lists_counts_and_pages_match_a_model(store, strategy):
    rng = random.Random(6)
    model = build_model(store, rng)
    docs = [r["title"] + r["text"] + r["url"] + r["seller"] for r in model]
    queries = [""] + [d[i:i + n] for d in rng.sample(docs, 12) for n in (1, 2, 3, 5)
                      for i in [rng.randrange(max(1, len(d) - n))]]
    queries += ["包过查询平台免考", "U12", "SHOP3", "不存在"]
    checked = capped = 0
    for query in queries:
        for scope_name, scope in SCOPES.items():
            status = rng.choice([(), ("pending",), ("pending", "transferred")])
            flt = FindingFilter(text=query, status=status)
            expected_rows = [r for r in model if model_matches(r, scope, status, query)]
            assert store.count_findings(scope, flt) == len(expected_rows), (query, scope_name)
            tabs = Counter(r["status"] for r in model if model_matches(r, scope, (), query))
            assert store.status_counts(scope, flt) == tabs
            shown = store.queue_counts(scope, flt)
            assert {s: n for s, n in shown.counts.items() if s not in shown.at_least} == {
                s: n for s, n in tabs.items() if s not in shown.at_least}
            assert all(shown.counts[s] == queues.COUNT_CAP <= tabs[s] for s in shown.at_least)
            capped += len(shown.at_least)
            for sort in SORTS:
                expected = model_order(expected_rows, sort)
                size = rng.choice((2, 5, 11))
                assert pages_by_offset(store, scope, flt, sort, size) == expected, (query, scope_name, sort)
                assert pages_by_keyset(store, scope, flt, sort, size) == (expected, expected)
                checked += bool(expected)
    assert checked > 100  # the queries do find things
    assert (capped > 0) == (strategy == "walk")


def test_a_keyset_page_stays_anchored_when_earlier_rows_leave(store):
    for i in range(6):
        save(store, f"https://shop.example/{i}", risk=90 - i)
    first = store.list_findings(Scope(), FindingFilter(status=("pending",)), limit=2)
    store.db["findings"].update(first[0]["id"], {"status": "dismissed"})
    after = store.list_findings(Scope(), FindingFilter(status=("pending",)), limit=2, after=first[-1]["id"])
    assert [r["risk"] for r in after] == [88, 87]
