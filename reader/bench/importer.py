"""`duizhao bench import`: how well raw bilingual articles come in, and how fast.

* real articles (../shared/eval/real-articles): strict paragraph pairs, exact zh/en splits,
  metadata found and articles with no junk leaked into the text, computed by that folder's
  own `score.py` (loaded from there at run time, so the bench and the scorer can never
  disagree), on the JSON `duizhao import --json` prints;
* the sample article: its split, metadata and beads equal the snapshot below (taken from the
  importer before the staged rewrite; `tests/core/text/test_text_sample_snapshot.py` checks it);
* news layouts (../shared/eval/news-wmt24-dev): each document joined as zh block / en block,
  en block / zh block and interleaved by paragraph (as `bench align` builds them, bare and
  wrapped in synthetic chrome), split back exactly: titles and every paragraph;
* speed: a 1 MB article imported.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from reader.bench import Figure, shared_dir, timer
from reader.core.models import Article, Bead

SAMPLE_DIGEST = "55bb5d1b0c0e918320ba76de9e93719b131311f6cfc2b5cbcc0bb9c1d7dde82e"
SAMPLE_PARAGRAPH_BEADS = [[[0], []], [[1], [0]], [[2], [1]], [[3], [2]], [[4], [3]],
                          [[5], [4]], [[6], [5]]]
SAMPLE_SENTENCE_BEADS = [[[0], []], [[1], [0]], [[2], [1]], [[3], [2]], [[4, 5], [3]],
                         [[6], [4]], [[7], [5]], [[8], [6]], [[9], [7]], [[10], [8]],
                         [[11], [9]], [[12], [10]], [[13], [11]]]


def sample_path() -> Path:
    return Path(__file__).resolve().parents[2] / "articles" / \
        "fortune-2017-08-09-alibaba-kering.txt"


def article_digest(article: Article) -> str:
    """A hash of what the importer made of an article: titles, metadata, paragraphs and
    their sentences."""
    blob = json.dumps([
        article.title.zh, article.title.en, article.author, article.date, article.translator,
        article.source,
        [[p.text, [s.text for s in p.sentences]] for p in article.zh],
        [[p.text, [s.text for s in p.sentences]] for p in article.en],
    ], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _beads(items: tuple[Bead, ...]) -> list:
    return [[list(b.zh), list(b.en)] for b in items]


def sample_matches() -> tuple[bool, str]:
    """(the sample's import and alignment equal the snapshot, what differs)."""
    from reader.core.align.api import align_article
    from reader.core.text.importer import import_file

    article = import_file(sample_path())
    alignment = align_article(article)
    problems = []
    if article_digest(article) != SAMPLE_DIGEST:
        problems.append("split or metadata")
    if _beads(alignment.paragraphs) != SAMPLE_PARAGRAPH_BEADS:
        problems.append("paragraph beads")
    if _beads(alignment.sentences) != SAMPLE_SENTENCE_BEADS:
        problems.append("sentence beads")
    return not problems, ", ".join(problems)


# --- real articles -------------------------------------------------------------------------

def _scorer(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("real_articles_score", folder / "score.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {folder / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def app_json(path: Path) -> dict:
    """What `duizhao import PATH --json` prints for a new article (without the library id)."""
    from reader.core.align.api import align_article, alignment_to_dict
    from reader.core.text.importer import import_file
    from reader.core.text.stored import article_to_dict

    article = import_file(path)
    return {**article_to_dict(article), "alignment": alignment_to_dict(align_article(article))}


def real_article_figures(folder: Path) -> Iterator[Figure]:
    scorer = _scorer(folder)
    results = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = folder / "articles" / gold["article"]
        results.append((gold_path.stem, scorer.score_one(gold, app_json(article))))
    pairs = sum(r["pairs_ok"] for _, r in results)
    total = sum(r["pairs_total"] for _, r in results)
    splits = sum(bool(r["split"]) for _, r in results)
    meta = sum(r["meta_found"] for _, r in results)
    meta_total = sum(r["meta_total"] for _, r in results)
    clean = sum(not r["junk_leaked"] for _, r in results)
    leaked = sum(len(r["junk_leaked"]) for _, r in results)
    n = len(results)
    for name, r in results:
        missed = [k for k, ok in r["meta"].items() if not ok]
        if not r["split"] or r["junk_leaked"] or missed or r["pairs_ok"] < r["pairs_total"]:
            yield Figure(f"import.real_articles.miss {name}: split {r['split']}, pairs "
                         f"{r['pairs_ok']}/{r['pairs_total']}, junk {len(r['junk_leaked'])}, "
                         f"metadata missed {missed}", 0, "")
    yield Figure(f"import.real_articles.strict_pairs ({pairs}/{total})",
                 round(100 * pairs / max(total, 1), 1), "%", ">=", 95)
    yield Figure(f"import.real_articles.exact_splits (of {n})", splits, "articles", ">=", 13)
    yield Figure(f"import.real_articles.metadata_found ({meta}/{meta_total})",
                 round(100 * meta / max(meta_total, 1), 1), "%", ">=", 85)
    yield Figure(f"import.real_articles.without_leaked_junk (of {n}; {leaked} lines leaked)",
                 clean, "articles", ">=", 12)


# --- news layouts --------------------------------------------------------------------------

def news_figures(root: Path) -> Iterator[Figure]:
    from reader.bench.align import LAYOUTS, WRAPPINGS, news_documents, raw_article
    from reader.core.text.importer import parse_article

    exact = total = docs = 0
    misses = []
    for name, zh, en in news_documents(root):
        docs += 1
        for layout in LAYOUTS:
            for wrapping in WRAPPINGS:
                total += 1
                article = parse_article(raw_article(zh, en, layout, wrapping))
                ok = ((article.title.zh, article.title.en) == (zh[0].strip(), en[0].strip())
                      and [p.text for p in article.zh] == [x.strip() for x in zh[1:]]
                      and [p.text for p in article.en] == [x.strip() for x in en[1:]])
                exact += ok
                if not ok:
                    misses.append(f"{name} [{layout}, {wrapping}]")
    for miss in misses[:10]:
        yield Figure(f"import.news.miss {miss}", 0, "")
    yield Figure(f"import.news.exact_split ({exact}/{total}: {docs} documents x {len(LAYOUTS)} "
                 f"layouts x {len(WRAPPINGS)} wrappings)", round(100 * exact / max(total, 1), 1),
                 "%", ">=", 100)


# --- speed ---------------------------------------------------------------------------------

def speed_figures(quick: bool) -> Iterator[Figure]:
    from reader.bench.core import _big_text
    from reader.core.text.importer import import_file

    size = 100_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory(prefix="duizhao-bench-") as tmp:
        big = Path(tmp) / "big.txt"
        big.write_text(_big_text(sample_path().read_text(encoding="utf-8"), size),
                       encoding="utf-8")
        import_file(big)                       # modules and tables loaded: time the parse
        best = float("inf")
        for _ in range(3):
            with timer() as t:
                import_file(big)
            best = min(best, t[0])
        label = f"{big.stat().st_size / 1e6:.2f} MB"
    yield Figure(f"import.speed.{label} article (best of 3)", round(best, 3), "s", "<",
                 1.5 if not quick else 0.3)


def run(args: argparse.Namespace) -> list[Figure]:
    return list(_run(getattr(args, "quick", False)))


def _run(quick: bool) -> Iterator[Figure]:
    ok, what = sample_matches()
    yield Figure("import.sample.split_metadata_and_beads_exact" + ("" if ok else f" ({what})"),
                 int(ok), "", ">=", 1)
    shared = shared_dir()
    if shared is None:
        yield Figure("import.eval_data_missing (../shared/eval: real articles and news "
                     "layouts skipped)", 0, "")
    else:
        real = shared / "eval" / "real-articles"
        if (real / "score.py").is_file():
            yield from real_article_figures(real)
        news = shared / "eval" / "news-wmt24-dev"
        if news.is_dir():
            yield from news_figures(news)
    yield from speed_figures(quick)
