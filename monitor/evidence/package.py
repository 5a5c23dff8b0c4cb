"""The police export (线索移交包): one ZIP per lead with the evidence files, the extraction record
(电子数据提取笔录.pdf), the lead sheet (线索清单.xlsx), manifest.json and SHA256SUMS, optionally
signed (Ed25519) and time-stamped (RFC 3161)."""
import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from storage import Store
from storage.clock import now

from ..reports.documents import html_to_pdf, render_html
from ..reports.labels import EVIDENCE_KINDS, kind_label, source_label, status_label
from .facts import METHODS, default_operator, tool_version
from .lead_sheet import lead_sheet
from .leads import Lead, lead_rows
from .signing import key_fingerprint, request_timestamp, sign

FORMAT = "certsweep-lead/1"
MANIFEST, SUMS = "manifest.json", "SHA256SUMS"
SIGNATURE, SIGNER_KEY, TIMESTAMP = "manifest.json.sig", "signer.pub", "manifest.json.tsr"
RECORD, SHEET = "电子数据提取笔录.pdf", "线索清单.xlsx"


@dataclass
class PackageOptions:
    unit: str = ""
    operator: str = ""
    sign_key: Path | None = None
    tsa_url: str | None = None


def build_package(store: Store, lead: Lead, out_dir: Path, options: PackageOptions) -> Path:
    operator = options.operator or default_operator()
    created = now()
    rows = lead_rows(store, lead)
    contents: dict[str, bytes] = {f.name: store.evidence_file(f.row).read_bytes() for f in lead.files}
    contents[SHEET] = lead_sheet(rows, title=f"{lead.title} 线索清单")
    listing = sorted((_entry(name, data, _kind(lead, name)) for name, data in contents.items()),
                     key=lambda e: e["name"])
    contents[RECORD] = html_to_pdf(render_html(
        "extraction_record.html", lead=lead, unit=options.unit, operator=operator, created=created,
        findings=[_finding_context(f, lead) for f in lead.findings], listing=listing,
        methods=METHODS))
    manifest = {
        "format": FORMAT, "lead": lead.ref, "created_at": created, "created_by": operator,
        "unit": options.unit, "tool_version": tool_version(), "hash_algorithm": "SHA-256",
        "case_summary": [{**row, "verdict_label": kind_label(row["verdict"]),
                          "status_label": status_label(row["status"]),
                          "path": (f["details"] or {}).get("path", [])}
                         for row, f in zip(rows, lead.findings)],
        "captures": [c["facts"] | {"capture_id": c["id"]}
                     for f in lead.findings for c in lead.captures[f["id"]]],
        "custody": _custody(store, lead),
        "files": sorted((_entry(name, data, _kind(lead, name)) for name, data in contents.items()),
                        key=lambda e: e["name"]),
    }
    contents[MANIFEST] = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    contents[SUMS] = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n"
                             for name, data in sorted(contents.items())).encode("utf-8")
    if options.sign_key:
        contents[SIGNATURE], contents[SIGNER_KEY] = sign(contents[MANIFEST], options.sign_key)
    if options.tsa_url:
        contents[TIMESTAMP] = request_timestamp(contents[MANIFEST], options.tsa_url)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{lead.title}_{created[:10]}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(contents):
            archive.writestr(name, contents[name])
    store.append_custody(operator, "lead.export", "lead", lead.ref,
                         sha256=hashlib.sha256(target.read_bytes()).hexdigest(),
                         details={"file": target.name, "findings": [f["id"] for f in lead.findings],
                                  "signed_by": key_fingerprint(contents[SIGNER_KEY])
                                  if SIGNER_KEY in contents else None})
    return target


def _kind(lead: Lead, name: str) -> str:
    found = next((f for f in lead.files if f.name == name), None)
    return found.kind if found else {SHEET: "lead_sheet", RECORD: "record"}[name]


def _entry(name: str, data: bytes, kind: str) -> dict:
    category, fmt = EVIDENCE_KINDS.get(kind, ("电子数据提取笔录", "PDF") if kind == "record" else ("", ""))
    return {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
            "kind": kind, "category": category, "format": fmt}


def _finding_context(finding: dict, lead: Lead) -> dict:
    return {"id": finding["id"], "url": finding["canonical_url"], "kind": kind_label(finding["kind"]),
            "source": source_label(finding["source"]), "reasons": finding["reasons"] or [],
            "path": (finding["details"] or {}).get("path", []),
            "captures": lead.captures[finding["id"]]}


def _custody(store: Store, lead: Lead) -> list[dict]:
    """The custody entries of this lead's captures and files, with their chain hashes."""
    captures = [str(c["id"]) for f in lead.findings for c in lead.captures[f["id"]]]
    files = [str(f.row["id"]) for f in lead.files]
    return (store.custody_log(object_type="capture", object_ids=captures)
            + store.custody_log(object_type="evidence", object_ids=files))
