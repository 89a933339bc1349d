#!/usr/bin/env python3
"""Generate locate_oracle.tsv: expected reverse-geocoding answers computed with shapely (GEOS)
`covers` on the polygons of Geodata/korea.gpkg. Run from the repository root:

    pip install shapely==2.2.0 pyogrio==0.13.0 numpy==2.4.6
    python3 Tests/SmartCityTests/Fixtures/generate_locate_fixture.py

Points (fixed seed): 3,000 uniform in South Korea's bounding box, 2,000 uniform in the boxes of
random sigungu, 300 vertices of sigungu polygons (exactly on boundaries), 200 within 0.002 degrees
of the ring self-intersection of 45770, 700 in the boxes of
Sejong and Busan Gangseo-gu (the pilot cities, many emd boundaries). The rule reproduced for each level is the one
KoreaAtlas documents: among the polygons that cover the point, districts before parent cities,
then the smallest code; sigungu falls back to emd_islets, then to the sido polygon alone; emd
(national, skipping the one emd without a sigungu) falls back to the sigungu answer.
The one invalid polygon (45770) is repaired with make_valid first.
"""
from pathlib import Path

import numpy as np
import shapely
from pyogrio.raw import read

ROOT = Path(__file__).resolve().parents[3]
GPKG = str(ROOT / "Geodata" / "korea.gpkg")
OUT = Path(__file__).resolve().parent / "locate_oracle.tsv"
BBOX = (124.5, 33.0, 132.0, 38.7)


def layer(name, cols):
    meta, _, geoms, fields = read(GPKG, layer=name)
    names = list(meta["fields"])
    g = [shapely.make_valid(x) if not x.is_valid else x for x in shapely.from_wkb(geoms)]
    return g, {c: list(fields[names.index(c)]) for c in cols}


sido_g, sido = layer("sido", ["code"])
sgg_g, sgg = layer("sigungu", ["code", "is_parent_city"])
emd_g, emd = layer("emd", ["code"])  # national
isl_g, isl = layer("emd_islets", ["code", "sigungu_code"])
trees = {k: shapely.STRtree(g) for k, g in (("sido", sido_g), ("sgg", sgg_g), ("emd", emd_g), ("isl", isl_g))}


def covers(key, geoms, pt):
    return [int(i) for i in trees[key].query(pt) if geoms[int(i)].covers(pt)]


def sigungu_answer(pt):
    hits = covers("sgg", sgg_g, pt)
    if hits:
        best = min(hits, key=lambda i: (int(sgg["is_parent_city"][i]), sgg["code"][i]))
        return sgg["code"][best]
    hits = covers("isl", isl_g, pt)
    if hits:
        return min(isl["sigungu_code"][i] for i in hits)
    hits = covers("sido", sido_g, pt)
    return min(sido["code"][i] for i in hits) if hits else ""


def sido_answer(pt):
    hits = covers("sido", sido_g, pt)
    if hits:
        return min(sido["code"][i] for i in hits)
    return sigungu_answer(pt)[:2]


def emd_answer(pt):
    hits = [i for i in covers("emd", emd_g, pt) if emd["code"][i][:5] in set(sgg["code"])]
    if hits:
        return min(emd["code"][i] for i in hits)
    return sigungu_answer(pt)


def main():
    rng = np.random.default_rng(20231)
    pts = [(float(x), float(y)) for x, y in zip(rng.uniform(BBOX[0], BBOX[2], 3000), rng.uniform(BBOX[1], BBOX[3], 3000))]
    for i in rng.integers(0, len(sgg_g), 2000):
        b = sgg_g[i].bounds
        pts.append((float(rng.uniform(b[0], b[2])), float(rng.uniform(b[1], b[3]))))
    for i in rng.integers(0, len(sgg_g), 300):
        coords = shapely.get_coordinates(sgg_g[i])
        x, y = coords[rng.integers(0, len(coords))]
        pts.append((float(x), float(y)))
    # Around the ring self-intersection of 45770 (Sunchang-gun), the one invalid polygon.
    for _ in range(200):
        pts.append((127.145133128623 + float(rng.uniform(-0.002, 0.002)), 35.3581213668603 + float(rng.uniform(-0.002, 0.002))))
    pilot = [g for g, c in zip(sgg_g, sgg["code"]) if c in ("36110", "26440")]
    for g in pilot:
        b = g.bounds
        for _ in range(350):
            pts.append((float(rng.uniform(b[0], b[2])), float(rng.uniform(b[1], b[3]))))
    with open(OUT, "w") as f:
        f.write("# lat\tlon\tsido\tsigungu\temd (expected codes, empty outside Korea)\n")
        for x, y in pts:
            pt = shapely.Point(x, y)
            f.write(f"{y!r}\t{x!r}\t{sido_answer(pt)}\t{sigungu_answer(pt)}\t{emd_answer(pt)}\n")


if __name__ == "__main__":
    main()
