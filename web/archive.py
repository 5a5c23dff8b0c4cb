"""Archived pages shown to reviewers: scripts, handlers, frames and every outside reference
removed, then served in a sandbox (see routes/finding.py) so nothing in them runs or calls home."""
import re

import lxml.html
from lxml import etree

DROP_TAGS = ("script", "iframe", "frame", "frameset", "object", "embed", "link", "meta", "base",
             "applet", "portal", "noscript", "template")
URL_ATTRS = ("href", "src", "srcset", "action", "formaction", "poster", "background", "data",
             "xlink:href", "ping", "cite", "longdesc", "manifest")
CSS_URL = re.compile(r"url\s*\([^)]*\)|@import[^;]*;?", re.I)
ARCHIVE_CSP = ("sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
               "frame-ancestors 'self'")


def clean_archive(html: str) -> str:
    if not html.strip():
        return "<p>（空页面）</p>"
    root = lxml.html.document_fromstring(html)
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            value = element.attrib[name]
            if name.lower().startswith("on") or (
                    name.lower() in URL_ATTRS and not value.strip().lower().startswith("data:image/")):
                del element.attrib[name]
            elif name.lower() == "style":
                element.attrib[name] = CSS_URL.sub("", value)
        if element.tag == "style" and element.text:
            element.text = CSS_URL.sub("", element.text)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
