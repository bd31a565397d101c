"""Splitting raw bilingual articles: the shipped sample, other layouts, metadata rules."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.bench import shared_dir
from reader.core.errors import UserError
from reader.core.models import Article, Title
from reader.core.text.importer import (
    article_from_dict,
    article_to_dict,
    import_file,
    import_pair,
    make_paragraph,
    parse_article,
    parse_pair,
)

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "articles" / "fortune-2017-08-09-alibaba-kering.txt"
PROMO = ("立即打开", "热读文章", "热门视频", "扫描二维码下载财富APP")


def zh_texts(article: Article) -> list[str]:
    return [p.text for p in article.zh]


def en_texts(article: Article) -> list[str]:
    return [p.text for p in article.en]


@pytest.fixture(scope="module")
def sample() -> Article:
    return import_file(SAMPLE)


# ---------------------------------------------------------------- the shipped sample


def test_sample_metadata(sample: Article) -> None:
    assert sample.title == Title(zh="阿里巴巴解决与开云的法律纠纷,距统治全球更近一步", en=None)
    assert (sample.author, sample.date) == ("Natasha Bach", "2017-08-09")
    assert sample.translator == "严匡正"
    assert sample.source == "财富中文网"
    assert sample.script == "simplified"


def test_sample_paragraphs(sample: Article) -> None:
    zh, en = zh_texts(sample), en_texts(sample)
    assert len(zh) == 7 and len(en) == 6
    assert zh[0] == "马云统治全球电子商务市场的目标,正变得越来越近。"
    assert zh[-1].endswith("这会使开云更容易让造假者受到正义的制裁。")  # (财富中文网) removed
    assert en[0].startswith("On Thursday, Ma’s e-commerce giant Alibaba")
    assert en[-1].endswith("bring those responsible to justice.")
    everything = "\n".join(zh + en)
    for line in PROMO:
        assert line not in everything
    assert "译者" not in everything and "Natasha Bach" not in everything


def test_sample_without_the_promo_vocabulary(monkeypatch: pytest.MonkeyPatch,
                                             sample: Article) -> None:
    # The edge rules alone (tiny line before the headline, short unpunctuated lines after
    # the body) remove the sample's promo lines: the vocabulary file is a second net.
    from reader.core.text import shapes

    monkeypatch.setattr(shapes, "boilerplate", lambda: (frozenset(), re.compile("(?!)")))
    assert import_file(SAMPLE) == sample


def test_sample_sentences(sample: Article) -> None:
    assert [s.text for s in sample.zh[2].sentences] == [
        "两家公司之前积怨已久。",
        "2015年,开云起诉了阿里巴巴,称后者故意允许假冒产品在淘宝上销售。",
        "而在上周四的声明中,开云的态度似乎出现了180度的转变。",
        "他们表示将撤回诉讼,双方将组建专门的团队来保护开云的品牌免受造假者侵害。",
    ]
    assert len(sample.en[1].sentences) == 3
    for paragraph in (*sample.zh, *sample.en):
        for s in paragraph.sentences:
            assert paragraph.text[s.start:s.end] == s.text


def test_dict_round_trip(sample: Article) -> None:
    d = article_to_dict(sample)
    assert d["title"] == {"zh": sample.title.zh, "en": None}
    first = d["zh"]["paragraphs"][0]
    assert {k: first[k] for k in ("text", "sentences", "role", "lines")} == {
        "text": "马云统治全球电子商务市场的目标,正变得越来越近。",
        "sentences": ["马云统治全球电子商务市场的目标,正变得越来越近。"],
        "role": "body", "lines": [7, 7],
    }
    assert set(d) == {"title", "author", "date", "translator", "source", "script", "zh", "en",
                      "layout", "confidence", "messages", "importer"}
    assert d["layout"] == "zh-then-en" and d["messages"] == []
    assert article_from_dict(d) == sample


def test_from_dict_resplits_sentences_that_do_not_fit() -> None:
    d = {"title": {}, "zh": {"paragraphs": [{"text": "一。二。", "sentences": ["三。"]}]},
         "en": {"paragraphs": []}}
    article = article_from_dict(d)
    assert [s.text for s in article.zh[0].sentences] == ["一。", "二。"]
    assert article.script == "simplified" and article.title == Title()


# ---------------------------------------------------------------- layouts from eval data


def _news_docs() -> list[tuple[str, list[str], list[str]]]:
    shared = shared_dir()
    if shared is None:
        return []
    folder = shared / "eval" / "news-wmt24-dev"
    docs = []
    for zh_path in sorted(folder.glob("*.zh.txt")):
        en_path = zh_path.with_name(zh_path.name.replace(".zh.txt", ".en.txt"))
        zh = [x.strip() for x in zh_path.read_text(encoding="utf-8").splitlines() if x.strip()]
        en = [x.strip() for x in en_path.read_text(encoding="utf-8").splitlines() if x.strip()]
        docs.append((zh_path.name.removesuffix(".zh.txt"), zh, en))
    return docs


@pytest.fixture(scope="module")
def news() -> list[tuple[str, list[str], list[str]]]:
    docs = _news_docs()
    if not docs:
        pytest.skip("../shared/eval/news-wmt24-dev is absent (evaluation data, not shipped)")
    return docs


def _interleave(first: list[str], second: list[str]) -> list[str]:
    return [line for pair in zip(first, second, strict=True) for line in pair]


LAYOUTS = {
    "zh-then-en": lambda zh, en: ["立即打开", *zh, "译者：张三", *en, "热读文章", "扫码下载APP"],
    "en-then-zh": lambda zh, en: [*en, "Share this article", *zh, "返回首页"],
    "interleaved-en-first": lambda zh, en: _interleave(en, zh),
    "interleaved-zh-first": lambda zh, en: ["首页", *_interleave(zh, en), "Advertisement"],
    "title-twice": lambda zh, en: [zh[0], "", zh[0], "Natasha Bach 2017-08-09", *zh[1:], *en],
    "interleaved-with-ads": lambda zh, en: [
        *_interleave(en[:3], zh[:3]), "Advertisement", "广告", *_interleave(en[3:], zh[3:]),
        "相关文章", "Most popular"],
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("blank", ["\n", "\n\n"])
def test_news_layouts(news, layout: str, blank: str) -> None:
    for doc, zh, en in news:
        article = parse_article(blank.join(LAYOUTS[layout](zh, en)))
        assert article.title == Title(zh=zh[0], en=en[0]), doc
        assert zh_texts(article) == zh[1:], doc
        assert en_texts(article) == en[1:], doc


def test_news_layout_metadata(news) -> None:
    _, zh, en = news[0]
    zh_then_en = parse_article("\n".join(LAYOUTS["zh-then-en"](zh, en)))
    assert zh_then_en.translator == "张三"
    twice = parse_article("\n".join(LAYOUTS["title-twice"](zh, en)))
    assert (twice.author, twice.date) == ("Natasha Bach", "2017-08-09")


def test_news_pairs(news, tmp_path: Path) -> None:
    for doc, zh, en in news:
        article = parse_pair("\n".join(zh), "\n".join(en))
        assert article.title == Title(zh=zh[0], en=en[0]), doc
        assert zh_texts(article) == zh[1:] and en_texts(article) == en[1:], doc
    doc, zh, en = news[0]
    (tmp_path / "zh.txt").write_text("\n".join(["立即打开", *zh]), encoding="gb18030")
    (tmp_path / "en.txt").write_text("\n\n".join(en), encoding="utf-8")
    article = import_pair(tmp_path / "zh.txt", tmp_path / "en.txt")
    assert zh_texts(article) == zh[1:] and en_texts(article) == en[1:]


def test_pair_given_the_wrong_way_round_is_swapped() -> None:
    article = parse_pair("\n".join(["Company Settles", *EN]), "\n".join(["公司解决纠纷", *ZH]))
    assert article.title == Title(zh="公司解决纠纷", en="Company Settles")
    assert zh_texts(article) == ZH and en_texts(article) == EN


def test_pair_without_one_language_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("\n".join(EN), encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n".join(EN), encoding="utf-8")
    (tmp_path / "c.txt").write_text("\n".join(ZH), encoding="utf-8")
    with pytest.raises(UserError, match=r"a\.txt: no Chinese text"):
        import_pair(tmp_path / "a.txt", tmp_path / "b.txt")
    with pytest.raises(UserError, match=r"c\.txt: no English text"):
        import_pair(tmp_path / "c.txt", tmp_path / "c.txt")


# ---------------------------------------------------------------- built layouts (no eval data)

ZH = ["这是第一段,讲公司的事。", "这是第二段。它有两句话。", "第三段到此结束。"]
EN = ["This is the first paragraph.", "This is the second. It has two sentences.",
      "The third one ends here."]


def test_english_block_first_then_chinese() -> None:
    text = "\n\n".join(["Company Settles Dispute", *EN, "公司解决纠纷", *ZH])
    article = parse_article(text)
    assert article.title == Title(zh="公司解决纠纷", en="Company Settles Dispute")
    assert zh_texts(article) == ZH and en_texts(article) == EN


def test_only_chinese() -> None:
    article = parse_article("\n".join(["公司解决纠纷", *ZH]))
    assert article.title == Title(zh="公司解决纠纷")
    assert zh_texts(article) == ZH and article.en == ()


def test_only_english() -> None:
    article = parse_article("\n".join(["Company Settles Dispute", *EN]))
    assert article.title == Title(en="Company Settles Dispute")
    assert en_texts(article) == EN and article.zh == ()


def test_a_lone_line_is_text_not_a_title() -> None:
    article = parse_article("公司解决纠纷")
    assert zh_texts(article) == ["公司解决纠纷"] and article.title == Title()


def test_no_text_at_all_is_an_error() -> None:
    with pytest.raises(UserError, match="no Chinese or English text"):
        parse_article("\n  \n--- 123 ***\n2017\n")
    with pytest.raises(UserError, match="no Chinese or English text"):
        parse_article("立即打开\n热读文章")


def test_first_english_paragraph_is_not_taken_for_a_title() -> None:
    # The sample's shape: a Chinese headline, an English side without one.
    text = "\n".join(["公司解决纠纷", "导语。", *ZH, "Short lead sentence here.", *EN])
    article = parse_article(text)
    assert article.title == Title(zh="公司解决纠纷", en=None)
    assert en_texts(article) == ["Short lead sentence here.", *EN]
    assert zh_texts(article) == ["导语。", *ZH]


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("译者:严匡正", "translator", "严匡正"),
        ("译者：严匡正", "translator", "严匡正"),
        ("翻译: 李四", "translator", "李四"),
        ("编译：王五", "translator", "王五"),
        ("Translator: Jane Doe", "translator", "Jane Doe"),
        ("来源:财富中文网", "source", "财富中文网"),
        ("Source: Fortune", "source", "Fortune"),
        ("By Natasha Bach", "author", "Natasha Bach"),
        ("作者：张三", "author", "张三"),
        ("Natasha Bach 2017-08-09", "date", "2017-08-09"),
        ("2017年8月9日", "date", "2017-08-09"),
        ("Natasha Bach | August 9, 2017", "date", "2017-08-09"),
    ],
)
def test_metadata_lines(line: str, field: str, value: str) -> None:
    article = parse_article("\n".join(["公司解决纠纷", line, *ZH, *EN]))
    assert getattr(article, field) == value
    assert zh_texts(article) == ZH and en_texts(article) == EN


@pytest.mark.parametrize(
    ("top", "author", "date"),
    [
        (["Natasha Bach", "2017-08-09"], "Natasha Bach", "2017-08-09"),
        (["2017-08-09", "Natasha Bach"], "Natasha Bach", "2017-08-09"),
        (["张三", "2017年8月9日"], "张三", "2017-08-09"),
        (["2017-08-09"], None, "2017-08-09"),
    ],
)
def test_name_line_beside_a_date_line_is_the_byline(top: list[str], author: str | None,
                                                    date: str) -> None:
    article = parse_article("\n".join(["公司解决纠纷", *top, *ZH, *EN]))
    assert (article.author, article.date) == (author, date)
    assert article.title == Title(zh="公司解决纠纷")
    assert zh_texts(article) == ZH and en_texts(article) == EN


def test_headline_above_a_date_is_not_a_name() -> None:
    lines = ["公司解决纠纷", "Settles With Kering", "2017-08-09", *ZH, *EN]
    article = parse_article("\n".join(lines))
    assert article.author is None and article.title.en == "Settles With Kering"
    article = parse_article("\n".join(["Alibaba Settles Dispute", "2017-08-09", *EN]))
    assert article.author is None and article.title.en == "Alibaba Settles Dispute"


def test_interleaved_site_layout_with_notes() -> None:
    text = """中国经济放缓引发担忧
China’s Slowdown Raises Concerns
KEITH BRADSHER
2023年8月15日
BEIJING — China’s economy is slowing. Exports fell.
北京——中国经济正在放缓。出口下降。
Economists are worried.
经济学家感到担忧。
本文最初发表于2023年8月15日。
翻译：杜然
点击查看本文英文版。"""
    article = parse_article(text)
    assert article.title == Title(zh="中国经济放缓引发担忧", en="China’s Slowdown Raises Concerns")
    assert (article.author, article.date, article.translator) == (
        "KEITH BRADSHER", "2023-08-15", "杜然")
    assert zh_texts(article) == ["北京——中国经济正在放缓。出口下降。", "经济学家感到担忧。"]
    assert en_texts(article) == ["BEIJING — China’s economy is slowing. Exports fell.",
                                 "Economists are worried."]


def test_poems_and_word_lists_keep_their_short_lines() -> None:
    # all short unpunctuated lines: no prose, so nothing is site chrome
    article = parse_article("静夜思\n床前明月光\n疑是地上霜\n举头望明月\n低头思故乡")
    assert article.title.zh == "静夜思"
    assert zh_texts(article) == ["床前明月光", "疑是地上霜", "举头望明月", "低头思故乡"]
    words = ["银行", "行走", "长江", "长大", "音乐", "快乐", "重要"]
    assert zh_texts(parse_article("\n".join(["词表", *words]))) == words


def test_translation_talk_in_a_paragraph_is_not_metadata() -> None:
    body = "翻译是一门艺术,需要时间。"
    article = parse_article("\n".join(["公司解决纠纷", body, *ZH]))
    assert article.translator is None and zh_texts(article) == [body, *ZH]


@pytest.mark.parametrize(
    ("ending", "source", "kept"),
    [
        ("(财富中文网)", "财富中文网", ""),
        ("（FT中文网）", "FT中文网", ""),
        ("（完）", None, ""),
        ("（图片由作者提供）", None, "（图片由作者提供）"),
    ],
)
def test_trailing_source(ending: str, source: str | None, kept: str) -> None:
    article = parse_article("\n".join(["公司解决纠纷", *ZH[:-1], ZH[-1] + ending]))
    assert article.source == source
    assert zh_texts(article)[-1] == ZH[-1] + kept


def test_boilerplate_vocabulary_does_not_eat_headlines_or_body() -> None:
    title = "切勿让危机变成新常态–苏格兰人评论"
    body = "用户可以扫描二维码下载这个应用,但公司说这不是重点,因为大多数人已经安装了它。"
    article = parse_article("\n".join([title, body, "评论", "分享到微信"]))
    assert article.title.zh == title and zh_texts(article) == [body]


def test_edge_chrome_without_vocabulary() -> None:
    # unknown site chrome: a tiny line at the top, short unpunctuated lines at the end
    text = "\n".join(["栏目", "公司解决纠纷", *ZH, *EN, "更多内容", "Back to the top"])
    article = parse_article(text)
    assert article.title.zh == "公司解决纠纷"
    assert zh_texts(article) == ZH and en_texts(article) == EN


# ---------------------------------------------------------------- scripts and markup


def test_traditional_article_keeps_its_characters() -> None:
    s2t = opencc.OpenCC("s2tw").convert
    text = SAMPLE.read_text(encoding="utf-8")
    article = parse_article(s2t(text))
    assert article.script == "traditional"
    assert article.title.zh == "阿里巴巴解決與開雲的法律糾紛,距統治全球更近一步"
    assert len(article.zh) == 7 and len(article.en) == 6
    assert article.zh[0].text == s2t("马云统治全球电子商务市场的目标,正变得越来越近。")


def test_traditional_detected_when_english_comes_first() -> None:
    s2t = opencc.OpenCC("s2tw").convert
    english = "\n".join(EN * 200)  # far more than the first few thousand characters
    article = parse_article(english + "\n" + s2t("\n".join(["公司解决纠纷", *ZH])))
    assert article.script == "traditional"
    assert article.zh[0].text == s2t(ZH[0])


def test_html_input(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>ignored</title><style>p{}</style></head><body>"
        "<nav>首页</nav><h1>公司解决纠纷</h1><p>这是第一段,讲公司的事。</p>"
        "<p>这是第二段。<b>它</b>有两句话。</p><script>var x = '<p>no</p>';</script>"
        "<p>It&rsquo;s the first paragraph &amp; more.</p><p>Second&nbsp;one.<br></p>"
        "</body></html>"
    )
    path = tmp_path / "a.html"
    path.write_text(page, encoding="utf-8")
    article = import_file(path)
    assert article.title.zh == "公司解决纠纷"
    assert zh_texts(article) == ["这是第一段,讲公司的事。", "这是第二段。它有两句话。"]
    assert en_texts(article) == ["It’s the first paragraph & more.", "Second one."]


def test_html_line_breaks_inside_and_outside_pre(tmp_path: Path) -> None:
    page = ("<html><body><h1>Poem</h1><p>One long\nparagraph here.</p>"
            "<pre>The first line.\nThe second line.</pre></body></html>")
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    article = import_file(path)
    assert article.title.en == "Poem"
    assert en_texts(article) == ["One long paragraph here.", "The first line.",
                                 "The second line."]


def test_markdown_input(tmp_path: Path) -> None:
    md = (
        "# 公司解决纠纷\n\n**这是第一段**,讲*公司*的事。\n\n> 这是第二段。它有两句话。\n\n"
        "---\n\n## Company Settles\n\n"
        "The [first](http://x.org/a_b) paragraph, with snake_case_word.\n\n"
        "- A _listed_ `second` one.\n\n![logo](logo.png)\n"
    )
    path = tmp_path / "a.md"
    path.write_text(md, encoding="utf-8")
    article = import_file(path)
    assert article.title == Title(zh="公司解决纠纷", en="Company Settles")
    assert zh_texts(article) == ["这是第一段,讲公司的事。", "这是第二段。它有两句话。"]
    assert en_texts(article) == ["The first paragraph, with snake_case_word.",
                                 "A listed second one."]


def test_make_paragraph_uses_the_language_rules() -> None:
    zh = make_paragraph("第一句。第二句!", "zh")
    en = make_paragraph("Mr. Li came. He left.", "en")
    assert [s.text for s in zh.sentences] == ["第一句。", "第二句!"]
    assert [s.text for s in en.sentences] == ["Mr. Li came.", "He left."]


def test_long_line_of_100k_characters_parses() -> None:
    line = "这是一个很长的段落没有标点" * 7_693  # 100,009 characters
    article = parse_article("\n".join(["公司解决纠纷", line, "结尾。"]))
    assert zh_texts(article) == [line, "结尾。"]
    assert len(article.zh[0].sentences) == 1


# ---------------------------------------------------------------- hard-wrapped files

LONG_ZH = [
    "这是一篇很长的中文文章的第一段,它会继续写下去,直到它在编辑器里被折行成好几行为止,"
    "这样我们就可以测试折行的处理。",
    "第二段也相当长,它在一行结束之后还会继续;它包含两句话。这是第二句,它也很长,长到需要折成"
    "好几行才能放得下。",
]
LONG_EN = [
    "This is the first paragraph of a long English article that keeps going for a while so "
    "that it wraps over several lines when it is written by a text editor.",
    "The second paragraph is also rather long and it continues after the end of a line; it "
    "contains two sentences. Here is the second one, which is long too.",
]


def test_hard_wrapped_paragraphs_are_rejoined(tmp_path: Path) -> None:
    import textwrap

    zh = "\n\n".join(textwrap.fill(p, 30) for p in LONG_ZH)
    en = "\n\n".join(textwrap.fill(p, 72) for p in LONG_EN)
    text = f"# 公司解决纠纷\n\n{zh}\n\n## Company Settles\n\n{en}\n"
    assert max(len(line) for line in text.splitlines()) <= 72  # really wrapped
    path = tmp_path / "wrapped.md"
    path.write_text(text, encoding="utf-8")
    article = import_file(path)
    assert article.title == Title(zh="公司解决纠纷", en="Company Settles")
    assert zh_texts(article) == LONG_ZH and en_texts(article) == LONG_EN
    last = article.en[1].sentences[-1].text
    assert last == "Here is the second one, which is long too."


def test_short_paragraph_per_line_files_are_not_rejoined() -> None:
    # blank lines between short one-line paragraphs: nothing is wrapped here
    text = "公司解决纠纷\n\n" + "\n\n".join(ZH) + "\n\n" + "\n".join(EN + EN)
    article = parse_article(text)
    assert zh_texts(article) == ZH and en_texts(article) == EN + EN


# ---------------------------------------------------------------- any input at all

_PIECES = st.sampled_from([
    "公司解决纠纷", "这是一段。", "Natasha Bach", "2017-08-09", "译者:张三", "(财富中文网)",
    "立即打开", "Hello world.", "Mr.", "\n", "\n\n", " ", "。", "(", "（完）", "By X", "来源:",
    "Title Case Line", "張三", "2017年13月40日", "Aug 9, 2017", "x", "1", "—", "\u3000", "翻译",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=40).map("".join)))
def test_any_text_gives_an_article_or_a_user_error(text: str) -> None:
    try:
        article = parse_article(text)
    except UserError:
        return
    assert article.zh or article.en
    for paragraph in (*article.zh, *article.en):
        assert paragraph.text == paragraph.text.strip() and paragraph.text
        for s in paragraph.sentences:
            assert paragraph.text[s.start:s.end] == s.text
    assert article_from_dict(article_to_dict(article)) == article
