"""Keyword engine: find how sellers of fake certificates write, and explain it.

    engine = Engine(builtin_lists().values())
    engine.match("电工证包过，加微").verdict  # "illegal_sale"
"""

import importlib

# Name → module. Imported on first use (PEP 562): the engine loads jieba and pypinyin, which the
# crawl process, needing only the lists for its search terms, never uses.
_EXPORTS = {
    "Engine": "keywords.engine",
    "KeywordFileError": "keywords.lists", "builtin_lists": "keywords.lists",
    "read_keyword_file": "keywords.lists",
    "CATEGORY_LABELS": "keywords.model", "Hit": "keywords.model", "Keyword": "keywords.model",
    "KeywordList": "keywords.model", "TextAssessment": "keywords.model",
    "render_table": "keywords.report",
}


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


__all__ = sorted(_EXPORTS)
