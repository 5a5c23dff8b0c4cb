"""Clones that mirror a genuine site's files, as reverse-proxy phishing kits do, and answer the
certificate query themselves with a made-up "valid certificate"."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from fixtureweb.messages import Request, Response
from fixtureweb.static import static_response


def mirrored(genuine: Path, query_path: str, answer: Response):
    """A `_site.py` handler serving `genuine`'s files and dynamic pages, except `query_path`."""
    spec = importlib.util.spec_from_file_location(f"mirror_of_{genuine.name}", genuine / "_site.py")
    genuine_site = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(genuine_site)

    def handle(request: Request) -> Response | None:
        if request.path == query_path:
            return answer
        return genuine_site.handle(request) or static_response(genuine, request.path)

    return handle
