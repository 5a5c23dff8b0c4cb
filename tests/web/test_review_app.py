"""The review app in real Chromium against a running `certsweep serve`."""
from reviewapp import HOSTILE_TITLE, status_of


def test_each_role_sees_only_its_own_agency(session_for, app_server):
    ids = app_server["ids"]
    cac_ids = {ids["portal"], ids["search"], ids["hostile"]}
    samr_ids = {ids["listing1"], ids["listing2"], ids["listing3"], ids["single"]}
    assert session_for("cac1").queue_ids() == cac_ids
    assert session_for("samr1").queue_ids() == samr_ids
    police = session_for("police1")
    assert police.queue_ids() == set()
    assert "没有符合条件的发现" in police.page.text_content("#results")
    assert session_for("admin1").queue_ids() == cac_ids | samr_ids


def test_confirm_and_dismiss(session_for, app_server):
    ids, db = app_server["ids"], app_server["db"]
    samr = session_for("samr1")
    samr.act(ids["single"], "start_review")
    assert "审核中" in samr.page.text_content(".facts")
    samr.act(ids["single"], "confirm", resolution="illegal_sale", comment="卖家出售免考证书")
    assert status_of(db, ids["single"]) == "confirmed"
    assert "卖家出售免考证书" in samr.page.text_content("ol.history")

    cac = session_for("cac1")
    cac.act(ids["search"], "dismiss", resolution="false_positive", comment="新闻报道，非售证")
    assert status_of(db, ids["search"]) == "dismissed"
    assert "误报" in cac.page.text_content(".facts")


def test_bulk_dismiss_a_whole_group(session_for, app_server):
    ids, db = app_server["ids"], app_server["db"]
    samr = session_for("samr1")
    samr.goto("/findings")
    row = samr.page.locator(f"tr.row[data-id='{ids['listing1']}']")
    assert "3 条" in row.text_content()  # the seller's three listings were grouped
    row.locator("input[name=ids]").check()
    samr.page.select_option("select[name=action]", "dismiss")
    samr.page.select_option("#bulk select[name=resolution]", "duplicate")
    samr.page.check("input[name=whole_group]")
    samr.page.click("#bulk button[type=submit]")
    samr.page.wait_for_load_state()
    assert "已处理 3 条" in samr.page.text_content(".flash")
    assert {status_of(db, ids[k]) for k in ("listing1", "listing2", "listing3")} == {"dismissed"}


def test_a_lead_goes_to_police_and_police_files_it(session_for, app_server):
    ids, db = app_server["ids"], app_server["db"]
    cac = session_for("cac1")
    cac.act(ids["portal"], "start_review")
    cac.act(ids["portal"], "confirm", resolution="fake_portal")
    cac.act(ids["portal"], "transfer", comment="假冒应急管理部查询平台，移送公安")
    assert status_of(db, ids["portal"]) == "transferred"

    police = session_for("police1")
    assert police.queue_ids() == {ids["portal"]}
    police.act(ids["portal"], "file_case", comment="已立案侦查")
    assert status_of(db, ids["portal"]) == "filed"
    assert "已立案" in police.page.text_content(".facts")


def test_police_cannot_open_a_market_finding_by_url(session_for, app_server):
    police = session_for("police1")
    response = police.goto(f"/findings/{app_server['ids']['listing2']}")
    assert response.status == 403
    assert "无权" in police.page.text_content("main")


def test_a_post_without_the_csrf_token_is_refused(session_for, app_server):
    ids, db = app_server["ids"], app_server["db"]
    cac = session_for("cac1")
    target = f"{app_server['base']}/findings/{ids['hostile']}/act"
    without = cac.page.request.post(target, form={"action": "dismiss"}, max_redirects=0)
    wrong = cac.page.request.post(target, form={"action": "dismiss", "csrf_token": "guess"}, max_redirects=0)
    assert (without.status, wrong.status) == (403, 403)
    assert status_of(db, ids["hostile"]) == "pending"


def test_a_hostile_crawled_page_runs_nothing(session_for, app_server):
    admin = session_for("admin1")
    finding_id = app_server["ids"]["hostile"]
    for path in (f"/findings?q=安全员证", f"/findings/{finding_id}"):
        admin.goto(path)
        admin.page.wait_for_load_state("networkidle")
    assert HOSTILE_TITLE in admin.page.text_content("h1.finding-title")  # shown as text
    admin.page.click("details summary:has-text('存档页面')")
    frame = admin.page.frame_locator("iframe.archive")
    assert frame.locator("h1").text_content() == "免考办证"
    assert admin.page.locator("img.shot").evaluate("img => img.complete && img.naturalWidth") == 1
    admin.page.wait_for_timeout(500)
    assert admin.page.evaluate("window.__pwned") is None
    assert admin.dialogs == []
    assert admin.errors == []
