"""DNS through dnspython's async resolver: the configured server, else the system's."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import dns.asyncresolver
import dns.exception
import dns.nameserver
import dns.resolver

from .pool import bounded, split_host_port

EVIDENCE_TYPES = ("A", "AAAA", "CNAME", "NS")


@dataclass
class DnsAnswer:
    domain: str
    status: str  # ok | nxdomain | no-answer | timeout | error
    addresses: list[str] = field(default_factory=list)

    @property
    def resolves(self) -> bool:
        return bool(self.addresses)

    def to_dict(self) -> dict:
        return {"status": self.status, "A": self.addresses}


def make_resolver(dns_server: str | None, timeout: float) -> dns.asyncresolver.Resolver:
    if dns_server:
        host, port = split_host_port(dns_server, 53)
        resolver = dns.asyncresolver.Resolver(configure=False)
        resolver.nameservers = [dns.nameserver.Do53Nameserver(host, port)]
    else:
        resolver = dns.asyncresolver.Resolver()
    resolver.lifetime = timeout
    return resolver


async def resolve(resolver: dns.asyncresolver.Resolver, domain: str) -> DnsAnswer:
    try:
        answer = await resolver.resolve(domain, "A", search=False)
    except dns.resolver.NXDOMAIN:
        return DnsAnswer(domain, "nxdomain")
    except dns.resolver.NoAnswer:
        return DnsAnswer(domain, "no-answer")
    except dns.exception.Timeout:
        return DnsAnswer(domain, "timeout")
    except dns.exception.DNSException:
        return DnsAnswer(domain, "error")
    return DnsAnswer(domain, "ok", sorted({r.address for r in answer}))


async def resolve_all(domains: list[str], *, dns_server: str | None, concurrency: int = 100,
                      timeout: float = 5.0) -> dict[str, DnsAnswer]:
    resolver = make_resolver(dns_server, timeout)
    return await bounded(domains, lambda d: resolve(resolver, d), concurrency)


async def _evidence_answers(host: str, dns_server: str | None, timeout: float) -> dict:
    resolver = make_resolver(dns_server, timeout)
    result = {"host": host, "server": dns_server or "系统默认", "answers": {}, "errors": {}}
    for rtype in EVIDENCE_TYPES:
        try:
            answer = await resolver.resolve(host, rtype, search=False, raise_on_no_answer=False)
        except dns.resolver.NXDOMAIN as exc:
            result["errors"][rtype] = type(exc).__name__
            break  # the name does not exist: no other type will answer
        except dns.resolver.NoNameservers as exc:
            result["errors"][rtype] = type(exc).__name__
        except dns.exception.DNSException as exc:
            result["errors"][rtype] = f"{type(exc).__name__}：{exc}"
        else:
            if answer.rrset is not None:
                result["answers"][rtype] = [f"{r.to_text()}（TTL {answer.rrset.ttl}）" for r in answer.rrset]
    return result


def dns_evidence(host: str, dns_server: str | None, timeout: float = 5.0) -> dict:
    """Every record type a reviewer re-checks, with TTLs: {"host", "server", "answers", "errors"}.
    Synchronous: evidence is recorded on a worker thread, outside any event loop."""
    return asyncio.run(_evidence_answers(host, dns_server, timeout))


def first_address(evidence: dict) -> str | None:
    for value in evidence["answers"].get("A", []) + evidence["answers"].get("AAAA", []):
        return value.split("（")[0]
    return None
