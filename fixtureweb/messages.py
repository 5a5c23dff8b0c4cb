"""The request and response objects a site's `_site.py` handler sees and returns."""

from __future__ import annotations

import json as jsonlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import parse_qs


@dataclass
class Request:
    method: str
    scheme: str
    host: str
    path: str  # without the query string
    query_string: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names
    body: bytes = b""

    @property
    def target(self) -> str:
        return f"{self.path}?{self.query_string}" if self.query_string else self.path

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}{self.target}"

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(self.query_string, keep_blank_values=True)

    @property
    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)

    def arg(self, name: str, default: str | None = None) -> str | None:
        """First value of `name` from the query string, else from a urlencoded body."""
        values = self.query.get(name) or self.form.get(name)
        return values[0] if values else default

    def json(self):
        return jsonlib.loads(self.body or b"null")


@dataclass
class Response:
    status: int = 200
    body: bytes | str | Iterable[bytes] = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    # Content-Length for an iterable body; None streams it chunked.
    length: int | None = None
    delay: float = 0.0  # seconds to wait before answering (a slow site)
    hang: bool = False  # never answer; released only when the servers stop

    @classmethod
    def html(cls, text: str, status: int = 200, charset: str = "utf-8") -> Response:
        return cls(status, text.encode(charset), f"text/html; charset={charset}")

    @classmethod
    def text(cls, text: str, status: int = 200) -> Response:
        return cls(status, text.encode(), "text/plain; charset=utf-8")

    @classmethod
    def json(cls, data, status: int = 200) -> Response:
        body = jsonlib.dumps(data, ensure_ascii=False).encode()
        return cls(status, body, "application/json; charset=utf-8")

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> Response:
        return cls(status, b"", "text/html; charset=utf-8", {"Location": location})

    @classmethod
    def hanging(cls) -> Response:
        return cls(hang=True)

    def encoded_body(self) -> bytes | Iterable[bytes]:
        if isinstance(self.body, str):
            return self.body.encode(_charset_of(self.content_type))
        return self.body


def _charset_of(content_type: str) -> str:
    for param in content_type.split(";")[1:]:
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip('"')
    return "utf-8"
