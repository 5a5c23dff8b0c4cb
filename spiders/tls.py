"""TLS facts for a site: its certificate and whether it validates. Fake portals often have
self-signed or mismatched certificates; certsweep fetches them anyway and records why the
certificate would not be trusted. The check is a separate handshake through the same proxy
(CONNECT), verified by the ssl module against the configured CA bundle with the full chain the
server sends, once per host and port."""
import asyncio
import base64
import hashlib
import socket
import ssl
from urllib.parse import urlsplit

from cryptography import x509


def check_tls(host: str, port: int = 443, *, proxy: str | None, ca_bundle: str | None,
              timeout: float = 10) -> dict:
    facts = {"host": host, "port": port, "valid": False, "error": None}
    try:
        der = _handshake(host, port, proxy, _context(ca_bundle), timeout)
        facts["valid"] = True
    except ssl.SSLCertVerificationError as exc:
        facts["error"] = exc.verify_message or str(exc)
        try:  # fetch the certificate anyway, to record what the site presents
            der = _handshake(host, port, proxy, _unverified(), timeout)
        except (OSError, ssl.SSLError) as again:
            facts["error"] += f"；{again}"
            return facts
    except (OSError, ssl.SSLError, ConnectionError) as exc:
        facts["error"] = str(exc) or type(exc).__name__
        return facts
    facts.update(_describe(der))
    return facts


def _context(ca_bundle: str | None) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=ca_bundle) if ca_bundle else ssl.create_default_context()


def _unverified() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _handshake(host: str, port: int, proxy: str | None, context: ssl.SSLContext, timeout: float) -> bytes:
    if proxy:
        parts = urlsplit(proxy)
        sock = socket.create_connection((parts.hostname, parts.port or 80), timeout=timeout)
        request = f"CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        if parts.username:
            token = base64.b64encode(f"{parts.username}:{parts.password or ''}".encode()).decode()
            request += f"Proxy-Authorization: Basic {token}\r\n"
        sock.sendall((request + "\r\n").encode())
        reply = sock.recv(4096).split(b"\r\n", 1)[0]
        if b" 200" not in reply:
            sock.close()
            raise ConnectionError(f"代理拒绝建立隧道：{reply.decode('latin-1')}")
    else:
        sock = socket.create_connection((host, port), timeout=timeout)
    with context.wrap_socket(sock, server_hostname=host) as tls:
        return tls.getpeercert(binary_form=True)


def _describe(der: bytes) -> dict:
    cert = x509.load_der_x509_certificate(der)
    try:
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        sans = names.get_values_for_type(x509.DNSName)
    except x509.ExtensionNotFound:
        sans = []
    return {"subject": cert.subject.rfc4514_string(), "issuer": cert.issuer.rfc4514_string(),
            "self_signed": cert.subject == cert.issuer, "san": sans,
            "not_before": cert.not_valid_before_utc.isoformat(),
            "not_after": cert.not_valid_after_utc.isoformat(),
            "serial": format(cert.serial_number, "x"),
            "sha256": hashlib.sha256(der).hexdigest()}


class TlsMiddleware:
    """Downloader middleware: attach the site's TLS facts to every https page response
    (`request.meta["tls"]`), checked once per host in a thread so the crawl never waits on it twice."""

    def __init__(self, proxy: str | None, ca_bundle: str | None):
        self.proxy, self.ca_bundle = proxy, ca_bundle
        self.checked: dict[tuple[str, int], object] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("CERTSWEEP_PROXY"), crawler.settings.get("CERTSWEEP_CA_BUNDLE"))

    async def process_response(self, request, response, spider=None):
        parts = urlsplit(response.url)
        if parts.scheme != "https" or not request.meta.get("certsweep_page"):
            return response
        key = (parts.hostname, parts.port or 443)
        if key not in self.checked:
            self.checked[key] = asyncio.ensure_future(asyncio.to_thread(
                check_tls, key[0], key[1], proxy=self.proxy, ca_bundle=self.ca_bundle))
        request.meta["tls"] = await self.checked[key]
        return response
