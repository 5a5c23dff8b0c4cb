"""Each site's certificate is recorded with whether it validates; broken ones are still fetched."""
import pytest

from spiders.tls import check_tls


@pytest.mark.parametrize("host, valid, reason", [
    ("cx.mem.gov.cn", True, None),
    ("tls-self-signed.example.com", False, "self-signed"),
    ("tls-mismatch.example.com", False, "Hostname mismatch"),
    ("tls-expired.example.com", False, "expired"),
])
def test_certificates_are_checked_against_the_configured_bundle(fixture_internet, host, valid, reason):
    facts = check_tls(host, proxy=fixture_internet.proxy_url, ca_bundle=str(fixture_internet.ca_cert_path))
    assert facts["valid"] is valid
    assert facts["sha256"] and facts["not_after"]  # recorded even when it does not validate
    if reason:
        assert reason in facts["error"]


def test_without_the_test_ca_the_fixture_certificates_are_untrusted(fixture_internet):
    facts = check_tls("cx.mem.gov.cn", proxy=fixture_internet.proxy_url, ca_bundle=None)
    assert not facts["valid"] and facts["issuer"] == "CN=certsweep fixture CA"


def test_a_site_the_proxy_cannot_reach_is_an_error_not_a_crash(fixture_internet):
    facts = check_tls("no-such-host.example.org", proxy=fixture_internet.proxy_url, ca_bundle=None)
    assert not facts["valid"] and "代理" in facts["error"]
