"""Evidence files: content-addressed (named by SHA-256), written once, never overwritten."""
import hashlib
import os
from pathlib import Path

from .clock import now
from .jsoncol import dumps


class EvidenceMixin:
    @property
    def evidence_dir(self) -> Path:
        return self.path.with_name(self.path.name + ".evidence")

    def add_evidence(self, data: bytes, *, kind: str, content_type: str, suffix: str,
                     finding_id: int | None = None, page_id: int | None = None,
                     meta: dict | None = None) -> dict:
        sha = hashlib.sha256(data).hexdigest()
        path = self.evidence_dir / sha[:2] / f"{sha}{suffix}"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(path.suffix + ".part")
            tmp.write_bytes(data)
            os.replace(tmp, path)  # a crash never leaves a half-written file under the real name
        row = {"finding_id": finding_id, "page_id": page_id, "kind": kind, "sha256": sha,
               "path": str(path.relative_to(self.evidence_dir)), "size": len(data),
               "content_type": content_type, "captured_at": now(), "meta": dumps(meta or {})}
        with self.transaction():
            row["id"] = self.db["evidence"].insert(row).last_pk
        return row

    def evidence(self, finding_id: int) -> list[dict]:
        return list(self.db["evidence"].rows_where("finding_id = ?", [finding_id], order_by="id"))
