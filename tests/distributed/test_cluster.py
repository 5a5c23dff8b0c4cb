"""One campaign crawled by a cluster on Redis: same pages and findings as one machine, each page
fetched and stored once, through worker deaths and coordinator restarts."""
import re
import sqlite3
import subprocess
import sys

from cluster_harness import CAMPAIGN

from fixtureweb.loopback import free_port


def rows(db, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute(sql).fetchall())
    finally:
        conn.close()


def findings(db):
    return rows(db, "SELECT canonical_url, kind, risk, queue, source FROM findings")


def pages(db):
    return rows(db, "SELECT canonical_url, source, rendered, status FROM pages")


def assert_same_as_one_machine(db, single_machine):
    single_machine = single_machine.db
    assert pages(db) == pages(single_machine)
    assert findings(db) == findings(single_machine)
    assert rows(db, "SELECT canonical_url FROM pages WHERE fetch_count != 1") == []
    assert rows(db, "SELECT count(*) FROM captures") == rows(single_machine, "SELECT count(*) FROM captures")
    assert rows(db, "SELECT status FROM crawl_runs") == [("finished",)]


def stored(db) -> int:
    try:
        return rows(db, "SELECT count(*) FROM pages")[0][0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def pages_fetched(output: str) -> tuple[int, int]:
    fetched, rendered = re.search(r"抓取 (\d+) 页，其中浏览器渲染 (\d+) 页", output).groups()
    return int(fetched), int(rendered)


def test_two_workers_fetch_every_page_once_and_find_what_one_machine_finds(cluster, single_machine):
    coordinator = cluster.coordinator()
    browser = cluster.worker("browser")
    plain = cluster.worker("plain", "--no-render")
    summary, browser_out, plain_out = cluster.finish(coordinator, browser, plain)
    assert_same_as_one_machine(cluster.db, single_machine)
    assert "第 1 轮巡查已完成" in summary
    assert pages_fetched(browser_out)[1] == 3  # the advertised addresses, rendered
    assert pages_fetched(plain_out)[1] == 0
    assert not (cluster.tmp_path / "browser.db").exists() and not (cluster.tmp_path / "plain.db").exists()


def test_a_killed_worker_and_a_killed_coordinator_lose_nothing_and_store_nothing_twice(cluster,
                                                                                      single_machine):
    first = cluster.coordinator("first")
    doomed = cluster.worker("doomed")
    cluster.wait_until(lambda: stored(cluster.db) and cluster.leases_of("doomed"),
                       "pages stored and more held by the worker")
    # Both killed mid-work: what the worker held must come back from its leases, and the next
    # coordinator must take up the run and whatever batch the first was writing.
    cluster.kill(doomed)
    cluster.kill(first)
    assert stored(cluster.db) < len(pages(single_machine.db))
    summary, _ = cluster.finish(cluster.coordinator("second"), cluster.worker("survivor"))
    assert "第 1 轮巡查（断点续跑）已完成" in summary
    assert_same_as_one_machine(cluster.db, single_machine)


def test_an_unreachable_redis_is_one_chinese_line_and_writes_nothing(tmp_path):
    closed = f"redis://127.0.0.1:{free_port()}/0"
    result = subprocess.run([sys.executable, "-m", "certsweep", "crawl", CAMPAIGN, "--db", str(tmp_path / "c.db"),
                             "--redis", closed], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"错误：无法连接 Redis {closed}：")
    assert list(tmp_path.iterdir()) == []
