"""Checking a lead package: every file re-hashed against manifest.json and SHA256SUMS, the
signature over the manifest, the time-stamp token's imprint. Problems name the file."""
import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .package import MANIFEST, SIGNATURE, SIGNER_KEY, SUMS, TIMESTAMP
from .signing import SigningError, key_fingerprint, signature_valid, timestamp_time

PACKAGE_FILES = {MANIFEST, SUMS, SIGNATURE, SIGNER_KEY, TIMESTAMP}


@dataclass
class PackageReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_package(path: Path, *, trusted_key: bytes | None = None) -> PackageReport:
    report = PackageReport(Path(path))
    try:
        with zipfile.ZipFile(path) as archive:
            contents = {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}
    except (OSError, zipfile.BadZipFile) as exc:
        report.problems.append(f"无法打开压缩包：{exc}")
        return report
    if MANIFEST not in contents:
        report.problems.append(f"缺少文件：{MANIFEST}")
        return report
    try:
        manifest = json.loads(contents[MANIFEST])
        listed = {e["name"]: e for e in manifest["files"]}
    except (ValueError, KeyError, TypeError):
        report.problems.append(f"文件已被改动：{MANIFEST}（无法解析）")
        return report
    for name, entry in sorted(listed.items()):
        if name not in contents:
            report.problems.append(f"缺少文件：{name}")
        elif hashlib.sha256(contents[name]).hexdigest() != entry["sha256"] or len(contents[name]) != entry["size"]:
            report.problems.append(f"文件已被改动：{name}")
    for name in sorted(set(contents) - set(listed) - PACKAGE_FILES):
        report.problems.append(f"多出文件：{name}")
    _check_sums(contents, listed, report)
    _check_signature(contents, trusted_key, report)
    if TIMESTAMP in contents:
        try:
            report.notes.append(f"可信时间戳：{timestamp_time(contents[MANIFEST], contents[TIMESTAMP])}")
        except SigningError as exc:
            report.problems.append(f"{TIMESTAMP}：{exc}")
    return report


def _check_sums(contents: dict[str, bytes], listed: dict, report: PackageReport) -> None:
    """SHA256SUMS also covers manifest.json; a file matching the manifest but not the sums
    means SHA256SUMS itself was edited (a changed file is already reported once)."""
    if SUMS not in contents:
        report.problems.append(f"缺少文件：{SUMS}")
        return
    for line in contents[SUMS].decode("utf-8", errors="replace").splitlines():
        digest, _, name = line.partition("  ")
        if name not in contents or hashlib.sha256(contents[name]).hexdigest() == digest:
            continue
        if name == MANIFEST:
            report.problems.append(f"文件已被改动：{MANIFEST}（与 {SUMS} 不符）")
        elif name in listed and listed[name]["sha256"] == hashlib.sha256(contents[name]).hexdigest():
            report.problems.append(f"文件已被改动：{SUMS}（{name} 的校验值不符）")


def _check_signature(contents: dict[str, bytes], trusted_key: bytes | None, report: PackageReport) -> None:
    if SIGNATURE not in contents:
        if trusted_key is not None:
            report.problems.append("清单未签名，但要求核验签名")
        else:
            report.notes.append("清单未签名")
        return
    key = contents.get(SIGNER_KEY)
    if key is None:
        report.problems.append(f"缺少文件：{SIGNER_KEY}")
        return
    if trusted_key is not None and key_fingerprint(key) != key_fingerprint(trusted_key):
        report.problems.append(f"签名公钥不是指定的公钥（包内 {key_fingerprint(key)}）")
    if signature_valid(contents[MANIFEST], contents[SIGNATURE], key):
        report.notes.append(f"签名有效，签名公钥 {key_fingerprint(key)}")
    else:
        report.problems.append(f"签名无效：{SIGNATURE} 与 {MANIFEST} 不符")
