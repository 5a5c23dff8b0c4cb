"""A marketplace that shows listings only when logged in: the user's exported Playwright
storage_state is used for that source, by plain requests and by the browser alike."""
import json
import sqlite3
import subprocess
import sys

import pytest

CAMPAIGN = """extends = "default"
search_terms = ["焊工证"]
[limits]
per_domain_delay = 0
autothrottle = false
obey_robots = false
[[marketplaces]]
name = "会员市场"
search_url = "http://members.example.com/search?q={{keyword}}"
max_result_pages = 1
render = {render}
{state}
[marketplaces.selectors]
card = ".card"
item_url = "a.t::attr(href)"
[marketplaces.selectors.item]
title = "h1::text"
description = ".desc p::text"
"""


def crawl(folder, internet, *, render: bool, logged_in: bool):
    state = folder / "state.json"
    state.write_text(json.dumps({"cookies": [
        {"name": "session", "value": "member-42", "domain": "members.example.com", "path": "/",
         "expires": -1, "httpOnly": True, "secure": False, "sameSite": "Lax"}], "origins": []}))
    campaign = folder / f"members-{render}-{logged_in}.toml"
    campaign.write_text(CAMPAIGN.format(
        render=str(render).lower(), state=f'storage_state = "{state}"' if logged_in else ""),
        encoding="utf-8")
    db = folder / f"{campaign.stem}.db"
    result = subprocess.run([sys.executable, "-m", "certsweep", "crawl", str(campaign), "--db", str(db),
                             "--proxy", internet.proxy_url, "--no-progress"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return sqlite3.connect(db).execute("SELECT kind FROM findings").fetchall()


@pytest.mark.parametrize("render", [False, True], ids=["http", "browser"])
def test_logged_in_source_sees_the_listing(tmp_path, fixture_internet, render):
    assert crawl(tmp_path, fixture_internet, render=render, logged_in=True) == [("illegal_sale",)]


def test_without_the_login_state_the_listing_stays_hidden(tmp_path, fixture_internet):
    assert crawl(tmp_path, fixture_internet, render=False, logged_in=False) == []


def test_a_broken_login_state_file_is_a_clear_error(tmp_path, fixture_internet):
    campaign = tmp_path / "broken.toml"
    campaign.write_text(CAMPAIGN.format(render="false", state='storage_state = "/nonexistent/state.json"'),
                        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "certsweep", "crawl", str(campaign), "--db",
                             str(tmp_path / "x.db"), "--proxy", fixture_internet.proxy_url],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "登录状态文件不存在" in result.stderr and "Traceback" not in result.stderr
