"""Every mojibake family ftfy repairs is repaired; correct text in every script is untouched.

Words in many languages are broken the way real pages break them (UTF-8 bytes read in a
single-byte code page, sometimes twice) and must come back exactly.
"""

from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401 (registers the "sloppy-windows-*" codecs)
import pytest

from crawler.cleaning.encoding import repair_encoding, repair_html_text
from crawler.extraction.decode import decode_body

WORDS = {
    "de": "Größenwahn über die Straße", "fr": "Élève à l’école, déjà fini",
    "es": "Año nuevo, señor, ¿qué pasó?", "pt": "Ação não é coração", "pl": "Zażółć gęślą jaźń",
    "cs": "Příliš žluťoučký kůň", "tr": "Çağdaş İstanbul şehri", "is": "Þórður Ásgeirsson",
    "ru": "Новости Калининграда", "uk": "Їжак і ґудзик", "el": "Ελληνικά νέα",
    "ar": "أخبار العالم", "he": "חדשות ישראל", "hi": "दिल्ली समाचार", "zh": "北京新闻",
    "ja": "東京のニュース", "ko": "서울 뉴스", "vi": "Tiếng Việt hôm nay",
}
LATIN = ["de", "fr", "es", "pt", "pl", "cs", "tr", "is", "vi"]
CYRILLIC = ["ru", "uk"]
EVERY = list(WORDS)

# (codec the UTF-8 bytes were read in, languages whose words ftfy can recover from it)
FAMILIES = [
    ("latin-1", EVERY),
    ("sloppy-windows-1252", EVERY),
    ("sloppy-windows-1250", EVERY),
    ("sloppy-windows-1251", CYRILLIC),
    ("macroman", [lang for lang in EVERY if lang not in CYRILLIC]),
    ("cp437", EVERY),
]


@pytest.mark.parametrize(("codec", "langs"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_each_family_is_repaired(codec: str, langs: list[str]) -> None:
    failed = []
    for lang in dict.fromkeys(langs):
        word = WORDS[lang]
        try:
            broken = word.encode("utf-8").decode(codec)
        except UnicodeDecodeError:
            continue  # bytes this code page cannot show: no page carries that mojibake
        fixed, kinds = repair_encoding(broken)
        if fixed != word or not kinds:
            failed.append((lang, broken, fixed))
    assert failed == []


@pytest.mark.parametrize("codec", ["sloppy-windows-1252", "latin-1"])
@pytest.mark.parametrize("lang", LATIN)
def test_double_encoding_is_repaired(codec: str, lang: str) -> None:
    word = WORDS[lang]
    twice = word.encode("utf-8").decode(codec).encode("utf-8").decode(codec)
    assert repair_encoding(twice)[0] == word


CORRECT = [
    *WORDS.values(),
    "«Éric» a dit : « café” »", "naïve Œuvre façade", "Ñandú, Åsa Ørsted, ß", "½ cup at 180 °C",
    "ŉ and ǌ stay", "ﬁ ligature stays", "（全角）カタカナ、「引用」", "“Curly” ‘quotes’ stay",
    "SÃO PAULO", "Ёлка — «ёж»", "€5 – 10 € … ±2", "Ελληνικά: «Αθήνα»", "İyi günler, Ağrı",
    "Hà Nội — Thủ đô", "Ü-Wagen", "Ângulo reto",
]


@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_is_byte_identical(text: str) -> None:
    assert repair_encoding(text) == (text, [])
    assert repair_html_text(f"<p>{text}</p>") == (f"<p>{text}</p>", [])


def test_a_mixed_page_repairs_only_its_broken_lines() -> None:
    lines = [WORDS[lang] for lang in EVERY]
    broken = list(lines)
    broken[0] = lines[0].encode("utf-8").decode("sloppy-windows-1252")
    broken[4] = lines[4].encode("utf-8").decode("cp437")
    broken[8] = lines[8].encode("utf-8").decode("sloppy-windows-1251")
    fixed, kinds = repair_encoding("\n".join(broken))
    assert fixed == "\n".join(lines)
    assert kinds == ["mojibake"]


@pytest.mark.parametrize(
    "spaced",
    ["РќРѕРІРѕСЃС‚Рё РљР ° Р»РёРЅРёРЅРіСЂР ° РґР ° вЂќ", "РќРѕРІРѕСЃС‚Рё РљР ° Р»РёРЅРёРЅРіСЂР ° РґР °вЂќ"],
)
def test_spaced_mojibake_leaves_no_stray_space(spaced: str) -> None:
    assert repair_encoding(spaced)[0] == "Новости Калининграда”"


def test_spaced_mojibake_keeps_a_space_before_an_opening_quote() -> None:
    spaced = "РќРѕРІРѕСЃС‚Рё РљР ° Р»РёРЅРёРЅРіСЂР ° РґР ° вЂњРўРµРєСЃС‚вЂќ"
    assert repair_encoding(spaced)[0] == "Новости Калининграда “Текст”"


CJK = {
    "gb18030": "北京市政府今天宣布，将在明年启动新的城市交通建设计划，以缓解中心城区的交通压力。",
    "gbk": "上海市政府今天宣布，将在明年启动新的城市交通建设计划，以缓解中心城区的交通压力。",
    "shift_jis": "東京都は今日、新しい交通計画を発表しました。市民の皆さんからの意見を募集しています。",
    "euc_kr": "서울시는 오늘 새로운 교통 계획을 발표했습니다. 시민들의 의견을 듣고 있습니다.",
    "big5": "台北市政府今天宣布，將在明年啟動新的城市交通建設計畫，以緩解市中心的交通壓力。",
}


@pytest.mark.parametrize("codec", list(CJK))
@pytest.mark.parametrize("script_kb", [0, 40])
def test_unlabelled_cjk_pages_decode(codec: str, script_kb: int) -> None:
    script = "var x = function (a) { return a + 1; };\n" * (script_kb * 25)
    page = f"<html><head><script>{script}</script></head><body><p>{CJK[codec]}</p></body></html>"
    decoded = decode_body(page.encode(codec))
    assert decoded.text == page


def test_the_pipeline_repairs_author_names_and_keywords_too() -> None:
    from crawler.pipelines.encoding import EncodingRepairPipeline
    from tests.test_pipelines import article, build

    pipe, stats = build(EncodingRepairPipeline)
    broken = "Sergei Ivanov, Zażółć".encode().decode("sloppy-windows-1252")
    item = pipe.process_item(article(authors=[{"name": "JosÃ© Núñez"}], keywords=[broken]))
    assert item.authors == [{"name": "José Núñez"}]
    assert item.keywords == ["Sergei Ivanov, Zażółć"]
    assert stats.get_value("encoding/repaired/mojibake") == 2
