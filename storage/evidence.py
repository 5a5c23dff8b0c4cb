"""Evidence files: content-addressed (named by SHA-256), written once, never overwritten.

Every file added is entered in the chain-of-custody log; captures (one per fetch of a page that
became a finding) group the files taken together with the facts of how they were taken."""
import functools
import hashlib
import os
from pathlib import Path

from .clock import now
from .jsoncol import decode, dumps
from .rows import insert

SYSTEM_ACTOR = "certsweep"
CAPTURE_FIELDS = ("canonical_url", "page_id", "url", "final_url", "method", "started_at",
                  "ended_at", "clock_source", "tool", "tool_version", "operator", "campaign",
                  "server_ip")


class EvidenceMixin:
    @functools.cached_property
    def evidence_dir(self) -> Path:
        return self.path.with_name(self.path.name + ".evidence")

    def add_evidence(self, data: bytes, *, kind: str, content_type: str, suffix: str,
                     finding_id: int | None = None, page_id: int | None = None,
                     capture_id: int | None = None, meta: dict | None = None,
                     actor: str = SYSTEM_ACTOR) -> dict:
        sha = hashlib.sha256(data).hexdigest()
        relative = f"{sha[:2]}/{sha}{suffix}"
        # Plain strings and os calls: a crawl adds several files per finding, and pathlib's
        # objects cost more than the checks themselves.
        path = os.path.join(self.evidence_dir, relative)
        if not os.path.exists(path):
            _write_new(path, data)
        row = {"finding_id": finding_id, "page_id": page_id, "capture_id": capture_id, "kind": kind,
               "sha256": sha, "path": relative, "size": len(data),
               "content_type": content_type, "captured_at": now(), "meta": dumps(meta or {})}
        with self.transaction():
            row["id"] = insert(self.db, "evidence", row)
            self.append_custody(actor, "evidence.add", "evidence", row["id"], sha256=sha,
                                details={"kind": kind, "size": len(data), "path": row["path"],
                                         "capture_id": capture_id, "finding_id": finding_id})
        return row

    def evidence(self, finding_id: int) -> list[dict]:
        return list(self.db["evidence"].rows_where("finding_id = ?", [finding_id], order_by="id"))

    def evidence_of_captures(self, capture_ids: list[int]) -> list[dict]:
        marks = ",".join("?" * len(capture_ids))
        return list(self.db["evidence"].rows_where(f"capture_id IN ({marks})", list(capture_ids),
                                                   order_by="id"))

    def all_evidence(self) -> list[dict]:
        return list(self.db["evidence"].rows_where(order_by="id"))

    def evidence_file(self, row: dict) -> Path:
        return self.evidence_dir / row["path"]

    def add_capture(self, capture: dict, *, actor: str = SYSTEM_ACTOR) -> int:
        """`capture`: the CAPTURE_FIELDS, `path` (navigation steps) and `facts` (JSON values)."""
        values = {k: capture.get(k) for k in CAPTURE_FIELDS}
        values["path"] = dumps(capture.get("path", []))
        values["facts"] = dumps(capture.get("facts", {}))
        with self.transaction():
            capture_id = insert(self.db, "captures", values)
            self.append_custody(actor, "capture.add", "capture", capture_id,
                                details={"url": values["url"], "method": values["method"],
                                         "started_at": values["started_at"]})
        return capture_id

    def captures(self, canonical_url: str) -> list[dict]:
        rows = self.db["captures"].rows_where("canonical_url = ?", [canonical_url], order_by="id")
        return [decode(r, "path", "facts") for r in rows]


def _write_new(path: str, data: bytes) -> None:
    """Written under a temporary name and renamed: a crash never leaves a half-written file under
    the real name. Its folder is made the first time one is missing."""
    tmp = path + ".part"
    try:
        fh = open(tmp, "wb")
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fh = open(tmp, "wb")
    with fh:
        fh.write(data)
    os.replace(tmp, path)
