"""Fetched pages, one row per canonical URL, and Chinese full-text search over them."""
from dataclasses import dataclass

from .clock import now
from .search import TRIGRAM_MIN_CHARS, fts_phrase

PAGE_FIELDS = ("url", "final_url", "host", "status", "content_type", "encoding",
               "content_sha256", "title", "text", "source", "rendered", "run_id", "fetched_at")


@dataclass(frozen=True)
class PageWrite:
    id: int
    created: bool
    content_changed: bool


class PagesMixin:
    def save_page(self, page: dict) -> PageWrite:
        """Insert or refresh the page at `page['canonical_url']`; a re-fetch never duplicates it."""
        stamp = now()
        values = {k: page[k] for k in PAGE_FIELDS if k in page}
        values.setdefault("fetched_at", stamp)
        # Plain SQL: a crawl saves every page it fetches, and sqlite-utils' insert and update
        # look the table up in sqlite_master each time.
        with self.transaction():
            row = self.db.execute(
                "SELECT id, content_sha256 FROM pages WHERE canonical_url = ?",
                [page["canonical_url"]]).fetchone()
            if row is None:
                columns = ["canonical_url", *values, "first_seen", "last_seen", "fetch_count"]
                page_id = self.db.execute(
                    f"INSERT INTO pages ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                    [page["canonical_url"], *values.values(), stamp, stamp, 1]).lastrowid
                return PageWrite(page_id, True, True)
            page_id, old_sha = row
            self.db.execute(
                f"UPDATE pages SET {''.join(f'{k} = ?, ' for k in values)}last_seen = ?, "
                "fetch_count = fetch_count + 1 WHERE id = ?", [*values.values(), stamp, page_id])
            return PageWrite(page_id, False, old_sha != values.get("content_sha256", old_sha))

    def page(self, page_id: int) -> dict | None:
        rows = list(self.db["pages"].rows_where("id = ?", [page_id]))
        return rows[0] if rows else None

    def stored_in_run(self, canonical_url: str, run_id: int) -> bool:
        """Asked before every page request of a resumed crawl: an index lookup, no row fetched."""
        return self.db.execute("SELECT 1 FROM pages WHERE canonical_url = ? AND run_id = ?",
                               [canonical_url, run_id]).fetchone() is not None

    def search_pages(self, query: str, *, limit: int = 50) -> list[dict]:
        """Pages whose title or text contain `query` (a literal substring, any length)."""
        query = query.strip()
        if not query:
            return []
        columns = "p.id, p.canonical_url, p.title, p.host, p.last_seen"
        if len(query) >= TRIGRAM_MIN_CHARS:
            sql = (f"SELECT {columns} FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid "
                   "WHERE pages_fts MATCH ? ORDER BY rank LIMIT ?")
            params = [fts_phrase(query), limit]
        else:
            sql = (f"SELECT {columns} FROM pages p WHERE instr(p.title, ?) OR instr(p.text, ?) "
                   "ORDER BY p.last_seen DESC LIMIT ?")
            params = [query, query, limit]
        return [dict(zip(("id", "canonical_url", "title", "host", "last_seen"), r))
                for r in self.db.execute(sql, params).fetchall()]
