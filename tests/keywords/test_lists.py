"""Keyword lists: the shipped data files and ministry-provided imports."""
import pytest
from openpyxl import Workbook

from keywords import Keyword, KeywordFileError, builtin_lists, read_keyword_file


def test_builtin_lists_are_versioned_data_with_every_category():
    lists = builtin_lists()
    assert {"cert_types", "sale_claims", "contact_lures", "fake_documents", "context"} <= set(lists)
    assert all(kl.version >= 1 and kl.entries for kl in lists.values())
    categories = {k.category for kl in lists.values() for k in kl.entries}
    assert {"cert_type", "exam_evasion", "speed", "fake_verify", "contact", "fake_docs", "warning"} <= categories
    terms = {k.term for k in lists["cert_types"].entries}
    assert {"特种作业操作证", "电工证", "焊工证", "高处作业证", "制冷证", "叉车证", "安全员证"} <= terms


def test_text_file_has_one_keyword_per_line(tmp_path):
    path = tmp_path / "部委清单.txt"
    path.write_text("免考\n\n# 注释\n包过\n", "utf-8")
    assert read_keyword_file(path) == [Keyword("免考", "listed", 1.0), Keyword("包过", "listed", 1.0)]


def test_csv_with_chinese_headers(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("关键词,类别,权重\n电工证,证书类型,1\n包过,免考代考,0.8\n加微,,\n", "utf-8-sig")
    assert read_keyword_file(path) == [
        Keyword("电工证", "cert_type", 1.0),
        Keyword("包过", "exam_evasion", 0.8),
        Keyword("加微", "listed", 1.0),
    ]


def test_xlsx_with_english_headers(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["keyword", "category", "weight"])
    sheet.append(["可查可验", "fake_verify", 0.9])
    path = tmp_path / "list.xlsx"
    book.save(path)
    assert read_keyword_file(path) == [Keyword("可查可验", "fake_verify", 0.9)]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.csv", "关键词,类别\n电工证,证书类型\n包过,乱写\n", "bad.csv 第 3 行：未知类别“乱写”"),
        ("bad.csv", "关键词,权重\n电工证,很高\n", "bad.csv 第 2 行：权重“很高”不是数字"),
        ("bad.csv", "关键词,权重\n电工证,5\n", "bad.csv 第 2 行：权重 5 超出范围"),
        ("bad.csv", "名称,类别\n电工证,证书类型\n", "bad.csv 第 1 行：表头缺少“关键词”列"),
        ("bad.txt", b"\xe5\x85\x8d\xe8\x80\x83\n\xff\xfe\n", "bad.txt 第 2 行：不是有效的 UTF-8 文本"),
        ("empty.txt", "\n\n", "文件中没有任何关键词"),
        ("list.pdf", "x", "不支持的文件类型"),
    ],
)
def test_bad_files_raise_a_chinese_error_naming_file_and_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(KeywordFileError, match=message):
        read_keyword_file(path)
