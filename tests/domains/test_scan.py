"""`certsweep domains scan` on the fixture internet, as a user runs it: enroll the genuine portals,
scan the lookalikes of cx.mem.gov.cn, read what was stored."""
import json
import socket
import sqlite3
import subprocess
import sys

import pytest

CX_CLONES = {"cx-mem-gov.cn", "cxmemgov.top", "cx.mem.gov.cn.chaxun.top", "tezhongzuoye-chaxun.com",
             "mem-cx.xyz", "cx-mem-gov.top"}  # the last one is the demo world's


def certsweep(live, db, *args):
    network = ["--db", str(db), "--proxy", live.proxy_url, "--dns-server", live.dns_server,
               "--whois-server", live.whois_server]
    result = subprocess.run([sys.executable, "-m", "certsweep", *args, *network],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result


def rows(db, sql, params=()):
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory, fixture_internet):
    db = tmp_path_factory.mktemp("scan") / "certsweep.db"
    certsweep(fixture_internet, db, "portals", "enroll")
    fixture_internet.clear_logs()
    result = certsweep(fixture_internet, db, "domains", "scan", "cx.mem.gov.cn", "--json")
    lines = {line["domain"]: line for line in map(json.loads, result.stdout.splitlines())}
    return db, lines, result, list(fixture_internet.requests), list(fixture_internet.lookups)


def test_live_clones_of_cx_mem_gov_cn_are_flagged_as_fake_portals(scanned):
    _, lines, _, _, _ = scanned
    assert set(lines) == CX_CLONES | {"cx-mem.cn"}
    for domain in CX_CLONES:
        assert lines[domain]["verdict"] == "fake_portal", (domain, lines[domain]["reasons"])
        assert lines[domain]["finding_id"]
    assert lines["cx-mem.cn"]["verdict"] == "suspect"  # a parked name that borrows the portal's name


def test_each_line_says_which_rule_made_the_domain(scanned):
    _, lines, _, _, _ = scanned
    assert lines["cx.mem.gov.cn.chaxun.top"]["rule"] == "embedded"
    assert lines["tezhongzuoye-chaxun.com"]["rule"] == "pinyin"
    assert {line["candidate_for"] for line in lines.values()} == {"cx.mem.gov.cn"}


def test_candidates_that_do_not_resolve_are_stored_as_non_resolving(scanned):
    db, lines, result, _, _ = scanned
    stored = rows(db, "SELECT resolves, count(*) AS n FROM domains GROUP BY resolves")
    counts = {r["resolves"]: r["n"] for r in stored}
    assert counts[1] == len(lines) and counts[0] > 1000
    nx = rows(db, "SELECT * FROM domains WHERE domain = 'cx-mem-gov.com'")[0]
    assert (nx["resolves"], json.loads(nx["dns"])["status"], nx["whois_text"]) == (0, "nxdomain", None)
    assert f"候选域名 {counts[0] + counts[1]} 个，可解析 {len(lines)} 个" in result.stderr


def test_whois_facts_of_live_domains_are_stored(scanned):
    db, _, _, _, _ = scanned
    row = rows(db, "SELECT * FROM domains WHERE domain = 'cx.mem.gov.cn.chaxun.top'")[0]
    assert row["registered_domain"] == "chaxun.top" and row["candidate_for"] == "cx.mem.gov.cn"
    assert row["registrar"] == "阿里云计算有限公司（万网）"
    assert row["creation_date"].startswith("2025-10-20") and row["registrant_hidden"] == 1
    assert "Registration Time: 2025-10-20" in row["whois_text"]
    assert json.loads(row["whois"])["name_servers"] == ["dns1.hichina.com", "dns2.hichina.com"]


def test_findings_carry_the_whois_reasons_and_a_full_capture_for_cyberspace_affairs(scanned):
    db, lines, _, _, _ = scanned
    finding = rows(db, "SELECT * FROM findings WHERE id = ?", [lines["cx-mem-gov.cn"]["finding_id"]])[0]
    assert (finding["source"], finding["queue"], finding["kind"]) == ("lookalike", "cac", "fake_portal")
    codes = {r["code"] for r in json.loads(finding["reasons"])}
    assert {"PORTAL_CLONE", "WHOIS_HIDDEN"} <= codes
    assert json.loads(finding["details"])["path"][0].startswith("仿冒域名：cx-mem-gov.cn（点改为连字符")
    kinds = {r["kind"] for r in rows(db, "SELECT kind FROM evidence WHERE finding_id = ?", [finding["id"]])}
    assert {"screenshot", "warc", "wacz", "dom", "dns", "whois"} <= kinds
    [capture] = rows(db, "SELECT * FROM captures WHERE canonical_url = ?", [finding["canonical_url"]])
    assert capture["method"] == "browser" and json.loads(capture["path"]) == json.loads(finding["details"])["path"]


def test_the_browser_visited_only_resolving_candidates_and_lookups_used_the_configured_servers(scanned):
    db, lines, _, requests, lookups = scanned
    candidates = {r["domain"] for r in rows(db, "SELECT domain FROM domains")}
    assert {r.host for r in requests} & candidates == set(lines)
    assert {r.host for r in lookups if r.scheme == "whois"} == {
        "cx-mem-gov.cn", "cxmemgov.top", "cx-mem.cn", "mem-cx.xyz", "chaxun.top", "tezhongzuoye-chaxun.com",
        "cx-mem-gov.top"}
    assert sum(1 for r in lookups if r.scheme == "dns") > 1000


def test_scanning_again_with_another_portal_adds_its_clones_without_duplicates(scanned, fixture_internet):
    db, lines, _, _, _ = scanned
    findings_before = rows(db, "SELECT count(*) AS n FROM findings")[0]["n"]
    result = certsweep(fixture_internet, db, "domains", "scan", "cx.mem.gov.cn", "cnse.e-cqs.cn")
    text = result.stdout.splitlines()
    for clone in ("cnse-e-cqs.com", "cnse.e-cqs.cn.tzsbcx.top", "tzsb-cx.com", "cnse-query.cn"):
        assert any(line.startswith(f"{clone}\t假冒政府网站平台") for line in text), result.stdout
    assert rows(db, "SELECT count(*) AS n FROM findings")[0]["n"] == findings_before + 4
    assert rows(db, "SELECT count(*) AS n FROM pages WHERE source = 'lookalike'")[0]["n"] == len(lines) + 4
    assert rows(db, "SELECT max(fetch_count) AS n FROM pages")[0]["n"] == 2


def test_a_dns_server_that_never_answers_stops_the_scan_with_one_chinese_line(tmp_path, fixture_internet):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
        silent.bind(("127.0.0.1", 0))
        server = "127.0.0.1:%d" % silent.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "certsweep", "domains", "scan", "cx.mem.gov.cn", "--db", str(tmp_path / "x.db"),
             "--proxy", fixture_internet.proxy_url, "--dns-server", server],
            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"错误：DNS 服务器 {server} 没有应答"
