"""Naming the words a phrase leaves between its parts: the subject, the object and the activity.

The grammar never refuses a word; it hands the words here, and this module only says which is which.
The word lists help name, they do not decide: a word that is in none of them is still returned.
"""

from __future__ import annotations

import re

# Words that open or close a clause without naming anything (应当, 原则上, 并于 …): trimmed off the ends.
_HOLLOW = (
    "原则上", "一般", "应当", "应该", "必须", "需要", "可以", "要求", "建议", "倡导", "保证", "确保", "坚持",
    "应于", "应在", "应按", "并于", "并在", "并", "应", "须", "需", "要", "宜", "将", "于", "在", "都", "均",
    "定期", "按照", "按", "由", "的", "，", ",", "、", "每个", "至少", "其中", "而且", "且",
)  # fmt: skip
# A one-character modal closes nothing: at the end it is part of a word (响应, 重要, 必须 … stay whole).
_OPEN_ONLY = ("应", "须", "需", "要", "宜", "将", "都", "均")
_OBJECT_OPENERS = ("对", "向", "为", "给")
# Verbs that link an object to its activity: 对古树名木进行检查 → object 古树名木, activity 检查.
_LINK_VERBS = re.compile(r"(进行|开展|实施|组织|安排|作出|提供)")


def _trim(text: str) -> str:
    if text in ("按照", "按", "以", "依照", "依据"):
        return ""  # 按照每季度…的频次: 按照 alone names nothing
    changed = True
    while changed and text:
        changed = False
        for word in _HOLLOW:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word) :], True
            if text.endswith(word) and len(text) > len(word) and word not in _OPEN_ONLY:
                text, changed = text[: -len(word)], True
    return text.strip("，,、;； ")


def name_words(subject: str | None, filler: list[str]) -> tuple[str | None, str | None, str | None]:
    """(activity, object, subject) from the words before the first part and the words after it."""
    object_: str | None = None
    head = _trim(subject or "")
    if head.startswith(_OBJECT_OPENERS):
        # 对饮用水水源水质每月…: the words before the period name what is acted on, not who acts.
        object_, head = _trim(head[1:]), ""
    elif any(opener in head for opener in _OBJECT_OPENERS[:2]):
        who, _, what = head.partition("对") if "对" in head else head.partition("向")
        head, object_ = _trim(who), _trim(what) or None
    words = _trim("".join(filler))
    if words.startswith(_OBJECT_OPENERS):
        linked = _LINK_VERBS.search(words)
        if linked is not None and linked.start() > 1:
            object_ = object_ or _trim(words[1 : linked.start()])
            words = _trim(words[linked.start() :])
    activity = (
        _trim(_LINK_VERBS.sub("", words, count=1)) if words.startswith(("进行", "开展", "组织")) else words
    )
    return activity or None, object_ or None, head or None
