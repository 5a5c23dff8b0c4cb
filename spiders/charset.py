"""Pages that lie about their charset: a header saying ISO-8859-1 over GBK or UTF-8 bytes is common
on cheap Chinese hosting. When the declared charset is a Latin one and the bytes are not plain
ASCII, trust the bytes: strict UTF-8 first, then GB18030 (a superset of GBK and GB2312)."""
from scrapy.http import TextResponse

LATIN = {"iso-8859-1", "latin-1", "latin1", "cp1252", "windows-1252", "ascii", "us-ascii"}


def true_encoding(body: bytes, declared: str) -> str | None:
    if declared.lower().replace("_", "-") not in LATIN or body.isascii():
        return None
    for candidate in ("utf-8", "gb18030"):
        try:
            body.decode(candidate)
        except UnicodeDecodeError:
            continue
        return candidate
    return None


class CharsetMiddleware:
    def process_response(self, request, response, spider=None):
        if not isinstance(response, TextResponse):
            return response
        encoding = true_encoding(response.body, response.encoding)
        return response.replace(encoding=encoding) if encoding else response
