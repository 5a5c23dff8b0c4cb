"""DNS for the fixture internet: A/NS/MX/TXT/CNAME from the world, NXDOMAIN otherwise."""

from __future__ import annotations

import socket

from dnslib import QTYPE, RCODE, RR, DNSRecord
from dnslib.server import BaseResolver, DNSLogger, DNSServer

from fixtureweb.log import Record, RequestLog
from fixtureweb.world import World

TTL = 300


class WorldResolver(BaseResolver):
    def __init__(self, world: World, log: RequestLog):
        self.world, self.log = world, log

    def resolve(self, request: DNSRecord, handler) -> DNSRecord:
        reply = request.reply()
        name = str(request.q.qname).rstrip(".").lower()
        rtype = QTYPE.get(request.q.qtype)
        self.log.add(Record(str(rtype), "dns", name))
        for _ in range(8):  # follow CNAME chains inside the world, as a recursive resolver would
            target = self.world.lookup(name, "CNAME")
            if not target or rtype == "CNAME":
                break
            reply.add_answer(*RR.fromZone(f"{name}. {TTL} IN CNAME {_zone_value('CNAME', target[0])}"))
            name = target[0].rstrip(".").lower()
        values = self.world.lookup(name, str(rtype))
        if values is None:
            reply.header.rcode = RCODE.NXDOMAIN
            return reply
        for value in values:
            reply.add_answer(*RR.fromZone(f"{name}. {TTL} IN {rtype} {_zone_value(str(rtype), value)}"))
        return reply


def _zone_value(rtype: str, value: str) -> str:
    if rtype == "TXT":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if rtype in ("NS", "CNAME", "MX"):
        return value if value.endswith(".") else value + "."
    return value


class _QuietLogger(DNSLogger):
    def __init__(self):
        super().__init__(log="-request,-reply,-truncated,-error,-recv,-send,-data", prefix=False)


class DNSServers:
    """UDP and TCP servers on the same free loopback port."""

    def __init__(self, world: World, log: RequestLog, host: str = "127.0.0.1"):
        resolver = WorldResolver(world, log)
        for _ in range(20):  # the free UDP port may be taken for TCP; try another
            self.udp = DNSServer(resolver, address=host, port=0, logger=_QuietLogger())
            self.port = self.udp.server.server_address[1]
            try:
                self.tcp = DNSServer(resolver, address=host, port=self.port, tcp=True, logger=_QuietLogger())
                break
            except OSError:
                self.udp.server.server_close()
        else:
            raise OSError("无法为 DNS 服务器找到空闲端口")
        self.address = f"{host}:{self.port}"

    def start(self) -> None:
        self.udp.start_thread()
        self.tcp.start_thread()

    def stop(self) -> None:
        for server in (self.udp, self.tcp):
            server.stop()
            server.server.server_close()
