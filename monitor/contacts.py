"""Contact details and advertised web addresses, as sellers write them to dodge filters."""
import re
import unicodedata

# "V信", "薇信", "vx", "扣扣" ... each spelling of a channel, mapped to the channel.
CHANNELS = {
    "wechat": r"(?:微信号?|威信|薇信|徽信|v信|vx|wx|weixin|加v|加微|薇|v)",
    "qq": r"(?:qq号?|扣扣|企鹅|q号)",
    "phone": r"(?:电话|手机|热线|tel|联系电话|咨询电话)",
}
SEPARATOR = r"\s*[:：]?\s*"
WECHAT_ID = r"([a-zA-Z][-_a-zA-Z0-9]{5,19}|1[3-9]\d{9})"
QQ_ID = r"([1-9]\d{4,11})"
MOBILE = re.compile(r"(?<!\d)(1[3-9]\d{9})(?!\d)")
LANDLINE = re.compile(r"(?<!\d)(0\d{2,3}-?\d{7,8})(?!\d)")

TLDS = ("com.cn", "net.cn", "org.cn", "gov.cn", "com", "cn", "net", "org", "top", "xyz", "cc",
        "vip", "site", "online", "info", "shop", "club", "wang", "ltd", "icu", "work", "link",
        "store", "tech", "fun", "asia", "biz", "pro")
DOT_WORDS = re.compile(r"\s*(?:点|。|．|｡|\(dot\)|\[dot\]|\(\.\)|\[\.\]|\bdot\b)\s*", re.I)
DOMAIN = re.compile(
    r"(?<![\w.-])((?:https?://)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    r"(?:" + "|".join(re.escape(t) for t in TLDS) + r")(?![a-z0-9-])(?::\d{2,5})?"
    # A dot before Chinese text was a sentence's 。, not part of the path.
    r"(?:/(?:[\w\-/?=&%#]|\.(?=[!-~]))*)?)",
    re.I)


# NFKC of a string equals NFKC of the string with some of its characters replaced by their own
# NFKC forms (both decompose to the same). Full-width punctuation replaced first leaves most Chinese
# text already normal, and the normaliser's quick check passes it as it is; otherwise the
# full-width comma of every sentence sends the whole string down its slow path.
WIDE_FORMS = {chr(code): unicodedata.normalize("NFKC", chr(code))
              for block in (range(0x3000, 0x3040), range(0xFF00, 0xFFF0)) for code in block
              if unicodedata.normalize("NFKC", chr(code)) != chr(code)}
WIDE = re.compile("([" + "".join(map(re.escape, WIDE_FORMS)) + "])")
SPREAD_DIGITS = re.compile(r"(?<=\d)[\s\-]+(?=\d)")


def _nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), several times faster on Chinese text."""
    pieces = WIDE.split(text)  # text, a full-width character, text, ...
    pieces[1::2] = [WIDE_FORMS[character] for character in pieces[1::2]]
    text = "".join(pieces)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def _plain(text: str) -> str:
    """Full-width to half-width, and digits or letters spread out with spaces joined again."""
    return SPREAD_DIGITS.sub("", _nfkc(text))


def extract_contacts(text: str) -> dict[str, list[str]]:
    plain = _plain(text)
    lowered = plain.lower()
    found: dict[str, list[str]] = {"wechat": [], "qq": [], "phone": []}
    for match in re.finditer(CHANNELS["wechat"] + SEPARATOR + WECHAT_ID, lowered):
        found["wechat"].append(match.group(1))
    for match in re.finditer(CHANNELS["qq"] + SEPARATOR + QQ_ID, lowered):
        found["qq"].append(match.group(1))
    found["phone"] = MOBILE.findall(plain) + LANDLINE.findall(plain)
    return {k: sorted(set(v)) for k, v in found.items()}


def extract_urls(text: str) -> list[str]:
    """Web addresses in listing text, including 'www点xxx点com' and full-width spellings."""
    plain = DOT_WORDS.sub(".", _plain(text))
    plain = re.sub(r"(?<=[a-z0-9])\s+\.\s*|\.\s+(?=[a-z0-9])", ".", plain, flags=re.I)
    urls = []
    for match in DOMAIN.finditer(plain):
        value = match.group(1).rstrip("./")
        if "@" in plain[max(0, match.start() - 1):match.start()]:
            continue  # an e-mail address, not a site
        urls.append(value if value.lower().startswith("http") else "http://" + value)
    return list(dict.fromkeys(u.lower() if "/" not in u[8:] else u for u in urls))
