"""fpdf2 as the house writes a PDF: the bundled Vazirmatn, shaped text in the locale's direction,
and a text layer that reads back in logical order, half-spaces and ligatures included.

fpdf2 shapes with HarfBuzz (uharfbuzz) and orders each line with its own bidi algorithm, so the
glyphs of a right-to-left run are drawn in visual order, as PDF producers draw them, with a
ToUnicode map from each glyph to its letters; an extractor (pdfium, poppler) reads a line back
by position and runs the bidi algorithm again to restore the logical order. Three things of
fpdf2 2.8 spoil that for Persian, and are mended here (what is drawn does not change):

- The half-space (ZWNJ, U+200C, which keeps «شکایت‌ها» from joining) ends up a text object of
  zero width, which pdfium's text layer skips: fpdf2's bidi gives a lone ZWNJ (class BN) a level
  of its own, so it becomes a fragment of its own; and HarfBuzz draws a default-ignorable with
  the space glyph at zero advance, which fpdf2 positions apart since its width is not zero. A
  fragment of joiner controls only is put back at the end of the fragment before it
  (`LocalePDF`), and the controls are shaped to the font's own zero-width glyph
  (`_JoinerKeepingFont`): each is drawn in one text object with the letter beside it.
- A ligature maps to its letters in logical order (lam-alef to "لا"), which an extractor
  reversing the run then reverses too ("ال"). A ligature glyph that is a Unicode presentation
  form (Vazirmatn names them: uniFEFC) maps to that form instead (`_PresentationFormSubset`),
  which extractors read as one character and decompose to its letters in order.
- `/ViewerPreferences /Direction` is left unset: fpdf2 2.8 writes it `/Direction RTL`, which is
  not the name the format defines (`/R2L`).

The font and its subset are fpdf2's objects with their classes swapped for these subclasses,
which add no state; fpdf2 is pinned below 2.9 for that.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Final

from fpdf import FPDF
from fpdf.enums import Align
from fpdf.fonts import Glyph, SubsetMap, TTFFont

from bot.data import font_file

if TYPE_CHECKING:
    from fpdf.line_break import Fragment

__all__ = ["FAINT", "FAMILY", "INK", "LocalePDF", "open_pdf"]

FAMILY: Final = "Vazirmatn"
#: The colours of text: the body's, and the quieter one of captions and footers.
INK: Final = (33, 37, 41)
FAINT: Final = (108, 117, 125)
_FILES: Final = {"": "Vazirmatn-Regular.ttf", "B": "Vazirmatn-Bold.ttf"}
#: Zero-width non-joiner and joiner: the controls Persian writes inside words.
_JOINER_CONTROLS: Final = frozenset("\u200c\u200d")
#: HarfBuzz's buffer settings per locale: direction, script, language (OpenType tags).
_SHAPING: Final = {"fa": ("rtl", "arab", "fas"), "en": ("ltr", "latn", "eng")}


@dataclass(frozen=True)
class _Glyph:
    """A shaped glyph as fpdf2 reads one (HarfBuzz's GlyphInfo is read-only)."""

    codepoint: int
    cluster: int
    flags: Any


class _JoinerKeepingFont(TTFFont):
    """A TrueType font whose ZWNJ and ZWJ are shaped to the font's own glyphs for them."""

    __slots__ = ()

    def perform_harfbuzz_shaping(
        self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
    ) -> tuple[Sequence[Any], Sequence[Any]]:
        """HarfBuzz's glyphs for *text*, a joiner control's replaced by the font's own."""
        infos, positions = super().perform_harfbuzz_shaping(text, font_size_pt, text_shaping_params)
        if not _JOINER_CONTROLS.intersection(text):
            return infos, positions
        own = self._joiner_glyphs()
        glyphs = [
            _Glyph(own.get(text[info.cluster], info.codepoint), info.cluster, info.flags)
            for info in infos
        ]
        return glyphs, positions

    def _joiner_glyphs(self) -> dict[str, int]:
        """The font's own glyph for each joiner control it has one for."""
        cmap = self.ttfont.getBestCmap()
        return {
            char: self.ttfont.getGlyphID(cmap[ord(char)])
            for char in _JOINER_CONTROLS
            if ord(char) in cmap
        }


class _PresentationFormSubset(SubsetMap):
    """A font subset whose ligature glyphs that are Unicode presentation forms (lam-alef,
    U+FEFB, U+FEFC) map to that form in the text layer, not to their letters."""

    # Cached as fpdf2's own is: it clears this cache when it writes the font (open_pdf does
    # when the document is dropped unwritten).
    @cache  # noqa: B019
    def get_glyph(
        self,
        glyph: int | None = None,
        unicode: int | tuple[int, ...] | None = None,
        glyph_name: str | None = None,
        glyph_width: int | None = None,
    ) -> Glyph | None:
        """fpdf2's glyph, a presentation form's letters replaced by the form itself."""
        if isinstance(unicode, tuple) and len(unicode) > 1 and glyph_name:
            form = _presentation_form(glyph_name, unicode)
            if form is not None:
                unicode = (form,)
        # The parent's uncached body: its own cache would keep this subset, and its font, alive.
        return SubsetMap.get_glyph.__wrapped__(self, glyph, unicode, glyph_name, glyph_width)


def _presentation_form(glyph_name: str, letters: tuple[int, ...]) -> int | None:
    """The code point a glyph named like "uniFEFC" stands for, if it is a presentation form
    whose compatibility decomposition is *letters*."""
    if not glyph_name.startswith("uni") or len(glyph_name) != 7:
        return None
    try:
        code = int(glyph_name[3:], 16)
    except ValueError:
        return None
    in_forms = 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF
    spelled = unicodedata.normalize("NFKC", chr(code)) == "".join(map(chr, letters))
    return code if in_forms and spelled else None


class LocalePDF(FPDF):
    """An A4 document in *locale*'s direction, its text shaped in Vazirmatn; `footer_text`, when
    set, gives each page's footer line from its number."""

    def __init__(self, locale: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.locale = locale
        self.rtl = locale == "fa"
        self.footer_text: Callable[[int], str] | None = None

    def start(self) -> Align:
        """The alignment of the side a line starts on: right in Persian, left in English."""
        return Align.R if self.rtl else Align.L

    def end(self) -> Align:
        """The alignment of the side a line ends on."""
        return Align.L if self.rtl else Align.R

    def footer(self) -> None:
        """The page's footer line, centred under the text."""
        if self.footer_text is None:
            return
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*FAINT)
        self.cell(0, 5, self.footer_text(self.page_no()), align=Align.C)

    def _preload_bidirectional_text(self, text: str, markdown: bool) -> Sequence[Fragment]:
        fragments: list[Fragment] = []
        for fragment in super()._preload_bidirectional_text(text, markdown):
            if fragments and fragment.characters and set(fragment.characters) <= _JOINER_CONTROLS:
                # fpdf2's bidi made a ZWNJ a fragment of its own: it ends the word before it.
                fragments[-1].characters.extend(fragment.characters)
            else:
                fragments.append(fragment)
        return tuple(fragments)


@contextmanager
def open_pdf(locale: str) -> Iterator[LocalePDF]:
    """A new document for *locale* with the fonts loaded (they are read again at output, so
    the document is written within the block)."""
    direction, script, language = _SHAPING[locale]
    fonts: list[TTFFont] = []
    with ExitStack() as files:
        pdf = LocalePDF(locale)
        for style, name in _FILES.items():
            pdf.add_font(FAMILY, style, files.enter_context(font_file(name)))
            font = pdf.fonts[f"{FAMILY.lower()}{style}"]
            assert isinstance(font, TTFFont)
            # The classes of the font and its subset fpdf2 made, swapped for those that keep
            # the text layer whole: they add no state, so each object stays what it was.
            font.__class__ = _JoinerKeepingFont
            font.subset.__class__ = _PresentationFormSubset
            fonts.append(font)
        pdf.set_text_shaping(
            use_shaping_engine=True, direction=direction, script=script, language=language
        )
        try:
            yield pdf
        finally:
            # fpdf2's glyph caches are its functions', shared by every document: they would keep
            # this one's fonts alive after it (fpdf2 clears them only when it writes a font).
            SubsetMap.pick.cache_clear()
            SubsetMap.get_glyph.cache_clear()
            _PresentationFormSubset.get_glyph.cache_clear()
            for font in fonts:
                font.close()
