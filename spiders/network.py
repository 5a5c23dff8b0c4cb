"""How this machine reaches the internet. The same code runs against the real internet and
against the loopback fixture internet; only these addresses differ."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Network:
    proxy: str | None = None
    dns_server: str | None = None  # HOST:PORT; None means the system resolver
    whois_server: str | None = None  # HOST:PORT; None means the registry's server
    chromium: str | None = None  # browser executable; None means the default (spiders.browser)
    ca_bundle: str | None = None  # CA certificates that decide whether a site's TLS validates
