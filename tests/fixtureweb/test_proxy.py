import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

# Some fixture sites present broken certificates on purpose; tests that opt out
# of verification are not news.
pytestmark = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")


def test_http_and_https_through_the_proxy(web, internet):
    assert "邻里集市" in web.get("http://www.linlijishi.com/").text
    assert "邻里集市" in web.get("https://www.linlijishi.com/").text
    assert [(r.method, r.scheme, r.host, r.path, r.status) for r in internet.requests] == [
        ("GET", "http", "www.linlijishi.com", "/", 200),
        ("CONNECT", "https", "www.linlijishi.com", "", 200),
        ("GET", "https", "www.linlijishi.com", "/", 200),
    ]


def test_https_fails_verification_without_the_ca(web):
    web.verify = True  # the system store does not know the fixture CA
    with pytest.raises(requests.exceptions.SSLError):
        web.get("https://www.linlijishi.com/")


@pytest.mark.parametrize("host", ["tls-self-signed.example.com", "tls-mismatch.example.com",
                                  "tls-expired.example.com"])
def test_broken_certificates_fail_verification_but_serve_content(web, host):
    with pytest.raises(requests.exceptions.SSLError):
        web.get(f"https://{host}/")
    web.verify = False
    assert web.get(f"https://{host}/").status_code == 200


def test_http_only_site_refuses_https(web):
    assert web.get("http://http-only.example.com/").status_code == 200
    with pytest.raises(requests.exceptions.ProxyError):
        web.get("https://http-only.example.com/")


def test_unknown_and_unserved_hosts_fail_like_a_real_proxy(web, internet):
    unknown = web.get("http://no-such-host.example.org/")
    assert unknown.status_code == 502 and "无法解析主机名" in unknown.text
    unserved = web.get("http://no-server.example.com/")
    assert unserved.status_code == 502 and "连接被拒绝" in unserved.text
    with pytest.raises(requests.exceptions.ProxyError):
        web.get("https://no-such-host.example.org/")
    assert internet.requests.find(host="no-such-host.example.org", method="CONNECT")[0].status == 502


def test_declared_and_lying_charsets(web):
    gbk = web.get("http://gbk.example.com/")
    assert gbk.headers["Content-Type"] == "text/html"
    assert "安全生产培训通知" in gbk.content.decode("gbk")
    liar = web.get("http://liar.example.com/")
    assert liar.headers["Content-Type"] == "text/html; charset=iso-8859-1"
    assert "焊工证书查询说明" in liar.content.decode("gb18030")
    big5 = web.get("http://big5.example.com/")
    assert big5.encoding == "big5" and "職業安全衛生教育訓練" in big5.text


def test_redirect_chain_is_followed_to_the_end(web):
    answer = web.get("http://redirects.example.com/start")
    assert [r.status_code for r in answer.history] == [301, 302, 307, 308]
    assert answer.url == "http://redirects.example.com/final.html"
    with pytest.raises(requests.exceptions.TooManyRedirects):
        web.get("http://redirects.example.com/loop")


def test_https_redirect_alias_and_extra_headers(web):
    answer = web.get("http://www.https-only.example.com/")
    assert answer.url == "https://www.https-only.example.com/"
    assert answer.headers["X-Powered-By"] == "PHP/5.6.40"


def test_robots_txt(web):
    assert "Disallow: /private/" in web.get("http://robots.example.com/robots.txt").text


def test_server_errors(web):
    assert web.get("http://error500.example.com/").status_code == 500
    busy = web.get("http://error500.example.com/busy")
    assert busy.status_code == 503 and busy.headers["Retry-After"] == "120"


def test_a_hanging_site_does_not_block_other_sites(web, internet):
    with ThreadPoolExecutor(3) as pool:
        hangs = [pool.submit(requests.get, "http://hang.example.com/", timeout=1,
                             proxies={"http": internet.proxy_url}) for _ in range(3)]
        while len(internet.requests.find(host="hang.example.com")) < 3:  # all three are being held
            time.sleep(0.01)
        assert web.get("http://gbk.example.com/", timeout=5).status_code == 200
        for hang in hangs:
            with pytest.raises(requests.exceptions.ReadTimeout):
                hang.result()
    assert internet.requests.find(host="hang.example.com")[0].status is None


def test_slow_responses_arrive_late(web):
    started = time.monotonic()
    assert web.get("http://hang.example.com/slow?seconds=0.3").status_code == 200
    assert time.monotonic() - started >= 0.3


@pytest.mark.parametrize("path, length", [("/big.html", str(50 * 1024 * 1024)), ("/big-chunked.html", None)])
def test_huge_bodies_are_streamed(web, path, length):
    with web.get(f"https://huge.example.com{path}", stream=True) as answer:
        assert answer.headers.get("Content-Length") == length
        first = next(answer.iter_content(1024 * 1024))
        assert "安全生产许可证".encode() in first


def test_keep_alive_reuses_one_tunnel(web, internet):
    for _ in range(5):
        web.get("https://js-only.example.com/app.js")
    assert len(internet.requests.find(method="CONNECT")) == 1
    assert len(internet.requests.find(host="js-only.example.com", path="/app.js")) == 5


def test_many_concurrent_clients(internet):
    def fetch(n):
        with requests.Session() as session:
            session.trust_env = False
            session.proxies = {"http": internet.proxy_url}
            return [session.get(f"http://www.linlijishi.com/item/{1001 + (n + i) % 12}.html").status_code
                    for i in range(10)]
    with ThreadPoolExecutor(24) as pool:
        statuses = [s for batch in pool.map(fetch, range(24)) for s in batch]
    assert statuses == [200] * 240


def test_origin_form_requests_are_served_by_host_header(internet):
    host, port = internet.proxy_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as connection:
        connection.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: robots.example.com\r\nConnection: close\r\n\r\n")
        answer = b"".join(iter(lambda: connection.recv(65536), b""))
    assert answer.startswith(b"HTTP/1.1 200") and b"Disallow: /private/" in answer
