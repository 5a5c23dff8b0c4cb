"""Grouping by seller, contact and page fingerprint; merge and unmerge; the CLI over the same service."""
import json

from click.testing import CliRunner

from certsweep.cli import cli
from monitor.review import ReviewConfig, regroup
from monitor.review.accounts import add_user, authenticate
from reviewdata import add_finding


def test_findings_sharing_a_seller_or_contact_or_page_are_grouped(store):
    a = add_finding(store, "https://shop.example/a", seller="u1000001")
    b = add_finding(store, "https://shop.example/b", seller="u1000001")
    c = add_finding(store, "https://other.example/c", contacts={"wechat": ["ax-8866"]})
    d = add_finding(store, "https://shop.example/d", seller="u2000002", contacts={"wechat": ["AX-8866"]})
    e = add_finding(store, "https://mirror.example/e", sha="same-page")
    f = add_finding(store, "https://mirror2.example/f", sha="same-page")
    alone = add_finding(store, "https://alone.example/", seller="u3000003")
    regroup(store)
    group = {i: store.finding(i)["group_id"] for i in (a, b, c, d, e, f, alone)}
    assert group[a] == group[b] == a
    assert group[c] == group[d] == c
    assert group[e] == group[f] == e
    assert group[alone] == alone


def test_merge_and_unmerge_survive_regrouping(store, service, people):
    a = add_finding(store, "https://shop.example/a", seller="u1000001")
    b = add_finding(store, "https://shop.example/b", seller="u1000001")
    c = add_finding(store, "https://shop.example/c", seller="u2000002")
    regroup(store)
    assert service.merge(people["samr"], [c, a]) == a
    regroup(store)
    assert {store.finding(i)["group_id"] for i in (a, b, c)} == {a}
    service.unmerge(people["samr"], b)
    regroup(store)
    assert store.finding(b)["group_id"] == b and store.finding(c)["group_id"] == a
    assert [e["action"] for e in store.audit_log(object_type="finding", object_id=b)][-1] == "finding.unmerge"


def test_routing_rules_and_deadlines_are_configuration(tmp_path):
    rules = tmp_path / "review.toml"
    rules.write_text('[[routing]]\nsource = "search"\nqueue = "samr"\n\n[[routing]]\nqueue = "cac"\n\n'
                     '[deadlines]\npending = 1\n', encoding="utf-8")
    config = ReviewConfig.load(rules)
    assert config.queue_for("illegal_sale", "search") == "samr"
    assert config.queue_for("fake_portal", "seed") == "cac"
    assert config.is_overdue("pending", "2000-01-01T00:00:00+08:00")
    assert not config.is_overdue("confirmed", "2000-01-01T00:00:00+08:00")
    default = ReviewConfig.load()
    assert (default.queue_for("fake_portal", "marketplace"), default.queue_for("illegal_sale", "ad"),
            default.queue_for("illegal_sale", "search")) == ("cac", "samr", "cac")


def test_passwords_are_stored_as_argon2_hashes(store):
    add_user(store, "samr9", "samr", "正确的口令123")
    assert store.user("samr9")["password_hash"].startswith("$argon2")
    assert authenticate(store, "samr9", "正确的口令123").role == "samr"
    assert authenticate(store, "samr9", "错误的口令123") is None


def certsweep(*args, db):
    """In-process, as a user would type it (a subprocess per call costs seconds of imports)."""
    env = {"CERTSWEEP_DB": str(db), "CERTSWEEP_PASSWORD": "cli-口令-123456"}
    result = CliRunner().invoke(cli, list(args), env=env)
    return type("Result", (), {"returncode": result.exit_code, "stdout": result.stdout,
                               "stderr": result.stderr})


def test_the_cli_reviews_with_the_same_rules(store, tmp_path):
    listing = add_finding(store, "https://shop.example/1", seller="u1000001")
    add_finding(store, "https://shop.example/2", seller="u1000001")
    db = store.path
    assert certsweep("users", "add", "samr1", "--role", "samr", db=db).returncode == 0
    assert certsweep("users", "add", "police1", "--role", "police", db=db).returncode == 0
    assert certsweep("findings", "regroup", db=db).returncode == 0

    listed = json.loads(certsweep("findings", "list", "--as", "samr1", "--json", db=db).stdout)
    assert listed["total"] == 2
    assert json.loads(certsweep("findings", "list", "--as", "police1", "--json", db=db).stdout)["total"] == 0

    refused = certsweep("findings", "review", str(listing), "--action", "confirm", "--as", "samr1", db=db)
    assert refused.returncode == 2 and "待审核状态下不能“确认违法”" in refused.stderr
    done = certsweep("findings", "review", str(listing), "--action", "dismiss", "--whole-group",
                     "--resolution", "duplicate", "--comment", "同一卖家", "--as", "samr1", "--json", db=db)
    assert json.loads(done.stdout)["done"] == [1, 2]
    shown = json.loads(certsweep("findings", "show", str(listing), "--json", db=db).stdout)
    assert (shown["status"], shown["resolution"]) == ("dismissed", "duplicate")
    assert shown["history"][0]["actor"] == "samr1" and shown["history"][0]["comment"] == "同一卖家"
    police = certsweep("findings", "show", str(listing), "--as", "police1", db=db)
    assert police.returncode == 2 and "无权查看" in police.stderr
