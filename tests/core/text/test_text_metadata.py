"""Metadata in the forms pasted articles use: titles, dates, bylines, credits (our texts)."""

from __future__ import annotations

import pytest

from reader.core.text.meta import Meta, find_date, take_metadata
from reader.core.text.metadata import sign_off
from reader.core.text.pipeline import parse

ZH = "老街上的面包店每天清晨五点开门。"
EN = "The bakery on the old street opens at five every morning."


@pytest.mark.parametrize(("text", "iso"), [
    ("2017-08-09", "2017-08-09"), ("2009年12月10日", "2009-12-10"), ("2024.4.20", "2024-04-20"),
    ("2021/3/4 08:15", "2021-03-04"), ("March 4, 2021", "2021-03-04"),
    ("4 March 2021", "2021-03-04"), ("在市图书馆的讲话;上海,2019年6月1日", "2019-06-01"),
])
def test_dates(text: str, iso: str) -> None:
    assert find_date(text) == iso


@pytest.mark.parametrize(("line", "field", "value"), [
    ("时间:2024.4.20", "date", "2024-04-20"), ("发布时间：2021-03-04 10:20", "date", "2021-03-04"),
    ("来源:江城晚报    2020-03-20 11:17", "source", "江城晚报"),
    ("来源:考试吧   2010-12-14【", "date", "2010-12-14"),
    ("文/陈静", "author", "陈静"), ("记者 王强 李红 报道", "author", "王强 李红"),
    ("By Maria Keller and Tom Hart", "author", "Maria Keller and Tom Hart"),
    ("翻译：周小川", "translator", "周小川"), ("Translated by Lin Yu", "translator", "Lin Yu"),
])
def test_metadata_lines(line: str, field: str, value: str) -> None:
    meta = Meta()
    assert take_metadata(line, meta)
    assert getattr(meta, field) == value


@pytest.mark.parametrize("line", ["时间:2024.4.20", "日期：2021年3月4日"])
def test_a_dated_label_is_no_author(line: str) -> None:
    meta = Meta()
    take_metadata(line, meta)
    assert meta.author is None and meta.date is not None


def test_a_sentence_starting_with_wen_is_no_byline() -> None:
    assert not take_metadata("文章写得很好", Meta())


def _parse(*lines: str):
    return parse("\n".join(lines)).article


def test_front_matter_gives_title_and_date() -> None:
    article = _parse("---", "title: 老街的面包店", "date: 2019-05-20", "---", ZH, EN)
    assert (article.title.zh, article.date) == ("老街的面包店", "2019-05-20")


def test_a_tag_line_with_a_date_above_the_text() -> None:
    article = _parse("面包 老街 早餐 晚报 2018-11-02", EN + ZH)
    assert article.date == "2018-11-02" and article.author is None


def test_a_credit_about_the_article_gives_source_date_and_original_title() -> None:
    article = _parse("老街的面包店", ZH, EN,
                     "——本文2023年2月1日发布于江城网,英文原题为 The Bakery That Never Sleeps")
    assert (article.source, article.date) == ("江城网", "2023-02-01")
    assert article.title.en == "The Bakery That Never Sleeps"


def test_an_attribution_of_a_quotation_gives_no_date() -> None:
    article = _parse(ZH, EN, "——2015年5月1日，市长在开业仪式上的讲话")
    assert article.date is None


def test_a_breadcrumb_gives_the_title_when_nothing_else_does() -> None:
    article = _parse("当前位置:首页 >> 双语阅读 >> 生活:老街上的面包店", EN, ZH)
    assert article.title.zh == "老街上的面包店"


def test_a_source_link_names_its_site() -> None:
    article = _parse(ZH, EN, "来源：[老街的面包店！一家人的坚持 - Jiangcheng.com](https://example.org/a)")
    assert article.source == "Jiangcheng.com"


def test_reporter_sign_off() -> None:
    assert sign_off("The bakery will reopen next week. Anna Lee, Reuters.") == "Anna Lee"
    assert sign_off("The bakery will reopen, said Anna Lee, the owner.") is None
    article = _parse(ZH, EN[:-1] + ". Anna Lee, Reuters.")
    assert article.author == "Anna Lee"


def test_source_in_brackets_after_the_last_chinese_sentence() -> None:
    article = _parse("老街的面包店", EN, ZH + "(江城晚报)")
    assert article.source == "江城晚报" and article.zh[-1].text == ZH


def test_bilingual_title_on_one_line_and_numbered() -> None:
    article = _parse("3【The Bakery on Old Street】老街上的面包店", "TEXT:" + EN * 2,
                     "参考译文:" + ZH * 2)
    assert (article.title.zh, article.title.en) == ("老街上的面包店", "The Bakery on Old Street")
    assert article.en[0].text == EN * 2 and article.zh[0].text == ZH * 2


@pytest.mark.parametrize(("line", "author"), [
    ("英国《金融时报》 安娜·贝格", "安娜·贝格"), ("《城市周刊》专栏作家 王五", "王五"),
    ("《河畔日报》 Jane Doe", "Jane Doe"), ("《论语》选读", None), ("《红楼梦》 赏析", None),
])
def test_a_publication_then_its_writer(line: str, author: str | None) -> None:
    meta = Meta()
    take_metadata(line, meta)
    assert meta.author == author


def test_a_publisher_beside_the_date_is_the_source() -> None:
    meta = Meta()
    assert take_metadata("江城日报网 2023-11-05 09:12", meta)
    assert (meta.author, meta.source, meta.date) == (None, "江城日报网", "2023-11-05")


def test_a_news_site_page_with_a_version_toggle_and_credits() -> None:
    article = _parse("晚报网", "国际", "为什么越来越多的人骑车上班",
                     "Why More People Are Biking to Work", "JANE SMITH", "2023年4月2日",
                     "阅读简体中文版 / 閱讀繁體中文版", EN, ZH,
                     "本文最初发表于2023年4月1日。", "翻译：王小明", "点击查看本文英文版。")
    assert (article.title.zh, article.title.en) == ("为什么越来越多的人骑车上班",
                                                    "Why More People Are Biking to Work")
    assert (article.author, article.date, article.translator, article.source) == (
        "JANE SMITH", "2023-04-02", "王小明", None)
    assert [p.text for p in article.zh] == [ZH] and [p.text for p in article.en] == [EN]
