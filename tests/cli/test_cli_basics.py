"""The CLI as a user runs it: a real process, exit codes, Chinese messages, no tracebacks."""
import sqlite3
import subprocess
import sys

from storage import SCHEMA_VERSION


def certsweep(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "certsweep", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


def test_help_lists_commands_in_chinese():
    result = certsweep("--help")
    assert result.returncode == 0
    for command in ("init", "campaign"):
        assert command in result.stdout
    assert "创建数据库" in result.stdout


def test_help_lists_every_command_and_a_crawl_imports_only_its_own():
    """Commands are imported when they run, so `crawl` does not pay for the report charts."""
    from certsweep.cli import cli
    from certsweep.commands import COMMANDS
    help_text = certsweep("--help").stdout
    for name in COMMANDS:
        assert f"  {name} " in help_text, name
        assert cli.get_command(None, name).name == name
    probe = ("import sys; from certsweep.cli import cli; cli.get_command(None, 'crawl'); "
             "print(sorted(m for m in ('matplotlib', 'openpyxl', 'fastapi') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert loaded.stdout.strip() == "[]", loaded.stderr


def test_every_command_takes_the_network_and_database_options():
    for args in (["init"], ["campaign", "validate"], ["campaign", "show"]):
        help_text = certsweep(*args, "--help").stdout
        for option in ("--db", "--proxy", "--dns-server", "--whois-server"):
            assert option in help_text, (args, option)


def test_init_creates_the_database_named_by_env(tmp_path):
    import os
    env = {**os.environ, "CERTSWEEP_DB": str(tmp_path / "env.db")}
    result = certsweep("init", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env.db").exists()
    assert f"结构版本 {SCHEMA_VERSION}" in result.stdout


def test_malformed_campaign_is_one_line_per_error_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('extends = "default"\n[limits]\nconcurrency = 0\n', encoding="utf-8")
    result = certsweep("campaign", "validate", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "第 3 行，limits.concurrency" in result.stderr


def test_unwritable_database_path_exit_2(tmp_path):
    result = certsweep("init", "--db", str(tmp_path / "no" / "such" / "dir.db"))
    assert result.returncode == 2
    assert result.stderr.startswith("错误：") and "Traceback" not in result.stderr


def test_database_from_newer_version_exit_2_and_left_alone(tmp_path):
    path = tmp_path / "newer.db"
    assert certsweep("init", "--db", str(path)).returncode == 0
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    result = certsweep("init", "--db", str(path))
    assert result.returncode == 2
    assert "更新版本" in result.stderr
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 5


def test_bad_dns_server_option(tmp_path):
    result = certsweep("init", "--db", str(tmp_path / "x.db"), "--dns-server", "localhost")
    assert result.returncode == 2
    assert "主机:端口" in result.stderr
