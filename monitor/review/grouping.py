"""Clustering: findings that share a seller ID, a contact number or account, or a page
fingerprint (content or screenshot hash) form one group; reviewers' merges join groups and an
unmerge takes a finding out of automatic grouping. A group is named by its smallest finding id."""
import re

from storage import Store

SELLER_ID = re.compile(r"[A-Za-z0-9_\-]{4,}")


def finding_keys(finding: dict) -> set[str]:
    """The values that tie this finding to others; prefixed so a phone never matches a QQ number."""
    details = finding.get("details") or {}
    keys = set()
    seller = (details.get("fields") or {}).get("seller_id")
    if seller:
        match = SELLER_ID.search(str(seller).split("：")[-1])  # "卖家ID：u77120345"
        if match:
            keys.add(f"seller:{match.group(0).lower()}")
    for channel, values in (details.get("contacts") or {}).items():
        keys.update(f"contact:{channel}:{str(v).lower()}" for v in values)
    if finding.get("content_sha256"):
        keys.add(f"content:{finding['content_sha256']}")
    keys.update(f"screenshot:{sha}" for sha in finding.get("screenshots", ()))
    return keys


class _Forest:
    def __init__(self, ids):
        self.parent = {i: i for i in ids}

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id is the root, so a group's id is its smallest member
            self.parent[max(ra, rb)] = min(ra, rb)


def regroup(store: Store, *, actor: str = "system") -> int:
    """Refresh keys of new or re-assessed findings, recompute groups, write what changed.
    Returns how many findings changed group."""
    with store.transaction():
        pending = store.findings_to_key()
        if pending:
            store.set_finding_keys({f["id"]: finding_keys(f) for f in pending})
        findings, keys, links = store.grouping_inputs()
        pinned = {i for i, is_pinned, _ in findings if is_pinned}
        forest = _Forest(i for i, _, _ in findings)
        first_with_key: dict[str, int] = {}
        for finding_id, key in keys:
            if finding_id in pinned:
                continue
            if key in first_with_key:
                forest.union(first_with_key[key], finding_id)
            else:
                first_with_key[key] = finding_id
        for a, b in links:
            forest.union(a, b)
        changed = {i: forest.find(i) for i, _, group in findings if forest.find(i) != group}
        if changed:
            store.set_groups(changed, actor=actor)
        return len(changed)
