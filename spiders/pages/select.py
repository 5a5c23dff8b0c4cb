"""Campaign selectors are CSS unless written `xpath:...`.

Page objects read a page with a handful of expressions, each compiled once and evaluated on the
response's parsed tree. Going through parsel (a Selector and a SelectorList for every match, for
strings that are used once) cost several times the evaluation itself."""
from functools import lru_cache

from lxml import etree
from parsel import Selector
from parsel.csstranslator import HTMLTranslator

_CSS = HTMLTranslator()


@lru_cache(maxsize=512)
def _compiled(expression: str) -> etree.XPath:
    if expression.startswith("xpath:"):
        query = expression.removeprefix("xpath:")
    else:
        query = _CSS.css_to_xpath(expression.removeprefix("css:"))
    # parsel's namespaces (EXSLT re:, set:), so expressions mean what they mean to parsel.
    return etree.XPath(query, namespaces=Selector._default_namespaces, smart_strings=False)


def nodes(node, expression: str) -> list[etree._Element]:
    """The elements `expression` matches under `node` (a Selector, a response or an element)."""
    return [match for match in _evaluate(node, expression) if isinstance(match, etree._Element)]


def texts(node, expression: str) -> list[str]:
    """What parsel's `.css(expression).getall()` returns: matched strings as they are, elements
    as HTML, booleans as "1"/"0"."""
    return [_serialized(match) for match in _evaluate(node, expression)]


def first(node, expression: str) -> str | None:
    """The first match as text, as parsel's `.get()`."""
    matches = _evaluate(node, expression)
    return _serialized(matches[0]) if matches else None


def matched(node, expression: str) -> bool:
    """Whether `expression` matches anything under `node`, as `bool()` of parsel's result."""
    return bool(_evaluate(node, expression))


def first_text(node, expression: str | None) -> str | None:
    """Every non-blank match, stripped and joined by spaces; None for none."""
    if not expression:
        return None
    values = [value.strip() for value in texts(node, expression) if value.strip()]
    return " ".join(values) if values else None


def _evaluate(node, expression: str) -> list:
    root = node if isinstance(node, etree._Element) else getattr(node, "selector", node).root
    result = _compiled(expression)(root)
    return result if isinstance(result, list) else [result]


def _serialized(match) -> str:
    if isinstance(match, str):
        return match
    if isinstance(match, bool):
        return "1" if match else "0"
    if isinstance(match, etree._Element):
        return etree.tostring(match, method="html", encoding="unicode", with_tail=False)
    return str(match)
