"""CFF-outline OpenType -> TrueType (glyf) outlines, after fontTools' Snippets/otf2ttf.py.

Also tidies the character map so that text copied or extracted from a printed PDF is the text that
was typed. Chromium (Skia) writes each glyph's ToUnicode entry from the lowest code point mapped
to it; the Fandol fonts map the C0 controls U+0000-U+001F to the space glyph (so spaces read back
as U+0001) and the Kangxi radicals (U+2F00-U+2FDF), CJK radicals supplement (U+2E80-U+2EFF) and
compatibility ideographs (U+F900-U+FAFF) to the glyphs of unified ideographs (so 白 reads back
as the radical U+2F69). Those entries are dropped: the controls always, a look-alike only when a
unified ideograph maps to the same glyph.

  otf2ttf.py SRC.otf DST.ttf    convert and tidy
  otf2ttf.py --tidy FONT.ttf    tidy an already converted font in place
"""
# Used by .ci/install-fonts.sh (the Fandol fonts of texlive-lang-chinese are CFF; Chromium needs
# glyf).
import os
import sys
from fontTools.ttLib import TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

LOOKALIKE = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF))
UNIFIED = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x3FFFF))


def _in(cp, ranges):
    return any(lo <= cp <= hi for lo, hi in ranges)


def tidy_cmap(font):
    """Drop C0 controls, and look-alike ideographs whose glyph a unified ideograph also maps."""
    unified_glyphs = {
        g for c, g in font.getBestCmap().items() if _in(c, UNIFIED)
    }
    dropped = 0
    for table in font["cmap"].tables:
        if not table.isUnicode():
            continue
        drop = [
            c for c, g in table.cmap.items()
            if c < 0x20 or (_in(c, LOOKALIKE) and g in unified_glyphs)
        ]
        for c in drop:
            del table.cmap[c]
        dropped += len(drop)
    return dropped


def tidy(path):
    font = TTFont(path)
    dropped = tidy_cmap(font)
    tmp = path + ".tmp"
    font.save(tmp)
    os.replace(tmp, path)
    return dropped


def convert(src, dst, max_err=1.0):
    font = TTFont(src)
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["maxp"].tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(font["maxp"], attr, 0)
    font["maxp"].maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font.sfntVersion = "\x00\x01\x00\x00"
    tidy_cmap(font)
    font.save(dst)

if __name__ == "__main__":
    if sys.argv[1] == "--tidy":
        for path in sys.argv[2:]:
            print(f"{path}: {tidy(path)} cmap entries dropped")
    else:
        convert(sys.argv[1], sys.argv[2])
