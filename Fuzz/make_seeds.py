#!/usr/bin/env python3
"""Writes the seed corpora Fuzz/corpus/<target>/ (standard library only): small valid and
malformed inputs per reader, most taken from the test fixtures, plus a tiny GeoPackage (512-byte
pages) and tiny GeoTIFFs built here. Run from the repository root: python3 Fuzz/make_seeds.py"""
import glob
import os
import shutil
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "corpus")
IO = os.path.join(ROOT, "Tests", "GeoIOTests", "Fixtures")
RASTER = os.path.join(ROOT, "Tests", "GeoRasterTests", "Fixtures")
SHP_FGB = os.path.join(IO, "shp_fgb")  # written by GDAL (generate_shp_fgb_fixtures.py)
sys.path.insert(0, IO)
from generate_hostile_inputs import tiny_gpkg_core  # noqa: E402  (the same GeoPackage skeleton)


def put(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def copy(target, pattern, limit=8192):
    for p in sorted(glob.glob(pattern)):
        if os.path.getsize(p) <= limit:
            with open(p, "rb") as f:
                put(target, os.path.basename(p), f.read())


def wkb_point(x, y):
    return b"\x01" + struct.pack("<I", 1) + struct.pack("<dd", x, y)


def wkb_polygon():
    ring = [(0, 0), (1, 0), (1, 1), (0, 0)]
    return b"\x01" + struct.pack("<II", 3, 1) + struct.pack("<I", len(ring)) + b"".join(struct.pack("<dd", *c) for c in ring)


def gpkg_blob(wkb, srid=4326):
    return b"GP\x00\x01" + struct.pack("<i", srid) + wkb


def tiny_gpkg(path):
    db = tiny_gpkg_core(path, "GEOMETRY")
    db.executescript("CREATE TABLE pts (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, name TEXT, n INTEGER, v REAL);")
    db.execute("INSERT INTO pts (geom, name, n, v) VALUES (?, '세종', 1, 2.5)", (gpkg_blob(wkb_point(127.2, 36.5)),))
    db.execute("INSERT INTO pts (geom, name, n, v) VALUES (?, NULL, NULL, NULL)", (gpkg_blob(wkb_polygon()),))
    db.commit()
    db.execute("VACUUM")
    db.close()


def tiff(width, length, bits, fmt, data, tiles=None):
    entries = [(256, 4, 1, width), (257, 4, 1, length), (258, 3, 1, bits), (259, 3, 1, 1), (262, 3, 1, 1),
               (277, 3, 1, 1), (339, 3, 1, fmt)]
    if tiles:
        entries += [(322, 4, 1, tiles), (323, 4, 1, tiles), (324, 4, 1, 0), (325, 4, 1, len(data))]
    else:
        entries += [(273, 4, 1, 0), (278, 4, 1, length), (279, 4, 1, len(data))]
    entries.sort()
    data_offset = 8 + 2 + 12 * len(entries) + 4
    out = bytearray(b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", len(entries)))
    for tag, typ, count, value in entries:
        if tag in (273, 324):
            value = data_offset
        out += struct.pack("<HHIHH", tag, typ, count, value, 0) if typ == 3 else struct.pack("<HHII", tag, typ, count, value)
    return bytes(out + struct.pack("<I", 0) + data)


def shapefile_input(stem, shx=True, dbf=True):
    """One input of the shapefile target: UInt16 LE lengths of the .shp and .shx, then the .shp,
    the .shx and the .dbf bytes (a zero .shx length leaves the index out)."""
    def read(ext):
        with open(os.path.join(SHP_FGB, stem + "." + ext), "rb") as f:
            return f.read()
    shp = read("shp")
    index = read("shx") if shx else b""
    table = read("dbf") if dbf else b""
    return struct.pack("<HH", len(shp), len(index)) + shp + index + table


def main():
    copy("geojson", os.path.join(IO, "geojson", "*.geojson"))
    copy("geojson", os.path.join(IO, "malformed", "*.geojson"))
    copy("geojson", os.path.join(IO, "hostile", "*.geojson"))
    copy("wkb", os.path.join(IO, "malformed", "*.wkb"))
    copy("wkb", os.path.join(IO, "malformed", "*.wkbstream"))
    copy("wkb", os.path.join(IO, "hostile", "*.wkb"))
    put("wkb", "point.wkb", wkb_point(127, 37))
    put("wkb", "polygon.wkb", wkb_polygon())
    copy("wkt", os.path.join(IO, "malformed", "*.wkt"))
    put("wkt", "polygon.wkt", b"SRID=5179;POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1), (0.2 0.2 1, 0.3 0.2 1, 0.3 0.3 1, 0.2 0.2 1))")
    put("wkt", "collection.wkt", b"GEOMETRYCOLLECTION (POINT M (1 2 3), MULTILINESTRING ((0 0, 1 1)), MULTIPOINT EMPTY)")
    put("gpkg_blob", "point.bin", gpkg_blob(wkb_point(127, 37)))
    put("gpkg_blob", "polygon_envelope.bin", b"GP\x00\x03" + struct.pack("<i", 5179) + struct.pack("<4d", 0, 1, 0, 1) + wkb_polygon())
    put("gpkg_blob", "empty.bin", b"GP\x00\x11" + struct.pack("<i", 0) + wkb_point(float("nan"), float("nan")))
    tiny = os.path.join(CORPUS, "tiny.gpkg")
    os.makedirs(os.path.join(CORPUS, "gpkg_file"), exist_ok=True)
    tiny_gpkg(tiny)
    shutil.move(tiny, os.path.join(CORPUS, "gpkg_file", "tiny.gpkg"))
    put("geotiff", "strip_u8.tif", tiff(4, 4, 8, 1, bytes(range(16))))
    put("geotiff", "tile_f32.tif", tiff(4, 4, 32, 3, struct.pack("<256f", *range(256)), tiles=16))
    copy("geotiff", os.path.join(RASTER, "hostile", "*.tif"))
    copy("asciigrid", os.path.join(RASTER, "hostile", "*.asc"))
    put("asciigrid", "grid.asc", b"ncols 3\nnrows 2\nxllcenter 0.5\nyllcenter 0.5\ndx 1\ndy 2\nNODATA_value -9999\n1 2 3\n-9999 5 6e2\n")
    copy("csv", os.path.join(IO, "hostile", "*.csv"))
    put("csv", "points.csv", b'lon,lat,note\n127.1,37.5,"a ""q"", b"\r\n-33.25,126.5,\n\n129,35,"multi\nline"\n')
    put("csv", "x_y.csv", b"\xef\xbb\xbfX;Y\n1;2\n")
    for p in sorted(glob.glob(os.path.join(SHP_FGB, "*.shp"))):
        stem = os.path.splitext(os.path.basename(p))[0]
        data = shapefile_input(stem)
        if len(data) <= 8192:
            put("shapefile", stem + ".bin", data)
    put("shapefile", "parcels_no_shx.bin", shapefile_input("parcels", shx=False))
    put("shapefile", "parcels_no_dbf.bin", shapefile_input("parcels", dbf=False))
    copy("flatgeobuf", os.path.join(SHP_FGB, "*.fgb"))


if __name__ == "__main__":
    main()
