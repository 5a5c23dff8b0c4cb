"""JSON columns: stored as text with Chinese kept readable, decoded on the way out."""
import json


def dumps(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def loads(text: str | None):
    return None if text is None else json.loads(text)


def decode(row: dict | None, *columns: str) -> dict | None:
    if row is None:
        return None
    for column in columns:
        row[column] = loads(row.get(column))
    return row
