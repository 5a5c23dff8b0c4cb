"""The domains table as a scan fills it: thousands of candidates at once, WHOIS for a few."""
from storage import Store


def test_a_scan_saves_thousands_of_candidates_and_keeps_whois_facts(tmp_path):
    with Store(tmp_path / "certsweep.db") as store:
        store.save_domains([{"domain": f"cx-mem-{i}.cn", "candidate_for": "cx.mem.gov.cn",
                             "rule": "typo-addition", "resolves": 0,
                             "dns": {"status": "nxdomain", "A": []}} for i in range(3000)]
                           + [{"domain": "cx-mem-gov.cn", "candidate_for": "cx.mem.gov.cn",
                               "rule": "dots-to-hyphens", "resolves": 1,
                               "dns": {"status": "ok", "A": ["127.0.0.8"]},
                               "whois": {"found": True, "registrar": "阿里云"}, "registrar": "阿里云",
                               "whois_text": "Domain Name: cx-mem-gov.cn"}])
        assert len(store.domains(candidate_for="cx.mem.gov.cn", resolving=False)) == 3000
        [live] = store.domains(resolving=True)
        assert live["dns"] == {"status": "ok", "A": ["127.0.0.8"]} and live["whois"]["registrar"] == "阿里云"

        # A later scan in which it no longer resolves keeps what WHOIS said about the registration.
        store.save_domain({"domain": "cx-mem-gov.cn", "candidate_for": "cx.mem.gov.cn",
                           "rule": "dots-to-hyphens", "resolves": 0, "dns": {"status": "nxdomain", "A": []}})
        row = store.domain("cx-mem-gov.cn")
        assert (row["resolves"], row["registrar"], row["whois"]["found"]) == (0, "阿里云", True)
        assert store.db["domains"].count == 3001
