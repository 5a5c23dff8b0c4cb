from datetime import datetime, timezone

import pytest

from monitor import DomainInfo, add_portal, is_gov_host, load_portals, portal_for_host, registered_domain

from labelled_world import ASSESSED_AT, WORLD


def test_the_three_genuine_portals_ship_with_the_library():
    portals = load_portals()
    assert list(portals) == ["mem-cx", "mohurd-zlaq", "cnse"]
    assert portals["mem-cx"].render and portals["mem-cx"].host == "cx.mem.gov.cn"
    assert portal_for_host(portals, "cnse.e-cqs.cn").id == "cnse"


def test_a_user_portal_is_added_and_round_trips():
    portals = load_portals()
    p = add_portal(portals, "zj-tzsb", "浙江省特种设备作业人员查询", "https://tzsb.zj.gov.cn/cx")
    assert load_portals([p.to_dict()])["zj-tzsb"] == p
    with pytest.raises(ValueError, match="已存在"):
        add_portal(portals, "zj-tzsb", "重复", "https://x.gov.cn")
    with pytest.raises(ValueError, match="网址无效"):
        add_portal(portals, "bad-url", "名称", "cx.mem.gov.cn")


def test_hosts_and_registered_domains():
    assert is_gov_host("cx.mem.gov.cn") and not is_gov_host("cx.mem.gov.cn.chaxun.top")
    assert registered_domain("cx.mem.gov.cn.chaxun.top") == "chaxun.top"
    assert registered_domain("news.aqsc-daily.com.cn") == "aqsc-daily.com.cn"


def test_whois_gives_age_and_hidden_registrant():
    young = DomainInfo.from_whois_text("cxmemgov.top", (WORLD / "whois/cxmemgov.top.txt").read_text("utf-8"))
    assert young.created == datetime(2025, 12, 1, tzinfo=timezone.utc)
    assert young.registrant_hidden and young.age_days(ASSESSED_AT) == 45
    school = DomainInfo.from_whois_text("www.aqpx-school.com", (WORLD / "whois/aqpx-school.com.txt").read_text("utf-8"))
    assert not school.registrant_hidden and school.age_days(ASSESSED_AT) > 3000
