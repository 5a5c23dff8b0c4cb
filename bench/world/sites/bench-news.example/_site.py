"""A generated news portal for the scoring benchmark: long articles (crackdown reports quoting
"免考""包过" to warn against them, training notices, unrelated news) inside a portal's chrome:
channel menu, breadcrumb, share bar, related and most-read lists, a long footer. 30-50 KiB each.

URLs: /article/<n>.html"""
import random
from html import escape

from fixtureweb import Response

CHANNELS = ["首页", "要闻", "时政", "安全生产", "应急救援", "执法监察", "政策法规", "科技", "教育", "财经", "社会",
            "文化", "体育", "健康", "图片", "视频", "专题", "评论", "地方", "服务"]
TOPICS = {
    "crackdown": ("严厉打击网络售卖假证 多部门开展安全生产资格证书涉假专项治理",
                  ["近期，一些不法分子在网络平台发布“免考拿证”“包过”“可查可验”等虚假信息，诱导群众购买假证。",
                   "应急管理部门提醒，特种作业操作证必须经培训考核合格后取得，切勿轻信所谓的内部渠道。",
                   "执法人员在检查中发现，部分施工单位的电工、焊工所持证书无法在官方平台查询到。",
                   "警方顺藤摸瓜，打掉一个仿冒官方查询平台、伪造证书的犯罪团伙，涉案金额逾百万元。",
                   "专项治理期间，网信部门督促平台下架违规商品信息数千条，关闭违规账号数百个。",
                   "群众如发现售卖假证、冒充政府网站等线索，可通过举报电话或网上平台反映。"]),
    "training": ("关于开展2026年度特种作业人员安全技术培训考核工作的通知",
                 ["各有关单位：根据安全生产法和特种作业人员安全技术培训考核管理规定，现将有关事项通知如下。",
                  "参加培训的人员应当具备相应的文化程度，身体健康，无妨碍从事相应特种作业的疾病。",
                  "培训结束后由考核机构组织理论和实际操作考试，考试合格的颁发特种作业操作证。",
                  "操作证每三年复审一次，复审时须参加不少于八个学时的安全培训。",
                  "报名材料包括身份证复印件、学历证明、体检证明和近期免冠照片。"]),
    "general": ("全市春季农业生产全面展开 各地抢抓农时备耕忙",
                ["连日来，各地农民抢抓晴好天气，开展春耕备播，田间地头一派繁忙景象。",
                 "农业部门组织技术人员深入田间，指导农户科学施肥、合理灌溉。",
                 "今年全市计划粮食播种面积稳定在去年水平，优质品种覆盖率进一步提高。",
                 "供销系统提前储备化肥、农药、种子等农资，保障春耕生产需要。",
                 "气象部门提醒，近期气温回升较快，注意防范倒春寒对农作物的影响。"]),
}


def handle(request):
    if request.path.startswith("/article/") and request.path.endswith(".html"):
        n = request.path[len("/article/"):-len(".html")]
        return Response.html(article(int(n))) if n.isdigit() else None
    return None


def headline_list(rng: random.Random, css: str, count: int) -> str:
    return "".join(f'<li class="{css}-item"><a href="/article/{rng.randrange(10 ** 5)}.html">'
                   f'{escape(rng.choice(list(TOPICS.values()))[0])}</a><span class="date">2026-0{rng.randrange(1, 9)}-1{k % 9}</span></li>'
                   for k in range(count))


def article(n: int) -> str:
    rng = random.Random(n)
    title, pool = list(TOPICS.values())[n % len(TOPICS)]
    paragraphs = "".join(f"<p>{''.join(rng.choice(pool) for _ in range(rng.randrange(2, 5)))}</p>"
                         for _ in range(rng.randrange(40, 70)))
    menu = "".join(f'<li class="channel"><a href="/channel/{k}/">{c}</a></li>' for k, c in enumerate(CHANNELS))
    footer = "".join(f'<a href="/about/{k}.html">关于我们 {k}</a>' for k in range(40))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}_基准新闻网</title>
<meta name="description" content="{escape(title)}"><link rel="stylesheet" href="/css/main.css">
<script>var _hmt=_hmt||[];(function(){{var hm=document.createElement("script");hm.src="//stat.bench-news.example/hm.js?{n}";
var s=document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm,s)}})();</script></head>
<body><div class="topbar"><span class="date">2026年1月15日 星期四</span><a href="/m/">手机版</a><a href="/rss/">订阅</a></div>
<div class="header"><a class="logo" href="/">基准新闻网</a><form action="/search"><input name="kw"><button>搜索</button></form></div>
<div class="nav" id="nav"><ul>{menu}</ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/channel/3/">安全生产</a> &gt; 正文</div>
<div class="main"><div class="article" id="article"><h1>{escape(title)}</h1>
<div class="info">2026-01-1{n % 9} 09:{n % 60:02d} 来源：基准新闻网 作者：记者 {rng.choice("张王李赵刘陈")}某</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a></div>
<div class="content" id="content">{paragraphs}</div>
<div class="editor">责任编辑：{rng.choice("张王李赵刘陈")}某某</div></div>
<div class="related"><h3>相关阅读</h3><ul>{headline_list(rng, "related", 10)}</ul></div>
<div class="comment" id="comment"><h3>网友评论</h3><ul>{"".join(f'<li>网友{k}：说得好，必须严查！</li>' for k in range(8))}</ul></div></div>
<div class="sidebar" id="sidebar"><h3>24小时热榜</h3><ul>{headline_list(rng, "hot", 15)}</ul>
<h3>专题</h3><ul>{headline_list(rng, "topic", 15)}</ul>
<h3>图片新闻</h3><ul>{"".join(f'<li><img src="/img/p{k}.jpg" alt="图片新闻{k}"></li>' for k in range(8))}</ul></div>
<div class="footer" id="footer"><div class="links">{footer}</div>
<p>基准新闻网（虚构基准站点）版权所有 京ICP备10041721号 京公网安备11010502030117号</p></div>
</body></html>"""
