"""Everyday sentences with their readings: the polyphone cases a learner meets first.

Written for this project (not taken from any data set). It is a REGRESSION SUITE, not a
measure of accuracy: the context rules in `reader.core.polyphone_rules` were written from
these very sentences, so they all pass by construction. `duizhao bench pinyin` reports it
under that name and the tests assert every one; accuracy is CPP's figure (held-out text).
Readings are numbered syllables, one per character, neutral tones as CC-CEDICT has them.
"""

from __future__ import annotations

EVERYDAY: tuple[tuple[str, str], ...] = (
    ("我去银行还钱", "wo3 qu4 yin2 hang2 huan2 qian2"),
    ("他还没还我钱", "ta1 hai2 mei2 huan2 wo3 qian2"),
    ("你还好吗", "ni3 hai2 hao3 ma5"),
    ("他跑得很快", "ta1 pao3 de5 hen3 kuai4"),
    ("中国最长的河", "zhong1 guo2 zui4 chang2 de5 he2"),
    ("比赛中中了头奖", "bi3 sai4 zhong1 zhong4 le5 tou2 jiang3"),
    ("他慢慢地走在地上", "ta1 man4 man4 de5 zou3 zai4 di4 shang5"),
    ("他认真地学习", "ta1 ren4 zhen1 de5 xue2 xi2"),
    ("地球是圆的", "di4 qiu2 shi4 yuan2 de5"),
    ("我觉得这东西很好", "wo3 jue2 de5 zhe4 dong1 xi5 hen3 hao3"),
    ("这条河东西走向", "zhe4 tiao2 he2 dong1 xi1 zou3 xiang4"),
    ("我想睡觉", "wo3 xiang3 shui4 jiao4"),
    ("他长大了", "ta1 zhang3 da4 le5"),
    ("长江大桥很长", "chang2 jiang1 da4 qiao2 hen3 chang2"),
    ("为了成功", "wei4 le5 cheng2 gong1"),
    ("他成为了老师", "ta1 cheng2 wei2 le5 lao3 shi1"),
    ("因为下雨", "yin1 wei4 xia4 yu3"),
    ("你数一数", "ni3 shu3 yi1 shu3"),
    ("数学很难", "shu4 xue2 hen3 nan2"),
    ("警察正在调查", "jing3 cha2 zheng4 zai4 diao4 cha2"),
    ("这孩子很调皮", "zhe4 hai2 zi5 hen3 tiao2 pi2"),
    ("别着急", "bie2 zhao2 ji2"),
    ("他看着我", "ta1 kan4 zhe5 wo3"),
    ("孩子睡着了", "hai2 zi5 shui4 zhao2 le5"),
    ("我们在河边行走", "wo3 men5 zai4 he2 bian1 xing2 zou3"),
    ("我的朋友", "wo3 de5 peng2 you5"),
    ("他得去医院", "ta1 dei3 qu4 yi1 yuan4"),
    ("他得了第一名", "ta1 de2 le5 di4 yi1 ming2"),
    ("你得好好学习", "ni3 dei3 hao3 hao3 xue2 xi2"),
    ("我得赶紧走", "wo3 dei3 gan3 jin3 zou3"),
    ("他说得很清楚", "ta1 shuo1 de5 hen3 qing1 chu5"),
    ("孩子们高兴地唱歌", "hai2 zi5 men5 gao1 xing4 de5 chang4 ge1"),
    ("这不是一样的", "zhe4 bu4 shi4 yi1 yang4 de5"),
    ("他会还给你的", "ta1 hui4 huan2 gei3 ni3 de5"),
    ("大家都来了", "da4 jia1 dou1 lai2 le5"),
    ("北京是中国的首都", "bei3 jing1 shi4 zhong1 guo2 de5 shou3 du1"),
    ("重要的是重新开始", "zhong4 yao4 de5 shi4 chong2 xin1 kai1 shi3"),
    ("他喜欢音乐", "ta1 xi3 huan5 yin1 yue4"),
    ("祝你快乐", "zhu4 ni3 kuai4 le4"),
    ("我们去划船", "wo3 men5 qu4 hua2 chuan2"),
    ("这件衣服很好看", "zhe4 jian4 yi1 fu5 hen3 hao3 kan4"),
    ("他的爱好是唱歌", "ta1 de5 ai4 hao4 shi4 chang4 ge1"),
    ("他好学", "ta1 hao4 xue2"),
    ("你好", "ni3 hao3"),
    ("会计在开会", "kuai4 ji4 zai4 kai1 hui4"),
    ("音乐会结束了", "yin1 yue4 hui4 jie2 shu4 le5"),
    ("几个人", "ji3 ge5 ren2"),
    ("茶几上有杯茶", "cha2 ji1 shang4 you3 bei1 cha2"),
)


def expected(readings: str) -> list[str]:
    return readings.split()
