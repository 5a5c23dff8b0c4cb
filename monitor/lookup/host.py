"""Both lookups for one host, as the scorer and the `domains` table want them."""
import asyncio

from ..domain import DomainInfo, registered_domain
from .dns import DnsAnswer, resolve_all
from .whois import WhoisFacts, WhoisRecord, whois_all, whois_facts


def domain_record(domain: str, answer: DnsAnswer, record: WhoisRecord | None,
                  facts: WhoisFacts | None) -> dict:
    """The `domains` row for what DNS and WHOIS said about a domain."""
    row = {"domain": domain, "registered_domain": registered_domain(domain),
           "resolves": int(answer.resolves), "dns": answer.to_dict()}
    if record is not None:
        row.update(whois_text=record.text, whois=facts.to_dict(), registrar=facts.registrar,
                   creation_date=facts.created, registrant_hidden=facts.registrant_hidden)
    return row


def look_up_host(host: str, *, dns_server: str | None, whois_server: str | None,
                 timeout: float = 15.0) -> tuple[DomainInfo, dict]:
    """DNS and WHOIS of one host: what the scorer needs and the row to store."""
    domain = registered_domain(host)

    async def both():
        answers = await resolve_all([host], dns_server=dns_server, timeout=min(timeout, 5))
        whois = await whois_all([domain], whois_server=whois_server, timeout=timeout)
        return answers[host], whois[domain]

    answer, record = asyncio.run(both())
    info, facts = whois_facts(host, record, answer.addresses)
    return info, domain_record(host, answer, record, facts)
