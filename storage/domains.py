"""Domains looked at: lookalike candidates, their DNS answers and WHOIS records."""
from .clock import now
from .jsoncol import decode, dumps


class DomainsMixin:
    def save_domain(self, record: dict) -> None:
        """Upsert by `record['domain']`; `dns` and `whois` are JSON values, `whois_text` raw text."""
        self.save_domains([record])

    def save_domains(self, records: list[dict]) -> None:
        """`save_domain` for many records in one transaction: a lookalike scan stores thousands."""
        stamp = now()
        by_columns: dict[tuple, list[dict]] = {}  # upsert_all wants one set of columns per call
        for record in records:
            values = dict(record, checked_at=record.get("checked_at") or stamp)
            for column in ("dns", "whois"):
                if column in values:
                    values[column] = dumps(values[column])
            by_columns.setdefault(tuple(sorted(values)), []).append(values)
        with self.transaction():
            for rows in by_columns.values():
                self.db["domains"].upsert_all(rows, pk="domain", alter=False)

    def domain(self, name: str) -> dict | None:
        rows = list(self.db["domains"].rows_where("domain = ?", [name]))
        return decode(rows[0], "dns", "whois") if rows else None

    def domains(self, *, candidate_for: str | None = None, resolving: bool | None = None) -> list[dict]:
        clauses, params = [], []
        if candidate_for is not None:
            clauses.append("candidate_for = ?")
            params.append(candidate_for)
        if resolving is not None:
            clauses.append("resolves = ?")
            params.append(int(resolving))
        rows = self.db["domains"].rows_where(" AND ".join(clauses) or None, params,
                                             order_by="domain")
        return [decode(r, "dns", "whois") for r in rows]
