"""Hostile and broken sites: wrong charsets, JavaScript-only text, hangs, 500s, 50 MB bodies,
robots.txt. The crawl decodes what it can, records what fails, and always finishes."""
import sqlite3
import subprocess
import sys

import pytest

SEEDS = ["http://gbk.example.com/", "http://liar.example.com/", "http://liar.example.com/utf8.html",
         "http://big5.example.com/", "http://js-only.example.com/", "http://hang.example.com/",
         "http://error500.example.com/", "http://huge.example.com/big.html",
         "http://robots.example.com/public.html", "http://robots.example.com/private/secret.html"]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, fixture_internet):
    folder = tmp_path_factory.mktemp("robust")
    campaign = folder / "robust.toml"
    campaign.write_text(f"""extends = "default"
seeds = {SEEDS!r}
[limits]
max_depth = 0
timeout = 4
retries = 1
max_response_mb = 5
per_domain_delay = 0
autothrottle = false
""".replace("'", '"'), encoding="utf-8")
    db = folder / "certsweep.db"
    fixture_internet.requests.clear()
    result = subprocess.run([sys.executable, "-m", "certsweep", "crawl", str(campaign), "--db", str(db),
                             "--proxy", fixture_internet.proxy_url, "--no-progress"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    conn = sqlite3.connect(db)
    texts = dict(conn.execute("SELECT url, text FROM pages").fetchall())
    return texts, conn, fixture_internet.requests


@pytest.mark.parametrize("url, expected", [
    ("http://gbk.example.com/", "特种作业人员须经培训考核合格"),           # GBK declared only in <meta>
    ("http://liar.example.com/", "持证人员可登录应急管理部官网查询"),       # header lies: GB18030 bytes
    ("http://liar.example.com/utf8.html", "电工证复审须知"),             # header lies: UTF-8 bytes
    ("http://big5.example.com/", "堆高機操作人員須接受安全衛生教育訓練"),  # Big5
])
def test_pages_are_decoded_whatever_their_charset_claims(crawled, url, expected):
    texts, _, _ = crawled
    assert expected in texts[url]


def test_javascript_only_page_is_rendered_and_judged(crawled):
    texts, conn, _ = crawled
    assert "安全员证免考包过" in texts["http://js-only.example.com/"]
    rendered, kind = conn.execute(
        "SELECT p.rendered, f.kind FROM pages p JOIN findings f ON f.page_id = p.id "
        "WHERE p.url = 'http://js-only.example.com/'").fetchone()
    assert rendered == 1 and kind == "illegal_sale"
    assert conn.execute("SELECT count(*) FROM evidence WHERE kind = 'screenshot'").fetchone()[0] >= 1


def test_hanging_failing_and_huge_sites_are_skipped_and_the_crawl_finishes(crawled):
    texts, conn, _ = crawled
    for url in ("http://hang.example.com/", "http://error500.example.com/", "http://huge.example.com/big.html"):
        assert url not in texts
    stats = conn.execute("SELECT status, stats FROM crawl_runs").fetchone()
    assert stats[0] == "finished"
    assert '"certsweep/errors": 3' in stats[1]


def test_robots_txt_is_obeyed(crawled):
    texts, _, requests = crawled
    assert "http://robots.example.com/public.html" in texts
    assert not requests.find(host="robots.example.com", path="/private/secret.html")
