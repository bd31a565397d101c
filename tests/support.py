"""Shared helpers for the store/anchor/export tests (no tests here).

`FakeAnalyzer` is deterministic and quick: a tiny article parser, positional alignment,
two-character Han chunks as words and pypinyin readings. It keeps these tests independent
of the real segmenter/aligner (which have their own tests) and makes golden files stable.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.core.models import Alignment, Article, Bead, Entry, Paragraph, Sentence, Title, Token
from reader.core.service import Analyzer, quick_readings

REPO = Path(__file__).resolve().parents[1]
SAMPLE_NAME = "fortune-2017-08-09-alibaba-kering.txt"
_HAN = re.compile(r"[\u3400-\u9fff]")
_WORD_LIST = ("我们 银行 还钱 阿里巴巴 合作 品牌 电子 公司 宣布 商务 巨头 全球 统治 "
              "法律 纠纷 奢侈品 集团 声明 技术 打假 联盟 海外 市场 马云 开云")


def sample_path() -> Path:
    """The sample article (repo copy if any, else ../shared/articles)."""
    for candidate in (REPO / "articles" / SAMPLE_NAME,
                      REPO.parent / "shared" / "articles" / SAMPLE_NAME):
        if candidate.exists():
            return candidate
    import pytest
    pytest.skip(f"the sample article {SAMPLE_NAME} is not available")
    raise AssertionError  # unreachable


def _sentences(text: str, zh: bool) -> tuple[Sentence, ...]:
    pattern = r"[^。！？!?]+[。！？!?”」]*" if zh else r"\S.*?(?:[.!?][”’\"]?(?=\s|$)|$)"
    return tuple(Sentence(m.group(), m.start(), m.end())
                 for m in re.finditer(pattern, text) if m.group().strip())


def parse(text: str) -> Article:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0]
    zh = [p for p in lines[1:] if _HAN.search(p) and p != title]
    en = [p for p in lines[1:] if not _HAN.search(p)]
    return Article(Title(zh=title), tuple(Paragraph(p, _sentences(p, True)) for p in zh),
                   tuple(Paragraph(p, _sentences(p, False)) for p in en))


def positional_alignment(article: Article) -> Alignment:
    """Paragraph i with paragraph i, sentence k with sentence k inside them."""
    count = min(len(article.zh), len(article.en))
    paragraphs = tuple(Bead((i,), (i,)) for i in range(count))
    sentences, z, e = [], 0, 0
    for i in range(count):
        nz, ne = len(article.zh[i].sentences), len(article.en[i].sentences)
        for k in range(max(nz, ne)):
            sentences.append(Bead((z + k,) if k < nz else (), (e + k,) if k < ne else ()))
        z, e = z + nz, e + ne
    return Alignment(paragraphs, tuple(sentences))


class FakeAnalyzer(Analyzer):
    ENTRIES = {
        "合作": Entry("合作", "合作", "he2 zuo4", ("to cooperate", "cooperation")),
        "品牌": Entry("品牌", "品牌", "pin3 pai2", ("brand | trademark",)),
        "电子": Entry("电子", "電子", "dian4 zi3", ("electronic",)),
    }
    WORDS = frozenset(_WORD_LIST.split())
    HSK = {"合作": 4, "品牌": 6, "电子": 3, "公司": 2}

    def read_text(self, path: Path) -> str:
        return Path(path).read_text(encoding="utf-8")

    def parse(self, text: str) -> Article:
        return parse(text)

    def to_dict(self, article: Article) -> dict:
        def side(ps):
            return [{"text": p.text, "sentences": [[s.start, s.end] for s in p.sentences]}
                    for p in ps]
        return {"title": article.title.zh, "zh": side(article.zh), "en": side(article.en)}

    def from_dict(self, data: dict) -> Article:
        def side(ps):
            return tuple(Paragraph(p["text"], tuple(Sentence(p["text"][a:b], a, b)
                                                    for a, b in p["sentences"])) for p in ps)
        return Article(Title(zh=data["title"]), side(data["zh"]), side(data["en"]))

    def align(self, article, fixed=()):
        return positional_alignment(article)

    def tokenize(self, text: str) -> list[Token]:
        out = []
        for m in re.finditer(r"[\u3400-\u9fff]+|[A-Za-z0-9]+|\s+|.", text):
            if _HAN.match(m.group()):
                i = m.start()
                while i < m.end():   # greedy over a small word list, else one character
                    j = next((i + n for n in (4, 3, 2)
                              if i + n <= m.end() and text[i:i + n] in self.WORDS), i + 1)
                    out.append(Token(text[i:j], i, j))
                    i = j
            else:
                out.append(Token(m.group(), m.start(), m.end()))
        return out

    def apply_segmentation_overrides(self, overrides: list[dict]) -> None:
        self.overrides = overrides

    def readings(self, text, tokens, overrides=None):
        out = quick_readings(tokens)
        return [r if r.token.text not in (overrides or {})
                else type(r)(r.token, overrides[r.token.text]) for r in out]

    def lookup(self, word: str) -> list[Entry]:
        return [self.ENTRIES[word]] if word in self.ENTRIES else []

    def hsk(self, word: str) -> int | None:
        return self.HSK.get(word, 1 if len(word) == 1 else None)
