"""`certsweep report summary` and `certsweep report cases`: printable, Chinese, masked."""
import subprocess
import zipfile

from click.testing import CliRunner

from certsweep.cli import cli


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_summary_pdf_has_charts_numbers_clusters_and_cloned_portals(campaign_db, tmp_path):
    out = tmp_path / "summary.pdf"
    run("report", "summary", "--db", campaign_db, "--campaign", "安全生产资格证书涉假专项治理", "--out", out)
    text = pdf_text(out)
    assert "网络空间治理工作总结" in text and "万盛经开区网信办" in text
    assert "下架率 40.0%" in text  # 2 of the 5 confirmed were taken down
    assert "G1" in text and "cx-mem-gov.cn" in text  # the two clones of the same portal, one group
    assert "特种作业操作证及安全生产知识和管理能力考核合格信息查询平台" in text
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", out, tmp_path / "p"], check=True)
    assert (tmp_path / "p-1.png").stat().st_size > 10_000


def test_the_summary_html_is_one_self_contained_file(campaign_db, tmp_path):
    out = tmp_path / "summary.html"
    run("report", "summary", "--db", campaign_db, "--campaign", "安全生产资格证书涉假专项治理", "--out", out)
    html = out.read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') == 3
    assert "下架用时中位数" in html


def test_case_write_ups_mask_personal_data(campaign_db, tmp_path):
    out = tmp_path / "cases.pdf"
    run("report", "cases", "4", "1", "--db", campaign_db, "--unit", "万盛经开区网信办", "--out", out)
    text = pdf_text(out)
    assert "违法售证信息类典型案例" in text and "假冒政府网站平台类典型案例" in text
    assert "138****5678" in text and "13812345678" not in text
    assert "110105********002X" in text and "张**" in text and "张三丰" not in text
    docx = tmp_path / "cases.docx"
    run("report", "cases", "4", "--db", campaign_db, "--out", docx)
    with zipfile.ZipFile(docx) as archive:
        body = archive.read("word/document.xml").decode()
    assert "138****5678" in body and "13812345678" not in body and "安全员C证 免考包过" in body
