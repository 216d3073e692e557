"""Write goldcard/render/glyph_widths.json: the widest advance, in ems, of each printable ASCII character across
the fonts a reader's browser may draw a sketch's Latin text with (the system sans-serif fonts of Debian, and
Arial's metrics twin), regular and bold. The sketch renderer lays text out from this table, so the build
needs no font; run this again only to add fonts (python scripts/glyph_widths.py)."""

from __future__ import annotations

import json
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = {
    "regular": ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"],
    "bold": ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
             "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
             "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"],
}


def open_font(path: str) -> TTFont:
    return TTCollection(path).fonts[0] if path.endswith(".ttc") else TTFont(path)


def widths(paths: list[str]) -> dict[str, float]:
    widest: dict[str, float] = {}
    for path in paths:
        font = open_font(path)
        cmap, advances, em = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
        for code in range(32, 127):
            if code in cmap:
                width = advances[cmap[code]][0] / em
                widest[chr(code)] = max(widest.get(chr(code), 0.0), round(width, 3))
    return dict(sorted(widest.items()))


def main() -> None:
    table = {style: widths(paths) for style, paths in FONTS.items()}
    out = ROOT / "goldcard" / "render" / "glyph_widths.json"
    out.write_text(json.dumps(table, ensure_ascii=True, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
