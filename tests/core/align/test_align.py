"""Alignment: bead types, fixed beads, evidence, bad input, the sample article, the scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.bench import shared_dir
from reader.bench.align import news_recovery, parse_beads, score_beads
from reader.cli import main
from reader.core.align import features as ft
from reader.core.align import words
from reader.core.align.anchors import band_from_anchors
from reader.core.align.api import (
    align_article,
    align_paragraphs,
    align_sentences,
    alignment_to_dict,
    beads_to_vecalign,
    check_languages,
)
from reader.core.align.dp import align_dp
from reader.core.align.lexicon import lexicon
from reader.core.align.names import load_user_names
from reader.core.align.pairs import PairCache
from reader.core.errors import UserError
from reader.core.models import Bead
from reader.core.text.importer import import_file

SAMPLE = Path(__file__).resolve().parents[3] / "articles" / "fortune-2017-08-09-alibaba-kering.txt"


@pytest.fixture(scope="module", autouse=True)
def _home(tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DUIZHAO_HOME", str(tmp_path_factory.mktemp("home")))
        yield


@pytest.fixture(scope="module")
def sample():
    return import_file(SAMPLE)


@pytest.fixture(scope="module")
def sample_sentences(sample):
    return ([s.text for s in sample.sentences("zh")], [s.text for s in sample.sentences("en")])


def covers(beads, nz: int, ne: int) -> bool:
    """Every sentence of both sides exactly once, in order, no empty bead."""
    zs = [i for b in beads for i in b.zh]
    es = [j for b in beads for j in b.en]
    return zs == list(range(nz)) and es == list(range(ne)) and all(b.zh or b.en for b in beads)


# --- the DP on synthetic sentences: every bead type --------------------------------------

def feat(keys: list[str], length: int) -> ft.Features:
    return ft._make(keys, [frozenset({k}) for k in keys], [], length)


def build(spec: list[tuple[int, int]]):
    """Synthetic zh/en sentences whose only translation is the given bead sequence."""
    zh: list[ft.Features] = []
    en: list[ft.Features] = []
    for n, (a, b) in enumerate(spec):
        if a == 0 or b == 0:                 # an orphan: many keys found nowhere else
            side, count = (zh, a) if b == 0 else (en, b)
            for k in range(count):
                keys = [f"orphan{n}_{k}_{t}" for t in range(6)]
                side.append(feat(keys, 12 if side is zh else 40))
            continue
        units = max(a, b) * 2
        keys = [f"k{n}_{t}" for t in range(units)]
        if (a, b) == (2, 2):                 # crossing: only the 2-2 bead pairs them all
            zh += [feat(keys[:2], 10), feat(keys[2:], 10)]
            en += [feat(keys[2:], 32), feat(keys[:2], 33)]
            continue
        for part in range(a):
            # with several sentences on both sides, interleave so no smaller bead explains it
            chunk = (keys[part::a] if b > 1 else
                     keys[part * units // a:(part + 1) * units // a])
            zh.append(feat(chunk, 20 // a + 1))
        for part in range(b):
            chunk = keys[part * units // b:(part + 1) * units // b]
            en.append(feat(chunk, 65 // b + 1))
    return zh, en


def expected(spec: list[tuple[int, int]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out, z, e = [], 0, 0
    for a, b in spec:
        out.append((tuple(range(z, z + a)), tuple(range(e, e + b))))
        z, e = z + a, e + b
    return out


@pytest.mark.parametrize("bead", [(1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 0), (0, 1),
                                  (1, 4)])
def test_every_bead_type_is_found(bead):
    spec = [(1, 1), (1, 1), bead, (1, 1), (1, 1)]
    zh, en = build(spec)
    raw = align_dp(PairCache(zh, en))
    assert [(tuple(r.zh), tuple(r.en)) for r in raw] == expected(spec)


def test_mixed_sequence_of_beads():
    spec = [(1, 1), (1, 2), (1, 1), (0, 1), (1, 1), (2, 1), (2, 2), (1, 3), (1, 1), (1, 0),
            (1, 1), (3, 1), (1, 1)]
    zh, en = build(spec)
    raw = align_dp(PairCache(zh, en))
    assert [(tuple(r.zh), tuple(r.en)) for r in raw] == expected(spec)


def test_band_stays_narrow_for_a_book():
    lo, hi = band_from_anchors([], 20_000, 26_000, 8)
    widths = [top - low for low, top in zip(lo, hi, strict=True)]
    assert max(widths) <= 2 * 8 + 4           # linear work and memory, whatever the size
    assert lo[0] == 0 and hi[-1] == 26_000


# --- evidence ----------------------------------------------------------------------------

def test_lemma_meets_gloss_forms():
    assert words.lemma("walked") == words.lemma("walk")
    assert words.lemma("running") == words.lemma("run")
    assert words.lemma("said") == words.lemma("say")
    assert words.lemma("companies") == words.lemma("company")


def test_chinese_numbers():
    assert words.zh_number("十六") == 16
    assert words.zh_number("一百八十") == 180
    assert words.zh_number("两千零五") == 2005
    assert words.zh_number("一八〇") == 180
    assert words.zh_number("阿里") is None


def _matched(zh: str, en: str) -> tuple[float, float]:
    """Share of zh tokens matched in en, and of en tokens matched in zh."""
    zf, ef = ft.zh_features(zh), ft.en_features(en)
    mz, me = PairCache([zf], [ef]).masks(0, 0)
    return mz.bit_count() / len(zf.tokens), me.bit_count() / len(ef.tokens)


def test_names_numbers_months_and_glosses_match():
    zf = ft.zh_features("2015年1月，陈清扬在淘宝上起诉了阿里巴巴和腾讯。")
    ef = ft.en_features("In January 2015, Chen Qingyang sued Alibaba and Tencent on Taobao.")
    keys = zf.keys & ef.keys
    assert {"num:2015", "month:1", "alibaba", "taobao", words.lemma("tencent")} <= keys
    assert "py:qingyang" in keys or "py:chenqingyang" in keys     # pinyin spells the name
    assert words.lemma("sue") in keys                              # CEDICT gloss of 起诉


def test_unrelated_sentences_barely_match():
    good = _matched("他打开了房间的窗户。", "He opened the window of the room.")
    bad = _matched("他打开了房间的窗户。", "Prices of soybeans fell sharply in Chicago.")
    assert min(good) > 0.5 and max(bad) == 0


# --- the sample article ------------------------------------------------------------------

def test_sample_article_alignment(sample, sample_sentences):
    alignment = align_article(sample)
    paragraphs = [(b.zh, b.en) for b in alignment.paragraphs]
    assert paragraphs == [((0,), ())] + [((k + 1,), (k,)) for k in range(6)]
    assert sample.zh[0].text.startswith("马云统治全球电子商务市场的目标")
    zh, en = sample_sentences
    assert covers(alignment.sentences, len(zh), len(en))
    lead = next(b for b in alignment.sentences if 0 in b.zh)
    assert lead.en == ()
    z1 = next(i for i, s in enumerate(zh) if s.startswith("而在上周四的声明中"))
    z2 = next(i for i, s in enumerate(zh) if s.startswith("他们表示将撤回诉讼"))
    e1 = next(j for j, s in enumerate(en) if s.startswith("In a seemingly abrupt about-face"))
    assert Bead((z1, z2), (e1,)) in [Bead(b.zh, b.en) for b in alignment.sentences]
    assert all(0 <= b.score <= 1 for b in alignment.sentences + alignment.paragraphs)
    d = alignment_to_dict(alignment)
    assert d["paragraphs"][0] == {"zh": [0], "en": [], "score": alignment.paragraphs[0].score}
    assert json.loads(json.dumps(d)) == d


def test_sentence_confidence_flags_weak_pairs(sample_sentences):
    zh, en = sample_sentences
    beads = align_sentences(zh, en)
    strong = [b.score for b in beads if b.zh and b.en]
    assert min(strong) > 0.5
    assert all(b.score < 0.5 for b in beads if not (b.zh and b.en))


def test_paragraph_merge_split_and_insertion(sample):
    zh = [p.text for p in sample.zh]
    en = [p.text for p in sample.en]
    merged_en = en[:2] + [en[2] + " " + en[3]] + en[4:]
    got = [(b.zh, b.en) for b in align_paragraphs(zh, merged_en)]
    assert ((3, 4), (2,)) in got                          # 2-1
    merged_zh = zh[:2] + [zh[2] + zh[3]] + zh[4:]
    got = [(b.zh, b.en) for b in align_paragraphs(merged_zh, en)]
    assert ((2,), (1, 2)) in got                          # 1-2
    extra = "Alibaba shares rose 3% in New York on Friday, valuing it at $400 billion."
    got = [(b.zh, b.en) for b in align_paragraphs(zh, en[:3] + [extra] + en[3:])]
    assert ((), (3,)) in got and ((4,), (4,)) in got      # 0-1, and the rest still in step


# --- fixed beads -------------------------------------------------------------------------

def test_fixed_bead_is_kept_and_the_rest_realigned(sample_sentences):
    zh, en = sample_sentences
    free = align_sentences(zh, en)
    fix = Bead((0,), (0,), 1.0)                   # the user links the lead to en 0
    beads = align_sentences(zh, en, fixed=[fix])
    assert fix in beads
    assert covers(beads, len(zh), len(en))
    later = [b for b in free if b.zh and b.zh[0] >= 4]
    assert [b for b in beads if b.zh and b.zh[0] >= 4] == later


def test_fixed_merge_and_split_survive(sample_sentences):
    zh, en = sample_sentences
    merge = Bead((1, 2), (0, 1), 1.0)
    split_a, split_b = Bead((4,), (3,), 1.0), Bead((5,), (), 1.0)
    beads = align_sentences(zh, en, fixed=[split_b, merge, split_a])
    assert {merge, split_a, split_b} <= set(beads)
    assert covers(beads, len(zh), len(en))


def test_fixed_bead_across_paragraphs(sample):
    zh_n, en_n = len(sample.sentences("zh")), len(sample.sentences("en"))
    fix = Bead((0, 1), (0,), 1.0)                 # lead + first paragraph → first en sentence
    alignment = align_article(sample, fixed=[fix])
    assert fix in alignment.sentences
    assert covers(alignment.sentences, zh_n, en_n)


@pytest.mark.parametrize("fixed", [
    [Bead((0, 2), (0,))],                         # not consecutive
    [Bead((0,), (99,))],                          # out of range
    [Bead((1,), (1,)), Bead((1,), (2,))],         # overlapping
    [Bead((1,), (3,)), Bead((2,), (1,))],         # crossing
    [Bead((), ())],                               # empty
])
def test_inconsistent_fixed_beads_are_refused(fixed):
    with pytest.raises(UserError):
        align_sentences(["一。", "二。", "三。"], ["One.", "Two.", "Three.", "Four."],
                        fixed=fixed)


# --- bad input ---------------------------------------------------------------------------

def test_empty_sides():
    assert align_sentences([], []) == []
    assert [(b.zh, b.en) for b in align_sentences([], ["A.", "B."])] == [((), (0,)), ((), (1,))]
    assert [(b.zh, b.en) for b in align_sentences(["甲。"], [])] == [((0,), ())]
    assert [(b.zh, b.en) for b in align_paragraphs([], ["A."])] == [((), (0,))]


def test_translation_of_only_the_first_half(sample_sentences):
    zh, en = sample_sentences
    en_half = en[:5]                              # renders zh sentences 1..6 only
    beads = align_sentences(zh, en_half)
    assert covers(beads, len(zh), len(en_half))
    assert all(b.en == () for b in beads if b.zh and b.zh[0] >= 7)
    assert Bead((1,), (0,)) in [Bead(b.zh, b.en) for b in beads]


def test_same_language_on_both_sides(sample_sentences):
    zh, en = sample_sentences
    with pytest.raises(UserError, match="English side"):
        check_languages(zh, zh)
    with pytest.raises(UserError, match="Chinese side"):
        check_languages(en, en)
    beads = align_sentences(zh, zh)               # the pure function still answers
    assert covers(beads, len(zh), len(zh))


def test_long_text_stays_consistent(sample_sentences):
    zh, en = sample_sentences
    copies = 20                                    # 280 zh sentences, one block
    beads = align_sentences(zh * copies, en * copies)
    assert covers(beads, len(zh) * copies, len(en) * copies)
    got = {(b.zh, b.en) for b in beads}
    one = [(b.zh, b.en) for b in align_sentences(zh, en)][1:-1]   # away from copy borders
    shifted = [(tuple(i + c * len(zh) for i in z), tuple(j + c * len(en) for j in e))
               for c in range(copies) for z, e in one]
    assert sum(b in got for b in shifted) >= 0.9 * len(shifted)


# --- command line ------------------------------------------------------------------------

def test_cli_align_lines_vecalign(tmp_path, capsys, sample_sentences):
    zh, en = sample_sentences
    zf, ef = tmp_path / "zh.txt", tmp_path / "en.txt"
    zf.write_text("\n".join(zh[:4]) + "\n\n" + "\n".join(zh[4:]) + "\n", encoding="utf-8")
    ef.write_text("\n".join(en) + "\n", encoding="utf-8")
    assert main(["align", str(zf), str(ef), "--lines", "--format", "vecalign"]) == 0
    beads = parse_beads(capsys.readouterr().out)
    zs = [i for z, _ in beads for i in z]
    assert zs == list(range(len(zh) + 1))         # the blank line is kept as line 4
    assert [j for _, e in beads for j in e] == list(range(len(en)))


def test_cli_align_json_and_errors(tmp_path, capsys, sample_sentences):
    zh, en = sample_sentences
    zf, ef = tmp_path / "zh.txt", tmp_path / "en.txt"
    zf.write_text("\n\n".join(zh[:3]) + "\n", encoding="utf-8")
    ef.write_text("\n\n".join(en[:2]) + "\n", encoding="utf-8")
    assert main(["align", str(zf), str(ef)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"paragraphs", "sentences"}
    assert [i for b in out["sentences"] for i in b["zh"]] == [0, 1, 2]
    assert main(["align", str(ef), str(ef), "--lines"]) == 2
    assert "Chinese side" in capsys.readouterr().err


def test_vecalign_format():
    text = beads_to_vecalign([Bead((7, 8), (7,)), Bead((), (12,))])
    assert text == "[7,8]:[7]\n[]:[12]\n"
    assert parse_beads(text) == [((7, 8), (7,)), ((), (12,))]


# --- the scorer --------------------------------------------------------------------------

def test_scorer_strict_and_lax():
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((4,), (2, 3))]
    pred = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((4,), (2, 3))]
    c = score_beads(gold, pred)
    p, r, f = c.strict()
    assert (c.pred, c.strict_right, c.gold_full, c.strict_found) == (5, 3, 3, 2)
    assert p == pytest.approx(3 / 5) and r == pytest.approx(2 / 3)
    assert f == pytest.approx(2 * p * r / (p + r))
    lp, lr, _ = c.lax()
    assert lp == pytest.approx(3 / 5) and lr == pytest.approx(1.0)


# --- evaluation data (skipped when ../shared is absent) ----------------------------------

def test_news_paragraph_pairs_all_recovered():
    shared = shared_dir()
    root = shared / "eval" / "news-wmt24-dev" if shared else None
    if root is None or not root.is_dir():
        pytest.skip("../shared/eval/news-wmt24-dev is absent (evaluation data not shipped)")
    found, total, notes = news_recovery(root)
    assert found == total, notes


def test_import_json_has_alignment(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "lib.sqlite"), "import", str(SAMPLE), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    paragraphs = [(b["zh"], b["en"]) for b in out["alignment"]["paragraphs"]]
    assert paragraphs == [([0], [])] + [([k + 1], [k]) for k in range(6)]
    zs = [i for b in out["alignment"]["sentences"] for i in b["zh"]]
    assert zs == list(range(sum(len(p["sentences"]) for p in out["zh"]["paragraphs"])))


def test_traditional_chinese_aligns_like_simplified(sample_sentences):
    from opencc import OpenCC

    zh, en = sample_sentences
    traditional = [OpenCC("s2t").convert(s) for s in zh]
    assert traditional != zh
    simple = [(b.zh, b.en) for b in align_sentences(zh, en)]
    assert [(b.zh, b.en) for b in align_sentences(traditional, en)] == simple


def test_one_side_pasted_as_a_single_block(sample, sample_sentences):
    import dataclasses

    from reader.core.text.importer import make_paragraph

    zh, en = sample_sentences
    free = [(b.zh, b.en) for b in align_sentences(zh, en)]
    block_en = dataclasses.replace(
        sample, en=(make_paragraph(" ".join(p.text for p in sample.en), "en"),))
    alignment = align_article(block_en)
    assert [(b.zh, b.en) for b in alignment.paragraphs] == [((0,), ()),
                                                           ((1, 2, 3, 4, 5, 6), (0,))]
    assert [(b.zh, b.en) for b in alignment.sentences] == free
    block_zh = dataclasses.replace(
        sample, zh=(make_paragraph("".join(p.text for p in sample.zh), "zh"),))
    alignment = align_article(block_zh)
    assert [(b.zh, b.en) for b in alignment.paragraphs] == [((0,), (0, 1, 2, 3, 4, 5))]
    assert covers(alignment.sentences, len(zh), len(en))


def test_lexicon_has_cedict_names_and_user_names():
    from reader.core import paths

    lex = lexicon()
    assert "alibaba" in lex["阿里巴巴"] and "gucci" in lex["古驰"]
    assert words.lemma("linkedin") in lex["领英"]             # resources/align_names.tsv
    (paths.data_dir() / "align_names.tsv").write_text("# mine\n小玄子\tMisty\n",
                                                       encoding="utf-8")
    mine: dict[str, set[str]] = {}
    load_user_names(mine)
    assert mine["小玄子"] == {"misty"}


def test_anchor_votes_do_not_depend_on_the_hash_seed() -> None:
    """A set's order follows PYTHONHASHSEED; votes summed in that order differed in their
    last bits from run to run, and ties between anchors broke differently."""
    import subprocess
    import sys

    code = (
        "from reader.core.align.anchors import _votes\n"
        "keys = frozenset(f'k{n}' for n in range(12))\n"
        "rare = {f'k{n}': (w, [0, 1]) for n, w in enumerate("
        "[0.1, 0.2, 0.3, 1/3, 1/7, 1/11, 0.7, 1/13, 1/17, 0.9, 1/19, 1/23])}\n"
        "print(repr(dict(_votes(keys, rare))))\n")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, env={**__import__("os").environ,
                                               "PYTHONHASHSEED": str(seed)}).stdout
               for seed in range(8)}
    assert len(outputs) == 1, outputs
