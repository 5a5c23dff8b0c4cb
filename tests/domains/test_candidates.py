"""Lookalike candidates of the genuine portals: what impostors actually register, nothing they cannot."""
import json
import re
import subprocess
import sys

import pytest

from monitor import Portal, is_gov_host, registered_domain
from monitor.lookalike import RULE_LABELS, lookalike_candidates, portal_candidates
from monitor.portals import builtin_portals

PORTALS = {p.host: p for p in builtin_portals()}
VALID_HOST = re.compile(r"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$")


def candidates_of(host: str) -> dict[str, str]:
    return {c.domain: c.rule for c in portal_candidates(PORTALS[host])}


# Every clone the test world holds, with the rule that should name it.
@pytest.mark.parametrize("genuine, clone, rule", [
    ("cx.mem.gov.cn", "cx-mem-gov.cn", "dots-to-hyphens"),
    ("cx.mem.gov.cn", "cxmemgov.top", "dots-removed"),
    ("cx.mem.gov.cn", "cx-mem.cn", "gov-dropped"),
    ("cx.mem.gov.cn", "mem-cx.xyz", "labels-swapped"),
    ("cx.mem.gov.cn", "cx.mem.gov.cn.chaxun.top", "embedded"),
    ("cx.mem.gov.cn", "tezhongzuoye-chaxun.com", "pinyin"),
    ("zlaq.mohurd.gov.cn", "zlaq-mohurd.cn", "gov-dropped"),
    ("zlaq.mohurd.gov.cn", "zlaq.mohurd-gov.net", "subdomain-kept"),
    ("zlaq.mohurd.gov.cn", "jzsg-zscx.com", "pinyin-initials"),
    ("cnse.e-cqs.cn", "cnse-e-cqs.com", "dots-to-hyphens"),
    ("cnse.e-cqs.cn", "cnse.e-cqs.cn.tzsbcx.top", "embedded"),
    ("cnse.e-cqs.cn", "tzsb-cx.com", "pinyin-initials"),
    ("cnse.e-cqs.cn", "cnse-query.cn", "name-plus-word"),
])
def test_the_clones_impostors_registered_are_candidates(genuine, clone, rule):
    assert candidates_of(genuine)[clone] == rule


@pytest.mark.parametrize("genuine", sorted(PORTALS))
def test_candidates_are_registrable_outside_gov_cn_and_the_genuine_domain(genuine):
    found = candidates_of(genuine)
    assert len(found) > 1000
    own = registered_domain(genuine)
    for domain in found:
        assert VALID_HOST.match(domain), domain
        assert not is_gov_host(domain), domain
        assert registered_domain(domain) != own, domain
    assert set(found.values()) <= set(RULE_LABELS)


def test_gov_forms_for_cx_mem_gov_cn():
    found = candidates_of("cx.mem.gov.cn")
    assert found["cxmemgov.com"] == "dots-removed"
    assert found["mem.com.cn"] == "label-alone"
    assert found["memgov.cn"] == "gov-moved"
    assert found["tzzy-chaxun.top"] == "pinyin-initials"
    assert found["anquanzheng.com"] == "pinyin"
    for tld in ("com", "cn", "net", "top", "xyz", "cc", "vip", "site", "online", "com.cn"):
        assert f"cx-mem-gov.{tld}" in found


def test_typos_of_flattened_forms_come_from_dnstwist_on_com_and_cn_only():
    found = candidates_of("cx.mem.gov.cn")
    assert found["cx-mem-gv.cn"] == "typo-omission"
    assert found["cxmemgvo.com"] == "typo-transposition"
    typo_tlds = {d.split(".", 1)[1] for d, rule in found.items() if rule.startswith("typo-")}
    assert typo_tlds == {"com", "cn"}


def test_a_portal_a_user_added_gets_tld_swaps_and_pinyin_of_its_own_subject():
    portal = Portal(id="sh-tzsb", name="上海市特种设备作业人员证书查询", url="https://tzsb.shsc.org.cn/")
    found = {c.domain: c.rule for c in portal_candidates(portal)}
    assert found["shsc.com"] == "tld-swapped"
    assert found["tzsb-shsc.cn"] == "dots-to-hyphens"
    assert found["tezhongshebei-chaxun.com"] == "pinyin"
    assert not any(d.endswith(".shsc.org.cn") for d in found)


def test_an_unknown_host_still_gets_structural_candidates():
    found = {c.domain: c.rule for c in lookalike_candidates("ca.sac.gov.cn")}
    assert found["ca-sac-gov.cn"] == "dots-to-hyphens"
    assert "tezhongzuoye.com" not in found  # no subject without a portal name


def certsweep(*args):
    return subprocess.run([sys.executable, "-m", "certsweep", *args], capture_output=True,
                          text=True, timeout=120)


def test_cli_prints_every_candidate_with_its_rule_as_json_lines(tmp_path):
    result = certsweep("domains", "candidates", "cx.mem.gov.cn", "--json", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"domain": "cx-mem-gov.cn", "rule": "dots-to-hyphens"} in lines
    assert all(set(line) == {"domain", "rule"} for line in lines)
    assert len(lines) == len({line["domain"] for line in lines}) == len(candidates_of("cx.mem.gov.cn"))
    assert not (tmp_path / "x.db").exists()  # listing candidates writes nothing


def test_cli_text_output_names_rules_in_chinese_and_accepts_a_url():
    result = certsweep("domains", "candidates", "https://cnse.e-cqs.cn/info-pub/pub")
    assert result.returncode == 0, result.stderr
    assert "cnse-e-cqs.com\t点改为连字符" in result.stdout.splitlines()
    assert "个候选域名" in result.stderr


def test_cli_rejects_what_is_not_a_domain():
    result = certsweep("domains", "candidates", "不是域名")
    assert result.returncode == 2
    assert result.stderr.strip() == "错误：域名无效：不是域名"
