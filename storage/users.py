"""Reviewer accounts and their login sessions. Passwords arrive hashed; tokens arrive hashed."""
from .clock import now


class UsersMixin:
    def add_user(self, name: str, role: str, password_hash: str, *, actor: str = "system") -> int:
        with self.transaction():
            user_id = self.db["users"].insert({
                "name": name, "role": role, "password_hash": password_hash,
                "created_at": now(), "active": 1}).last_pk
            self.audit(actor, "user.add", "user", name, {"role": role})
        return user_id

    def user(self, name: str) -> dict | None:
        rows = list(self.db["users"].rows_where("name = ?", [name]))
        return rows[0] if rows else None

    def user_by_id(self, user_id: int) -> dict | None:
        rows = list(self.db["users"].rows_where("id = ?", [user_id]))
        return rows[0] if rows else None

    def users(self) -> list[dict]:
        return list(self.db["users"].rows_where(order_by="name"))

    def update_user(self, name: str, actor: str, **values) -> None:
        """`values`: role, password_hash or active. Sessions end when a password or status changes."""
        with self.transaction():
            row = self.user(name)
            self.db["users"].update(row["id"], values)
            if "password_hash" in values or values.get("active") == 0:
                self.db.execute("DELETE FROM sessions WHERE user_id = ?", [row["id"]])
            shown = {k: v for k, v in values.items() if k != "password_hash"}
            if "password_hash" in values:
                shown["password"] = "changed"
            self.audit(actor, "user.update", "user", name, shown)

    def add_session(self, token_hash: str, user_id: int, csrf: str, expires_at: str) -> None:
        with self.transaction():
            self.db["sessions"].insert({"token_hash": token_hash, "user_id": user_id, "csrf": csrf,
                                        "created_at": now(), "expires_at": expires_at})

    def session(self, token_hash: str) -> dict | None:
        """The live session and its user, or None when expired, unknown or the user is disabled."""
        row = self.db.execute(
            "SELECT s.csrf, s.expires_at, u.id, u.name, u.role FROM sessions s "
            "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.active = 1 "
            "AND s.expires_at > ?", [token_hash, now()]).fetchone()
        if row is None:
            return None
        return dict(zip(("csrf", "expires_at", "user_id", "name", "role"), row))

    def end_session(self, token_hash: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM sessions WHERE token_hash = ? OR expires_at <= ?",
                            [token_hash, now()])
