"""Masking personal data for public case write-ups (一类一通报): phone numbers, ID numbers, personal
names, and the contact handles a page gives (WeChat, QQ). Keeps enough to read the pattern."""
import re

from ..contacts import extract_contacts

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
LANDLINE = re.compile(r"(?<!\d)(0\d{2,3}-?)\d{3,4}(\d{4})(?!\d)")
LABELLED_NAME = re.compile(
    r"((?:联系人|姓名|负责人|持证人|法定代表人|法人|注册人|经办人|收款人|户名|Registrant(?: Name)?)"
    r"\s*[:：]?\s*)([\u4e00-\u9fff][\u4e00-\u9fff·]{1,3})")


def mask_name(name: str) -> str:
    return name[0] + "*" * (len(name) - 1)


def mask_handle(handle: str) -> str:
    return handle[:2] + "*" * max(len(handle) - 3, 1) + handle[-1] if len(handle) > 3 else "*" * len(handle)


def mask_text(text: str, names: tuple[str, ...] = ()) -> str:
    contacts = extract_contacts(text)
    text = ID_NUMBER.sub(lambda m: m.group(1) + "*" * 8 + m.group(2), text)
    text = MOBILE.sub(r"\1****\2", text)
    text = LANDLINE.sub(lambda m: m.group(1) + "****" + m.group(2), text)
    text = LABELLED_NAME.sub(lambda m: m.group(1) + mask_name(m.group(2)), text)
    for name in sorted(filter(None, names), key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    for handle in contacts["wechat"] + contacts["qq"]:
        if not handle.isdigit() or len(handle) < 11:  # phone-shaped ones are masked above
            text = re.sub(re.escape(handle), mask_handle(handle), text, flags=re.I)
    return text
