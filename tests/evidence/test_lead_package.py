"""`certsweep export leads` and `certsweep evidence verify`, as an office and the police use them."""
import subprocess
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from certsweep.cli import cli
from storage import Store

FAKE_PORTAL = "https://www.aqzs-banli.top/"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    folder = tmp_path_factory.mktemp("keys")
    for name in ("office", "stranger"):
        assert run("evidence", "keygen", "--out", folder / name).exit_code == 0
    return folder


@pytest.fixture(scope="module")
def package(captured_db, keys, tmp_path_factory):
    out = tmp_path_factory.mktemp("leads")
    result = run("export", "leads", "F1", "--db", captured_db, "--out", out, "--sign", keys / "office",
                 "--unit", "演示区网信办", "--operator", "王巡查")
    assert result.exit_code == 0, result.output
    (path,) = out.glob("*.zip")
    return path


def rewritten(package, tmp_path, change):
    """A copy of the package with `change(contents)` applied to its {name: bytes}."""
    with zipfile.ZipFile(package) as archive:
        contents = {n: archive.read(n) for n in archive.namelist()}
    change(contents)
    target = tmp_path / package.name
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return target


def test_a_signed_package_verifies_against_the_offices_key(package, keys):
    result = run("evidence", "verify", package, "--key", keys / "office.pub")
    assert result.exit_code == 0, result.output
    assert "核验通过" in result.output and "签名有效" in result.output


def test_the_package_holds_evidence_record_sheet_manifest_and_sums(package):
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        sums = archive.read("SHA256SUMS").decode()
    for expected in ("manifest.json", "SHA256SUMS", "manifest.json.sig", "signer.pub",
                     "电子数据提取笔录.pdf", "线索清单.xlsx",
                     "evidence/finding-1/capture-1/page.warc.gz", "evidence/finding-1/capture-1/page.wacz",
                     "evidence/finding-1/capture-1/screenshot.png", "evidence/finding-1/capture-1/dom.html",
                     "evidence/finding-1/capture-1/dns.json", "evidence/finding-1/capture-1/whois.txt"):
        assert expected in names
    assert "  电子数据提取笔录.pdf\n" in sums and "  manifest.json\n" in sums


def test_one_flipped_byte_is_named(package, tmp_path):
    def flip(contents):
        data = bytearray(contents["evidence/finding-1/capture-1/dom.html"])
        data[100] ^= 0x01
        contents["evidence/finding-1/capture-1/dom.html"] = bytes(data)

    result = run("evidence", "verify", rewritten(package, tmp_path, flip))
    assert result.exit_code == 1
    assert "文件已被改动：evidence/finding-1/capture-1/dom.html" in result.output
    assert result.output.count("✗") == 1


def test_a_removed_and_an_added_file_are_named(package, tmp_path):
    def swap(contents):
        del contents["evidence/finding-1/capture-1/whois.txt"]
        contents["evidence/finding-1/capture-1/补充说明.txt"] = "后加的文件".encode()

    result = run("evidence", "verify", rewritten(package, tmp_path, swap))
    assert result.exit_code == 1
    assert "缺少文件：evidence/finding-1/capture-1/whois.txt" in result.output
    assert "多出文件：evidence/finding-1/capture-1/补充说明.txt" in result.output


def test_a_wrong_signature_fails(package, keys, tmp_path):
    stranger_signed = rewritten(package, tmp_path, lambda c: c.update(
        {"manifest.json": c["manifest.json"].replace(b'"lead": "F1"', b'"lead": "F9"')}))
    result = run("evidence", "verify", stranger_signed)
    assert result.exit_code == 1
    assert "签名无效" in result.output
    result = run("evidence", "verify", package, "--key", keys / "stranger.pub")
    assert result.exit_code == 1
    assert "签名公钥不是指定的公钥" in result.output


def test_the_lead_sheet_lists_what_police_search_by(package, tmp_path):
    with zipfile.ZipFile(package) as archive:
        (tmp_path / "sheet.xlsx").write_bytes(archive.read("线索清单.xlsx"))
    sheet = openpyxl.load_workbook(tmp_path / "sheet.xlsx")["线索清单"]
    header = [c.value for c in sheet[1]]
    assert header[:8] == ["发现编号", "网址", "域名", "注册人", "注册商", "IP 地址", "卖家/店铺", "联系方式"]
    row = dict(zip(header, (c.value for c in sheet[2])))
    assert row["网址"] == FAKE_PORTAL and row["域名"] == "aqzs-banli.top"
    assert row["IP 地址"].startswith("127.")
    assert row["注册商"] and row["研判结论"] == "假冒政府网站平台"
    assert row["联系方式"] == "电话：13812345678" and row["命中关键词"] == "可查可验"


def test_the_extraction_record_prints_in_chinese_with_embedded_fonts(package, tmp_path):
    with zipfile.ZipFile(package) as archive:
        (tmp_path / "record.pdf").write_bytes(archive.read("电子数据提取笔录.pdf"))
    text = subprocess.run(["pdftotext", "-layout", tmp_path / "record.pdf", "-"], capture_output=True,
                          text=True, check=True).stdout
    for heading in ("电子数据提取笔录", "事由", "提取对象", "提取时间", "提取地点", "提取方法", "工具及版本",
                    "原始网址与进入步骤", "电子数据清单", "提取人（签名）", "见证人（签名）"):
        assert heading in text
    assert "觅搜索 搜索：免考" in text and "page.warc.gz" in text and "\ufffd" not in text
    fonts = subprocess.run(["pdffonts", tmp_path / "record.pdf"], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts)
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", tmp_path / "record.pdf",
                    tmp_path / "page"], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 10_000


def test_exports_are_entered_in_the_custody_log(package, captured_db):
    with Store(captured_db) as store:
        exports = store.custody_log(object_type="lead")
    assert exports and exports[-1]["object_id"] == "F1" and package.name in exports[-1]["details"]


def test_an_unknown_lead_is_one_chinese_line(captured_db, tmp_path):
    result = CliRunner().invoke(cli, ["export", "leads", "G99", "--db", str(captured_db), "--out",
                                      str(tmp_path)])
    assert result.exit_code == 2
    assert "没有编号为 G99 的线索组" in result.output
