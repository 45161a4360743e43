"""The words of the phrase grammar: periods, bounds, units, deadlines, and the filler people put between.

Kept apart from the scanner so the vocabulary can grow without touching the grammar. The word lists
at the end only help NAME the words between the parts (which is the activity, the object, the subject);
they never decide whether a phrase is read: any other words are returned as they stand.
"""

from __future__ import annotations

from cgtask.schedule._text import NUM

# period word → (kind, step). Multi-unit periods (每两年) are built from numbers in the scanner.
PERIOD_WORDS: tuple[tuple[str, str], ...] = (
    (r"上下半年各?|上半年[、,和及与]?下半年各?", "half"),
    (r"每个?工作日|工作日每天", "workday"),
    (r"每天|每日|逐日|天天|日日|日检(?=[^查测])", "day"),
    (r"(?:每两周|每双周|双周)(?![一二三四五六日天])", "biweek"),
    (r"每周|按周|每星期|周周|逐周|周检(?=[^查测])", "week"),
    (r"每旬|按旬", "xun"),
    (r"每两个?月|双月", "bimonth"),
    (r"每月|按月|每个月|月度|月月|逐月|月检(?=[^查测])", "month"),
    (r"每个?季度?|按季度?|季度", "quarter"),
    (r"每半年|按半年|半年度", "half"),
    (r"每学期|每个学期|一学期内|本学期内?", "semester"),
    (r"每学年|每个学年|每一学年|一学年内?", "school_year"),
    (r"上半年", "h1"),
    (r"下半年", "h2"),
    (r"每年度?|全年|按年度?|年度|每一年|年年|逐年|今年|本年度?内", "year"),
)

# “每N天/每N个月/每N年/每N周” → a base kind and the step N; the scanner maps common steps to kinds.
STEPPED_PERIOD = rf"每(?P<step>{NUM})(?P<what>天|日|个?月|年|周|个?星期)"
# “次/年” after a count.
SLASH_PERIOD: tuple[tuple[str, str], ...] = (
    (r"/(?:半年)", "half"),
    (r"/(?:年度?)", "year"),
    (r"/(?:季度?)", "quarter"),
    (r"/(?:月)", "month"),
    (r"/(?:周|星期)", "week"),
    (r"/(?:天|日)", "day"),
)
SLASH_SCOPE = r"/(?:单位|户|家|企业|个|人|次|处|场所)"

BOUNDS_AT_LEAST = (
    "不得少于",
    "不得低于",
    "不应低于",
    "不宜少于",
    "不宜低于",
    "不得小于",
    "不少于",
    "不应少于",
    "至少",
    "不低于",
    "最低",
    "最少",
    "不小于",
    "达到",
    ">=",
    "≥",
)
BOUNDS_AT_MOST = (
    "不超过", "不得超过", "不应超过", "不宜超过", "不高于", "不得高于", "最多", "不多于", "不得多于", "不大于",
    "上限", "控制在", "<=", "≤",
)  # fmt: skip
# Softeners change nothing in the reading: 原则上每年不少于2次 is 每年不少于2次.
SOFTENERS = ("原则上", "确保", "要求", "=")

COUNT_UNITS = ("次", "遍", "轮")
QUANTITY_UNITS = (
    "批次", "人次", "天次", "户次", "家次", "分钟", "小时", "公里", "个月", "学时", "课时", "件", "份", "个", "起", "项", "人", "篇",
    "条", "家", "户", "处", "宗", "卷", "批", "场", "期", "天", "米", "台", "所", "名", "本", "张", "课",
    "个工作日", "个小时", "工作日", "节", "日", "周",
)  # fmt: skip
# Units of time shown as a duration (每次不少于20分钟).
TIME_UNITS = ("分钟", "小时")
# Units of time spent: a quantity in one of them over a period longer than a day is a total of that
# period (每年培训时间不少于20小时, 每周开放不少于五天), not a demand on each occurrence.
SPAN_UNITS = ("分钟", "小时", "学时", "课时", "个工作日", "天", "日", "周", "个月")
# Marks of a total over the period (每周累计不少于40小时), not a demand per occurrence.
TOTAL_WORDS = ("累计", "共计", "合计", "总计", "总共", "一共")
# Measures that are not units of a duty: a number in one of them is a quantity cgtask does not model
# (清理约50公斤垃圾), so the phrase is refused rather than read without it.
FOREIGN_MEASURES = r"公斤|千克|克|吨|平方米|平方公里|立方米|公里|千米|米|元|万元|亿元|亩|分|秒|秒钟|度|瓦|W"
# Named seasons and spans whose dates only the registry can give (汛期: 5—9月 in one city, 6—9月 in another).
NAMED_WINDOWS = (
    "主汛期", "防汛期", "汛期", "供暖期", "采暖期", "供热期", "寒暑假", "寒假", "暑假", "节假日", "旺季", "淡季",
    "雨季", "旱季", "春秋两季", "春秋季", "冬春季", "夏秋季", "春季", "夏季", "秋季", "冬季", "防火期", "高火险期", "禁渔期", "休渔期", "运行期间", "春运期间",
    # festivals move with the lunar calendar or are named without their span: the registry dates them
    "春节", "元宵节", "清明节", "端午节", "中秋节", "重阳节", "国庆节", "劳动节", "元旦", "重要纪念日", "纪念日",
)  # fmt: skip

EVENT_TRIGGERS: tuple[str, ...] = ("一案一督", "随时", "适时", "不定期", "接到指令后")

COVERAGE_WORDS = r"全覆盖|全部覆盖|全体|覆盖所有[\u4e00-\u9fff]{0,8}?(?:中队|单位|企业|对象|街镇|社区|村)|覆盖全部|全部|覆盖"

# Words tolerated between the parts. A verb opens an object: whatever follows it up to the next part
# is the object (巡查重点单位), so verbs end the check; modals and scopes may be followed by more words.
VERBS = (
    "开展", "进行", "组织", "实施", "完成", "抽查", "检查", "督察", "督查", "评查", "巡查", "巡河", "巡检",
    "巡逻", "走访", "召开", "召集", "报送", "上报", "报告", "演练", "培训", "考核", "通报", "排查",
    "整改", "监测", "检测", "核查", "复查", "暗访", "访查", "抽检", "抽取", "督办", "调度", "研究",
    "分析", "评估", "宣传", "学习", "讲评", "总结", "汇报", "更新", "维护", "保养", "测试", "出动",
    "参加", "接受", "举办", "听取", "查看", "审核", "抽样", "随机抽查", "现场检查", "自查", "体检",
    "接访", "下访", "约访", "回访", "巡视", "指导", "清理", "清查", "盘点", "会商", "督导",
)  # fmt: skip
MODALS = (
    "需要", "需", "应当", "应", "要", "必须", "须", "均", "都", "各", "定期", "例行", "至少要", "集中",
    "随机", "分别", "共", "累计", "合计", "按时", "及时", "平均", "不重复", "全面",
)  # fmt: skip
SCOPES = (
    "各街镇中队", "街镇中队", "各中队", "中队", "区局", "各科室", "科室", "辖区内", "辖区", "本辖区",
    "全区", "全市", "每个单位", "每家", "每户", "每人",
)  # fmt: skip
OBJECT_MARKERS = ("对", "向", "就", "为", "给", "到")
