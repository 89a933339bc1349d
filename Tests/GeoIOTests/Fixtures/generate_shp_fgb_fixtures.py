"""Writes the Shapefile and FlatGeobuf fixtures in Fixtures/shp_fgb/ with GDAL, and what GDAL
reads back from each of them as expectations.

Run from the repository root:
    pip install pyogrio==0.13.0 shapely==2.2.0 pyproj==3.7.2 numpy==2.4.6   # GDAL 3.12.4 wheels
    python3 Tests/GeoIOTests/Fixtures/generate_shp_fgb_fixtures.py

Shapefiles (GDAL's ESRI Shapefile driver):
- places_cp949.*: Points in EPSG:5186, Korean names in CP949 with a .cpg; text, integer, real,
  logical and date fields, one row of nulls.
- places_cp949_nocpg.*: the same without the .cpg, its .dbf language driver byte set to 0x79
  (CP949, as ArcGIS writes it; GDAL writes 0 and a .cpg).
- places_guess.*: the same without the .cpg and with language driver byte 0 (CP949 by guess).
- places_utf8.*: the same in UTF-8 with a .cpg.
- roads_z.*: LineStringZ and MultiLineStringZ in EPSG:5179.
- parcels.*: Polygons with holes and a MultiPolygon whose second shell holds a hole, EPSG:5174.
- parcels_zm.*: PolygonZM (SHPT=POLYGONZM) in EPSG:5186.
- sensors_m.*: MultiPointM (SHPT=MULTIPOINTM); sensors_zm.*: PointZM (SHPT=POINTZM), EPSG:5179.
FlatGeobuf (GDAL's FlatGeobuf driver):
- grid_indexed.fgb: 400 squares of 100 m in EPSG:5179 with Korean names, packed Hilbert R-tree.
- grid_noindex.fgb: the same with SPATIAL_INDEX=NO.
- roads_z.fgb: LineStringZ (GDAL writes FlatGeobuf measures only for M layer types); mixed.fgb: points, lines and polygons in one layer (type Unknown).
expected.json: per file, GDAL's reading: geometry type, EPSG code (pyproj), and per feature the
ISO WKB (hex, without measures), ISO WKT (with measures) and properties; for the grids, the fids GDAL returns for BBOX_QUERY.
"""
import json
import os
import struct

import numpy as np
import pyogrio
import shapely
from pyogrio import raw
from pyproj import CRS, Transformer

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "shp_fgb")
BBOX_QUERY = (960150.0, 1950150.0, 960350.0, 1950250.0)


def wkb(wkts):
    return np.array([None if w is None else shapely.to_wkb(shapely.from_wkt(w), flavor="iso", output_dimension=4) for w in wkts],
                    dtype=object)


def remove(name):
    stem, ext = os.path.splitext(name)
    for ext in ("shp", "shx", "dbf", "prj", "cpg") if ext in (".shp", "") else (ext[1:],):
        p = os.path.join(OUT, f"{stem}.{ext}")
        if os.path.exists(p):
            os.remove(p)


def write(name, wkts, fields, values, geometry_type, epsg, driver="ESRI Shapefile", encoding=None, layer_options=None):
    path = os.path.join(OUT, name)
    remove(name)
    field_data, masks = [], []
    for v in values:
        if v and isinstance(next((x for x in v if x is not None), None), str):
            field_data.append(np.array([x if x is not None else None for x in v], dtype=object))
            masks.append(None)
            continue
        sample = next((x for x in v if x is not None), 0)
        if isinstance(sample, np.datetime64):
            arr = np.array([x if x is not None else np.datetime64("NaT") for x in v], dtype="datetime64[D]")
        elif isinstance(sample, bool):
            arr = np.array([bool(x) if x is not None else False for x in v], dtype=bool)
        elif isinstance(sample, int):
            arr = np.array([x if x is not None else 0 for x in v], dtype=np.int64)
        else:
            arr = np.array([x if x is not None else np.nan for x in v], dtype=np.float64)
        field_data.append(arr)
        masks.append(np.array([x is None for x in v]))
    raw.write(path, wkb(wkts), field_data, fields, field_mask=masks if any(m is not None for m in masks) else None,
              driver=driver, geometry_type=geometry_type, crs=f"EPSG:{epsg}", encoding=encoding,
              layer_options=layer_options or {})
    return path


# City halls, from longitude/latitude to EPSG:5186 (Korea 2000 / Central Belt 2010), rounded to 0.1 m.
CITY_HALLS = [(126.97797, 37.56654), (127.28900, 36.48010), (127.38490, 36.35040), (127.14800, 35.82420)]
PLACES = [f"POINT ({x:.1f} {y:.1f})" for x, y in
          (Transformer.from_crs(4326, 5186, always_xy=True).transform(lon, lat) for lon, lat in CITY_HALLS)] + [None]
PLACE_FIELDS = ["name", "code", "area_km2", "capital", "founded"]
PLACE_VALUES = [
    ["서울특별시청", "세종특별자치시청", "대전광역시청", "전주시청", None],
    [11, 36110, 30, 35011, None],
    [605.21, 464.9, 539.63, 206.22, None],
    [True, False, False, False, None],
    [np.datetime64("1946-08-15"), np.datetime64("2012-07-01"), np.datetime64("1949-08-15"), np.datetime64("1949-08-14"), None],
]


def places():
    write("places_cp949.shp", PLACES, PLACE_FIELDS, PLACE_VALUES, "Point", 5186, encoding="CP949")
    write("places_utf8.shp", PLACES, PLACE_FIELDS, PLACE_VALUES, "Point", 5186, encoding="UTF-8")
    for stem, ldid in (("places_cp949_nocpg", 0x79), ("places_guess", 0)):
        remove(stem)
        for ext in ("shp", "shx", "dbf", "prj"):
            with open(os.path.join(OUT, f"places_cp949.{ext}"), "rb") as f:
                data = bytearray(f.read())
            if ext == "dbf" and ldid is not None:
                data[29] = ldid
            with open(os.path.join(OUT, f"{stem}.{ext}"), "wb") as f:
                f.write(data)


def shapes():
    write("roads_z.shp", [
        "LINESTRING Z (955000 1950000 12.5, 955100 1950050 13, 955250 1950020 14.25)",
        "MULTILINESTRING Z ((956000 1951000 1, 956100 1951000 2), (956200 1951100 3, 956300 1951150 4, 956400 1951100 5))",
    ], ["road"], [["세종대로", "테헤란로"]], "MultiLineString Z", 5179, encoding="UTF-8")
    write("parcels.shp", [
        "POLYGON ((200000 450000, 200100 450000, 200100 450100, 200000 450100, 200000 450000),"
        " (200020 450020, 200020 450040, 200040 450040, 200040 450020, 200020 450020),"
        " (200060 450060, 200060 450080, 200080 450080, 200080 450060, 200060 450060))",
        "MULTIPOLYGON (((201000 451000, 201050 451000, 201050 451050, 201000 451050, 201000 451000)),"
        " ((202000 452000, 202200 452000, 202200 452200, 202000 452200, 202000 452000),"
        " (202050 452050, 202050 452100, 202100 452100, 202100 452050, 202050 452050)))",
        "POLYGON ((203000 453000, 203010 453000, 203005 453010, 203000 453000))",
    ], ["pnu", "jimok"], [["1111010100100010000", "1111010100100020000", "1111010100100030000"], ["대", "전", None]],
        "MultiPolygon", 5174, encoding="UTF-8")
    write("parcels_zm.shp", [
        "POLYGON ZM ((200000 450000 10 1, 200100 450000 11 2, 200100 450100 12 3, 200000 450100 13 4, 200000 450000 10 1))",
        "POLYGON ZM ((300000 550000 5 0.5, 300050 550000 6 1.5, 300050 550050 7 2.5, 300000 550000 5 0.5))",
    ], ["id"], [[1, 2]], "Polygon Z", 5186, encoding="UTF-8", layer_options={"SHPT": "POLYGONZM"})
    write("sensors_m.shp", [
        "MULTIPOINT M ((955000 1950000 0.5), (955010 1950020 1.5))",
        "MULTIPOINT M ((956000 1951000 7))",
    ], ["kind"], [["온도", "습도"]], "MultiPoint", 5179, encoding="UTF-8", layer_options={"SHPT": "MULTIPOINTM"})
    write("sensors_zm.shp", [
        "POINT ZM (955000 1950000 31.5 100)", "POINT ZM (955500 1950500 42 200)",
    ], ["kind"], [["미세먼지", "소음"]], "Point Z", 5179, encoding="UTF-8", layer_options={"SHPT": "POINTZM"})


def grid_wkts():
    out, names, codes = [], [], []
    for i in range(20):
        for j in range(20):
            x, y = 960000 + 100 * i, 1950000 + 100 * j
            out.append(f"POLYGON (({x} {y}, {x + 100} {y}, {x + 100} {y + 100}, {x} {y + 100}, {x} {y}))")
            names.append(f"격자 {i}-{j}")
            codes.append(i * 20 + j)
    return out, names, codes


def flatgeobufs():
    wkts, names, codes = grid_wkts()
    areas = [10000.0 + k / 4 for k in codes]
    write("grid_indexed.fgb", wkts, ["name", "code", "area"], [names, codes, areas], "Polygon", 5179, driver="FlatGeobuf")
    write("grid_noindex.fgb", wkts, ["name", "code", "area"], [names, codes, areas], "Polygon", 5179, driver="FlatGeobuf",
          layer_options={"SPATIAL_INDEX": "NO"})
    write("roads_z.fgb", [
        "LINESTRING Z (127.0 37.5 10, 127.01 37.51 11, 127.02 37.5 12)",
        "LINESTRING Z (127.1 37.6 20, 127.11 37.62 21)",
    ], ["road"], [["한강대로", None]], "LineString Z", 4326, driver="FlatGeobuf")
    write("mixed.fgb", [
        "POINT (127 37.5)", "LINESTRING (127 37.5, 127.1 37.6)",
        "POLYGON ((127 37, 127.1 37, 127.1 37.1, 127 37, 127 37), (127.02 37.01, 127.05 37.04, 127.05 37.01, 127.02 37.01))",
        "MULTIPOLYGON (((126 36, 126.1 36, 126.1 36.1, 126 36)), ((126.5 36.5, 126.6 36.5, 126.6 36.6, 126.5 36.5)))",
    ], ["label", "flag"], [["점", "선", "면", "다중면"], [True, False, None, True]], "Unknown", 4326, driver="FlatGeobuf")


def gdal_reading(path, **kwargs):
    meta, fids, geometry, field_data = raw.read(path, return_fids=True, datetime_as_string=True, **kwargs)
    crs = CRS.from_user_input(meta["crs"]) if meta["crs"] else None
    features = []
    for k in range(len(fids)):
        props = {}
        for name, column in zip(meta["fields"], field_data):
            v = column[k]
            if v is None or (isinstance(v, float) and np.isnan(v)):
                v = None
            elif isinstance(v, (np.bool_, bool)):
                v = bool(v)
            elif isinstance(v, np.integer):
                v = int(v)
            elif isinstance(v, np.floating):
                v = float(v)
            elif isinstance(v, str) and len(v) >= 10 and v[4] == "-" and v[7] == "-" and "T" in v:
                v = v[:10]
            props[name] = v
        features.append({"fid": int(fids[k]), "wkb": geometry[k].hex().upper() if geometry[k] is not None else None,
                         "properties": props})
    if not kwargs:
        # pyogrio's WKB drops measures; GDAL's ISO WKT through its SQLite dialect keeps them.
        layer = pyogrio.list_layers(path)[0][0]
        wkts = raw.read(path, sql=f'SELECT ST_AsText(GEOMETRY) AS wkt FROM "{layer}"', sql_dialect="SQLITE",
                        read_geometry=False)[-1][0]
        for feature, text in zip(features, wkts):
            feature["wkt"] = text
    return {"geometry_type": meta["geometry_type"], "encoding": meta["encoding"],
            "epsg": crs.to_epsg() if crs else None, "features": features}


def main():
    os.makedirs(OUT, exist_ok=True)
    places()
    shapes()
    flatgeobufs()
    expected = {}
    for name in sorted(os.listdir(OUT)):
        if name.endswith(".shp") or name.endswith(".fgb"):
            expected[name] = gdal_reading(os.path.join(OUT, name))
    for name in ("grid_indexed.fgb", "grid_noindex.fgb"):
        expected[name]["bbox_query"] = list(BBOX_QUERY)
        expected[name]["bbox_fids"] = [f["fid"] for f in gdal_reading(os.path.join(OUT, name), bbox=BBOX_QUERY)["features"]]
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    with open(os.path.join(OUT, "places_cp949.dbf"), "rb") as f:
        print("places_cp949.dbf language driver byte:", hex(f.read(32)[29]))
    print(f"gdal {pyogrio.__gdal_version_string__}: wrote {len(expected)} files to {OUT}")


if __name__ == "__main__":
    main()
