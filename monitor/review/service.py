"""The review service: every change a reviewer makes, checked against the rules, written with its
history and audit entry in one transaction. The web app and the CLI both go through here."""
from dataclasses import dataclass, field

from storage import Store
from storage.queues import FindingFilter

from .access import Reviewer, may_take, scope_for
from .grouping import regroup
from .states import ACTIONS, ADMIN, RESOLUTIONS, status_label


class ReviewError(Exception):
    """A change the rules refuse; the message is for the user (Chinese)."""


class NotVisible(ReviewError):
    """The finding does not exist for this reviewer (absent, or another agency's)."""


@dataclass
class Outcome:
    done: list[int] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)  # id -> why

    def summary(self) -> str:
        text = f"已处理 {len(self.done)} 条"
        if self.skipped:
            text += f"，跳过 {len(self.skipped)} 条（{next(iter(self.skipped.values()))}）"
        return text


class ReviewService:
    def __init__(self, store: Store):
        self.store = store

    def visible(self, reviewer: Reviewer, finding_id: int) -> dict:
        finding = self.store.scoped_finding(scope_for(reviewer), finding_id)
        if finding is None:
            raise NotVisible(f"没有编号为 {finding_id} 的发现，或无权查看")
        return finding

    def expand_groups(self, reviewer: Reviewer, ids: list[int]) -> list[int]:
        """The ids plus every visible member of their groups: a bulk action covers whole groups."""
        scope = scope_for(reviewer)
        rows = self.store.list_findings(scope, FindingFilter(ids=tuple(ids)), limit=len(ids) or 1)
        groups = {r["group_id"] for r in rows if r["group_id"] is not None}
        out = set(r["id"] for r in rows)
        for group_id in groups:
            out.update(self.store.finding_ids(scope, FindingFilter(group_id=group_id)))
        return sorted(out)

    def act(self, reviewer: Reviewer, ids: list[int], action: str, *, comment: str = "",
            resolution: str | None = None, strict: bool = True) -> Outcome:
        """Apply `action` to each finding. strict: refuse all if any one is not allowed (single
        record pages); otherwise skip those and report why (bulk)."""
        spec = ACTIONS.get(action)
        if spec is None:
            raise ReviewError(f"未知操作：{action}")
        comment = comment.strip()
        if spec.needs_comment and not comment:
            raise ReviewError(f"“{spec.label}”需要填写说明")
        if resolution is not None and resolution not in spec.resolutions:
            choices = "、".join(f"{r}（{RESOLUTIONS[r]}）" for r in spec.resolutions) or "无"
            raise ReviewError(f"“{spec.label}”的处理结论只能是：{choices}")
        outcome, changes = Outcome(), []
        with self.store.transaction():
            rows = {r["id"]: r for r in self.store.list_findings(
                scope_for(reviewer), FindingFilter(ids=tuple(ids)), limit=max(len(ids), 1))}
            for finding_id in ids:
                row = rows.get(finding_id)
                if row is None:
                    outcome.skipped[finding_id] = "不存在或无权查看"
                elif not may_take(reviewer, row, action):
                    outcome.skipped[finding_id] = (
                        f"{status_label(row['status'])}状态下不能“{spec.label}”" if reviewer.role in spec.roles
                        else f"{reviewer.role_label}无权“{spec.label}”")
                else:
                    assignee = row["assignee"] or (reviewer.name if action == "start_review" else None)
                    changes.append({"id": finding_id, "from_status": row["status"], "to_status": spec.target,
                                    "resolution": resolution or (spec.resolutions[0] if spec.resolutions
                                                                 else row["resolution"]),
                                    "assignee": assignee})
                    outcome.done.append(finding_id)
            if strict and outcome.skipped:
                finding_id, why = next(iter(outcome.skipped.items()))
                if why == "不存在或无权查看":
                    raise NotVisible(f"没有编号为 {finding_id} 的发现，或无权查看")
                raise ReviewError(f"发现 {finding_id}：{why}")
            if changes:
                self.store.apply_transitions(changes, actor=reviewer.name, action=action, comment=comment)
        return outcome

    def assign(self, reviewer: Reviewer, ids: list[int], assignee: str | None) -> None:
        """Assign to a colleague of the same agency (admin: anyone), or None to release."""
        for finding_id in ids:
            self.visible(reviewer, finding_id)
        if assignee is not None:
            user = self.store.user(assignee)
            if user is None or not user["active"]:
                raise ReviewError(f"没有名为 {assignee} 的用户")
            if reviewer.role != ADMIN and assignee != reviewer.name and user["role"] != reviewer.role:
                raise ReviewError(f"只能指派给本单位的审核人员，{assignee} 不是")
        self.store.assign_findings(ids, assignee, actor=reviewer.name)

    def comment(self, reviewer: Reviewer, finding_id: int, body: str) -> int:
        self.visible(reviewer, finding_id)
        if not body.strip():
            raise ReviewError("评论不能为空")
        return self.store.add_comment(finding_id, reviewer.name, body.strip())

    def tag(self, reviewer: Reviewer, ids: list[int], tag: str, *, remove: bool = False) -> None:
        tag = tag.strip()
        if not tag or len(tag) > 20:
            raise ReviewError("标签应为 1 到 20 个字")
        for finding_id in ids:
            self.visible(reviewer, finding_id)
        self.store.tag_findings(ids, tag, actor=reviewer.name, remove=remove)

    def merge(self, reviewer: Reviewer, ids: list[int]) -> int:
        """Put the findings in one group; returns its id."""
        if len(ids) < 2:
            raise ReviewError("合并至少需要两条发现")
        for finding_id in ids:
            self.visible(reviewer, finding_id)
        with self.store.transaction():
            self.store.link_findings([(ids[0], other) for other in ids[1:]], actor=reviewer.name)
            regroup(self.store, actor=reviewer.name)
        return self.store.finding(ids[0])["group_id"]

    def unmerge(self, reviewer: Reviewer, finding_id: int) -> None:
        self.visible(reviewer, finding_id)
        with self.store.transaction():
            self.store.detach_finding(finding_id, actor=reviewer.name)
            regroup(self.store, actor=reviewer.name)
