import dns.message
import dns.query
import dns.rcode
import dns.resolver
import pytest


@pytest.fixture
def resolver(internet) -> dns.resolver.Resolver:
    host, port = internet.dns_server.split(":")
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [host]
    resolver.port = int(port)
    resolver.lifetime = 2
    return resolver


def test_every_site_host_has_a_loopback_a_record(resolver, internet):
    for host in internet.world.sites:
        [answer] = resolver.resolve(host, "A")
        assert answer.address.startswith("127.")
        assert answer.address == internet.address_of(host)


def test_extra_records_from_dns_toml(resolver):
    assert [r.to_text() for r in resolver.resolve("linlijishi.com", "MX")] == ["10 mx.linlijishi.com."]
    assert resolver.resolve("linlijishi.com", "TXT")[0].strings == (b"v=spf1 include:spf.mail-demo.com -all",)
    assert sorted(r.to_text() for r in resolver.resolve("example.com", "NS")) == [
        "ns1.fixture-dns.example.net.", "ns2.fixture-dns.example.net."]
    assert resolver.resolve("mx.example.com", "A")[0].address == "127.0.9.25"
    answer = resolver.resolve("cname.example.com", "A")
    assert answer.canonical_name.to_text() == "gbk.example.com."


def test_unknown_names_are_nxdomain(resolver, internet):
    with pytest.raises(dns.resolver.NXDOMAIN):
        resolver.resolve("not-registered.example.org", "A")
    assert internet.lookups.find(scheme="dns", host="not-registered.example.org")


def test_hosts_that_resolve_without_serving(resolver):
    assert resolver.resolve("no-server.example.com", "A")[0].address.startswith("127.")


def test_tcp_queries(internet):
    host, port = internet.dns_server.split(":")
    query = dns.message.make_query("www.linlijishi.com", "A")
    answer = dns.query.tcp(query, host, port=int(port), timeout=2)
    assert answer.rcode() == dns.rcode.NOERROR
    assert answer.answer[0][0].address == internet.address_of("www.linlijishi.com")
