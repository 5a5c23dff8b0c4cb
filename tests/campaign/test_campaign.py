import pytest

from campaign import CampaignError, load_campaign


def write(tmp_path, text):
    path = tmp_path / "campaign.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_campaign_names_the_three_genuine_portals():
    campaign = load_campaign("default")
    assert campaign.portals == ["mem-cx", "mohurd-zlaq", "cnse"]
    assert "cx.mem.gov.cn" in campaign.watch_domains
    assert campaign.keyword_lists


def test_a_local_campaign_extends_the_default(tmp_path):
    campaign = load_campaign(write(tmp_path, """
extends = "default"
unit = "松江区网信办"
[limits]
concurrency = 2
[[marketplaces]]
name = "示例市场"
search_url = "https://shop.example/search?q={keyword}&page={page}"
[marketplaces.selectors]
card = ".card"
item_url = "a.title::attr(href)"
[marketplaces.selectors.item]
title = "xpath://h1/text()"
"""))
    assert campaign.unit == "松江区网信办"
    assert campaign.limits.concurrency == 2
    assert campaign.limits.max_depth == 3  # inherited
    assert campaign.marketplaces[0].selectors.item.title == "xpath://h1/text()"


def test_every_error_has_its_field_path_and_line(tmp_path):
    path = write(tmp_path, """extends = "default"
[limits]
concurrency = "很多"
retries = -1
[[marketplaces]]
name = "甲"
search_url = "https://shop.example/search"
[marketplaces.selectors]
card = "div[["
item_url = "a"
[marketplaces.selectors.item]
title = "h1"
""")
    with pytest.raises(CampaignError) as raised:
        load_campaign(path)
    found = {(i.field, i.line) for i in raised.value.issues}
    assert ("limits.concurrency", 3) in found
    assert ("limits.retries", 4) in found
    assert ("marketplaces[0].search_url", 7) in found
    assert ("marketplaces[0].selectors.card", 9) in found
    messages = str(raised.value)
    assert "应为整数" in messages
    assert "应不小于 0" in messages


def test_period_must_not_end_before_it_starts(tmp_path):
    with pytest.raises(CampaignError, match="结束日期早于开始日期"):
        load_campaign(write(tmp_path, 'extends = "default"\nstart = 2024-09-01\nend = 2024-08-01\n'))


def test_toml_syntax_error_reports_the_line(tmp_path):
    with pytest.raises(CampaignError) as raised:
        load_campaign(write(tmp_path, 'name = "x"\nunit = \n'))
    assert raised.value.issues[0].line == 2
    assert "TOML 语法错误" in str(raised.value)


def test_missing_file_and_unknown_fields(tmp_path):
    with pytest.raises(CampaignError, match="文件不存在"):
        load_campaign(tmp_path / "nope.toml")
    with pytest.raises(CampaignError, match="未知字段"):
        load_campaign(write(tmp_path, 'extends = "default"\nkeywords = ["免考"]\n'))
