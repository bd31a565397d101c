"""Stage 3, roles: what each line is, from its shape and its place (our own articles)."""

from __future__ import annotations

import pytest

from reader.core.text import shapes
from reader.core.text.pipeline import parse
from reader.core.text.rows import Role, Unit
from reader.core.text.titles import clean_title


def roles(text: str) -> list[tuple[str, str]]:
    return [(row.role.value, row.text) for row in parse(text).rows]


def body(text: str) -> tuple[list[str], list[str]]:
    article = parse(text).article
    return [p.text for p in article.zh], [p.text for p in article.en]


@pytest.mark.parametrize("line", [
    "harbour[ˈhɑːbə] 港口；港湾",
    "lantern /ˈlæntən/ n. 灯笼",
    "drizzle  n.毛毛雨；细雨",
    "give up 放弃；停止",
    "英 /ˈwɔːtə/  美 /ˈwɔːtər/",
    "3 umbrella n. 伞",
])
def test_vocabulary_entries(line: str) -> None:
    assert shapes.vocab_entry(line.split(" ", 1)[1] if line[0].isdigit() else line)


@pytest.mark.parametrize("line", [
    "The Harbour at Dawn",
    "Harbour Lights 港口灯光",
    "港口在清晨格外安静。",
    "He gave up smoking last year; 他去年戒烟了。",
])
def test_not_vocabulary(line: str) -> None:
    assert not shapes.vocab_entry(line)


@pytest.mark.parametrize(("line", "role"), [
    ("参考译文", Role.LABEL), ("【背景知识】", Role.LABEL), ("Translation:", Role.LABEL),
    ("全文如下：", Role.LABEL), ("一、", Role.LABEL), ("**重点句型**", Role.LABEL),
    ("首页 | 新闻 | 体育 | 娱乐", Role.CHROME), ("[简体] [繁體] [English] [双语]", Role.CHROME),
    ("您的位置：首页 >> 英语学习 >> 双语新闻", Role.CHROME), ("03:25", Role.CHROME),
    ("扫码关注我们的公众号，每天学一句", Role.PROMO),
    ("Sign up for our weekly newsletter", Role.PROMO), ("点击这里下载完整音频》》》", Role.PROMO),
    ("Copyright © 2020 Riverside Press", Role.COPYRIGHT),
    ("版权所有，未经授权不得转载", Role.COPYRIGHT), ("译者：周小川", Role.CREDIT),
    ("责任编辑：刘洋", Role.CREDIT), ("来源：江城晚报", Role.SOURCE),
    ("By Maria Keller", Role.BYLINE),
    ("文/陈静", Role.BYLINE), ("记者 王强 报道", Role.BYLINE), ("时间：2021年3月4日", Role.DATE),
    ("图片来源：视觉中国", Role.CAPTION), ("Photo: Lena Park", Role.CAPTION),
    ("——摘自《山居笔记》", Role.CREDIT), ("Excerpt from The Long Road by Ian Moss", Role.CREDIT),
    ("译者注：这里的“他”指的是船长。", Role.NOTE), ("Nǐ hǎo, wǒ jiào Lǐ Míng.", Role.NOTE),
])
def test_shapes(line: str, role: Role) -> None:
    lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in line) else "en"
    found = shapes.shape_role(line, Unit(line, 1, strong=line.startswith("**")), lang)
    assert found is not None and found[0] is role, found


@pytest.mark.parametrize("line", [
    "用户可以扫描二维码下载这个应用，但公司说这不是重点，因为大多数人已经安装了它。",
    "Downloads of the app doubled after the update, the company said on Friday.",
    "他说：“我明天再来。”",
    "The park opened in 2019.",
])
def test_running_text_has_no_shape_role(line: str) -> None:
    lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in line) else "en"
    assert shapes.shape_role(line, Unit(line, 1), lang) is None


ARTICLE = """首页 > 双语阅读 > 人文
江边的老茶馆
The Old Teahouse by the River
2022年9月1日  来源：江城晚报
作者：陈静
茶馆开在江边已经有六十年了。
The teahouse has stood by the river for sixty years.
每天早上，老人们来这里喝茶聊天。
Every morning, old people come here to drink tea and chat.
【词汇】
teahouse n. 茶馆
chat v. 聊天
责任编辑：刘洋
相关阅读
"""


def test_a_site_page_with_titles_metadata_and_vocabulary() -> None:
    result = parse(ARTICLE)
    article = result.article
    assert (article.title.zh, article.title.en) == ("江边的老茶馆", "The Old Teahouse by the River")
    assert (article.author, article.date, article.source) == ("陈静", "2022-09-01", "江城晚报")
    assert [p.text for p in article.zh] == ["茶馆开在江边已经有六十年了。",
                                            "每天早上，老人们来这里喝茶聊天。"]
    assert len(article.en) == 2 and article.layout == "interleaved-zh-first"
    junk = {row.text: row.role for row in result.rows if row.role is not Role.BODY}
    assert junk["首页 > 双语阅读 > 人文"] is Role.CHROME and junk["【词汇】"] is Role.LABEL
    assert junk["责任编辑：刘洋"] is Role.CREDIT and junk["相关阅读"] is Role.CHROME
    assert {junk["teahouse n."], junk["茶馆"]} == {Role.VOCAB}


def test_a_headline_broken_after_its_colon_is_joined() -> None:
    text = ("山城的夜:\n\n灯火沿着江岸\n\n一直亮到天明\n\n"
            "The hill city glows along its river until dawn, every night of the year.\n\n"
            "山城的灯火沿着江岸一直亮到天明，一年四季每晚如此。\n")
    assert parse(text).article.title.zh == "山城的夜:灯火沿着江岸一直亮到天明"


def test_menu_items_above_a_title_are_not_joined_to_it() -> None:
    text = ("英语学习\n双语阅读\n\n江边的老茶馆\n"
            "The teahouse has stood by the river for sixty years.\n茶馆开在江边已经有六十年了。\n")
    result = parse(text)
    assert result.article.title.zh == "江边的老茶馆"
    assert [r.role for r in result.rows[:2]] == [Role.CHROME, Role.CHROME]


def test_a_standfirst_under_the_title_is_text() -> None:
    text = ("River Town Opens Its First Library\n"
            "A gift from a retired teacher gives the children a place to read after school\n"
            "The library opened on Monday with four thousand books.\n"
            "The teacher said she wanted every child to own a library card.\n")
    article = parse(text).article
    assert article.title.en == "River Town Opens Its First Library"
    assert article.en[0].text.startswith("A gift from a retired teacher")


def test_short_unpaired_lines_inside_the_text_are_labels_but_verse_is_kept() -> None:
    text = ("河流在春天涨水，两岸的田野一片碧绿。\n"
            "The river rises in spring and the fields turn green.\n"
            "参考\n"
            "农民开始插秧。\nThe farmers begin planting rice.\n")
    assert ("label", "参考") in roles(text)
    verse = ("诗人写道：\n春眠不觉晓\n处处闻啼鸟\n夜来风雨声\n花落知多少\n"
             "The poet wrote about a spring morning and the birds.\n")
    zh, _ = body(verse)
    assert zh == ["春眠不觉晓", "处处闻啼鸟", "夜来风雨声", "花落知多少"]


def test_a_quoted_phrase_being_explained_is_a_note() -> None:
    text = ("The committee postponed the vote until the spring session.\n"
            "委员会把投票推迟到了春季会议。\n"
            "- postponed the vote until the spring session\n"
            "- 推迟：put off\n")
    zh, en = body(text)
    assert en == ["The committee postponed the vote until the spring session."]
    assert zh == ["委员会把投票推迟到了春季会议。"]


def test_commentary_after_a_break_and_a_lead_before_one_are_notes() -> None:
    text = ("> 一篇关于城市花园的短文。\n\n---\n\n"
            "城市里的花园越来越多。\n\nCities have more and more gardens.\n\n"
            "居民在屋顶种菜。\n\nResidents grow vegetables on their roofs.\n\n***\n\n"
            "读完以后，我也想在阳台上种一点番茄，明年春天就试试看吧。\n")
    zh, en = body(text)
    assert zh == ["城市里的花园越来越多。", "居民在屋顶种菜。"] and len(en) == 2


def test_a_poem_without_prose_keeps_every_line_and_its_title() -> None:
    article = parse("登高\n风急天高猿啸哀\n渚清沙白鸟飞回\n").article
    assert article.title.zh == "登高" and [p.text for p in article.zh] == [
        "风急天高猿啸哀", "渚清沙白鸟飞回"]


@pytest.mark.parametrize(("raw", "clean"), [
    ("1. 如何读一本书 12′30″", "如何读一本书"), ("【The Long Road Home】", "The Long Road Home"),
    ("06.15 江边的老茶馆", "江边的老茶馆"), ("江边的老茶馆,", "江边的老茶馆"),
])
def test_clean_title(raw: str, clean: str) -> None:
    assert clean_title(raw) == clean


def test_a_vocabulary_section_with_examples_stays_out_of_the_text() -> None:
    text = ("The ferry still crosses the river every twenty minutes.\n"
            "渡轮仍然每二十分钟过一次江。\n"
            "For many old residents it is faster than the bridge.\n"
            "对许多老居民来说，它比过桥还快。\n"
            "重点讲解\n1. be on one's feet\n站着\n例句：The nurse was on her feet all day.\n"
            "这个护士整天都站着。\n"
            "| word | 释义 |\n|---|---|\n| ferry | 渡轮 |\n"
            "声明：本文仅供学习交流，不代表本站立场。\n")
    zh, en = body(text)
    assert zh == ["渡轮仍然每二十分钟过一次江。", "对许多老居民来说，它比过桥还快。"]
    assert len(en) == 2
    assert ("copyright", "声明：本文仅供学习交流，不代表本站立场。") in roles(text)


def test_links_to_other_articles_below_the_text_are_chrome() -> None:
    text = ("The ferry still crosses the river every twenty minutes.\n"
            "渡轮仍然每二十分钟过一次江。\n往期推荐\n北京的秋天到底有多美\n上海地铁里你不知道的十个冷知识\n")
    zh, en = body(text)
    assert zh == ["渡轮仍然每二十分钟过一次江。"] and len(en) == 1


def test_section_headings_in_both_blocks_translate_each_other_and_stay() -> None:
    text = ("江边的茶馆\n茶馆开在江边已经有六十年了。\n第一部分\n每天早上，老人们来这里喝茶聊天。\n"
            "The Teahouse by the River\nThe teahouse has stood by the river for sixty years.\n"
            "Part One\nEvery morning, old people come here to drink tea and chat.\n")
    zh, en = body(text)
    assert zh[1] == "第一部分" and en[1] == "Part One" and len(zh) == len(en) == 3
