"""Square-grid practice sheets for Chinese, Japanese and Korean, and the fonts they draw in."""

from __future__ import annotations

import pytest

from cardgen.fonts import bundled_fonts

CJK_FONTS = ("klee-one", "noto-sans-jp", "ma-shan-zheng", "noto-sans-sc", "nanum-pen-script", "noto-sans-kr")
needs_cjk_fonts = pytest.mark.skipif(
    not all(bundled_fonts()[key].installed for key in CJK_FONTS),
    reason="the optional Japanese, Chinese and Korean fonts are not installed (the user font folder, "
    "or the folder CARDGEN_FONTS names)",
)

JA = "日本語を勉強します。ひらがな、カタカナ、漢字。"


@needs_cjk_fonts
def test_a_language_s_own_handwriting_font_is_not_reported_as_borrowed() -> None:
    from cardgen.coverage import check_coverage

    assert check_coverage(JA, "caveat@ja", "") == []  # Klee One is the Latin hand's Japanese
    assert check_coverage("안녕하세요 漢字", "caveat@ko", "")  # hanja from a plain font: said
