"""Checking the chain of custody: every row sealed by the one before, every evidence file entered
in the log and still holding the bytes whose SHA-256 the log recorded."""
import hashlib

from storage import Store
from storage.custody import GENESIS, custody_row_hash


def chain_problems(rows: list[dict]) -> list[str]:
    """Rows in id order, as stored. An edited row fails its own hash; a deleted one breaks the
    link from the row after it."""
    problems, previous = [], GENESIS
    for row in rows:
        if row["prev_hash"] != previous:
            problems.append(f"保管记录 #{row['id']} 之前的记录被删除或改动（前序哈希不符）")
        if custody_row_hash(row) != row["row_hash"]:
            problems.append(f"保管记录 #{row['id']} 内容被改动（记录哈希不符）")
        previous = row["row_hash"]
    return problems


def verify_store(store: Store) -> list[str]:
    """Problems with the database's evidence, in Chinese; empty when all is intact."""
    rows = store.custody_log()
    problems = chain_problems(rows)
    logged = {r["object_id"]: r["sha256"] for r in rows if r["object_type"] == "evidence"}
    for evidence in store.all_evidence():
        name = f"证据 #{evidence['id']}（{evidence['kind']}，{evidence['path']}）"
        if logged.get(str(evidence["id"])) != evidence["sha256"]:
            problems.append(f"{name}没有对应的保管记录")
        path = store.evidence_file(evidence)
        if not path.exists():
            problems.append(f"{name}文件缺失")
        elif _sha256_file(path) != evidence["sha256"]:
            problems.append(f"{name}文件内容与采集时的 SHA-256 不符")
    return problems


def _sha256_file(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
