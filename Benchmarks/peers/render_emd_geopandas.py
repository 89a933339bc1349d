#!/usr/bin/env python3
"""The `render` peer for the national emd choropleth: geopandas + matplotlib drawing what
`geotwin map population --level emd` draws, as close as matplotlib allows (all 5,026 legal emd
of Geodata/korea.gpkg in EPSG:5179, each filled with the 2020 population density of its sigungu,
7 quantile classes with mapclassify over the emd, YlOrRd, white 0.1 px emd borders, sido
outlines, legend, title; no insets, labels or scale bar).

    pip install -r Benchmarks/peers/requirements-render.txt
    python3 Benchmarks/peers/render_emd_geopandas.py Geodata/korea.gpkg out.svg [width_px]

Prints one line: the output path and its size in bytes.
"""
import os
import sys

import geopandas as gpd
import matplotlib
import pyogrio

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    gpkg, out = sys.argv[1], sys.argv[2]
    width = float(sys.argv[3]) if len(sys.argv) > 3 else 1200.0
    sigungu = pyogrio.read_dataframe(gpkg, layer="sigungu", read_geometry=False)
    sigungu = sigungu[sigungu["area_km2"] > 0]
    density = dict(zip(sigungu["code"], sigungu["population"] / sigungu["area_km2"]))
    emd = gpd.read_file(gpkg, layer="emd").to_crs(5179)
    emd["density"] = emd["sigungu_code"].map(density)
    sido = gpd.read_file(gpkg, layer="sido").to_crs(5179)
    dpi = 100
    fig, ax = plt.subplots(figsize=(width / dpi, width / dpi), dpi=dpi)
    emd.plot(column="density", scheme="quantiles", k=7, cmap="YlOrRd", edgecolor="white", linewidth=0.1,
             legend=True, legend_kwds={"title": "Persons per km² of the sigungu (2020)", "loc": "lower right"},
             missing_kwds={"color": "#d9d9d9", "label": "No data"}, ax=ax)
    sido.boundary.plot(ax=ax, color="#444444", linewidth=0.7)
    ax.set_title("Population density by eup, myeon and dong, 2020")
    ax.set_axis_off()
    ax.figure.savefig(out)
    print(out, os.path.getsize(out))


if __name__ == "__main__":
    main()
