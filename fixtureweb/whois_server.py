"""WHOIS (RFC 3912): read one query line, write the record, close."""

from __future__ import annotations

import datetime
import socketserver
import threading

from fixtureweb.log import Record, RequestLog
from fixtureweb.world import World


class WhoisServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, world: World, log: RequestLog, host: str = "127.0.0.1"):
        self.world, self.log = world, log
        super().__init__((host, 0), _WhoisHandler)
        self.address = f"{host}:{self.server_address[1]}"

    def answer(self, query: str) -> str:
        domain = _domain_of(query)
        self.log.add(Record("WHOIS", "whois", domain))
        return self.world.whois_text(domain) or no_match(domain)

    def start(self) -> None:
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _WhoisHandler(socketserver.StreamRequestHandler):
    timeout = 10

    def handle(self):
        try:
            query = self.rfile.readline(1024).decode("utf-8", "replace")
            text = self.server.answer(query)
            self.wfile.write(text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"))
        except OSError:
            pass


def _domain_of(query: str) -> str:
    """The domain in a query line; registry prefixes such as "domain " and "=" are dropped."""
    query = query.strip().lower()
    for prefix in ("domain ", "="):
        query = query.removeprefix(prefix).strip()
    return query.split()[0].rstrip(".") if query else ""


def no_match(domain: str) -> str:
    """The "not found" answer of the registry that would run the domain's TLD."""
    if domain.endswith(".cn"):
        return "No matching record.\n"  # CNNIC's wording
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (f'No match for "{domain.upper()}".\n'
            f">>> Last update of whois database: {now} <<<\n\n"
            "NOTICE: The expiration date displayed in this record is the date the\n"
            "registrar's sponsorship of the domain name registration in the registry is\n"
            "currently set to expire.\n")
