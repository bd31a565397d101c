"""An article's stored form: the JSON of `duizhao import --json`, the library's rows and the
parse cache all use this one shape, so an article read back is the article written.

Here rather than in `models`: rebuilding a paragraph whose stored sentences no longer fit
its text splits it again (`sentences`), and the models must not depend on the splitter.
"""

from __future__ import annotations

from reader.core.models import Article, Lang, Paragraph, Sentence, Title
from reader.core.text.sentences import make_paragraph


def _paragraph_to_dict(p: Paragraph) -> dict:
    d: dict = {"text": p.text, "sentences": [s.text for s in p.sentences]}
    if p.lines is not None:
        d.update(role=p.role, lines=list(p.lines), confidence=p.confidence)
    return d


def _side_to_dict(paragraphs: tuple[Paragraph, ...]) -> dict:
    return {"paragraphs": [_paragraph_to_dict(p) for p in paragraphs]}


def article_to_dict(article: Article) -> dict:
    """The JSON shape of `duizhao import --json` (and what the library stores)."""
    return {
        "title": {"zh": article.title.zh, "en": article.title.en},
        "author": article.author,
        "date": article.date,
        "translator": article.translator,
        "source": article.source,
        "script": article.script,
        "zh": _side_to_dict(article.zh),
        "en": _side_to_dict(article.en),
        "layout": article.layout,
        "confidence": article.confidence,
        "messages": list(article.messages),
        "importer": article.importer,
    }


def article_identity(article: Article) -> dict:
    """The article's text and metadata only, in the shape the stored form had before the
    importer annotated it (layout, roles, source lines): the identity of an article
    imported from two files, whose content hash is taken over it."""
    def side(paragraphs: tuple[Paragraph, ...]) -> dict:
        return {"paragraphs": [{"text": p.text, "sentences": [s.text for s in p.sentences]}
                               for p in paragraphs]}

    return {
        "title": {"zh": article.title.zh, "en": article.title.en},
        "author": article.author, "date": article.date, "translator": article.translator,
        "source": article.source, "script": article.script,
        "zh": side(article.zh), "en": side(article.en),
    }


def _paragraph_from_dict(d: dict, lang: Lang) -> Paragraph:
    """Rebuild offsets by finding each stored sentence in order; re-split if they don't fit."""
    text = d["text"]
    lines = d.get("lines")
    extra = {"role": d.get("role") or "body",
             "lines": (int(lines[0]), int(lines[1])) if lines else None,
             "confidence": float(d.get("confidence", 1.0))}
    sentences: list[Sentence] = []
    pos = 0
    for sentence in d.get("sentences", []):
        start = text.find(sentence, pos)
        if start < 0 or not sentence:
            return Paragraph(text, make_paragraph(text, lang).sentences, **extra)
        pos = start + len(sentence)
        sentences.append(Sentence(sentence, start, pos))
    return Paragraph(text, tuple(sentences), **extra)


def article_from_dict(d: dict) -> Article:
    """Inverse of `article_to_dict`."""
    title = d.get("title") or {}
    return Article(
        title=Title(zh=title.get("zh"), en=title.get("en")),
        zh=tuple(_paragraph_from_dict(p, Lang.ZH)
                 for p in (d.get("zh") or {}).get("paragraphs", [])),
        en=tuple(_paragraph_from_dict(p, Lang.EN)
                 for p in (d.get("en") or {}).get("paragraphs", [])),
        author=d.get("author"),
        date=d.get("date"),
        translator=d.get("translator"),
        source=d.get("source"),
        script=d.get("script") or "simplified",
        layout=d.get("layout") or "",
        confidence=float(d.get("confidence", 1.0)),
        messages=tuple(d.get("messages") or ()),
        importer=int(d.get("importer") or 0),
    )
