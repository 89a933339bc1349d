#!/usr/bin/env python3
"""Writes palettes.json: the ColorBrewer tables (from palettable) and the viridis and cividis
256-entry tables (from matplotlib) that GeoRender's literal palette tables must match.

Run from the repository root:
    pip install palettable==3.3.3 matplotlib==3.11.2
    python3 Tests/GeoRenderTests/Fixtures/generate_palette_fixtures.py
(measured with palettable 3.3.3 and matplotlib 3.11.2; any version with the same tables works.)
With --swift it prints the Swift tables of Sources/GeoRender/PaletteTables.swift instead.
"""
import json
import os
import sys

from matplotlib import colormaps
from palettable.colorbrewer import get_map

SCHEMES = {
    "sequential": ["Blues", "Greens", "Oranges", "Reds", "Purples", "YlOrRd", "YlGnBu"],
    "diverging": ["RdBu", "RdYlBu", "BrBG", "PiYG"],
    "qualitative": ["Set2", "Dark2", "Paired"],
}
MAX = {"sequential": 9, "diverging": 11, "qualitative": None}
QUAL_MAX = {"Set2": 8, "Dark2": 8, "Paired": 12}


def brewer():
    out = {}
    for kind, names in SCHEMES.items():
        for name in names:
            top = MAX[kind] or QUAL_MAX[name]
            out[name] = {"kind": kind, "classes": {str(k): [c.lower() for c in get_map(name, kind, k).hex_colors]
                                                   for k in range(3, top + 1)}}
    return out


def ramp(name):
    cmap = colormaps[name]
    rows = []
    for i in range(256):
        r, g, b, _ = cmap(i)
        rows.append("#%02x%02x%02x" % (round(r * 255), round(g * 255), round(b * 255)))
    return rows


def main():
    data = {"colorbrewer": brewer(), "viridis": ramp("viridis"), "cividis": ramp("cividis")}
    if "--swift" in sys.argv:
        for name, entry in data["colorbrewer"].items():
            print(f'        "{name}": (.{entry["kind"]}, [')
            for k, colors in entry["classes"].items():
                print(f'            {k}: [' + ", ".join(f'"{c}"' for c in colors) + "],")
            print("        ]),")
        for name in ("viridis", "cividis"):
            print(f"    static let {name}: [String] = [")
            for i in range(0, 256, 8):
                print("        " + ", ".join(f'"{c}"' for c in data[name][i:i + 8]) + ",")
            print("    ]")
        return
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "palettes.json")
    with open(path, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
