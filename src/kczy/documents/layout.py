"""GB/T 9704-2012 (党政机关公文格式) in numbers, shared by the Word and the PDF writer.

The official fonts are proprietary: the Word file names them so the office's Word uses them; the PDF
uses the first installed font of each fallback list (Noto CJK from Debian's fonts-noto-cjk, and
AR PL UKai for 楷体 when fonts-arphic-ukai is installed).
"""

from __future__ import annotations

import re

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
TOP_MM = 37
LEFT_MM = 28
"""The binding side: the left edge on every page (single-sided printing)."""
TEXT_WIDTH_MM = 156
TEXT_HEIGHT_MM = 225
RIGHT_MM = PAGE_WIDTH_MM - LEFT_MM - TEXT_WIDTH_MM
BOTTOM_MM = PAGE_HEIGHT_MM - TOP_MM - TEXT_HEIGHT_MM
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH_TWIPS = int(TEXT_HEIGHT_MM / LINES_PER_PAGE * 72 / 25.4 * 20)
"""22 lines in 225 mm, rounded down so that 22 fit: 579 twentieths of a point (28.95 pt)."""
LINE_PITCH_PT = LINE_PITCH_TWIPS / 20
PAGE_NUMBER_GAP_MM = 7
"""The page number's dash sits 7 mm below the text block."""
MARK_TOP_MM = 35
"""The issuing organs' mark: its top edge 35 mm below the top of the text block."""
RED = "FF0000"

# Sizes in points: 初号 42, 小初 36, 一号 26, 二号 22, 三号 16, 四号 14.
SIZE_MARK = 36.0
SIZE_TITLE = 22.0
SIZE_BODY = 16.0
SIZE_PAGE_NUMBER = 14.0
SIZE_TABLE = 14.0

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEI = "黑体"
FONT_KAI = "楷体_GB2312"
FONT_SONG = "宋体"
LEVEL_FONTS = {1: FONT_HEI, 2: FONT_KAI, 3: FONT_BODY, 4: FONT_BODY}
"""一、 in 黑体, （一） in 楷体, 1. in 仿宋 bold, （1） in 仿宋."""
LEVEL_BOLD = {1: False, 2: False, 3: True, 4: False}

FALLBACKS = {
    FONT_TITLE: ("FZXiaoBiaoSong-B05S", "Noto Serif CJK SC"),
    FONT_BODY: ("FangSong_GB2312", "FangSong", "Noto Serif CJK SC"),
    FONT_HEI: ("SimHei", "Noto Sans CJK SC"),
    FONT_KAI: ("KaiTi_GB2312", "KaiTi", "AR PL UKai CN", "AR PL UKai", "Noto Serif CJK SC"),
    FONT_SONG: ("SimSun", "Noto Serif CJK SC"),
}

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def one_line(value: str) -> str:
    """A value as one line of text that any XML or PDF writer accepts (control characters become spaces)."""
    return _NOT_XML.sub(" ", value).replace("\t", " ").replace("\r", " ").replace("\n", " ")

