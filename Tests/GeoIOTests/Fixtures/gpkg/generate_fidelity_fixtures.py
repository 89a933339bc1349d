#!/usr/bin/env python3
"""GeoPackage attribute fidelity against GDAL: JSON columns, booleans, 64-bit integers, text with
NUL characters, string feature ids. Run from the repository root:

    pip install pyogrio==0.13.0 pyarrow==26.0.1      # GDAL 3.12 inside the pyogrio wheel
    python3 Tests/GeoIOTests/Fixtures/gpkg/generate_fidelity_fixtures.py           # writes the fixtures
    swift test --filter GeoPackageFidelityTests      # GEOTWIN_WRITE_FIXTURES=1 rewrites fidelity_by_geotwin.gpkg
    python3 Tests/GeoIOTests/Fixtures/gpkg/generate_fidelity_fixtures.py --check   # GDAL reads GeoTwin's file

Writes, next to this script:
  fidelity_by_gdal.gpkg      layer "fidelity" written by GDAL's GPKG driver (through Arrow, so the
                             JSON field subtype reaches GDAL): TEXT columns declared application/json
                             in gpkg_data_columns, a BOOLEAN column, INTEGER (int64) values beyond
                             2^53, a string "id" field (where GDAL's GeoJSON reader puts string ids).
                             GDAL's API cannot write a NUL character, so one text value with NUL is
                             set afterwards through SQLite (as any other GeoPackage writer may).
  fidelity_expected.geojson  the same rows as GeoJSON: "id" the fid, properties the values GDAL
                             was given (objects and arrays as JSON, NUL as \\u0000).

--check opens fidelity_by_geotwin.gpkg (what GeoPackageFidelityTests writes from
fidelity_expected.geojson) with GDAL and checks field types, subtypes and values; it exits
non-zero on the first difference.
"""
import json
import sqlite3
import sys
from pathlib import Path

import pyarrow as pa
import pyogrio
from pyogrio.raw import read_arrow, write_arrow

HERE = Path(__file__).resolve().parent
GDAL_FILE = HERE / "fidelity_by_gdal.gpkg"
EXPECTED = HERE / "fidelity_expected.geojson"
GEOTWIN_FILE = HERE / "fidelity_by_geotwin.gpkg"

NUL_TEXT = "before\x00after"
ROWS = [
    {"id": "sejong-5-1", "tags": {"kind": "hub", "levels": [1, 2.5, None, True], "이름": "세종"},
     "lanes": [3, "bus", {"k": False}], "open": True, "big": 2**53 + 1, "name": "세종 5-1 생활권", "ratio": 0.1},
    {"id": "busan-edc", "tags": {}, "lanes": [], "open": False, "big": -(2**63), "name": "plain", "ratio": -2.5e-300},
    {"id": "n-3", "tags": None, "lanes": None, "open": None, "big": 2**63 - 1, "name": None, "ratio": None},
]


def point_wkb(x: float, y: float) -> bytes:
    import struct
    return struct.pack("<BIdd", 1, 1, x, y)


def generate() -> None:
    if GDAL_FILE.exists():
        GDAL_FILE.unlink()
    json_type = pa.json_(pa.string())
    table = pa.table({
        "id": pa.array([r["id"] for r in ROWS], pa.string()),
        "tags": pa.array([None if r["tags"] is None else json.dumps(r["tags"], ensure_ascii=False) for r in ROWS], json_type),
        "lanes": pa.array([None if r["lanes"] is None else json.dumps(r["lanes"]) for r in ROWS], json_type),
        "open": pa.array([r["open"] for r in ROWS], pa.bool_()),
        "big": pa.array([r["big"] for r in ROWS], pa.int64()),
        "name": pa.array([r["name"] for r in ROWS], pa.string()),
        "ratio": pa.array([r["ratio"] for r in ROWS], pa.float64()),
        "wkb_geometry": pa.array([point_wkb(127.0 + i, 36.5) for i in range(len(ROWS))], pa.binary()),
    })
    write_arrow(table, str(GDAL_FILE), layer="fidelity", driver="GPKG", geometry_name="wkb_geometry",
                geometry_type="Point", crs="EPSG:4326", layer_options={"SPATIAL_INDEX": "NO"})
    con = sqlite3.connect(GDAL_FILE)
    con.execute('UPDATE fidelity SET name = ? WHERE fid = 2', (NUL_TEXT,))
    con.commit()
    con.close()
    rows = [dict(r) for r in ROWS]
    rows[1]["name"] = NUL_TEXT
    features = [{"type": "Feature", "id": i + 1, "geometry": {"type": "Point", "coordinates": [127.0 + i, 36.5]},
                 "properties": r} for i, r in enumerate(rows)]
    EXPECTED.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n")
    info = pyogrio.read_info(str(GDAL_FILE), layer="fidelity")
    print("wrote", GDAL_FILE.name, list(zip(info["fields"], info["ogr_types"], info["ogr_subtypes"])))


def check_(cond: bool, what: str) -> None:
    if not cond:
        sys.exit(f"FAIL: {what}")
    print(f"ok   {what}")


def check() -> None:
    path = str(GEOTWIN_FILE)
    expected = json.loads(EXPECTED.read_text())["features"]
    info = pyogrio.read_info(path, layer="fidelity")
    check_(info["driver"] == "GPKG", "GDAL opens GeoTwin's file with the GPKG driver")
    fields = dict(zip(info["fields"], zip(info["ogr_types"], info["ogr_subtypes"])))
    check_(fields["tags"] == ("OFTString", "OFSTJSON") and fields["lanes"] == ("OFTString", "OFSTJSON"),
           f"tags and lanes are JSON fields {fields['tags']} {fields['lanes']}")
    check_(fields["open"] == ("OFTInteger", "OFSTBoolean"), f"open is a boolean field {fields['open']}")
    check_(fields["big"] == ("OFTInteger64", "OFSTNone"), f"big is a 64-bit integer field {fields['big']}")
    check_(fields["ratio"][0] == "OFTReal", f"ratio is a real field {fields['ratio']}")
    check_(fields["id"] == ("OFTString", "OFSTNone"), f"string ids in the id field {fields['id']}")
    _, table = read_arrow(path, layer="fidelity", return_fids=True)
    cols = table.to_pydict()
    for row, f in enumerate(expected):
        p = f["properties"]
        for key in ("tags", "lanes"):
            got = cols[key][row]
            check_((json.loads(got) if got is not None else None) == p[key], f"row {row} {key} = {got}")
        check_(cols["open"][row] == p["open"], f"row {row} open = {cols['open'][row]}")
        check_(cols["big"][row] == p["big"], f"row {row} big = {cols['big'][row]} exactly")
        check_(cols["ratio"][row] == p["ratio"], f"row {row} ratio = {cols['ratio'][row]}")
        check_(cols["id"][row] == p["id"], f"row {row} id = {cols['id'][row]}")
        if p["name"] is not None and "\x00" in p["name"]:
            # GDAL's strings end at NUL: it sees the text before it; SQLite holds every byte.
            check_(cols["name"][row] == p["name"].split("\x00")[0], f"row {row} name as GDAL reads it: {cols['name'][row]!r}")
            con = sqlite3.connect(path)
            (stored,) = con.execute("SELECT name FROM fidelity WHERE fid = ?", (row + 1,)).fetchone()
            check_(stored == p["name"], f"row {row} name stored whole: {stored!r}")
        else:
            check_(cols["name"][row] == p["name"], f"row {row} name = {cols['name'][row]}")
    schema = pyogrio.read_info(path, layer="schema")
    check_(list(schema["fields"]) == ["Name", "fid2", "geom2", "mixed", "name2", "number"],
           f"renamed and mixed columns {list(schema['fields'])}")
    types = dict(zip(schema["fields"], schema["ogr_types"]))
    check_(types["mixed"] == "OFTString" and types["number"] == "OFTReal", f"mixed columns fall back to TEXT and REAL {types}")
    _, t2 = read_arrow(path, layer="schema")
    check_(t2.to_pydict()["mixed"] == ["1", "x", "true"], f"mixed values as text {t2.to_pydict()['mixed']}")
    print("all checks passed")


if __name__ == "__main__":
    check() if "--check" in sys.argv else generate()
