"""What the queue's search box searches: one document per finding (page title, address, listing
fields such as the seller, contacts, main text), normalised the same way as the query, so a
match is simply "the query is a substring of one field". Two FTS5 indexes serve it:
`finding_fts` (trigram) for queries of three characters or more, and `finding_grams`, the
document's distinct characters and character pairs, for one and two. SQLite's tokenizers
cannot emit CJK unigrams or bigrams, so the pairs are made here and fed to SQL as functions
that the schema's triggers call; every Store connection registers them.

The indexes hold what these functions returned when each row was written, and deleting from
the gram index needs the same grams again: a change to either function needs a migration that
rebuilds finding_docs and both indexes."""
import json
import sqlite3
import string
import unicodedata

FIELD_SEPARATOR = "\n"  # never inside a field or a query, so no match spans two fields
# trigram FTS cannot match fewer than three characters; the gram index answers those.
TRIGRAM_MIN_CHARS = 3
# finding_grams' tokenizer: every character but the space is a token character (ascii treats
# all non-ASCII ones so; tokenchars adds ASCII punctuation), so each gram is one token.
GRAMS_TOKENIZER = "ascii tokenchars '" + string.punctuation.replace("'", "''") + "'"


def normalize(text: str) -> str:
    """Lower case, whitespace runs as one space, control characters dropped."""
    folded = " ".join(str(text).lower().split())
    if folded.isprintable():
        return folded
    return "".join(c for c in folded if unicodedata.category(c) != "Cc")


def search_document(title: str | None, text: str | None, url: str | None,
                    details: str | None) -> str:
    """The searchable fields of one finding, normalised, one per line."""
    try:
        extra = json.loads(details) if details else {}
    except ValueError:
        extra = {}
    if not isinstance(extra, dict):
        extra = {}
    fields = [title, url]
    listing = extra.get("fields")
    if isinstance(listing, dict):
        fields += [v for v in listing.values() if isinstance(v, str)]
    contacts = extra.get("contacts")
    if isinstance(contacts, dict):
        fields += [v for values in contacts.values() if isinstance(values, list) for v in values]
    fields.append(text)
    parts = (normalize(f) for f in fields if f)
    return FIELD_SEPARATOR.join(dict.fromkeys(p for p in parts if p))


def search_grams(document: str | None) -> str:
    """Every distinct character and adjacent pair of `document`, space-separated (the FTS tokens).
    None holds a space: a query of one or two characters, trimmed, never does."""
    grams = set()
    for word in (document or "").split():
        grams.update(word)
        grams.update([word[i:i + 2] for i in range(len(word) - 1)])
    return " ".join(grams)


def fts_phrase(query: str) -> str:
    """An FTS5 query matching `query` literally (one trigram phrase, or one gram token)."""
    return '"' + query.replace('"', '""') + '"'


def register_search_functions(conn: sqlite3.Connection) -> None:
    conn.create_function("search_document", 4, search_document, deterministic=True)
    conn.create_function("search_grams", 1, search_grams, deterministic=True)
