"""Campaigns and their crawl runs. A run that did not finish is resumed, not restarted."""
from .clock import now
from .jsoncol import decode, dumps

RUNNING, FINISHED = "running", "finished"


class CampaignsMixin:
    def save_campaign(self, name: str, *, unit: str, start: str, end: str, config: dict) -> int:
        stamp = now()
        with self.transaction():
            row = self.db.execute("SELECT id FROM campaigns WHERE name = ?", [name]).fetchone()
            values = {"unit": unit, "start": start, "end": end, "config": dumps(config),
                      "updated_at": stamp}
            if row:
                self.db["campaigns"].update(row[0], values)
                return row[0]
            return self.db["campaigns"].insert({"name": name, **values,
                                                "created_at": stamp}).last_pk

    def campaign(self, name: str) -> dict | None:
        rows = list(self.db["campaigns"].rows_where("name = ?", [name]))
        return decode(rows[0], "config") if rows else None

    def start_run(self, campaign_id: int, *, jobdir: str) -> int:
        with self.transaction():
            return self.db["crawl_runs"].insert({
                "campaign_id": campaign_id, "started_at": now(), "status": RUNNING,
                "jobdir": jobdir}).last_pk

    def unfinished_run(self, campaign_id: int) -> dict | None:
        """The latest run that was interrupted (Ctrl-C, kill, power loss), to be continued."""
        rows = list(self.db["crawl_runs"].rows_where(
            "campaign_id = ? AND status = ?", [campaign_id, RUNNING],
            order_by="id DESC", limit=1))
        return decode(rows[0], "stats") if rows else None

    def finish_run(self, run_id: int, *, stats: dict) -> None:
        with self.transaction():
            self.db["crawl_runs"].update(run_id, {"status": FINISHED, "finished_at": now(),
                                                  "stats": dumps(stats)})

    def run(self, run_id: int) -> dict | None:
        rows = list(self.db["crawl_runs"].rows_where("id = ?", [run_id]))
        return decode(rows[0], "stats") if rows else None
