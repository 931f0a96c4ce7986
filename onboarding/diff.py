"""A readable difference between two versions of a text: per paragraph, the words taken out and put in
(difflib), for people rather than programmers. Templates show removed words as <del> and added ones as <ins>."""

import difflib
import re
from dataclasses import dataclass

WORDS = re.compile(r"\S+\s*")


@dataclass
class Part:
    kind: str  # "same", "removed" or "added"
    text: str


def paragraphs(text):
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def _words(paragraph):
    return WORDS.findall(paragraph)


def compare(old, new):
    """A list of paragraphs, each a list of `Part`s; a paragraph only in one version is wholly removed or added."""
    old_paragraphs, new_paragraphs = paragraphs(old), paragraphs(new)
    result = []
    matcher = difflib.SequenceMatcher(a=old_paragraphs, b=new_paragraphs, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            result += [[Part("same", p)] for p in old_paragraphs[a1:a2]]
            continue
        olds, news = old_paragraphs[a1:a2], new_paragraphs[b1:b2]
        for index in range(max(len(olds), len(news))):
            before = olds[index] if index < len(olds) else ""
            after = news[index] if index < len(news) else ""
            result.append(_compare_words(before, after))
    return result


def _compare_words(old, new):
    a, b = _words(old), _words(new)
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(Part("same", "".join(a[a1:a2])))
            continue
        if a1 < a2:
            parts.append(Part("removed", "".join(a[a1:a2])))
        if b1 < b2:
            parts.append(Part("added", "".join(b[b1:b2])))
    return parts
