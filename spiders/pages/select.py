"""Campaign selectors are CSS unless written `xpath:...`."""
from parsel import Selector, SelectorList


def select(node: Selector, expression: str) -> SelectorList:
    if expression.startswith("xpath:"):
        return node.xpath(expression.removeprefix("xpath:"))
    return node.css(expression.removeprefix("css:"))


def first_text(node: Selector, expression: str | None) -> str | None:
    if not expression:
        return None
    values = [v.strip() for v in select(node, expression).getall() if v.strip()]
    return " ".join(values) if values else None
