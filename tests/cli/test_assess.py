"""`certsweep assess` as a user runs it against the fixture internet (contract of issue 5)."""
import json
import sqlite3
import subprocess
import sys

import pytest

CONTRACT_KEYS = {"url", "final_url", "status", "verdict", "risk", "portal", "similarity",
                 "keyword_hits", "reasons", "error"}


def certsweep(*args, internet):
    return subprocess.run([sys.executable, "-m", "certsweep", *args, "--proxy", internet.proxy_url,
                           "--dns-server", internet.dns_server, "--whois-server", internet.whois_server],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def enrolled_db(tmp_path_factory, fixture_internet):
    db = tmp_path_factory.mktemp("assess") / "certsweep.db"
    result = certsweep("portals", "enroll", "--db", str(db), internet=fixture_internet)
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def assessed(enrolled_db, fixture_internet, tmp_path_factory):
    urls = tmp_path_factory.mktemp("urls") / "urls.txt"
    urls.write_text("https://cx.mem.gov.cn/\nhttps://no-such-host.example.org/\n", encoding="utf-8")
    result = certsweep("assess", "--db", str(enrolled_db), "--json", "https://cx-mem-gov.cn/",
                       "--file", str(urls), "--ca-bundle", str(fixture_internet.ca_cert_path),
                       internet=fixture_internet)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_json_object_per_url_in_order(assessed):
    assert [r["url"] for r in assessed] == ["https://cx-mem-gov.cn/", "https://cx.mem.gov.cn/",
                                            "https://no-such-host.example.org/"]
    assert all(set(r) == CONTRACT_KEYS for r in assessed)


def test_a_clone_is_a_fake_portal_with_reasons_and_a_confirmed_canary(assessed):
    clone = assessed[0]
    assert clone["verdict"] == "fake_portal" and clone["portal"] == "mem-cx"
    assert clone["risk"] >= 80 and clone["similarity"] > 0.8
    codes = {r["code"] for r in clone["reasons"]}
    assert {"GOV_IDENTITY_ON_NON_GOV_HOST", "FORM_CLONE", "CANARY_CONFIRMED", "WHOIS_HIDDEN"} <= codes
    assert all(r["text"] for r in clone["reasons"])


def test_the_genuine_portal_is_never_flagged(assessed):
    genuine = assessed[1]
    assert genuine["verdict"] == "benign" and genuine["risk"] == 0


def test_an_unreachable_host_is_an_error_verdict_not_a_crash(assessed):
    failed = assessed[2]
    assert failed["verdict"] == "error" and failed["status"] is None
    assert "无法" in failed["error"]


def test_findings_and_canary_evidence_are_stored(assessed, enrolled_db):
    conn = sqlite3.connect(enrolled_db)
    kinds = dict(conn.execute("SELECT canonical_url, kind FROM findings").fetchall())
    assert kinds == {"https://cx-mem-gov.cn/": "fake_portal"}
    registrant_hidden, registrar = conn.execute(
        "SELECT registrant_hidden, registrar FROM domains WHERE domain = 'cx-mem-gov.cn'").fetchone()
    assert registrant_hidden == 1 and registrar
    tls = json.loads(conn.execute("SELECT details FROM findings").fetchone()[0])["tls"]
    assert tls["valid"] and tls["host"] == "cx-mem-gov.cn" and len(tls["sha256"]) == 64
    evidence = {k for (k,) in conn.execute("SELECT kind FROM evidence WHERE capture_id IS NOT NULL")}
    assert {"warc", "wacz", "screenshot", "dns", "whois", "canary_form", "canary_screenshot"} <= evidence
    path, = conn.execute("SELECT path FROM captures WHERE canonical_url = 'https://cx-mem-gov.cn/'").fetchone()
    assert json.loads(path) == ["研判：https://cx-mem-gov.cn/"]


def test_no_store_writes_nothing(enrolled_db, fixture_internet):
    before = sqlite3.connect(enrolled_db).execute("SELECT count(*) FROM pages").fetchone()[0]
    result = certsweep("assess", "--db", str(enrolled_db), "--no-store", "--no-render", "--json",
                       "https://tezhongzuoye-chaxun.com/", internet=fixture_internet)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["verdict"] == "fake_portal"
    assert sqlite3.connect(enrolled_db).execute("SELECT count(*) FROM pages").fetchone()[0] == before
