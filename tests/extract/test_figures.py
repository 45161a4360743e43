"""The figures parser on small inline texts."""

from __future__ import annotations

from cgtask.extract.figures import find_figures, sentences


def _triples(text: str) -> list[tuple[str, str, str]]:
    return [(f.metric, f.value, f.unit) for f in find_figures(text)]


def test_number_unit_and_the_words_before() -> None:
    assert _triples("依法查处无序设摊案件31586起，取缔55751处。") == [
        ("依法查处无序设摊案件", "31586", "起"),
        ("取缔", "55751", "处"),
    ]


def test_values_keep_their_written_form() -> None:
    found = find_figures("依法拆除小区违建38.6万平方米，考试通过率99.5%，拆除违建9564.20平方米")
    assert [(f.value, f.unit) for f in found] == [("38.6", "万平方米"), ("99.5", "%"), ("9564.20", "平方米")]


def test_longest_unit_wins() -> None:
    assert _triples("出动131.65万人次开展检查156.94万次") == [
        ("出动", "131.65", "万人次"),
        ("开展检查", "156.94", "万次"),
    ]


def test_second_number_after_and_shares_the_metric() -> None:
    assert _triples("上下半年社会满意度测评得分为84.98分和85.31分") == [
        ("上下半年社会满意度测评得分", "84.98", "分"),
        ("上下半年社会满意度测评得分", "85.31", "分"),
    ]


def test_approximate_figures_and_spaces_as_written() -> None:
    (first, second) = find_figures("转运突击队历经 338 天累计转运 6 大类隔离人员超 5 千人次")
    assert (first.value, first.unit, first.approximate) == ("338", "天", False)
    assert (second.value, second.unit, second.approximate) == ("5", "千人次", True)


def test_classifier_names_what_follows() -> None:
    assert _triples("设置16个执勤点位，连续43天开展保障") == [
        ("设置…执勤点位", "16", "个"),
        ("连续", "43", "天"),
    ]


def test_dates_years_and_ordinals_are_not_figures() -> None:
    assert find_figures("2022年4月22日以来，第46届世界技能大赛，12345投诉") == []


def test_the_word_behaviour_keeps_its_last_character() -> None:
    assert _triples("查处违法行为2208件") == [("查处违法行为", "2208", "件")]


def test_sentence_is_the_clause_run_up_to_its_end_mark() -> None:
    text = "依法查处跨门经营案件15831起。依法查处占道堆物案件2342起；另有说明"
    assert list(sentences(text)) == ["依法查处跨门经营案件15831起", "依法查处占道堆物案件2342起", "另有说明"]
    assert [f.sentence for f in find_figures(text)] == [
        "依法查处跨门经营案件15831起",
        "依法查处占道堆物案件2342起",
    ]
