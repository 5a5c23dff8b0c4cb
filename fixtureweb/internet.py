"""FixtureInternet: the web server/proxy, DNS and WHOIS servers over one world."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fixtureweb.dns_server import DNSServers
from fixtureweb.log import RequestLog
from fixtureweb.tls import CertificateAuthority
from fixtureweb.webserver import WebServer
from fixtureweb.whois_server import WhoisServer
from fixtureweb.world import World


class FixtureInternet:
    def __init__(self, worlds: Iterable[Path | str] | World):
        self.world = worlds if isinstance(worlds, World) else World.load(worlds)

    @contextmanager
    def running(self, host: str = "127.0.0.1") -> Iterator[LiveInternet]:
        """All three servers on free ports of `host`, stopped on exit."""
        live = self.start(host)
        try:
            yield live
        finally:
            live.stop()

    def start(self, host: str = "127.0.0.1") -> LiveInternet:
        return LiveInternet(self.world, host)


class LiveInternet:
    def __init__(self, world: World, host: str):
        self.world = world
        self.requests = RequestLog()  # web requests and CONNECTs
        self.lookups = RequestLog()  # DNS and WHOIS queries
        self._directory = Path(tempfile.mkdtemp(prefix="fixtureweb-"))
        self.ca = CertificateAuthority(self._directory)
        self._web = WebServer(world, self.ca, self.requests, host)
        self._dns = DNSServers(world, self.lookups, host)
        self._whois = WhoisServer(world, self.lookups, host)
        self._web.start()
        self._dns.start()
        self._whois.start()

    @property
    def proxy_url(self) -> str:
        return self._web.url

    @property
    def dns_server(self) -> str:
        return self._dns.address

    @property
    def whois_server(self) -> str:
        return self._whois.address

    @property
    def ca_cert_path(self) -> Path:
        return self.ca.cert_path

    def address_of(self, host: str) -> str | None:
        """The loopback address DNS gives for `host`."""
        values = self.world.lookup(host, "A")
        return values[0] if values else None

    def clear_logs(self) -> None:
        self.requests.clear()
        self.lookups.clear()

    def stop(self) -> None:
        self._web.stop()
        self._dns.stop()
        self._whois.stop()
        shutil.rmtree(self._directory, ignore_errors=True)
