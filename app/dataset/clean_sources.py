"""Derive the cleaned source texts in data/sources/ from the raw web/OCR seeds.

Every change made here is listed in data/sources/README.md; a test checks that the
committed cleaned files are exactly what this module derives from the seeds, so the
two cannot drift apart. Claims point into the cleaned files by character span.
"""

from __future__ import annotations

import re
from pathlib import Path

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
# Full-width punctuation that may stand next to an ASCII mark we mend.
CJK_PUNCT = "，。：；？！“”‘’、《》（）—"
_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}


def normalize_cjk_punctuation(text: str) -> str:
    """Mend ASCII punctuation inside Chinese prose, a capture glitch of the seeds.

    An ASCII , : ; ? ! directly after a Chinese character (or closing Chinese
    punctuation) becomes its full-width form and swallows the spaces after it;
    ASCII parentheses around purely Chinese content become full-width; a space
    between a citation marker and the Chinese text that follows is dropped.
    Latin words keep their spaces (``以 DeepSeek 的 R1 模型``).
    """
    before = f"[{CJK}”’》）]"
    text = re.sub(rf"\(([{CJK}{CJK_PUNCT}]+)\)", r"（\1）", text)
    text = re.sub(
        rf"(?<={before})([,:;?!]) *",
        lambda m: _HALF_TO_FULL[m.group(1)],
        text,
    )
    # spaces around full-width punctuation and between Chinese characters
    text = re.sub(rf"(?<=[{CJK_PUNCT}]) +(?=[{CJK}{CJK_PUNCT}])", "", text)
    text = re.sub(rf"(?<=[{CJK}]) +(?=[{CJK_PUNCT}])", "", text)
    # a space after a citation marker such as [4](P566) or ① before Chinese text
    text = re.sub(rf"(?<=[\])①②③]) +(?=[{CJK}])", "", text)
    return text


# ---------------------------------------------------------------- lu-yang

# Web-page furniture of the journal's landing page (menus, buttons, counters).
LU_YANG_FURNITURE = {
    "摘要",
    "|",
    "图/表",
    "访问统计",
    "参考文献",
    "相似文献",
    "引证文献",
    "资源附件",
    "文章评论",
    "复制",
    "分享",
    "相关视频",
    "文章指标",
    "历史",
    "文章二维码",
}
# Fields whose value runs over several lines; any other field takes one line.
MULTI_LINE = {"作者简介", "摘要", "Abstract"}
LU_YANG_LABEL = re.compile(r"^([^\s:：]{1,16}|Fund Project|Abstract)\s*[:：]\s*(.*)$")


def clean_lu_yang(seed: str) -> str:
    """Keep title, metadata fields that have a value, both abstracts and the citation."""
    lines = [line.strip().lstrip("•").strip() for line in seed.splitlines()]
    blocks: list[list[str]] = []  # each block: [label or "", value lines...]
    for line in lines:
        if not line or line in LU_YANG_FURNITURE:
            continue
        field = LU_YANG_LABEL.match(line)
        if field and not line.startswith(("Intelligent", "The ")):
            blocks.append([field.group(1)] + ([field.group(2)] if field.group(2) else []))
        elif blocks and blocks[-1][0] and (len(blocks[-1]) == 1 or blocks[-1][0] in MULTI_LINE):
            blocks[-1].append(line)
        else:
            blocks.append(["", line])
    paragraphs: list[str] = []
    for label, *values in blocks:
        if label and not values:
            continue  # an empty field (CSTR, 作者, 通讯作者, counters, dates)
        if label in ("摘要", "Abstract"):
            paragraphs.append(f"{label}：" if label == "摘要" else f"{label}:")
            paragraphs.extend(values)
        elif label:
            sep = "：" if re.search(f"[{CJK}]", label) else ": "
            paragraphs.append(label + sep + "\n".join(values))
        else:
            paragraphs.extend(values)
    text = "\n\n".join(paragraphs) + "\n"
    # The DOI was captured with spaces inside it.
    text = text.replace(
        "DOI:10.11835/j. issn.1008-5831. jg.2025.12.001", "DOI:10.11835/j.issn.1008-5831.jg.2025.12.001"
    )
    return _normalize_chinese_paragraphs(text)


def _normalize_chinese_paragraphs(text: str) -> str:
    """Apply the punctuation mend to paragraphs that are Chinese prose only."""
    out = []
    for para in text.split("\n\n"):
        is_english = len(re.findall(f"[{CJK}]", para)) < len(para) / 10
        out.append(para if is_english else normalize_cjk_punctuation(para))
    return "\n\n".join(out)


# ------------------------------------------------------------------ qi-li

SENTENCE_END = tuple("。！？”：」）") + (")",)
FOOTNOTE_MARKS = "①②③④⑤⑥⑦⑧⑨"


def _ends_sentence(para: str) -> bool:
    """Does the paragraph end a sentence (ignoring trailing citation/footnote marks)?"""
    if para.startswith("\0"):
        return True  # a heading
    para = re.sub(r"(\[\d+\](\(P\d+\))?|[①-⑨])+$", "", para)
    return para.endswith(SENTENCE_END)


def _strip_markup(para: str) -> str:
    para = re.sub(r"<sup>(.*?)</sup>", r"\1", para)
    para = para.replace("**", "")
    para = re.sub(r"^#+\s*", "", para)
    para = re.sub(r"^- ", "", para, flags=re.M)
    return para.strip()


def clean_qi_li(seed: str) -> str:
    """Rejoin paragraphs split by page breaks, move page-bottom notes out of the text."""
    raw = [p.strip() for p in seed.split("\n\n") if p.strip()]
    head: list[str] = []
    body: list[str] = []
    tail: list[str] = []
    footnotes: list[str] = []
    funding = ""
    part = head
    for para in raw:
        is_heading = para.startswith("#")
        text = _strip_markup(para)
        if text.startswith("[基金项目]"):
            funding = text  # interrupts a sentence of the introduction
            continue
        if re.match(r"^(<sup>)?①(</sup>)?\s", para):
            footnotes.append(re.sub(r"^①\s*", "", text))
            continue
        if part is head and not para.startswith(("#", "**", "齐昊")) and not is_heading:
            part = body
        if text == "参考文献":
            part = tail
        if part is body and body and not is_heading and not _ends_sentence(body[-1]):
            body[-1] += text  # a page break split this paragraph
            continue
        part.append(("\0" if is_heading else "") + text)
    head, body, tail = ([p.lstrip("\0") for p in part] for part in (head, body, tail))
    # Page-local footnote numbers (all ①) become article-wide ①②③.
    numbered = iter(FOOTNOTE_MARKS)
    body = [re.sub("①", lambda _: next(numbered), p) for p in body]
    head = [p.replace("生产社会化视角下的 新质生产力", "生产社会化视角下的新质生产力") for p in head]
    body = [normalize_cjk_punctuation(p.replace("一系列的的个人行动", "一系列的个人行动")) for p in body]
    notes = ["注释"] + [f"{FOOTNOTE_MARKS[i]} {note}" for i, note in enumerate(footnotes)]
    english_start = next(i for i, p in enumerate(tail) if p.startswith("New Quality"))
    parts = head + [funding] + body + tail[:english_start] + notes + tail[english_start:]
    return "\n\n".join(parts) + "\n"


CLEANERS = {"lu-yang": clean_lu_yang, "qi-li": clean_qi_li}


def derive(sources_dir: Path, key: str) -> str:
    seed = (sources_dir / "seeds" / f"{key}.seed.txt").read_text(encoding="utf-8")
    return CLEANERS[key](seed)


def write_all(sources_dir: Path) -> list[Path]:
    written = []
    for key in CLEANERS:
        path = sources_dir / f"{key}.txt"
        path.write_text(derive(sources_dir, key), encoding="utf-8")
        written.append(path)
    return written
