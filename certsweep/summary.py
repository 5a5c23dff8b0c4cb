"""The tables printed after a crawl or the demo."""
from rich.console import Console
from rich.table import Table

from monitor.reports.labels import kind_label
from monitor.routing import QUEUE_LABELS

def print_run_summary(settings, summary) -> None:
    console = Console()
    console.line()  # the progress display may end mid-line when output is not a terminal
    fetched = sum(s.get("response_received_count", 0) for s in summary.stats.values())
    stored = sum(s.get("certsweep/pages_stored", 0) for s in summary.stats.values())
    errors = sum(s.get("certsweep/errors", 0) for s in summary.stats.values())
    state = "已完成" if summary.finished else "未完成"
    console.print(f"第 {summary.run_id} 轮巡查{'（断点续跑）' if summary.resumed else ''}{state}："
                  f"抓取 {fetched} 页，入库 {stored} 页，错误 {errors} 次")
    table = Table(title="发现汇总", show_lines=False)
    for column in ("类别", "审核队列", "数量", "最高风险"):
        table.add_column(column)
    with settings.open_store() as store:
        rows = store.db.execute(
            "SELECT kind, queue, count(*), max(risk) FROM findings GROUP BY kind, queue "
            "ORDER BY max(risk) DESC").fetchall()
    for kind, queue, count, risk in rows:
        table.add_row(kind_label(kind), QUEUE_LABELS.get(queue, queue or "-"),
                      str(count), str(risk))
    console.print(table)
