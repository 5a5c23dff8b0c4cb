"""The way most cloned portals are found: a listing advertises an address, in its text
("cxmemgov点top") or in a QR code on its photo, and the crawl checks each one in the browser,
where the canary probe makes a clone prove itself fake."""
import json
import sqlite3
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def findings(tmp_path_factory, fixture_internet):
    folder = tmp_path_factory.mktemp("advertised")
    campaign = folder / "listing.toml"
    campaign.write_text("""extends = "default"
seeds = ["http://listing-qr.example.com/"]
[limits]
max_depth = 0
per_domain_delay = 0
autothrottle = false
obey_robots = false
""", encoding="utf-8")
    db = folder / "certsweep.db"
    result = subprocess.run([sys.executable, "-m", "certsweep", "crawl", str(campaign), "--db", str(db),
                             "--proxy", fixture_internet.proxy_url, "--no-progress"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT canonical_url, kind, reasons, details, id FROM findings").fetchall()
    evidence = conn.execute("SELECT finding_id, kind FROM evidence").fetchall()
    captures = conn.execute("SELECT canonical_url FROM captures").fetchall()
    return {url: {"kind": kind, "codes": {r["code"] for r in json.loads(reasons)},
                  "details": json.loads(details), "id": fid}
            for url, kind, reasons, details, fid in rows}, evidence, captures


def test_the_listing_itself_is_a_sale(findings):
    found, _, _ = findings
    assert found["http://listing-qr.example.com/"]["kind"] == "illegal_sale"


def test_the_address_in_the_text_is_checked_and_the_clone_confirms_an_invented_person(findings):
    found, _, _ = findings
    clone = found["http://cxmemgov.top/"]
    assert clone["kind"] == "fake_portal"
    assert "CANARY_CONFIRMED" in clone["codes"]
    assert clone["details"]["canary"]["verdict"] == "confirmed"
    assert clone["details"]["path"][-1] == "宣传网址：http://cxmemgov.top"


def test_the_address_in_the_qr_code_is_checked_too(findings):
    found, _, _ = findings
    via_qr = [f for url, f in found.items() if url.startswith("https://cx-mem-gov.cn/")]
    assert via_qr and via_qr[0]["kind"] == "fake_portal"
    assert any(step.startswith("图片二维码") for step in via_qr[0]["details"]["path"])


def test_the_probe_answer_is_kept_as_evidence(findings):
    _, evidence, captures = findings
    kinds = {kind for _, kind in evidence}
    assert {"canary_form", "canary_screenshot"} <= kinds
    assert ("http://cxmemgov.top/",) in captures
