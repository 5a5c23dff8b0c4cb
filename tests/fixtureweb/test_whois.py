import socket

import pytest
from whois.exceptions import WhoisDomainNotFoundError
from whois.parser import WhoisEntry


def whois(server: str, query: str) -> str:
    """A plain RFC 3912 query, the way whois clients make it."""
    host, port = server.split(":")
    with socket.create_connection((host, int(port)), timeout=2) as connection:
        connection.sendall(query.encode() + b"\r\n")
        return b"".join(iter(lambda: connection.recv(4096), b"")).decode()


def test_records_parse_with_python_whois(internet):
    text = whois(internet.whois_server, "linlijishi.com")
    entry = WhoisEntry.load("linlijishi.com", text)
    assert entry.registrar == "Demo Registrar (Beijing) Co., Ltd."
    assert entry.creation_date.year == 2012
    assert entry.org == "邻里集市网络科技有限公司"
    assert internet.lookups.find(scheme="whois", host="linlijishi.com")


def test_privacy_hidden_registrant(internet):
    entry = WhoisEntry.load("aqzs-banli.top", whois(internet.whois_server, "aqzs-banli.top"))
    assert entry.name == "REDACTED FOR PRIVACY"
    assert entry.creation_date.year == 2025


def test_cnnic_style_record(internet):
    entry = WhoisEntry.load("anquan-zhengshu.cn", whois(internet.whois_server, "anquan-zhengshu.cn"))
    assert entry.name == "李某某"
    assert entry.creation_date.isoformat().startswith("2024-11-05")


def test_registry_prefixes_are_ignored(internet):
    assert "LINLIJISHI.COM" in whois(internet.whois_server, "domain LINLIJISHI.COM")


@pytest.mark.parametrize("domain", ["never-registered.com", "never-registered.cn"])
def test_unknown_domains_get_the_registrys_no_match_answer(internet, domain):
    text = whois(internet.whois_server, domain)
    assert text.startswith(("No match for", "No matching record"))
    with pytest.raises(WhoisDomainNotFoundError):
        WhoisEntry.load(domain, text)
