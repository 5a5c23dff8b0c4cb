"""Keyword engine throughput against a bare pyahocorasick automaton.

    .venv/bin/python bench/keywords.py [--mb 50] [--keyword-share 0.05] [--memory-keywords 10000]

Builds at least --mb megabytes (UTF-8) of mixed Chinese listing text, one
listing per line: ordinary shop listings, plus --keyword-share of lines that
hold keywords (half seller ads in every evasion kind, half hard negatives:
crackdown news, notices, training schools, 速成/免考 used innocently).
Matches every line with the full engine (default lists, all variant rules)
and with a bare pyahocorasick automaton of the exact keyword terms over the
same text, and prints both throughputs (CPU time) and their ratio. Then
builds an engine of synthetic keywords and reports its memory.

The engine's cost grows with the share of lines that have hits (each hit is
checked and scored in Python); the bare automaton's hardly does.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from pathlib import Path

import ahocorasick
import jieba

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from keywords import Engine, Keyword, KeywordList, builtin_lists  # noqa: E402

ORDINARY = [
    "全新正品{item}，官方旗舰店直发，七天无理由退货，满{n}包邮",
    "{item}清仓特价，仅剩{n}件，下单送精美礼品，支持货到付款",
    "二手{item}九成新，自提优先，价格可小刀，有意者电话联系",
    "本店主营{item}批发零售，量大从优，欢迎新老客户光临",
    "{city}本周天气晴好，最高气温{n}度，适宜户外活动",
    "{city}{item}专卖店开业酬宾，全场{n}折起，会员积分翻倍",
]
# Texts that share words with sellers but sell nothing.
HARD_NEGATIVES = [
    "Python速成教程第{n}讲：从零开始学习数据分析",
    "大学英语免考申请须知：持有相关证书的同学可在教务系统提交",
    "防火墙包过滤规则配置指南，第{n}节",
    "警方破获一起伪造{cert}案件，嫌疑人宣称{evasion}、{claim}",
    "{city}应急管理局提醒：谨防“{evasion}”骗局，{cert}须参加考试",
    "{city}安全技能培训学校{cert}招生，理论考试和实操考试合格后发证",
]
SELLER = [
    "{cert}{evasion}，{claim}，{lure}详询",
    "专业代办{cert}，{evasion}，{claim}",
    "{cert} {evasion} {speed} 有意{lure}",
    "办证刻章 {cert} 毕业证 {claim} {lure}",
]
ITEMS = ["蓝牙耳机", "电饭煲", "儿童自行车", "羽绒服", "笔记本电脑", "茶叶礼盒", "机械键盘", "运动鞋"]
CITIES = ["北京", "上海", "广州", "成都", "武汉", "西安", "杭州", "郑州"]
CERTS = ["电工证", "焊工証", "高处作业证", "叉车证", "特种作业操作证", "电工征", "電工證", "安全员C证"]
EVASIONS = ["免考", "免 考", "免*考", "免\u200b考", "mian kao", "mk", "包过", "包過", "保过", "代考", "直接拿证", "兔考"]
CLAIMS = ["可查可验", "官网可查", "全国联网可查", "终身有效", "网上可查", "可查可验"]
SPEEDS = ["速成", "③天下证", "当天出证", "快速拿证", "三天下证"]
LURES = ["加微", "V信", "vx", "扣扣", "加V"]


def build_text(megabytes: float, keyword_share: float, seed: int = 7) -> list[str]:
    """Listing lines; keyword_share of them are seller ads or hard negatives (half each)."""
    rng = random.Random(seed)
    pick = rng.choice
    lines, size = [], 0
    while size < megabytes * 1_000_000:
        roll = rng.random()
        group = SELLER if roll < keyword_share / 2 else HARD_NEGATIVES if roll < keyword_share else ORDINARY
        template = pick(group)
        line = template.format(
            item=pick(ITEMS), n=rng.randint(1, 99), city=pick(CITIES), cert=pick(CERTS),
            evasion=pick(EVASIONS), claim=pick(CLAIMS), speed=pick(SPEEDS), lure=pick(LURES),
        )
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
    return lines


def throughput(label: str, lines: list[str], megabytes: float, run, repeat: int = 3) -> float:
    # CPU time of this process, best of a few runs: the machine is shared, and
    # wall time would measure the neighbours.
    seconds = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        result = run(lines)
        seconds = min(seconds, time.process_time() - start)
    rate = megabytes / seconds
    print(f"{label}：CPU {seconds:.2f} 秒，{rate:.1f} MB/s（{result}）")
    return rate


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def synthetic_keywords(count: int, seed: int = 11) -> list[Keyword]:
    """Distinct 2-6 character dictionary words, spread over the sale categories."""
    rng = random.Random(seed)
    jieba.dt.initialize()
    words = sorted(w for w, f in jieba.dt.FREQ.items() if f and 2 <= len(w) <= 6 and all("\u4e00" <= c <= "\u9fff" for c in w))
    categories = ["cert_type", "exam_evasion", "speed", "fake_verify", "contact", "fake_docs"]
    return [Keyword(w, rng.choice(categories), 1.0) for w in rng.sample(words, count)]


def compare_throughput(lines: list[str], megabytes: float) -> None:
    lists = list(builtin_lists().values())
    start = time.perf_counter()
    engine = Engine(lists)
    print(f"引擎构建：{time.perf_counter() - start:.1f} 秒，{len(engine.keywords)} 个关键词，{engine.pattern_count} 个变体模式")

    bare = ahocorasick.Automaton()
    for keyword_list in lists:
        for keyword in keyword_list.entries:
            bare.add_word(keyword.term, keyword.term)
    bare.make_automaton()

    def run_bare(batch):
        # The bare automaton gets its fastest form: one pass over the whole text.
        return f"{len(list(bare.iter(chr(10).join(batch))))} 处命中"

    def run_engine(batch):
        verdicts = [assessment.verdict for assessment in engine.match_many(batch)]
        return f"售证 {verdicts.count('illegal_sale')} 行，可疑 {verdicts.count('suspect')} 行"

    bare_rate = throughput("裸 pyahocorasick（原词）", lines, megabytes, run_bare)
    engine_rate = throughput("完整引擎（全部变体规则）", lines, megabytes, run_engine)
    print(f"吞吐比：{engine_rate / bare_rate:.0%}")


def measure_memory(count: int) -> None:
    """Memory of one more engine; the character tables and jieba are already
    loaded and shared by every engine in the process."""
    entries = synthetic_keywords(count)
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    engine = Engine([KeywordList("synthetic", 1, entries)])
    print(
        f"{count} 个关键词：构建 {time.perf_counter() - start:.1f} 秒，"
        f"{engine.pattern_count} 个变体模式，内存增加 {rss_mb() - before:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument("--keyword-share", type=float, default=0.05, help="share of lines with keywords")
    parser.add_argument("--memory-keywords", type=int, default=10_000)
    args = parser.parse_args()

    lines = build_text(args.mb, args.keyword_share)
    megabytes = sum(len(line.encode("utf-8")) + 1 for line in lines) / 1_000_000
    print(f"文本：{megabytes:.1f} MB，{len(lines)} 行，含关键词的行占 {args.keyword_share:.0%}")
    compare_throughput(lines, megabytes)
    del lines
    measure_memory(args.memory_keywords)


if __name__ == "__main__":
    main()
