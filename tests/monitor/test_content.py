"""Text regions and weighted keyword hits: what the page is about counts most."""
import pytest

from monitor import find_terms, text_regions, weighted_score
from monitor._textwalk import text_nodes
from monitor.content import parse

LISTING = """<html><body>
<div class="nav"><a href="/">首页</a><a href="/zs">免考证书</a></div>
<div class="content"><h1>焊工证培训报名</h1><p>正规培训，考试合格后发证。</p></div>
<div class="box"><h3>猜你喜欢</h3><ul><li>电工证免考包过</li><li>高处作业证速成</li></ul></div>
<aside><p>热门：叉车证包过</p></aside>
<footer>客服电话 400-000-0000 免考咨询</footer>
</body></html>"""

NOTICE = """<html><body><div class="article">
<p>近期有不法分子发布“免考”“包过”等虚假办证信息，请广大群众切勿轻信。</p>
</div></body></html>"""

SELLER = """<html><body><div class="content"><p>特种作业操作证免考包过，可查可验，三天拿证。</p></div></body></html>"""


def region_with(regions, line):
    return next(r for r in regions if line in r.text.split("\n"))


def test_each_region_knows_its_kind_and_place():
    regions = text_regions(LISTING)
    assert region_with(regions, "焊工证培训报名").kind == "main"
    assert region_with(regions, "电工证免考包过").kind == "recommend"
    assert region_with(regions, "热门：叉车证包过").kind == "sidebar"
    assert region_with(regions, "免考证书").kind == "nav"
    assert region_with(regions, "客服电话 400-000-0000 免考咨询").kind == "footer"
    # One region per stretch of one kind, found by the element that gave it the kind.
    assert [r.kind for r in regions] == ["nav", "main", "recommend", "sidebar", "footer"]
    assert region_with(regions, "电工证免考包过").path == "/html/body/div[3]/h3"


def test_a_kind_is_inherited_and_boilerplate_inside_main_wins():
    page = """<html><body><main><p>正文一</p><div class="sidebar"><p>侧栏</p><nav>侧栏里的导航</nav></div>
    <p>正文二</p></main><footer><div class="content">页脚里的"正文"</div></footer></body></html>"""
    kinds = {line: r.kind for r in text_regions(page) for line in r.text.split("\n")}
    assert kinds == {"正文一": "main", "侧栏": "sidebar", "侧栏里的导航": "nav", "正文二": "main",
                     '页脚里的"正文"': "footer"}


def test_hits_in_boilerplate_weigh_little_and_keep_their_location():
    hits = find_terms(text_regions(LISTING), ["免考", "包过"])
    assert len(hits) == 5
    assert {h.region for h in hits} == {"nav", "recommend", "sidebar", "footer"}
    assert all(h.weight <= 0.2 for h in hits)
    assert weighted_score(hits) < 1.0
    assert weighted_score(find_terms(text_regions(SELLER), ["免考", "包过"])) == 2.0


def test_a_warning_quoting_the_term_counts_for_little():
    hits = find_terms(text_regions(NOTICE), ["免考", "包过"])
    assert [h.warning for h in hits] == [True, True]
    assert weighted_score(hits) <= 0.4
    assert "切勿轻信" in hits[0].context


def test_comments_and_processing_instructions_do_not_split_a_word():
    regions = text_regions("<html><body><div class='content'><p>免<!-- 注释 -->考<?php echo 1 ?>拿证</p>"
                           "<script>var x = '包过';</script></div></body></html>")
    assert [r.text for r in regions] == ["免考拿证"]


def test_text_nodes_are_read_as_xpath_reads_them_each_with_its_element():
    """The C walk gives the text XPath's descendant::text() gives, white space alone left out,
    and for each node the element holding it, tails included."""
    html = ("<html><body><div id='a'>一<b>二</b>三 <i> </i>\u3000<br>四<![CDATA[五]]></div>"
            "<ul><li>六<span>七<em>八</em></span>九</li></ul>\n\t<p>\xa0</p>十</body></html>")
    body = parse(html).find("body")
    nodes, owners = text_nodes(body)
    expected = [node for node in body.xpath("descendant::text()") if not node.isspace()]
    assert nodes == expected == ["一", "二", "三 ", "四", "六", "七", "八", "九", "十"]
    assert [type(node) for node in nodes] == [str] * len(nodes)
    holders = [node.getparent().getparent() if node.is_tail else node.getparent() for node in expected]
    assert [owners[i] for i in range(len(owners))] == holders
    assert [el.tag for el in holders] == ["div", "b", "div", "div", "li", "span", "em", "li", "body"]
    with pytest.raises(IndexError):
        owners[len(owners)]
    del body  # the owners keep the document alive
    assert owners[0].get("id") == "a"
    with pytest.raises(TypeError):
        text_nodes("<p>not a parsed element</p>")
