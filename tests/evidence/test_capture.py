"""A capture keeps the page and what the browser loaded, hashed, in a WARC and a WACZ."""
import hashlib
import io
import json
import os
import zipfile

from warcio.archiveiterator import ArchiveIterator
from wacz.main import main as wacz_main

from monitor.evidence.custody import verify_store
from monitor.evidence.wacz import build_wacz
from monitor.evidence.warc import Exchange, write_warc
from storage import Store

FAKE_PORTAL = "https://www.aqzs-banli.top/"


def _files(store, kind):
    return [store.evidence_file(r) for r in store.all_evidence() if r["kind"] == kind]


def test_the_warc_holds_the_page_its_resources_and_the_capture_facts(captured_db):
    with Store(captured_db) as store:
        warc = _files(store, "warc")[0].read_bytes()
    records = list((r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
                    r.rec_headers.get_header("WARC-Block-Digest"), r.content_stream().read())
                   for r in ArchiveIterator(io.BytesIO(warc)))
    responses = {uri for kind, uri, _, _ in records if kind == "response"}
    assert {FAKE_PORTAL, FAKE_PORTAL + "style.css"} <= responses
    assert any(uri.endswith(".png") for uri in responses)
    assert {uri for kind, uri, _, _ in records if kind == "request"} == responses
    assert all(digest.startswith("sha256:") for _, _, digest, _ in records)
    facts = json.loads(next(body for kind, _, _, body in records if kind == "metadata"))
    assert facts["path"] == ["觅搜索 搜索：免考", f"广告（第 1 位）：{FAKE_PORTAL}"]
    assert facts["operator"] == "王巡查" and facts["method"] == "browser"
    assert facts["server_ip"].startswith("127.")
    assert "时钟源" in facts["clock_source"] and "certsweep" in facts["tool_version"]
    resources = {uri.split(":")[0] for kind, uri, _, _ in records if kind == "resource"}
    assert {"urn", "dns", "whois"} <= resources


def test_every_file_is_named_by_its_sha256_and_the_wacz_validates(captured_db, tmp_path):
    with Store(captured_db) as store:
        rows = store.all_evidence()
        assert {r["kind"] for r in rows} >= {"warc", "wacz", "screenshot", "dom", "headers", "dns",
                                              "whois", "facts", "canary_form"}
        for row in rows:
            data = store.evidence_file(row).read_bytes()
            assert hashlib.sha256(data).hexdigest() == row["sha256"]
            assert store.evidence_file(row).name.startswith(row["sha256"])
        wacz = _files(store, "wacz")[0]
        whois = _files(store, "whois")[0].read_text()
    assert "aqzs-banli.top" in whois.lower()
    with zipfile.ZipFile(wacz) as archive:
        assert FAKE_PORTAL in archive.read("pages/pages.jsonl").decode()
    assert wacz_main(["validate", "-f", str(wacz)]) == 0


def test_each_wacz_holds_exactly_its_own_warc():
    """Bundles are built one after another from the same scratch file: a WARC after a bigger one
    must not keep the bigger one's tail."""
    for size in (50_000, 2_000):
        warc = write_warc([Exchange(url=FAKE_PORTAL, status=200, body=os.urandom(size))],
                          {"final_url": FAKE_PORTAL}, [])
        with zipfile.ZipFile(io.BytesIO(build_wacz(warc, url=FAKE_PORTAL, title="假网站"))) as bundle:
            assert bundle.read("archive/capture.warc.gz") == warc


def test_a_later_capture_adds_to_the_evidence_and_replaces_nothing(db, rendered, fixture_internet,
                                                                 capture_page):
    with Store(db) as store:
        before = {r["id"]: store.evidence_file(r).read_bytes() for r in store.all_evidence()}
        capture_page(store, rendered, fixture_internet, started="2024-10-08T09:00:00+08:00")
        captures = store.captures(FAKE_PORTAL)
        assert [c["started_at"][:10] for c in captures] == ["2024-09-03", "2024-10-08"]
        for row in store.all_evidence():
            if row["id"] in before:
                assert store.evidence_file(row).read_bytes() == before[row["id"]]
        assert verify_store(store) == []


def test_an_edited_or_deleted_custody_row_breaks_the_chain(db):
    with Store(db) as store:
        assert verify_store(store) == []
        # Someone with the database file drops the append-only triggers and rewrites history.
        store.db.execute("DROP TRIGGER custody_log_no_update")
        store.db.execute("DROP TRIGGER custody_log_no_delete")
        store.db.execute("UPDATE custody_log SET actor = '李某' WHERE id = 3")
        store.db.execute("DELETE FROM custody_log WHERE id = 5")
        problems = verify_store(store)
    assert any("#3 内容被改动" in p for p in problems)
    assert any("#6 之前的记录被删除" in p for p in problems)
    assert any("没有对应的保管记录" in p for p in problems)


def test_a_changed_evidence_file_is_reported(db):
    with Store(db) as store:
        row = next(r for r in store.all_evidence() if r["kind"] == "screenshot")
        path = store.evidence_file(row)
        path.write_bytes(path.read_bytes() + b"\0")
        problems = verify_store(store)
    assert problems == [f"证据 #{row['id']}（screenshot，{row['path']}）文件内容与采集时的 SHA-256 不符"]
