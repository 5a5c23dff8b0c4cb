"""Ministry-provided keyword lists imported by users, kept as numbered versions."""
from .clock import now


class KeywordListsMixin:
    def save_keyword_list(self, name: str, entries: list[dict], source: str) -> int:
        """Store `entries` (term, category, weight) as the next version of list `name`."""
        with self.transaction():
            current = self.db.execute("SELECT max(version) FROM keyword_lists WHERE name = ?",
                                      [name]).fetchone()[0] or 0
            list_id = self.db["keyword_lists"].insert({
                "name": name, "version": current + 1, "source": source,
                "imported_at": now()}).last_pk
            self.db["keyword_entries"].insert_all(
                {"list_id": list_id, "term": e["term"], "category": e["category"],
                 "weight": e["weight"]} for e in entries)
        return current + 1

    def keyword_lists(self) -> list[dict]:
        return [dict(zip(("name", "version", "count", "imported_at", "source"), r))
                for r in self.db.execute(
                    "SELECT l.name, l.version, count(e.list_id), l.imported_at, l.source "
                    "FROM keyword_lists l LEFT JOIN keyword_entries e ON e.list_id = l.id "
                    "GROUP BY l.id ORDER BY l.name, l.version").fetchall()]

    def keyword_list(self, name: str, version: int | None = None) -> dict | None:
        sql = "SELECT id, version FROM keyword_lists WHERE name = ?"
        params: list = [name]
        if version is not None:
            sql += " AND version = ?"
            params.append(version)
        row = self.db.execute(sql + " ORDER BY version DESC LIMIT 1", params).fetchone()
        if row is None:
            return None
        entries = [{"term": t, "category": c, "weight": w} for t, c, w in self.db.execute(
            "SELECT term, category, weight FROM keyword_entries WHERE list_id = ? ORDER BY rowid",
            [row[0]]).fetchall()]
        return {"name": name, "version": row[1], "entries": entries}
