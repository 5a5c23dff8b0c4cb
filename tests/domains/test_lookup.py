"""DNS and WHOIS clients against the fixture internet's servers, the way the scan uses them."""
import asyncio
import socket

from monitor.lookup import (REGISTRY_WHOIS, WhoisClient, bounded, resolve_all, whois_all,
                            whois_facts)


def test_resolves_through_the_configured_dns_server(internet):
    answers = asyncio.run(resolve_all(["cx-mem-gov.cn", "cname.example.com", "cx-mem-gov.com",
                                       "no-server.example.com"], dns_server=internet.dns_server))
    assert answers["cx-mem-gov.cn"].addresses == [internet.address_of("cx-mem-gov.cn")]
    assert answers["cname.example.com"].addresses == [internet.address_of("gbk.example.com")]
    assert answers["cx-mem-gov.com"].status == "nxdomain" and not answers["cx-mem-gov.com"].resolves
    assert answers["no-server.example.com"].resolves  # resolves although nothing serves it
    assert internet.lookups.find(scheme="dns", host="cx-mem-gov.com")


def test_thousands_of_names_resolve_with_a_bounded_pool(internet):
    names = [f"nothing-{i}.top" for i in range(1500)] + ["mem-cx.xyz"]
    answers = asyncio.run(resolve_all(names, dns_server=internet.dns_server, concurrency=64))
    assert [d for d, a in answers.items() if a.resolves] == ["mem-cx.xyz"]
    assert len(answers) == len(names)


def test_the_pool_never_has_more_in_flight_than_allowed():
    in_flight, peak = 0, 0

    async def work(item):
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.001)
        in_flight -= 1
        return item * 2

    results = asyncio.run(bounded(list(range(200)), work, concurrency=7))
    assert peak == 7
    assert results == {i: i * 2 for i in range(200)}


def test_a_dns_server_that_never_answers_times_out():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
        silent.bind(("127.0.0.1", 0))
        server = "127.0.0.1:%d" % silent.getsockname()[1]
        answers = asyncio.run(resolve_all(["cx-mem-gov.cn"], dns_server=server, timeout=0.5))
    assert answers["cx-mem-gov.cn"].status == "timeout"


def test_whois_facts_from_the_configured_server(internet):
    records = asyncio.run(whois_all(["cx-mem-gov.cn", "tezhongzuoye-chaxun.com", "aqpx-school.com",
                                     "never-registered.cn"], whois_server=internet.whois_server))
    info, facts = whois_facts("cx-mem-gov.cn", records["cx-mem-gov.cn"], ["127.0.0.1"])
    assert (facts.found, facts.registrar, facts.created[:10], facts.registrant_hidden) == (
        True, "阿里云计算有限公司（万网）", "2025-11-02", True)
    assert facts.name_servers == ["dns1.hichina.com", "dns2.hichina.com"]
    assert info.created.year == 2025 and info.registrant_hidden and info.dns_answers == ["127.0.0.1"]
    _, facts = whois_facts("tezhongzuoye-chaxun.com", records["tezhongzuoye-chaxun.com"], [])
    assert facts.found and facts.created.startswith("2025-12-20")
    _, facts = whois_facts("www.aqpx-school.com", records["aqpx-school.com"], [])
    assert facts.found and facts.registrant_hidden is False
    info, facts = whois_facts("never-registered.cn", records["never-registered.cn"], [])
    assert not facts.found and info.created is None
    assert internet.lookups.find(scheme="whois", host="cx-mem-gov.cn")


def test_a_refused_whois_connection_is_reported_not_raised():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        server = "127.0.0.1:%d" % closed.getsockname()[1]  # bound, never listening: refused
        records = asyncio.run(whois_all(["cx-mem-gov.cn"], whois_server=server, timeout=2))
    record = records["cx-mem-gov.cn"]
    assert record.text is None and record.error == "WHOIS 服务器拒绝连接"
    _, facts = whois_facts("cx-mem-gov.cn", record, [])
    assert not facts.found and facts.error == "WHOIS 服务器拒绝连接"


def test_without_a_configured_server_the_registry_of_the_tld_is_asked():
    client = WhoisClient(None)
    assert asyncio.run(client.server_for("cxmemgov.top")) == ("whois.nic.top", 43)
    assert asyncio.run(client.server_for("mem.com.cn")) == (REGISTRY_WHOIS["cn"], 43)
    assert asyncio.run(WhoisClient("127.0.0.1:4343").server_for("cxmemgov.top")) == ("127.0.0.1", 4343)
