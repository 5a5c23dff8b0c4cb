"""DNS answers and WHOIS text for a captured host, as records a reviewer can re-check.

`server` is HOST:PORT (certsweep's --dns-server / --whois-server); without one, the system
resolver answers DNS and the registry named by IANA answers WHOIS."""
import socket

import dns.exception
import dns.resolver

from ..domain import registered_domain

TIMEOUT = 5.0
RECORD_TYPES = ("A", "AAAA", "CNAME", "NS")
IANA_WHOIS = "whois.iana.org:43"


def dns_answers(host: str, server: str | None) -> dict:
    """{"server", "answers": {type: [values]}, "errors": {type: text}}."""
    resolver = dns.resolver.Resolver(configure=server is None)
    if server:
        address, port = _split(server)
        resolver.nameservers, resolver.port = [address], port
    resolver.lifetime = TIMEOUT
    result = {"host": host, "server": server or "系统默认", "answers": {}, "errors": {}}
    for rtype in RECORD_TYPES:
        try:
            answer = resolver.resolve(host, rtype, raise_on_no_answer=False)
        except (dns.resolver.NXDOMAIN, dns.resolver.NoNameservers) as exc:
            result["errors"][rtype] = type(exc).__name__
            if isinstance(exc, dns.resolver.NXDOMAIN):
                break  # the name does not exist: no other type will answer
            continue
        except dns.exception.DNSException as exc:
            result["errors"][rtype] = f"{type(exc).__name__}：{exc}"
            continue
        if answer.rrset is not None:
            result["answers"][rtype] = [f"{r.to_text()}（TTL {answer.rrset.ttl}）" for r in answer.rrset]
    return result


def first_address(answers: dict) -> str | None:
    for value in answers["answers"].get("A", []) + answers["answers"].get("AAAA", []):
        return value.split("（")[0]
    return None


def whois_text(host: str, server: str | None) -> dict:
    """{"domain", "server", "text"} for the host's registered domain (RFC 3912 query)."""
    domain = registered_domain(host)
    target = server
    if target is None:
        referral = _query(IANA_WHOIS, domain)
        target = next((line.split(":", 1)[1].strip() + ":43" for line in referral.splitlines()
                       if line.lower().startswith("whois:")), IANA_WHOIS)
    return {"domain": domain, "server": target, "text": _query(target, domain)}


def _query(server: str, domain: str) -> str:
    address, port = _split(server)
    with socket.create_connection((address, port), timeout=TIMEOUT) as conn:
        conn.sendall(domain.encode("idna") + b"\r\n")
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    data = b"".join(chunks)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _split(server: str) -> tuple[str, int]:
    host, _, port = server.rpartition(":")
    return host, int(port)
