"""Words of an article: readings in context, the user's fixes, and the saved vocabulary.
"""

from __future__ import annotations

from dataclasses import replace

from reader.core.errors import UserError
from reader.core.models import (
    Lang,
    SavedWord,
    Token,
)
from reader.core.notes.anchors import (
    STATUSES,
    aligned_sentences,
    quoted,
    sentence_spans,
    sentences_in,
    side_text,
)
from reader.core.service.values import (
    WordInfo,
)
from reader.core.store.store import Store
from reader.core.text.han import has_han


class WordsMixin:
    """Segmented words, reading and segmentation fixes, and saved words."""

    store: Store


    def _tokens(self, text: str) -> list[Token]:
        if not self._overrides_applied:
            self.analyzer.apply_segmentation_overrides(self.store.segmentation_overrides())
            self._overrides_applied = True
        return self.analyzer.tokenize(text)

    def words_of(self, article_id: int) -> list[WordInfo]:
        """The Chinese side's words with readings (the article's locked readings win)."""
        article = self.article(article_id)
        text = side_text(article, Lang.ZH)
        overrides = {word: tuple(syllables.split()) for word, syllables
                     in self.store.reading_overrides(article_id).items()}
        tokens = self._tokens(text)
        out = []
        for reading in self.analyzer.readings(text, tokens, overrides):
            token = reading.token
            syllables = reading.syllables
            hsk = self.analyzer.hsk(token.text) if has_han(token.text) else None
            unsure = reading.unsure and token.text not in overrides
            out.append(WordInfo(token.text, token.start, token.end, tuple(syllables), hsk,
                                unsure))
        return out

    def lock_reading(self, article_id: int, word: str, syllables: str | None) -> None:
        """A teacher fixes a polyphone's reading in this article (None unlocks)."""
        if syllables is not None and len(syllables.split()) != len(word):
            raise UserError(f"{syllables!r} does not give one syllable per character of "
                            f"{word!r}", "write e.g. `chang2 jiang1`")
        self.store.set_reading_override(article_id, word, syllables)

    def override_segmentation(self, text: str, kind: str, parts: list[str] | None = None
                              ) -> None:
        """Make a run one word ("join") or split a word ("split"), in every article."""
        if kind == "split" and (not parts or "".join(parts) != text):
            raise UserError(f"the parts {parts} do not spell {text!r}",
                            "give parts that join back into the word")
        self.store.set_segmentation_override(text, kind, parts)
        self._overrides_applied = False

    # -------------------------------------------------------- saved words

    def save_word(self, article_id: int | None, word: str, *, status: str = "new",
                  note: str = "", at: int | None = None) -> SavedWord:
        """Save `word` with its reading in context, senses, and sentence in both languages.

        `at` is the word's offset in the Chinese side text (default: first occurrence).
        """
        if status not in STATUSES:
            raise UserError(f"unknown status {status!r}", f"use one of {', '.join(STATUSES)}")
        word = word.strip()
        if not word:
            raise UserError("the word is empty", "give the word to save")
        reading, sentence_zh, sentence_en = "", "", ""
        if article_id is not None:
            article = self.article(article_id)
            text = side_text(article, Lang.ZH)
            start = at if at is not None and text[at:at + len(word)] == word else text.find(word)
            if start < 0:
                raise UserError(f"{quoted(word)} does not occur in the article's Chinese text",
                                "check the word, or save it without an article")
            reading = self._reading_at(article_id, text, word, start)
            spans = sentence_spans(article, Lang.ZH)
            ids = sentences_in(spans, start, start + len(word))
            zh_sentences = article.sentences(Lang.ZH)
            sentence_zh = "".join(zh_sentences[i].text for i in ids)
            en_ids = aligned_sentences(self.alignment(article_id), Lang.ZH, ids)
            en_sentences = article.sentences(Lang.EN)
            sentence_en = " ".join(en_sentences[i].text for i in en_ids if i < len(en_sentences))
        entries = self.analyzer.lookup(word)
        if not reading and entries:
            reading = entries[0].pinyin.lower()
        senses: tuple[str, ...] = ()
        if entries:
            # The sense the sentence's English shows first (reader.core.language.gloss), and
            # a name's reading as pinyin writes it (Mǎ Yún).
            from reader.core.language.gloss import gloss_word

            syllables = reading.split() if len(reading.split()) == len(word) else []
            gloss = gloss_word(word, self.analyzer.lookup, syllables, translation=sentence_en,
                               before=sentence_zh[:max(0, sentence_zh.find(word))])
            if gloss.name is not None and syllables:
                reading = " ".join(s for s in gloss.syllables if s)
            entries = list(gloss.entries)
            same = [e for e in entries if e.pinyin.lower() == reading.lower()]
            chosen = entries[:1] if gloss.match is not None else (same or entries[:1])
            senses = tuple(s for e in chosen for s in e.senses)
        existing = self.store.get_word(word)
        saved = SavedWord(None, word, reading, senses, sentence_zh, sentence_en, article_id,
                          status, note or (existing.note if existing else ""),
                          self.analyzer.hsk(word))
        return self.store.save_word(saved)

    def _reading_at(self, article_id: int, text: str, word: str, start: int) -> str:
        locked = self.store.reading_overrides(article_id).get(word)
        if locked:
            return locked
        # Read the word in its sentence-sized context, so polyphones are read in context.
        lo = max(0, start - 40)
        context = text[lo:start + len(word) + 40]
        tokens = self._tokens(context)
        syllables: list[str] = []
        for reading in self.analyzer.readings(context, tokens):
            token = reading.token
            for i, syllable in enumerate(reading.syllables):
                position = lo + token.start + i
                if start <= position < start + len(word) and syllable:
                    syllables.append(syllable)
        return " ".join(syllables)

    def set_word_status(self, word: str, status: str) -> SavedWord:
        if status not in STATUSES:
            raise UserError(f"unknown status {status!r}", f"use one of {', '.join(STATUSES)}")
        existing = self.store.get_word(word)
        if existing is None:
            raise UserError(f"{word!r} is not a saved word", "save it with `duizhao words add`")
        return self.store.save_word(replace(existing, status=status))

    def words(self, status: str | None = None) -> list[SavedWord]:
        return self.store.words(status)

    def known_share(self, article_id: int) -> float:
        """Share of the article's Chinese word tokens whose word is marked known (0–1).

        Tokens without Han characters and words marked "ignored" are left out of the count.
        """
        status = {w.word: w.status for w in self.store.words()}
        counted = known = 0
        for info in self.words_of(article_id):
            if not has_han(info.text) or status.get(info.text) == "ignored":
                continue
            counted += 1
            known += status.get(info.text) == "known"
        return known / counted if counted else 0.0
