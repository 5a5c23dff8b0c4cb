import sqlite3

import pytest

from storage import SCHEMA_VERSION, SchemaTooNewError, Store, StorageError
from storage.migrations import MIGRATION_NAMES
from storage.queues import FindingFilter, Scope


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "certsweep.db") as store:
        yield store


def page(url="https://shop.example/item/1", **extra):
    return {"canonical_url": url, "url": url, "host": "shop.example", "status": 200,
            "title": "电工证免考包过", "text": "特种作业操作证 免考 包过 加微信", "content_sha256": "a" * 64,
            **extra}


def test_saving_the_same_page_twice_keeps_one_row(store):
    first = store.save_page(page())
    again = store.save_page(page())
    assert first.created and not again.created
    assert first.id == again.id
    assert store.db["pages"].count == 1
    row = store.page(first.id)
    assert row["fetch_count"] == 2
    assert not again.content_changed


def test_changed_content_is_reported_and_stored(store):
    store.save_page(page())
    write = store.save_page(page(text="已下架", content_sha256="b" * 64))
    assert write.content_changed
    assert store.page(write.id)["text"] == "已下架"


def test_finding_upsert_keeps_review_state_and_replaces_hits(store):
    url = "https://shop.example/item/1"
    finding_id, created = store.save_finding(
        {"canonical_url": url, "kind": "illegal_sale", "risk": 90, "queue": "samr",
         "reasons": [{"code": "SALE", "text": "证书类型与免考组合出现"}]},
        [{"keyword": "免考", "category": "evasion", "matched": "免考", "start": 0, "end": 2, "rule": "exact"}])
    assert created
    store.db["findings"].update(finding_id, {"status": "confirmed"})
    same_id, created = store.save_finding(
        {"canonical_url": url, "kind": "illegal_sale", "risk": 95, "queue": "cac"},
        [{"keyword": "包过", "category": "evasion", "matched": "包 过", "start": 3, "end": 6, "rule": "separator"}])
    assert (same_id, created) == (finding_id, False)
    finding = store.finding(finding_id)
    assert finding["status"] == "confirmed" and finding["queue"] == "samr"
    assert finding["risk"] == 95
    assert [h["keyword"] for h in finding["hits"]] == ["包过"]
    assert store.db["findings"].count == 1


@pytest.mark.parametrize("query", ["免", "电工", "特种作业", "包过"])
def test_chinese_search_finds_one_two_and_longer_terms(store, query):
    store.save_page(page())
    store.save_page(page("https://news.example/a", title="新闻", text="天气晴朗", content_sha256="c" * 64))
    assert [p["canonical_url"] for p in store.search_pages(query)] == ["https://shop.example/item/1"]


def test_search_follows_updates(store):
    write = store.save_page(page())
    store.save_page(page(text="内容已删除", content_sha256="d" * 64))
    assert store.search_pages("特种作业") == []
    assert store.search_pages("已删除")[0]["id"] == write.id


def test_search_treats_query_as_literal_text(store):
    store.save_page(page(text='标题"引号" OR 其他'))
    assert len(store.search_pages('"引号" OR')) == 1


@pytest.mark.parametrize("released", range(1, SCHEMA_VERSION))
def test_opening_an_older_database_migrates_it_forward(tmp_path, released):
    path = tmp_path / "old.db"
    old = Store(path, migrate=False)
    old.migrate(stop_before=MIGRATION_NAMES[released])  # the schema as an older release left it
    page_id = old.save_page(page()).id
    old.db.execute("INSERT INTO findings (canonical_url, page_id, status, queue) "  # risk unknown
                   "VALUES ('https://shop.example/item/1', ?, 'pending', 'samr')", [page_id])
    assert old.schema_version == released
    old.close()

    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.search_pages("包过")[0]["canonical_url"] == "https://shop.example/item/1"
        for query in ("免", "包过", "特种作业", "shop.example"):  # the queue's search index is built
            assert [f["page_id"] for f in store.list_findings(Scope(), FindingFilter(text=query))] == [page_id]
        [finding] = store.list_findings(Scope(), FindingFilter())
        assert finding["risk"] == 0  # a NULL would drop out of keyset pages


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNewError, match="更新版本"):
        Store(path)


def test_unwritable_location_is_a_storage_error(tmp_path):
    with pytest.raises(StorageError, match="不存在"):
        Store(tmp_path / "missing" / "x.db")


def test_audit_log_is_append_only(store):
    with store.transaction():
        store.audit("张三", "confirm", "finding", 1, {"comment": "确认"})
    assert store.audit_log(object_type="finding")[0]["details"] == {"comment": "确认"}
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("UPDATE audit_log SET actor = '李四'")


def test_a_failed_transaction_writes_nothing(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.save_page(page())
            raise RuntimeError("crash mid-write")
    assert store.db["pages"].count == 0


def test_a_failed_nested_transaction_undoes_only_its_own_writes(store):
    with store.transaction():
        store.save_page(page("https://shop.example/item/1"))
        with store.transaction():
            store.save_page(page("https://shop.example/item/2"))
            with pytest.raises(RuntimeError):
                with store.transaction():
                    store.save_page(page("https://shop.example/item/3"))
                    raise RuntimeError("one capture failed")
            store.save_page(page("https://shop.example/item/4"))
    urls = [r[0] for r in store.db.execute("SELECT canonical_url FROM pages ORDER BY id")]
    assert urls == [f"https://shop.example/item/{n}" for n in (1, 2, 4)]


def test_keyword_lists_are_versioned(store):
    assert store.save_keyword_list("应急管理部", [{"term": "免考", "category": "evasion", "weight": 1.0}], "a.txt") == 1
    assert store.save_keyword_list("应急管理部", [{"term": "包过", "category": "evasion", "weight": 1.0}], "b.txt") == 2
    assert store.keyword_list("应急管理部")["entries"][0]["term"] == "包过"
    assert store.keyword_list("应急管理部", 1)["entries"][0]["term"] == "免考"
    assert [(l["name"], l["version"], l["count"]) for l in store.keyword_lists()] == [
        ("应急管理部", 1, 1), ("应急管理部", 2, 1)]


def test_fingerprints_keep_history(store):
    store.save_fingerprint("mem-cx", "https://cx.mem.gov.cn/", {"title": "旧"})
    store.save_fingerprint("mem-cx", "https://cx.mem.gov.cn/", {"title": "新"})
    assert store.latest_fingerprints() == {"mem-cx": {"title": "新"}}
    assert len(store.fingerprint_history("mem-cx")) == 2


def test_wal_mode_and_busy_timeout(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
