"""The fixture internet: many websites, DNS and WHOIS on loopback, reached via a proxy.

    from fixtureweb import FixtureInternet, demo_world_dir

    with FixtureInternet([demo_world_dir(), "tests/world"]).running() as live:
        live.proxy_url, live.dns_server, live.whois_server, live.ca_cert_path, live.requests
"""

from fixtureweb.internet import FixtureInternet, LiveInternet
from fixtureweb.log import Record, RequestLog
from fixtureweb.messages import Request, Response
from fixtureweb.world import Site, World, WorldError, demo_world_dir

__all__ = [
    "FixtureInternet", "LiveInternet", "Record", "RequestLog", "Request", "Response",
    "Site", "World", "WorldError", "demo_world_dir",
]
