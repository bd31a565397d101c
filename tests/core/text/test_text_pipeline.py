"""The whole importer: layouts, rows for the review view, messages, and user decisions that
survive a re-parse (our own texts)."""

from __future__ import annotations

import pytest

from reader.core.errors import UserError
from reader.core.text.decisions import Decision, unmatched
from reader.core.text.pipeline import ImportResult, parse
from reader.core.text.rows import Role, Row
from reader.core.text.stored import article_from_dict, article_to_dict

ZH = ["雨后的山谷格外安静。", "溪水沿着石头流下来。", "远处传来几声鸟叫。"]
EN = ["The valley is very quiet after the rain.", "The stream runs down over the stones.",
      "A few birds call in the distance."]


def _il(a: list[str], b: list[str]) -> list[str]:
    return [x for pair in zip(a, b, strict=True) for x in pair]


@pytest.mark.parametrize(("lines", "layout"), [
    (["山谷", *ZH, "The Valley", *EN], "zh-then-en"),
    (["The Valley", *EN, "山谷", *ZH], "en-then-zh"),
    (["山谷", "The Valley", *_il(ZH, EN)], "interleaved-zh-first"),
    (["The Valley", "山谷", *_il(EN, ZH)], "interleaved-en-first"),
    (["山谷 The Valley", *[f"{z}<br/>{e}" for z, e in zip(ZH, EN, strict=True)]],
     "interleaved-zh-first"),
    (["山谷 The Valley", *[f"{e}        {z}" for z, e in zip(ZH, EN, strict=True)]], "same-line"),
    (["山谷 The Valley", *[f"{e}{z}" for z, e in zip(ZH, EN, strict=True)]], "same-line"),
    (["山谷, The Valley", "".join(_il(ZH, EN))], "sentences"),
])
def test_layouts_split_back_exactly(lines: list[str], layout: str) -> None:
    result = parse("\n".join(lines))
    article = result.article
    assert (article.title.zh, article.title.en) == ("山谷", "The Valley")
    assert result.layout.kind == layout
    if layout == "sentences":
        assert [p.text for p in article.zh] == ["".join(ZH)]
        assert [p.text for p in article.en] == [" ".join(EN)]
    else:
        assert [p.text for p in article.zh] == ZH and [p.text for p in article.en] == EN


def test_rows_cover_every_line_with_role_language_confidence_and_pairs() -> None:
    text = "首页 | 新闻 | 体育 | 财经\n山谷\nThe Valley\n" + "\n".join(_il(ZH, EN)) + "\n热门文章\n"
    result = parse(text)
    assert isinstance(result, ImportResult) and all(isinstance(r, Row) for r in result.rows)
    assert [r.lines for r in result.rows] == [(n, n) for n in range(1, 11)]
    body = [r for r in result.rows if r.role is Role.BODY]
    assert [r.lang for r in body] == ["zh", "en"] * 3
    for k, row in enumerate(result.rows):
        if row.role is Role.BODY:
            assert result.rows[row.pair].pair == k and result.rows[row.pair].lang != row.lang
        assert 0 <= row.confidence <= 1 and row.why and row.key.startswith(f"{row.lines[0]}:")
    assert result.rows[0].role is Role.CHROME and result.rows[-1].role is Role.CHROME


def test_paragraphs_know_their_source_lines() -> None:
    article = parse("山谷\n\n" + "\n\n".join(ZH) + "\n").article
    assert [p.lines for p in article.zh] == [(3, 3), (5, 5), (7, 7)]
    assert all(p.role == "body" for p in article.zh)
    assert article_from_dict(article_to_dict(article)) == article


def test_one_language_is_imported_and_said_so() -> None:
    result = parse("\n".join(ZH))
    assert result.article.en == () and result.layout.kind == "zh-only"
    assert result.messages == ("only Chinese text found: imported as a one-language article",)


def test_a_third_language_is_kept_out_and_reported() -> None:
    text = "\n".join([ZH[0], EN[0], "雨の後の谷はとても静かです。", "비가 온 뒤 계곡은 조용하다.",
                      ZH[1], EN[1]])
    result = parse(text)
    assert [p.text for p in result.article.zh] == ZH[:2]
    assert [p.text for p in result.article.en] == EN[:2]
    assert result.messages == ("1 line in Japanese left out of both panes (line 3)",
                               "1 line in Korean left out of both panes (line 4)")


def test_an_unclear_split_is_marked_for_review_not_guessed() -> None:
    line = ("我们今天要讨论的这个问题, which nobody in the room wanted to raise at all, "
            "其实非常重要而且紧迫")
    result = parse("\n".join([*ZH, line, *EN]))
    row = next(r for r in result.rows if r.lines == (4, 4))
    assert row.role is Role.BODY and row.confidence < 0.5
    assert any("line 4" in m and "Review split" in m for m in result.messages)
    assert result.confidence < parse("\n".join([*ZH, *EN])).confidence


def test_no_text_at_all_is_an_error() -> None:
    with pytest.raises(UserError, match="no Chinese or English text"):
        parse("--- 2020 ***\n00:12\n")


# ---------------------------------------------------------------- decisions

TEXT = "\n".join(["山谷", "The Valley", *_il(ZH, EN), "图注：山谷里的小溪"])


def _row(result: ImportResult, text: str) -> Row:
    return next(r for r in result.rows if r.text == text)


def test_a_role_decision_moves_a_row_into_or_out_of_the_text() -> None:
    first = parse(TEXT)
    caption = _row(first, "图注：山谷里的小溪")
    assert caption.role is not Role.BODY
    decided = parse(TEXT, decisions=[Decision(caption.key, "role", role="body", lang="zh")])
    assert [p.text for p in decided.article.zh] == [*ZH, "图注：山谷里的小溪"]
    out = parse(TEXT, decisions=[Decision(_row(first, EN[1]).key, "role", role="note")])
    assert [p.text for p in out.article.en] == [EN[0], EN[2]]
    assert _row(out, EN[1]).why == "your decision" and _row(out, EN[1]).confidence == 1.0


def test_a_split_decision_cuts_a_row_and_reads_each_part_again() -> None:
    text = "\n".join(["山谷", "The Valley", ZH[0] + " " + EN[0], ZH[1], EN[1]])
    joined = ZH[0] + " " + EN[0]
    key = f"3:{__import__('reader.core.text.rows', fromlist=['text_key']).text_key(joined)}"
    plain = parse(text)
    if len([r for r in plain.rows if r.lines == (3, 3)]) == 1:   # not cut by the importer
        result = parse(text, decisions=[Decision(key, "split", at=len(ZH[0]))])
    else:
        result = plain
    assert [p.text for p in result.article.zh] == ZH[:2]
    assert [p.text for p in result.article.en] == EN[:2]


def test_a_merge_decision_joins_two_rows() -> None:
    text = "\n".join(["山谷", "The Valley", ZH[0], "溪水沿着石头", "流下来。", EN[0], EN[1]])
    first = parse(text)
    result = parse(text, decisions=[Decision(_row(first, "溪水沿着石头").key, "merge")])
    assert [p.text for p in result.article.zh] == [ZH[0], "溪水沿着石头流下来。"]


def test_decisions_survive_edits_elsewhere_and_lapse_when_their_text_changes() -> None:
    first = parse(TEXT)
    decision = Decision(_row(first, EN[1]).key, "role", role="note")
    edited = "网站导航\n\n" + TEXT                 # two lines added above: line numbers move
    moved = parse(edited, decisions=[decision])
    assert EN[1] not in [p.text for p in moved.article.en]
    changed = TEXT.replace(EN[1], "The stream runs down over the grey stones.")
    result = parse(changed, decisions=[decision])
    assert "The stream runs down over the grey stones." in [p.text for p in result.article.en]
    from reader.core.text import structure
    from reader.core.text.pipeline import _pieces
    units = structure.units(changed)
    assert unmatched(units, _pieces(units), [decision]) == [decision]


def test_decisions_round_trip_as_plain_data() -> None:
    decision = Decision("12:abcdef012345", "split", at=7)
    assert Decision.from_dict(decision.to_dict()) == decision
    assert decision.to_dict() == {"key": "12:abcdef012345", "kind": "split", "at": 7}


def test_sentences_given_line_by_line_make_one_paragraph_per_block() -> None:
    text = ("慢炖\nSlow Cooking\n\n慢炖需要耐心。\nSlow cooking needs patience.\n肉会变嫩。\n"
            "The meat becomes tender.\n\n蔬菜最后放。\nVegetables go in last.\n否则会变软。\n"
            "Otherwise they go soft.\n")
    result = parse(text)
    assert result.layout.kind == "sentences"
    zh = [p.text for p in result.article.zh]
    assert zh == ["慢炖需要耐心。肉会变嫩。", "蔬菜最后放。否则会变软。"]
    assert [p.lines for p in result.article.en] == [(5, 7), (10, 12)]


def test_paragraphs_alternating_line_by_line_stay_paragraphs() -> None:
    result = parse("\n".join(_il(ZH, EN)))
    assert result.layout.kind == "interleaved-zh-first" and len(result.article.zh) == 3
