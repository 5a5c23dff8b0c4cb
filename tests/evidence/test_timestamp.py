"""`--tsa URL`: an RFC 3161 token over the manifest, from a time-stamp authority on loopback
(OpenSSL's `ts -reply` behind a small HTTP server, as an office TSA would answer)."""
import http.server
import subprocess
import threading
import zipfile

import pytest
from click.testing import CliRunner

from certsweep.cli import cli

TSA_CONFIG = """
[ tsa ]
default_tsa = office
[ office ]
serial = {folder}/serial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ess_cert_id_alg = sha256
"""


@pytest.fixture(scope="module")
def tsa(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tsa")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", folder / "tsa.key",
                    "-out", folder / "tsa.pem", "-subj", "/CN=办公室时间戳服务", "-days", "1",
                    "-addext", "extendedKeyUsage=critical,timeStamping"], check=True, capture_output=True)
    (folder / "serial").write_text("01\n")
    (folder / "tsa.cnf").write_text(TSA_CONFIG.format(folder=folder))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            query = folder / "query.tsq"
            query.write_bytes(self.rfile.read(int(self.headers["Content-Length"])))
            reply = subprocess.run(["openssl", "ts", "-reply", "-config", folder / "tsa.cnf", "-queryfile",
                                    query, "-signer", folder / "tsa.pem", "-inkey", folder / "tsa.key"],
                                   capture_output=True, check=True).stdout
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/tsa", folder / "tsa.pem"
    server.shutdown()


def test_the_manifest_gets_a_token_that_openssl_verifies(captured_db, tsa, tmp_path):
    url, certificate = tsa
    result = CliRunner().invoke(cli, ["export", "leads", "1", "--db", str(captured_db), "--out",
                                      str(tmp_path), "--tsa", url])
    assert result.exit_code == 0, result.output
    (package,) = tmp_path.glob("*.zip")
    with zipfile.ZipFile(package) as archive:
        archive.extract("manifest.json", tmp_path)
        archive.extract("manifest.json.tsr", tmp_path)
    subprocess.run(["openssl", "ts", "-verify", "-data", tmp_path / "manifest.json", "-in",
                    tmp_path / "manifest.json.tsr", "-CAfile", certificate], check=True, capture_output=True)
    result = CliRunner().invoke(cli, ["evidence", "verify", str(package)])
    assert result.exit_code == 0 and "可信时间戳：" in result.output


def test_an_unreachable_tsa_is_one_chinese_line(captured_db, tmp_path):
    result = CliRunner().invoke(cli, ["export", "leads", "1", "--db", str(captured_db), "--out",
                                      str(tmp_path), "--tsa", "http://127.0.0.1:9/tsa"])
    assert result.exit_code == 2 and "时间戳服务 http://127.0.0.1:9/tsa 无法访问" in result.output
    assert not list(tmp_path.glob("*.zip"))
