"""Schema history. Every change is a new migration appended here; released ones are never edited."""
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .search import GRAMS_TOKENIZER

MIGRATIONS = Migrations("certsweep")
MIGRATION_NAMES: list[str] = []  # in order


def migration(fn):
    MIGRATION_NAMES.append(fn.__name__)
    return MIGRATIONS()(fn)


@migration
def m001_core(db: Database) -> None:
    db["campaigns"].create(
        {"id": int, "name": str, "unit": str, "start": str, "end": str,
         "config": str, "created_at": str, "updated_at": str},
        pk="id", not_null={"name"},
    )
    db["campaigns"].create_index(["name"], unique=True)
    db["crawl_runs"].create(
        {"id": int, "campaign_id": int, "started_at": str, "finished_at": str,
         "status": str, "jobdir": str, "stats": str},
        pk="id", foreign_keys=[("campaign_id", "campaigns", "id")],
    )
    db["pages"].create(
        {"id": int, "canonical_url": str, "url": str, "final_url": str, "host": str,
         "status": int, "content_type": str, "encoding": str, "content_sha256": str,
         "title": str, "text": str, "source": str, "rendered": int, "run_id": int,
         "first_seen": str, "last_seen": str, "fetched_at": str, "fetch_count": int},
        pk="id", not_null={"canonical_url"},
    )
    db["pages"].create_index(["canonical_url"], unique=True)
    db["pages"].create_index(["content_sha256"])
    db["pages"].create_index(["host"])
    db["findings"].create(
        {"id": int, "canonical_url": str, "page_id": int, "campaign_id": int,
         "kind": str, "source": str, "verdict": str, "risk": int, "reasons": str,
         "portal_id": str, "similarity": float, "details": str,
         "status": str, "resolution": str, "queue": str, "group_id": int,
         "assignee": str, "priority": int, "first_seen": str, "last_seen": str,
         "status_changed_at": str, "updated_at": str},
        pk="id", not_null={"canonical_url"},
        foreign_keys=[("page_id", "pages", "id"), ("campaign_id", "campaigns", "id")],
    )
    db["findings"].create_index(["canonical_url"], unique=True)
    db["findings"].create_index(["queue", "status"])
    db["keyword_hits"].create(
        {"id": int, "finding_id": int, "keyword": str, "category": str, "matched": str,
         "start": int, "end": int, "rule": str, "region": str, "weight": float},
        pk="id", foreign_keys=[("finding_id", "findings", "id")],
    )
    db["keyword_hits"].create_index(["finding_id"])
    db["domains"].create(
        {"domain": str, "registered_domain": str, "candidate_for": str, "rule": str,
         "resolves": int, "dns": str, "whois_text": str, "whois": str,
         "registrar": str, "creation_date": str, "registrant_hidden": int,
         "checked_at": str},
        pk="domain",
    )
    db["portals"].create(
        {"id": str, "name": str, "url": str, "added_at": str, "origin": str}, pk="id",
    )
    db["portal_fingerprints"].create(
        {"id": int, "portal_id": str, "url": str, "enrolled_at": str,
         "fingerprint": str, "fingerprint_sha256": str},
        pk="id",
    )
    db["portal_fingerprints"].create_index(["portal_id", "enrolled_at"])
    db["evidence"].create(
        {"id": int, "finding_id": int, "page_id": int, "kind": str, "sha256": str,
         "path": str, "size": int, "content_type": str, "captured_at": str, "meta": str},
        pk="id",
    )
    db["evidence"].create_index(["finding_id"])
    db["users"].create(
        {"id": int, "name": str, "role": str, "password_hash": str,
         "created_at": str, "active": int},
        pk="id", not_null={"name", "role"},
    )
    db["users"].create_index(["name"], unique=True)
    db["reviews"].create(
        {"id": int, "finding_id": int, "actor": str, "action": str, "from_status": str,
         "to_status": str, "comment": str, "at": str},
        pk="id", foreign_keys=[("finding_id", "findings", "id")],
    )
    db["reviews"].create_index(["finding_id"])
    db["audit_log"].create(
        {"id": int, "at": str, "actor": str, "action": str, "object_type": str,
         "object_id": str, "details": str},
        pk="id",
    )
    # Append-only: the log is evidence of who did what, so the database refuses edits.
    db.execute("""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")
    db.execute("""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")


@migration
def m002_keyword_lists(db: Database) -> None:
    db["keyword_lists"].create(
        {"id": int, "name": str, "version": int, "source": str, "imported_at": str},
        pk="id", not_null={"name", "version"},
    )
    db["keyword_lists"].create_index(["name", "version"], unique=True)
    db["keyword_entries"].create(
        {"list_id": int, "term": str, "category": str, "weight": float},
        foreign_keys=[("list_id", "keyword_lists", "id")],
    )
    db["keyword_entries"].create_index(["list_id"])


@migration
def m003_page_search(db: Database) -> None:
    # trigram handles Chinese without a segmenter; queries under 3 characters fall back to instr().
    db.execute("""CREATE VIRTUAL TABLE pages_fts USING fts5(
                    title, text, content='pages', content_rowid='id', tokenize='trigram')""")
    db.execute("INSERT INTO pages_fts(rowid, title, text) SELECT id, title, text FROM pages")
    db.execute("""CREATE TRIGGER pages_fts_insert AFTER INSERT ON pages BEGIN
                    INSERT INTO pages_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
                  END""")
    db.execute("""CREATE TRIGGER pages_fts_delete AFTER DELETE ON pages BEGIN
                    INSERT INTO pages_fts(pages_fts, rowid, title, text)
                    VALUES ('delete', old.id, old.title, old.text);
                  END""")
    db.execute("""CREATE TRIGGER pages_fts_update AFTER UPDATE OF title, text ON pages BEGIN
                    INSERT INTO pages_fts(pages_fts, rowid, title, text)
                    VALUES ('delete', old.id, old.title, old.text);
                    INSERT INTO pages_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
                  END""")


@migration
def m004_portal_details(db: Database) -> None:
    db["portals"].add_column("authority", str)
    db["portals"].add_column("render", int)


@migration
def m005_review(db: Database) -> None:
    # Review state beyond what m001 gave findings: manual grouping decisions and the keys
    # (seller, contact, page fingerprint) that cluster findings automatically.
    db["findings"].add_column("group_pinned", int, not_null_default=0)
    db["findings"].add_column("grouped_at", str)
    for columns in (["queue", "status", "risk"], ["status", "risk"], ["status", "status_changed_at"],
                    ["group_id"], ["campaign_id"], ["kind"], ["source"], ["first_seen"],
                    ["assignee"], ["page_id"], ["risk"]):
        db["findings"].create_index(columns)
    db["reviews"].create_index(["at"])
    db["comments"].create(
        {"id": int, "finding_id": int, "author": str, "body": str, "at": str},
        pk="id", not_null={"finding_id", "author", "body"},
        foreign_keys=[("finding_id", "findings", "id")],
    )
    db["comments"].create_index(["finding_id"])
    db["finding_tags"].create(
        {"finding_id": int, "tag": str, "added_by": str, "at": str},
        pk=("finding_id", "tag"), foreign_keys=[("finding_id", "findings", "id")],
    )
    db["finding_tags"].create_index(["tag"])
    db["finding_keys"].create({"finding_id": int, "key": str}, pk=("finding_id", "key"),
                              foreign_keys=[("finding_id", "findings", "id")])
    db["finding_keys"].create_index(["key"])
    db["finding_links"].create(
        {"id": int, "a": int, "b": int, "actor": str, "at": str}, pk="id",
        foreign_keys=[("a", "findings", "id"), ("b", "findings", "id")],
    )
    db["sessions"].create(
        {"token_hash": str, "user_id": int, "csrf": str, "created_at": str, "expires_at": str},
        pk="token_hash", foreign_keys=[("user_id", "users", "id")],
    )
    db["sessions"].create_index(["user_id"])


@migration
def m006_evidence(db: Database) -> None:
    # One row per capture of a page; a later fetch adds a capture, never replaces one.
    db["captures"].create(
        {"id": int, "canonical_url": str, "page_id": int, "url": str, "final_url": str,
         "method": str, "started_at": str, "ended_at": str, "clock_source": str, "tool": str,
         "tool_version": str, "operator": str, "campaign": str, "path": str, "server_ip": str,
         "facts": str},
        pk="id", not_null={"canonical_url"},
    )
    db["captures"].create_index(["canonical_url"])
    db["evidence"].add_column("capture_id", int)
    db["evidence"].create_index(["capture_id"])
    # Chain of custody: each row carries the hash of the one before, so an edit shows.
    db["custody_log"].create(
        {"id": int, "at": str, "actor": str, "action": str, "object_type": str,
         "object_id": str, "sha256": str, "details": str, "prev_hash": str, "row_hash": str},
        pk="id", not_null={"row_hash"},
    )
    for table in ("captures", "custody_log"):
        for verb in ("UPDATE", "DELETE"):
            db.execute(f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
                           BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""")


# A finding's search document (storage.search.search_document) from its row and its page.
_DOCUMENT = ("SELECT f.id, search_document(p.title, p.text, f.canonical_url, f.details) "
             "FROM findings f LEFT JOIN pages p ON p.id = f.page_id")
# An upsert, not REPLACE: REPLACE's implicit delete would skip finding_docs' delete trigger.
_REFRESH = "ON CONFLICT(finding_id) DO UPDATE SET doc = excluded.doc"


@migration
def m007_queue_search(db: Database) -> None:
    # Queue search per finding (storage/search.py): the document, its trigram index for 3+
    # characters and its character/pair index for 1-2, kept in step by triggers.
    db.execute("CREATE TABLE finding_docs (finding_id INTEGER PRIMARY KEY, doc TEXT NOT NULL)")
    db.execute("""CREATE VIRTUAL TABLE finding_fts USING fts5(doc, content='finding_docs',
                    content_rowid='finding_id', tokenize='trigram case_sensitive 1')""")
    # detail=none: a gram query is one token, so positions would only cost space.
    tokenizer = GRAMS_TOKENIZER.replace("'", "''")
    db.execute(f"""CREATE VIRTUAL TABLE finding_grams USING fts5(grams, content='', detail=none,
                     tokenize='{tokenizer}')""")
    add = ("INSERT INTO finding_fts(rowid, doc) VALUES (new.finding_id, new.doc); "
           "INSERT INTO finding_grams(rowid, grams) VALUES (new.finding_id, search_grams(new.doc));")
    remove = ("INSERT INTO finding_fts(finding_fts, rowid, doc) VALUES ('delete', old.finding_id, old.doc); "
              "INSERT INTO finding_grams(finding_grams, rowid, grams) "
              "VALUES ('delete', old.finding_id, search_grams(old.doc));")
    db.execute(f"CREATE TRIGGER finding_docs_insert AFTER INSERT ON finding_docs BEGIN {add} END")
    db.execute(f"CREATE TRIGGER finding_docs_delete AFTER DELETE ON finding_docs BEGIN {remove} END")
    db.execute(f"""CREATE TRIGGER finding_docs_update AFTER UPDATE OF doc ON finding_docs
                   WHEN old.doc IS NOT new.doc BEGIN {remove} {add} END""")
    db.execute(f"""CREATE TRIGGER findings_doc_insert AFTER INSERT ON findings BEGIN
                     INSERT INTO finding_docs(finding_id, doc) {_DOCUMENT} WHERE f.id = new.id;
                   END""")
    db.execute(f"""CREATE TRIGGER findings_doc_update AFTER UPDATE OF page_id, canonical_url, details ON findings
                   WHEN old.page_id IS NOT new.page_id OR old.canonical_url IS NOT new.canonical_url
                        OR old.details IS NOT new.details BEGIN
                     INSERT INTO finding_docs(finding_id, doc) {_DOCUMENT} WHERE f.id = new.id {_REFRESH};
                   END""")
    db.execute("""CREATE TRIGGER findings_doc_delete AFTER DELETE ON findings BEGIN
                    DELETE FROM finding_docs WHERE finding_id = old.id;
                  END""")
    db.execute(f"""CREATE TRIGGER pages_finding_doc_update AFTER UPDATE OF title, text ON pages
                   WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN
                     INSERT INTO finding_docs(finding_id, doc) {_DOCUMENT} WHERE f.page_id = new.id {_REFRESH};
                   END""")
    db.execute(f"INSERT INTO finding_docs(finding_id, doc) {_DOCUMENT}")
    # Keyset paging compares (sort value, id); a NULL risk would fall out of every page.
    db.execute("UPDATE findings SET risk = 0 WHERE risk IS NULL")
    # Counts under any combination of filters read only this index; the next ones let each
    # sort walk one agency's queue (or all, for admin) in order, so a page needs no sorting.
    db["findings"].create_index(["queue", "status", "kind", "source", "risk", "campaign_id", "assignee",
                                 "first_seen", "status_changed_at"], index_name="idx_findings_filters")
    for columns in (["queue", "risk"], ["queue", "first_seen"], ["queue", "status_changed_at"],
                    ["status_changed_at"]):
        db["findings"].create_index(columns)
    db.execute("DROP INDEX idx_findings_queue_status")  # a prefix of (queue, status, risk)


SCHEMA_VERSION = len(MIGRATION_NAMES)
KNOWN_MIGRATIONS = frozenset(MIGRATION_NAMES)
