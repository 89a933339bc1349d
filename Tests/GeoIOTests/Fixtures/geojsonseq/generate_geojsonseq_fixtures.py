#!/usr/bin/env python3
"""GeoJSON text sequences written by GDAL's GeoJSONSeq driver, and the check of GeoTwin's.
Run from the repository root:

    pip install pyogrio==0.13.0 pyarrow==26.0.1      # GDAL 3.12 inside the pyogrio wheel
    python3 Tests/GeoIOTests/Fixtures/geojsonseq/generate_geojsonseq_fixtures.py          # writes the fixtures
    swift test --filter GeoJSONSeqTests              # GEOTWIN_WRITE_FIXTURES=1 rewrites by_geotwin.*
    python3 Tests/GeoIOTests/Fixtures/geojsonseq/generate_geojsonseq_fixtures.py --check  # GDAL reads GeoTwin's files

Writes, next to this script, from source.geojson (hand-written: points, lines, polygons with a
hole, a null geometry, Z, Korean text, nested objects, 64-bit integers, booleans):
  by_gdal.geojson    GDAL's GeoJSON driver
  by_gdal.geojsonl   GDAL's GeoJSONSeq driver, newline-delimited
  by_gdal.geojsons   GDAL's GeoJSONSeq driver, RS-separated (RFC 8142)
GeoJSONSeqTests reads all three and expects the same features. --check reads by_geotwin.geojsonl
and by_geotwin.geojsons (what GeoJSONSeqTests writes from by_gdal.geojson) with GDAL and compares
them with GDAL's reading of by_gdal.geojson; it exits non-zero on the first difference.
"""
import sys
from pathlib import Path

import pyogrio
from pyogrio.raw import read_arrow, write_arrow

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source.geojson"


def generate() -> None:
    meta, table = read_arrow(str(SOURCE))
    for name, driver in (("by_gdal.geojson", "GeoJSON"), ("by_gdal.geojsonl", "GeoJSONSeq"), ("by_gdal.geojsons", "GeoJSONSeq")):
        out = HERE / name
        if out.exists():
            out.unlink()
        write_arrow(table, str(out), driver=driver, geometry_name=meta["geometry_name"] or "wkb_geometry",
                    geometry_type="Unknown", crs="EPSG:4326")
        print("wrote", name, out.read_bytes()[:1])


def check() -> None:
    def rows(path):
        info = pyogrio.read_info(path)
        _, t = read_arrow(path)
        return info, t.to_pydict()

    ref_info, ref = rows(str(HERE / "by_gdal.geojson"))
    for name in ("by_geotwin.geojsonl", "by_geotwin.geojsons"):
        path = str(HERE / name)
        info, got = rows(path)
        ok = info["driver"] == "GeoJSONSeq"
        print(("ok  " if ok else "FAIL"), name, "opened by GDAL's", info["driver"], "driver")
        if not ok:
            sys.exit(1)
        if name.endswith(".geojsons") and not Path(path).read_bytes().startswith(b"\x1e"):
            sys.exit(f"FAIL {name}: records do not start with RS")
        for key in ref:
            if got.get(key) != ref[key]:
                sys.exit(f"FAIL {name}: column {key}: {got.get(key)} != {ref[key]}")
            print("ok  ", name, key, "as GDAL reads by_gdal.geojson")
        # GeoTwin writes property keys sorted; GDAL keeps their order: compare as sets.
        fields = sorted(zip(info["fields"], info["ogr_types"], info["ogr_subtypes"]))
        if fields != sorted(zip(ref_info["fields"], ref_info["ogr_types"], ref_info["ogr_subtypes"])):
            sys.exit(f"FAIL {name}: fields {fields}")
        print("ok  ", name, "fields, types and subtypes", fields)
    print("all checks passed")


if __name__ == "__main__":
    check() if "--check" in sys.argv else generate()
