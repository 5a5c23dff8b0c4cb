"""`certsweep demo`, the README's main job, end to end on its built-in world (without serving)."""
import sqlite3
import subprocess
import sys


def test_the_demo_finds_both_fake_portals_and_the_sales_with_evidence(tmp_path):
    db = tmp_path / "demo.db"
    result = subprocess.run([sys.executable, "-m", "certsweep", "demo", "--no-serve", "--db", str(db)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "错误 0 次" in result.stdout and f"结果已保存到 {db}" in result.stdout
    conn = sqlite3.connect(db)
    kinds = dict(conn.execute("SELECT kind, count(*) FROM findings GROUP BY kind").fetchall())
    assert kinds == {"fake_portal": 2, "illegal_sale": 13}
    portals = {host for (host,) in conn.execute(
        "SELECT pages.host FROM findings JOIN pages ON pages.id = findings.page_id WHERE kind = 'fake_portal'")}
    assert portals == {"cx-mem-gov.top", "zlaq-mohurd.top"}
    uncaptured = conn.execute("SELECT count(*) FROM findings WHERE canonical_url NOT IN "
                              "(SELECT canonical_url FROM captures)").fetchone()[0]
    assert uncaptured == 0
