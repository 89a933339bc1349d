#!/usr/bin/env python3
"""Open the GeoPackage that GeoTwin's writer produces with GDAL (through pyogrio) and check it.

    pip install pyogrio==0.13.0 shapely==2.2.0      # GDAL 3.12 inside the pyogrio wheel
    swift test --filter GeoPackageWriterTests        # GEOTWIN_WRITE_FIXTURES=1 rewrites the file
    python3 Tests/GeoIOTests/Fixtures/check_gpkg_with_pyogrio.py [FILE.gpkg]

Default file: Tests/GeoIOTests/Fixtures/gpkg/written_by_geotwin.gpkg (the layers of
GeoPackageWriterTests.sampleLayers). Exits non-zero on the first difference.
"""
import sys
from pathlib import Path

import pyogrio
import shapely
from pyogrio.raw import read

path = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).parent / "gpkg" / "written_by_geotwin.gpkg")


def check(cond: bool, what: str) -> None:
    if not cond:
        sys.exit(f"FAIL: {what}")
    print(f"ok   {what}")


layers = pyogrio.list_layers(path)
check([list(l) for l in layers] == [["districts", "MultiPolygon"], ["sensors", "Point Z"]], f"layers {layers.tolist()}")
info = pyogrio.read_info(path, layer="districts")
check(info["driver"] == "GPKG", "GDAL opens it with the GPKG driver")
check(info["crs"] == "EPSG:4326", f"districts CRS {info['crs']}")
check(list(info["fields"]) == ["code", "population", "area_km2", "raw"], f"fields {list(info['fields'])}")
check(info["features"] == 3, "3 district features")
check(info["capabilities"]["fast_spatial_filter"], "R-tree spatial index recognised")
meta, fids, geoms, fields = read(path, layer="districts", return_fids=True)
check(list(fids) == [1, 2, 7], f"fids {list(fids)}")
g = shapely.from_wkb(geoms[0])
check(g.geom_type == "MultiPolygon" and len(g.geoms[0].interiors) == 1, "polygon with a hole")
check(abs(g.area - (0.04 - 0.00125)) < 1e-12, f"area {g.area}")
check(geoms[1] is None, "NULL geometry")
check(fields[0][1] == "세종", "UTF-8 text")
check(int(fields[1][2]) == -(2**63), "INTEGER min")
check(fields[3][0] == b"\x00\x01\xff", "BLOB")
sensors = pyogrio.read_info(path, layer="sensors")
check(sensors["crs"] == "EPSG:5179", f"sensors CRS {sensors['crs']}")
_, _, pts, _ = read(path, layer="sensors")
p = shapely.from_wkb(pts[0])
check(p.has_z and (p.x, p.y, p.z) == (960000.0, 1840000.0, 42.5), "3D point")
check(shapely.from_wkb(pts[1]).is_empty, "empty point")
# A spatial filter goes through the R-tree.
_, _, hits, _ = read(path, layer="districts", bbox=(127.01, 37.01, 127.02, 37.02))
check(len(hits) == 2, "bbox query through the index finds the two polygons")
print("all checks passed")
