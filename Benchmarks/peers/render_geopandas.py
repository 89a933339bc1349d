#!/usr/bin/env python3
"""The `render` peer: the national population-density choropleth drawn by geopandas +
matplotlib, as close as matplotlib allows to `geotwin map population` (same data, same
EPSG:5179 projection, 7 quantile classes with mapclassify, YlOrRd, white 0.25 px sigungu
borders, sido outlines, legend, title; no insets, labels or scale bar).

    pip install -r Benchmarks/peers/requirements-render.txt
    python3 Benchmarks/peers/render_geopandas.py Geodata/korea.gpkg out.svg [width_px]

Prints one line: the output path and its size in bytes.
"""
import os
import sys

import geopandas as gpd
import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    gpkg, out = sys.argv[1], sys.argv[2]
    width = float(sys.argv[3]) if len(sys.argv) > 3 else 1200.0
    sigungu = gpd.read_file(gpkg, layer="sigungu")
    sigungu = sigungu[sigungu["is_parent_city"] != 1].to_crs(5179)
    sigungu["density"] = sigungu["population"] / sigungu["area_km2"]
    sido = gpd.read_file(gpkg, layer="sido").to_crs(5179)
    dpi = 100
    fig, ax = plt.subplots(figsize=(width / dpi, width / dpi), dpi=dpi)
    sigungu.plot(column="density", scheme="quantiles", k=7, cmap="YlOrRd", edgecolor="white", linewidth=0.25,
                 legend=True, legend_kwds={"title": "Persons per km² (2020)", "loc": "lower right"},
                 missing_kwds={"color": "#d9d9d9", "label": "No data"}, ax=ax)
    sido.boundary.plot(ax=ax, color="#444444", linewidth=0.7)
    ax.set_title("Population density by sigungu, 2020")
    ax.set_axis_off()
    ax.figure.savefig(out)
    print(out, os.path.getsize(out))


if __name__ == "__main__":
    main()
