"""The campaign file's schema. Pydantic validates it so every error names its exact field."""
from datetime import date
from typing import Literal

from cssselect import SelectorError
from lxml import etree
from parsel import Selector
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def check_selector(value: str) -> str:
    """Selectors are CSS by default, or XPath when written `xpath:...`; both must compile."""
    kind, _, expr = value.partition(":") if value.startswith(("xpath:", "css:")) else ("css", "", value)
    try:
        if kind == "xpath":
            etree.XPath(expr)
        else:
            Selector(text="<html/>").css(expr)
    except (SelectorError, etree.XPathSyntaxError, ValueError) as exc:
        raise ValueError(f"选择器无效：{value}（{exc}）") from exc
    return value


class SearchSource(Strict):
    """A source searched by keyword: its search URL is a template with {keyword}."""
    search_url: str = Field(description="含 {keyword}，可含 {page}")

    @field_validator("search_url")
    @classmethod
    def _has_keyword(cls, v: str) -> str:
        if "{keyword}" not in v:
            raise ValueError("search_url 必须包含 {keyword} 占位符")
        return v


class ItemFields(Strict):
    title: str
    price: str | None = None
    seller_name: str | None = None
    seller_id: str | None = None
    shop_url: str | None = None
    description: str | None = None
    location: str | None = None
    images: str | None = None

    @field_validator("*")
    @classmethod
    def _selectors(cls, v: str | None) -> str | None:
        return v if v is None else check_selector(v)


class MarketplaceSelectors(Strict):
    card: str = Field(description="结果卡片")
    item_url: str = Field(description="卡片内的商品链接")
    next_page: str | None = None
    item: ItemFields

    @field_validator("card", "item_url", "next_page")
    @classmethod
    def _selectors(cls, v: str | None) -> str | None:
        return v if v is None else check_selector(v)


class Marketplace(SearchSource):
    name: str
    first_page: int = Field(1, ge=0)
    max_result_pages: int = Field(5, ge=1, le=1000)
    render: bool = False
    storage_state: str | None = Field(None, description="Playwright 登录状态文件")
    selectors: MarketplaceSelectors


class SearchSelectors(Strict):
    result: str
    link: str
    title: str
    ad_marker: str = Field(description="判断结果为广告/推广的选择器（在结果内匹配到即为广告）")

    @field_validator("*")
    @classmethod
    def _selectors(cls, v: str) -> str:
        return check_selector(v)


class SearchEngine(SearchSource):
    name: str
    max_result_pages: int = Field(1, ge=1, le=100)
    follow_organic: bool = False
    render: bool = False
    selectors: SearchSelectors


class Limits(Strict):
    max_pages: int = Field(5000, ge=1)
    max_depth: int = Field(3, ge=0)
    concurrency: int = Field(8, ge=1, le=256)
    per_domain_delay: float = Field(0.5, ge=0)
    autothrottle: bool = True
    obey_robots: bool = True
    render: Literal["auto", "always", "never"] = "auto"
    max_open_pages: int = Field(4, ge=1, le=64)
    max_response_mb: float = Field(10, gt=0)
    timeout: float = Field(30, gt=0)
    retries: int = Field(2, ge=0, le=10)


class Canary(Strict):
    enabled: bool = True


class Campaign(Strict):
    name: str = Field(min_length=1)
    unit: str = Field(min_length=1, description="牵头单位")
    start: date
    end: date
    schedule: str | None = Field(None, description="cron 表达式，如 0 2 * * *")
    keyword_lists: list[str] = Field(min_length=1)
    search_terms: list[str] = Field(default_factory=list, description="为空时取关键词清单中的证书类型与违法宣传词")
    portal_queries: list[str] = Field(default_factory=list, description="在搜索引擎中查找仿冒查询平台所用的检索词")
    portals: list[str] = Field(default_factory=list)
    watch_domains: list[str] = Field(default_factory=list)
    seeds: list[HttpUrl] = Field(default_factory=list)
    marketplaces: list[Marketplace] = Field(default_factory=list)
    search_engines: list[SearchEngine] = Field(default_factory=list)
    limits: Limits = Limits()
    canary: Canary = Canary()
    proxy: str | None = None

    @field_validator("schedule")
    @classmethod
    def _cron(cls, v: str | None) -> str | None:
        if v is not None and len(v.split()) != 5:
            raise ValueError("schedule 应为 5 段 cron 表达式（分 时 日 月 周）")
        return v

    @model_validator(mode="after")
    def _period(self) -> "Campaign":
        if self.end < self.start:
            raise ValueError("结束日期早于开始日期")
        return self

    @field_validator("marketplaces", "search_engines")
    @classmethod
    def _unique_names(cls, sources):
        names = [s.name for s in sources]
        duplicated = {n for n in names if names.count(n) > 1}
        if duplicated:
            raise ValueError(f"来源名称重复：{'、'.join(sorted(duplicated))}")
        return sources
