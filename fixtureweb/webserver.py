"""One server that is both every fixture website and the HTTP proxy in front of them.

Clients reach sites the way the product reaches the internet through a proxy:
absolute-form requests (`GET http://host/path`) for http, and `CONNECT host:443`
for https, where TLS is terminated here with the certificate the site is
configured to present. Origin-form requests are served by their Host header.
One thread per connection, so a hanging or slow site holds only its own
connection.
"""

from __future__ import annotations

import ipaddress
import os
import select
import socket
import ssl
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import _SocketWriter
from urllib.parse import urlsplit

from fixtureweb.log import Record, RequestLog
from fixtureweb.messages import Request, Response
from fixtureweb.tls import CertificateAuthority
from fixtureweb.world import Site, World

CHUNK = 64 * 1024


class WebServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # bursts of hundreds of new connections must not be dropped

    def __init__(self, world: World, ca: CertificateAuthority, log: RequestLog, host: str = "127.0.0.1"):
        self.world, self.ca, self.log = world, ca, log
        self.stopping = threading.Event()  # releases hanging and delayed responses
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__((host, 0), FixtureHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def track(self, connection: socket.socket, alive: bool) -> None:
        with self._lock:
            (self._connections.add if alive else self._connections.discard)(connection)

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], OSError):  # clients hanging up mid-request are normal
            super().handle_error(request, client_address)

    def start(self) -> None:
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:  # idle keep-alive connections would otherwise linger
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class FixtureHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx/1.24.0"  # look like an ordinary web server
    sys_version = ""
    timeout = 120  # idle keep-alive connections are closed after this
    disable_nagle_algorithm = True  # headers and body are separate writes; Nagle would add 40 ms
    server: WebServer

    def setup(self):
        super().setup()
        self.tunnel: tuple[str, str] | None = None  # (scheme, host) after CONNECT
        self.server.track(self.connection, True)

    def finish(self):
        try:
            super().finish()
        except OSError:
            pass
        self.server.track(self.connection, False)

    def log_message(self, format, *args):
        pass  # the RequestLog is the record; stderr noise would drown test output

    def do_CONNECT(self):
        host, _, port_text = self.path.rpartition(":")
        host = host.strip("[]").lower().rstrip(".")
        port = int(port_text) if port_text.isdigit() else 443
        scheme = "http" if port == 80 else "https"
        site = self.server.world.site(host)
        failure = self._unreachable(host, site, scheme)
        self.server.log.add(Record("CONNECT", scheme, host, "", 502 if failure else 200))
        if failure:
            self._write(Response.html(failure, 502), close=True)
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        if scheme == "https":
            try:
                connection = self.server.ca.context_for(site).wrap_socket(self.connection, server_side=True)
            except (ssl.SSLError, OSError):  # e.g. the client rejected our certificate
                self.close_connection = True
                return
            self.server.track(self.connection, False)
            self.server.track(connection, True)
            self.connection = connection
            self.rfile = connection.makefile("rb", self.rbufsize)
            self.wfile = _SocketWriter(connection)
        self.tunnel = (scheme, host)
        self.close_connection = False

    def do_GET(self):
        scheme, host, target = self._locate()
        path, _, query = target.partition("?")
        request = Request(self.command, scheme, host, path or "/", query,
                          {name.lower(): value for name, value in self.headers.items()}, self._read_body())
        site = self.server.world.site(host)
        failure = self._unreachable(host, site, scheme)
        if failure:
            response = Response.html(failure, 502)
        else:
            try:
                response = site.respond(request)
            except Exception:
                response = Response.text(f"fixture 站点 {host} 的 _site.py 出错:\n{traceback.format_exc()}", 500)
                traceback.print_exc()
        self.server.log.add(Record(self.command, scheme, host, request.target, None if response.hang else response.status))
        self._write(response)

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET

    def _locate(self) -> tuple[str, str, str]:
        """(scheme, host, origin-form target) of the current request."""
        if self.tunnel:
            return self.tunnel[0], self.tunnel[1], self.path
        if "://" in self.path:  # absolute form: we are being used as a proxy
            parts = urlsplit(self.path)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            return parts.scheme.lower(), (parts.hostname or "").rstrip("."), target
        host = urlsplit("//" + (self.headers.get("Host") or "")).hostname or ""
        return "http", host.rstrip("."), self.path

    def _unreachable(self, host: str, site: Site | None, scheme: str) -> str | None:
        """The error page text a real proxy would give, or None when the site answers."""
        if site is None and not self.server.world.resolves(host) and not _is_ip(host):
            return _error_page("无法解析主机名", f"DNS 查询 {host} 失败 (NXDOMAIN)。")
        if site is None or (scheme == "https" and site.tls == "none"):
            port = 443 if scheme == "https" else 80
            return _error_page("连接被拒绝", f"无法连接到 {host}:{port} (Connection refused)。")
        return None

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while (size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)):
                body += self.rfile.read(size)
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):  # trailers
                pass
            return body
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _write(self, response: Response, close: bool = False) -> None:
        stopping = self.server.stopping
        if (response.delay and stopping.wait(response.delay)) or response.hang:
            self._hold()
            self.close_connection = True
            return
        body = response.encoded_body()
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            for name, value in response.headers.items():
                self.send_header(name, value)
            if close:
                self.send_header("Connection", "close")
                self.close_connection = True
            if isinstance(body, bytes):
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
            else:
                self._stream(body, response.length)
        except OSError:  # the client went away mid-answer
            self.close_connection = True
        finally:
            getattr(body, "close", lambda: None)()

    def _hold(self) -> None:
        """Keep the connection silent until the servers stop or the client hangs up."""
        # A duplicate of the descriptor peeks below TLS, where a hang-up shows as b"".
        with socket.socket(fileno=os.dup(self.connection.fileno())) as raw:
            while not self.server.stopping.is_set():
                readable, _, _ = select.select([raw], [], [], 0.2)
                try:
                    if readable and raw.recv(1, socket.MSG_PEEK) == b"":
                        return
                except OSError:
                    return
                if readable:  # data, not a hang-up: stop polling, just wait
                    self.server.stopping.wait()

    def _stream(self, chunks, length: int | None) -> None:
        chunked = length is None
        self.send_header(*(("Transfer-Encoding", "chunked") if chunked else ("Content-Length", str(length))))
        self.end_headers()
        if self.command == "HEAD":
            return
        for chunk in chunks:
            if chunk:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _error_page(title: str, detail: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>502 {title}</title></head>"
            f"<body><h1>502 Bad Gateway: {title}</h1><p>{detail}</p><hr>fixtureweb 代理</body></html>")
