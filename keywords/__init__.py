"""Keyword engine: find how sellers of fake certificates write, and explain it.

    engine = Engine(builtin_lists().values())
    engine.match("电工证包过，加微").verdict  # "illegal_sale"
"""

from keywords.engine import Engine
from keywords.lists import KeywordFileError, builtin_lists, read_keyword_file
from keywords.model import CATEGORY_LABELS, Hit, Keyword, KeywordList, TextAssessment
from keywords.report import render_table

__all__ = [
    "CATEGORY_LABELS",
    "Engine",
    "Hit",
    "Keyword",
    "KeywordFileError",
    "KeywordList",
    "TextAssessment",
    "builtin_lists",
    "read_keyword_file",
    "render_table",
]
