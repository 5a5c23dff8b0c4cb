"""WARC files of one capture, written with warcio: the page's and its resources' request and
response records, the capture facts as metadata, and screenshot, DOM, DNS and WHOIS as resources.
Block and payload digests are SHA-256 (warcio's default is SHA-1)."""
import io
import json
from dataclasses import dataclass, field

from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

# Bodies are stored decoded, so headers describing the transfer encoding would make a replay
# tool decode them a second time.
TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass
class Exchange:
    """One HTTP request and its response, as the browser or Scrapy saw them."""
    url: str
    status: int
    body: bytes
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    method: str = "GET"
    reason: str = ""
    resource_type: str = "document"
    request_body: bytes = b""

    @classmethod
    def from_dict(cls, data: dict) -> "Exchange":
        return cls(**{**data, "response_headers": [tuple(h) for h in data["response_headers"]],
                      "request_headers": [tuple(h) for h in data.get("request_headers", [])]})


@dataclass
class Attachment:
    """A non-HTTP record: screenshot, rendered DOM, DNS answer, WHOIS text."""
    uri: str
    content_type: str
    data: bytes


class SHA256WARCWriter(WARCWriter):
    @staticmethod
    def _create_digester():
        return Digester("sha256")


def write_warc(exchanges: list[Exchange], facts: dict, attachments: list[Attachment]) -> bytes:
    out = io.BytesIO()
    writer = SHA256WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warcinfo_record(None, {
        "software": facts.get("tool_version", ""), "format": "WARC File Format 1.1",
        "operator": facts.get("operator", ""), "hostname": facts.get("machine", ""),
        "description": "certsweep 电子数据提取",
        "isPartOf": facts.get("campaign", "")}))
    main_id = None
    for exchange in exchanges:
        response = _response_record(writer, exchange)
        writer.write_record(response)
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        main_id = main_id or record_id
        writer.write_record(_request_record(writer, exchange, record_id))
    facts_json = json.dumps(facts, ensure_ascii=False, indent=2).encode()
    headers = {"WARC-Concurrent-To": main_id} if main_id else {}
    writer.write_record(writer.create_warc_record(
        facts["final_url"], "metadata", payload=io.BytesIO(facts_json),
        warc_content_type="application/json", warc_headers_dict=headers))
    for attachment in attachments:
        writer.write_record(writer.create_warc_record(
            attachment.uri, "resource", payload=io.BytesIO(attachment.data),
            warc_content_type=attachment.content_type, warc_headers_dict=headers))
    return out.getvalue()


def _response_record(writer, exchange: Exchange):
    kept = [(k, v) for k, v in exchange.response_headers if k.lower() not in TRANSFER_HEADERS]
    kept.append(("Content-Length", str(len(exchange.body))))
    status = f"{exchange.status} {exchange.reason or _REASONS.get(exchange.status, 'OK')}"
    http = StatusAndHeaders(status, kept, protocol="HTTP/1.1")
    return writer.create_warc_record(exchange.url, "response", payload=io.BytesIO(exchange.body),
                                     length=len(exchange.body), http_headers=http)


def _request_record(writer, exchange: Exchange, response_id: str):
    path = exchange.url.split("/", 3)[3] if exchange.url.count("/") >= 3 else ""
    http = StatusAndHeaders(f"{exchange.method} /{path}", exchange.request_headers,
                            protocol="HTTP/1.1", is_http_request=True)
    return writer.create_warc_record(exchange.url, "request", payload=io.BytesIO(exchange.request_body),
                                     length=len(exchange.request_body), http_headers=http,
                                     warc_headers_dict={"WARC-Concurrent-To": response_id})


_REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified",
            403: "Forbidden", 404: "Not Found", 500: "Internal Server Error"}
