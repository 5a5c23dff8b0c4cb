import subprocess
import sys

import requests


def test_python_m_fixtureweb_prints_addresses_and_serves(tmp_path):
    site = tmp_path / "sites" / "cli.example.com"
    site.mkdir(parents=True)
    (site / "index.html").write_text("命令行启动")
    process = subprocess.Popen([sys.executable, "-m", "fixtureweb", "--no-demo", "--world", str(tmp_path)],
                               stdout=subprocess.PIPE, text=True)
    try:
        proxy_line = process.stdout.readline()
        assert proxy_line.startswith("代理:")
        proxy = proxy_line.split()[-1]
        answer = requests.get("http://cli.example.com/", proxies={"http": proxy}, timeout=5)
        assert answer.content.decode() == "命令行启动"
    finally:
        process.terminate()
        process.wait(timeout=5)
