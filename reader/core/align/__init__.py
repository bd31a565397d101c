"""Sentence and paragraph alignment of a Chinese text with its English translation.

A package because the aligner has layers that change for different reasons: `api` (what the
rest of the program calls: spans, fixed beads, the two passes, confidences), `anchors` (pass
1: anchor pairs and the band around them), `dp` (pass 2: the bead DP and its score, the hot
loop), `pairs` (which tokens of a sentence pair match, the evidence both passes read),
`features` (sentences turned into per-token keys, and the lexicon each text teaches
itself), `lexicon` (the CC-CEDICT lexicon and its cache), `names` (the names files added to
it) and `words` (the word lists and the rules that key a word the same way on both sides).
"""
