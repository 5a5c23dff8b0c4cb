"""`certsweep report monthly`: the 附件2 form, counted from what review did in the month."""
import openpyxl
from click.testing import CliRunner

from certsweep.cli import cli
from storage import Store
from storage.clock import now

# The column headers of 附件2 in 万盛安办发〔2024〕41号, in order.
FORM_HEADERS = [
    "开展执法检查企业数量（家）", "查出无证、假证人员数量（人）", "查出企业问题数量（项）",
    "限期整改的企业数量（家）", "停业整顿的企业数量（家）", "罚款金额数量（万元）", "完成整改的问题数量（项）",
    "涉嫌犯罪的问题线索移交数量", "查出假冒政府网站平台数量（个）", "清理涉安全生产资格证书违法违规信息数量（项）",
    "涉嫌犯罪的问题线索移交数量（项）", "公安机关查处的涉假证数量（件）", "检察机关提前介入的涉假证案件数量(件）",
    "检察机关提起公诉的涉假证案件数量（件、人）", "人民法院审判假证案件数量（项）"]


def monthly(db, month, out):
    result = CliRunner().invoke(cli, ["report", "monthly", "--db", str(db), "--month", month,
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out)


def test_the_form_has_the_documents_headers_and_this_months_numbers(campaign_db, tmp_path):
    book = monthly(campaign_db, "2024-09", tmp_path / "2024-09.xlsx")
    form = book["附件2"]
    assert form["A1"].value == "2024年9月份工作情况统计表"
    assert "填报单位（公章）：万盛经开区网信办" in form["A2"].value
    assert [c.value for c in form[3]][:3] == ["序号", "部门", "对企业执法检查情况"]
    assert form.cell(3, 11).value == "网络空间治理情况" and form.cell(3, 14).value == "立案查处情况"
    assert [c.value for c in form[4]][2:] == FORM_HEADERS
    row = [c.value for c in form[5]]
    assert row[:2] == [1, "万盛经开区网信办"]
    assert row[2:10] == [None] * 8 and row[13:] == [None] * 4  # enforcement figures: filled in by hand
    # Two fake portals confirmed in September (the third only in October); one listing taken
    # down in September (the other in October); one lead transferred.
    assert row[10:13] == [2, 1, 1]


def test_the_second_sheet_lists_the_findings_behind_each_number(campaign_db, tmp_path):
    detail = monthly(campaign_db, "2024-10", tmp_path / "2024-10.xlsx")["统计明细"]
    rows = [[c.value for c in r] for r in detail.iter_rows(min_row=2)]
    assert [(r[0], r[2], r[5][:10]) for r in rows] == [
        ("查出假冒政府网站平台数量（个）", "https://zlaq-mohurd.cn/", "2024-10-02"),
        ("清理涉安全生产资格证书违法违规信息数量（项）", "https://www.linlijishi.com/item/1002.html", "2024-10-01")]
    assert monthly(campaign_db, "2024-10", tmp_path / "again.xlsx")["附件2"].cell(5, 11).value == 1


def test_transitions_known_only_from_the_audit_log_count_too(campaign_db, tmp_path):
    with Store(campaign_db) as store:
        finding_id = store.findings(kind="suspect")[0]["id"]
        store.audit("张审核", "finding.reopen", "finding", finding_id, {"from": "dismissed", "to": "in_review"})
        store.audit("张审核", "finding.confirm", "finding", finding_id,
                    {"from": "in_review", "to": "confirmed", "resolution": "fake_portal"})
        store.db.execute("UPDATE findings SET status = 'confirmed', resolution = 'fake_portal' WHERE id = ?",
                         [finding_id])
    form = monthly(campaign_db, now()[:7], tmp_path / "now.xlsx")["附件2"]
    assert form.cell(5, 11).value == 1


def test_a_malformed_month_is_one_chinese_line(campaign_db, tmp_path):
    result = CliRunner().invoke(cli, ["report", "monthly", "--db", str(campaign_db), "--month", "2024-9",
                                      "--out", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and "月份应写作 年-月" in result.output
