"""The labelled world, fetched by Chromium through the fixture proxy and scored
as `certsweep assess` does: the quality figures of issue 5."""
import re

import pytest

from monitor import DomainInfo, assess, probe, registered_domain

from labelled_world import load_labels

LABELS = load_labels()


def assess_live(renderer, world, enrolled, url):
    snapshot = renderer.run(renderer.snapshot(url))
    whois = world.whois_text(registered_domain(snapshot.host))
    domain = DomainInfo.from_whois_text(snapshot.host, whois) if whois else None
    first = assess(snapshot, enrolled, domain_info=domain)
    # Canary: on by default for pages already under suspicion, never on .gov.cn.
    if first.verdict == "suspect" and "CERT_QUERY_FORM" in first.codes:
        async def run_probe():
            page, _, _ = await renderer.open(url)
            try:
                return await probe(page)
            finally:
                await page.context.close()
        return assess(snapshot, enrolled, domain_info=domain, canary=renderer.run(run_probe()))
    return first


@pytest.fixture(scope="module")
def results(renderer, fixture_internet, enrolled):
    return {label["url"]: assess_live(renderer, fixture_internet.world, enrolled, label["url"]) for label in LABELS}


def test_no_genuine_portal_is_ever_flagged(results):
    for label in LABELS:
        if label["kind"] == "genuine":
            a = results[label["url"]]
            assert (a.verdict, a.codes) == ("benign", ["GENUINE_PORTAL"]), label["url"]


def test_clone_recall_and_precision(results):
    clones = {l["url"] for l in LABELS if l["verdict"] == "fake_portal"}
    flagged = {url for url, a in results.items() if a.verdict == "fake_portal"}
    recall = len(clones & flagged) / len(clones)
    precision = len(clones & flagged) / len(flagged) if flagged else 0.0
    print(f"\n克隆识别：召回率 {recall:.2f}（{len(clones & flagged)}/{len(clones)}），"
          f"精确率 {precision:.2f}（{len(clones & flagged)}/{len(flagged)}）")
    for label in LABELS:
        a = results[label["url"]]
        print(f"  {a.verdict:12} {a.risk:3d} {str(a.similarity):6} {label['url']}  [{label['kind']}]")
    assert recall >= 0.95
    assert precision >= 0.9


@pytest.mark.parametrize("label", [l for l in LABELS if l["verdict"] == "fake_portal"], ids=lambda l: l["url"])
def test_each_clone_names_the_portal_it_copies(results, label):
    assert results[label["url"]].portal == label["portal"]


@pytest.mark.parametrize("label", [l for l in LABELS if l["kind"] != "genuine"], ids=lambda l: l["url"])
def test_each_page_gets_its_label(results, label):
    assert results[label["url"]].verdict == label["verdict"]


def test_reasons_are_codes_with_chinese_sentences(results):
    a = results["https://cxmemgov.top/"]
    assert {"PORTAL_CLONE", "MARKERS_COPIED", "GOV_IDENTITY_ON_NON_GOV_HOST", "WHOIS_HIDDEN"} <= set(a.codes)
    assert all(re.search("[\u4e00-\u9fff]", r["text"]) for r in a.reasons)
