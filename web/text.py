"""Showing crawled text safely: escaped always, keyword hits marked."""
import re

from markupsafe import Markup, escape

MAX_CHARS = 50_000


def highlight(text: str | None, terms) -> Markup:
    """`text` escaped, with every occurrence of the matched terms wrapped in <mark>."""
    text = (text or "")[:MAX_CHARS]
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(Markup("<mark>{}</mark>").format(match.group(0)))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)
