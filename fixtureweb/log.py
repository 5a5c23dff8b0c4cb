"""An in-memory, thread-safe record of what clients asked the fixture internet."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Record:
    method: str  # HTTP method, "CONNECT", a DNS query type ("A", "MX") or "WHOIS"
    scheme: str  # "http", "https", "dns" or "whois"
    host: str  # the hostname, or the domain queried
    path: str = ""  # path with query string, for web requests
    status: int | None = None  # HTTP status sent (None for a hang or a lookup)
    time: float = field(default_factory=time.time)

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.host}{self.path}"


class RequestLog:
    def __init__(self):
        self._records: list[Record] = []
        self._lock = threading.Lock()

    def add(self, record: Record) -> None:
        with self._lock:
            self._records.append(record)

    def clear(self) -> None:
        with self._lock:
            self._records.clear()

    def find(self, host: str | None = None, method: str | None = None, path: str | None = None,
             scheme: str | None = None) -> list[Record]:
        """Records matching every given field (`path` matches with or without the query)."""
        return [
            r for r in self
            if (host is None or r.host == host) and (method is None or r.method == method)
            and (scheme is None or r.scheme == scheme)
            and (path is None or r.path == path or r.path.split("?")[0] == path)
        ]

    def __iter__(self) -> Iterator[Record]:
        with self._lock:
            return iter(list(self._records))

    def __len__(self) -> int:
        with self._lock:
            return len(self._records)
