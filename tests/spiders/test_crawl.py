"""`certsweep crawl` against the fixture internet, through its proxy, as a user runs it."""
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from fixtureweb import demo_world_dir

CAMPAIGN = str(demo_world_dir() / "campaign.toml")


def crawl(db, internet, *extra, wait=True, campaign=CAMPAIGN):
    command = [sys.executable, "-m", "certsweep", "crawl", str(campaign), "--db", str(db),
               "--proxy", internet.proxy_url, "--no-progress", *extra]
    if not wait:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def rows(db, sql):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, fixture_internet):
    db = tmp_path_factory.mktemp("crawl") / "certsweep.db"
    result = crawl(db, fixture_internet)
    assert result.returncode == 0, result.stderr
    return db, result


def test_listings_selling_certificates_become_findings_for_market_regulators(crawled):
    db, _ = crawled
    found = dict(rows(db, "SELECT p.title, f.queue FROM findings f JOIN pages p ON p.id = f.page_id "
                          "WHERE f.source = 'marketplace' AND f.kind = 'illegal_sale'"))
    assert any("免 考" in title for title in found)
    assert set(found.values()) == {"samr"}


@pytest.mark.parametrize("innocent", ["恒安安全培训学校 低压电工作业", "电工证 报名咨询 正规考试 不包过",
                                      "警惕“免考拿证”骗局"])
def test_training_schools_and_warnings_are_stored_but_not_flagged(crawled, innocent):
    db, _ = crawled
    stored = rows(db, f"SELECT id FROM pages WHERE title LIKE '%{innocent}%'")
    assert len(stored) == 1
    assert rows(db, f"SELECT count(*) FROM findings WHERE page_id = {stored[0][0]}")[0][0] == 0


def test_search_results_keep_ads_apart_and_ad_landing_pages_are_assessed(crawled):
    db, _ = crawled
    assert rows(db, "SELECT count(*) FROM pages WHERE source = 'ad'")[0][0] >= 1
    ad_findings = rows(db, "SELECT canonical_url FROM findings WHERE source = 'ad'")
    assert any("aqzs-banli.top" in url for (url,) in ad_findings)


def test_the_crawl_went_only_through_the_proxy(crawled, fixture_internet):
    hosts = {r.host for r in fixture_internet.requests}
    assert "www.linlijishi.com" in hosts


def test_a_second_run_updates_instead_of_duplicating(crawled, fixture_internet):
    db, _ = crawled
    before = rows(db, "SELECT count(*), count(DISTINCT canonical_url) FROM pages")[0]
    findings_before = rows(db, "SELECT count(*) FROM findings")[0][0]
    result = crawl(db, fixture_internet)
    assert result.returncode == 0, result.stderr
    after = rows(db, "SELECT count(*), count(DISTINCT canonical_url) FROM pages")[0]
    assert after == before and after[0] == after[1]
    assert rows(db, "SELECT count(*) FROM findings")[0][0] == findings_before
    assert rows(db, "SELECT max(fetch_count) FROM pages")[0][0] == 2


def test_a_killed_crawl_resumes_without_duplicates_or_losses(tmp_path, fixture_internet, crawled):
    reference_db, _ = crawled
    expected = {u for (u,) in rows(reference_db, "SELECT canonical_url FROM pages")}
    # The same campaign, paced: undelayed, the whole crawl can land in the writer's first batch
    # (MAX_BATCH_SECONDS), leaving nothing to kill it in the middle of.
    paced = tmp_path / "paced.toml"
    paced.write_text(f'extends = "{CAMPAIGN}"\n[limits]\nper_domain_delay = 0.2\n', encoding="utf-8")
    db = tmp_path / "killed.db"
    process = crawl(db, fixture_internet, wait=False, campaign=paced)
    deadline = time.time() + 120
    while time.time() < deadline:
        if db.exists() and rows(db, "SELECT count(*) FROM sqlite_master WHERE name = 'pages'")[0][0] \
                and rows(db, "SELECT count(*) FROM pages")[0][0] >= 5:
            break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored_before = rows(db, "SELECT count(*) FROM pages")[0][0]
    assert 0 < stored_before < len(expected)

    result = crawl(db, fixture_internet, campaign=paced)
    assert result.returncode == 0, result.stderr
    assert "断点续跑" in result.stdout
    got = rows(db, "SELECT canonical_url FROM pages")
    assert len(got) == len(set(got))
    assert {u for (u,) in got} == expected
    assert rows(db, "SELECT count(*), min(status) FROM crawl_runs")[0] == (1, "finished")
    # The writer captures a batch's evidence before storing its pages: no finding without one.
    assert rows(db, "SELECT count(*) FROM findings")[0][0] > 0
    assert rows(db, "SELECT count(*) FROM findings f WHERE NOT EXISTS "
                    "(SELECT 1 FROM captures c WHERE c.canonical_url = f.canonical_url)")[0][0] == 0


def test_unreachable_proxy_is_one_chinese_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "certsweep", "crawl", CAMPAIGN, "--db",
                             str(tmp_path / "x.db"), "--proxy", "http://127.0.0.1:9"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("错误：无法连接代理服务器")
    assert not (tmp_path / "x.db").exists()
