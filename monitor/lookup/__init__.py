"""DNS and WHOIS of suspect hosts: many at once for the lookalike scan, one host in full for
evidence. Every lookup goes to the configured `--dns-server` / `--whois-server HOST:PORT`
when one is given, so the same code runs against loopback fixtures and the real internet."""
from .dns import DnsAnswer, dns_evidence, first_address, resolve_all
from .host import domain_record, look_up_host
from .pool import bounded
from .whois import REGISTRY_WHOIS, WhoisClient, WhoisFacts, WhoisRecord, whois_all, whois_evidence, whois_facts

__all__ = ["DnsAnswer", "REGISTRY_WHOIS", "WhoisClient", "WhoisFacts", "WhoisRecord", "bounded",
           "dns_evidence", "domain_record", "first_address", "look_up_host", "resolve_all", "whois_all",
           "whois_evidence", "whois_facts"]
