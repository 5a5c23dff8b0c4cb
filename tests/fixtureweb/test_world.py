import pytest

from fixtureweb import Request, World, WorldError
from fixtureweb.static import content_type_for, static_response
from fixtureweb.world import loopback_address


def make_site(root, host, files):
    site = root / "sites" / host
    for name, content in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return site


def get(world, host, path="/", scheme="http"):
    return world.site(host).respond(Request("GET", scheme, host, path))


def test_charset_is_declared_by_a_file_name_infix(tmp_path):
    site = make_site(tmp_path, "a.example.com", {"index.gbk.html": "中文".encode("gbk"), "plain.html": "x"})
    assert static_response(site, "/").content_type == "text/html; charset=gbk"
    assert static_response(site, "/index.html").body == "中文".encode("gbk")
    assert static_response(site, "/plain.html").content_type == "text/html"


def test_content_types_by_extension():
    assert content_type_for("app.js") == "text/javascript; charset=utf-8"
    assert content_type_for("logo.png") == "image/png"
    assert content_type_for("favicon.ico") == "image/x-icon"
    assert content_type_for("data.big5.json") == "application/json; charset=big5"


def test_private_and_missing_files_are_not_served(tmp_path):
    site = make_site(tmp_path, "a.example.com", {"_data.toml": "x", "index.html": "ok"})
    assert static_response(site, "/_data.toml") is None
    assert static_response(site, "/../a.example.com/index.html") is None
    assert static_response(site, "/missing.html") is None


def test_site_handler_falls_back_to_static_files(tmp_path):
    make_site(tmp_path, "a.example.com", {
        "index.html": "static",
        "_site.py": "from fixtureweb import Response\n"
                    "def handle(request):\n"
                    "    if request.path == '/hello':\n"
                    "        return Response.text('你好 ' + request.arg('name', ''))\n",
    })
    world = World.load([tmp_path])
    assert get(world, "a.example.com", "/").body == b"static"
    assert world.site("a.example.com").respond(
        Request("GET", "http", "a.example.com", "/hello", "name=张三")).body == "你好 张三".encode()
    assert get(world, "a.example.com", "/nothing").status == 404


def test_site_config_aliases_headers_and_https_redirect(tmp_path):
    make_site(tmp_path, "www.b.example.com", {
        "index.html": "b",
        "_site.toml": 'aliases = ["b.example.com"]\nhttps_redirect = true\nheaders = { "X-Test" = "1" }\n',
    })
    world = World.load([tmp_path])
    assert world.site("b.example.com") is world.site("www.b.example.com")
    redirect = get(world, "b.example.com", "/x")
    assert (redirect.status, redirect.headers["Location"]) == (301, "https://b.example.com/x")
    answer = get(world, "b.example.com", "/", scheme="https")
    assert answer.body == b"b" and answer.headers["X-Test"] == "1"


def test_worlds_compose_and_reject_duplicate_hosts(tmp_path):
    make_site(tmp_path / "one", "a.example.com", {"index.html": "1"})
    make_site(tmp_path / "two", "c.example.com", {"index.html": "2"})
    assert {"a.example.com", "c.example.com"} <= set(World.load([tmp_path / "one", tmp_path / "two"]).sites)
    make_site(tmp_path / "three", "a.example.com", {"index.html": "3"})
    with pytest.raises(WorldError):
        World.load([tmp_path / "one", tmp_path / "three"])


def test_invalid_configuration_is_reported(tmp_path):
    make_site(tmp_path, "a.example.com", {"_site.toml": 'tls = "sometimes"\n'})
    with pytest.raises(WorldError, match="tls"):
        World.load([tmp_path])


def test_dns_records_stay_in_loopback(tmp_path):
    (tmp_path / "dns.toml").write_text('[hosts."bad.example.com"]\nA = ["10.0.0.1"]\n')
    with pytest.raises(WorldError, match="127.0.0.0/8"):
        World.load([tmp_path])


def test_every_site_name_gets_a_stable_loopback_address(tmp_path):
    make_site(tmp_path, "a.example.com", {"index.html": "a"})
    world = World.load([tmp_path])
    address = loopback_address("a.example.com")
    assert world.lookup("a.example.com", "A") == [address]
    assert address.startswith("127.") and address == loopback_address("a.example.com")
    assert world.site(address) is world.site("a.example.com")
    assert world.lookup("nowhere.example.com", "A") is None
