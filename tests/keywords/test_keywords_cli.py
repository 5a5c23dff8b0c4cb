"""`certsweep keywords ...`: import, lists, show, and the stable `match` contract."""
import json

import pytest
from click.testing import CliRunner

from certsweep.commands.keywords import keywords
from certsweep.errors import UserError


@pytest.fixture
def run(tmp_path):
    db = str(tmp_path / "certsweep.db")

    def run(*args, input=None):
        return CliRunner().invoke(keywords, [*args, "--db", db], input=input)

    return run


def json_lines(output):
    return [json.loads(line) for line in output.splitlines()]


def test_match_prints_one_json_object_per_input_line(run):
    stdin = "电工证 免*考，加微\nPython速成教程\n".encode() + b"\xff\xfe\n" + "普通商品\n".encode()
    result = run("match", "--json", input=stdin)
    assert result.exit_code == 0
    lines = json_lines(result.output)
    assert [(r["line"], r["verdict"]) for r in lines] == [
        (1, "illegal_sale"), (2, "benign"), (3, "error"), (4, "benign")]
    assert lines[0]["hits"][1] == {"keyword": "免考", "category": "exam_evasion", "matched": "免*考",
                                   "start": 4, "end": 7, "rule": "separator"}
    assert list(lines[0]) == ["line", "verdict", "score", "hits", "reasons"]
    assert lines[2]["reasons"] == ["第 3 行不是有效的 UTF-8 文本（第 1 字节）"]


def test_match_without_json_prints_a_chinese_table(run):
    result = run("match", input="电工证包过\n".encode())
    assert result.exit_code == 0
    assert "判定" in result.output and "售证" in result.output and "包过→包过（免考代考，原词）" in result.output


def test_import_creates_versions_that_supersede_the_builtin_list(run, tmp_path):
    ministry = tmp_path / "sale_claims.txt"
    ministry.write_text("神秘暗号\n", "utf-8")
    assert "第 1 版，共 1 个关键词" in run("import", str(ministry)).output
    assert "第 2 版" in run("import", str(ministry)).output
    listed = run("lists").output
    assert "sale_claims" in listed and "sale_claims.txt" in listed
    shown = json.loads(run("show", "sale_claims", "--json").output)
    assert shown == {"name": "sale_claims", "version": 2,
                     "entries": [{"term": "神秘暗号", "category": "listed", "weight": 1.0}]}
    # The imported list replaces the builtin one: 包过 is no longer a claim, 神秘暗号 is.
    matched = json_lines(run("match", "--json", input="电工证包过\n电工证神秘暗号\n".encode()).output)
    assert [r["verdict"] for r in matched] == ["benign", "illegal_sale"]


def test_match_can_restrict_the_lists(run):
    result = run("match", "--json", "--list", "cert_types", input="电工证包过\n".encode())
    assert [h["keyword"] for h in json_lines(result.output)[0]["hits"]] == ["电工证"]


def test_show_builtin_list(run):
    result = run("show", "cert_types")
    assert result.exit_code == 0
    assert "电工证\t证书类型\t1" in result.output


def test_unknown_list_and_bad_file_are_user_errors(run, tmp_path):
    assert isinstance(run("match", "--list", "nope", input=b"x\n").exception, UserError)
    bad = tmp_path / "bad.csv"
    bad.write_text("关键词,类别\n电工证,乱写\n", "utf-8")
    error = run("import", str(bad)).exception
    assert isinstance(error, UserError) and "第 2 行" in str(error)
