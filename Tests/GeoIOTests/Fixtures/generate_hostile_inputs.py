#!/usr/bin/env python3
"""Writes the awkward inputs under hostile/ (standard library only).

Run from the repository root: python3 Tests/GeoIOTests/Fixtures/generate_hostile_inputs.py

- nested_properties.geojson: a property 300 arrays deep (GeoTwin's limit is 256): the error must
  speak of arrays or objects, not of geometries.
- huge_property_number.geojson: a property 1e400, beyond a 64-bit float: "number out of range".
- big_integer_properties.geojson: integers beyond 2^53 (kept exactly while they fit Int64) and
  beyond Int64 (kept as the nearest double, as GDAL turns such a field into Real).
- mixed_srids.wkb: a WKB stream (u32 little-endian length + EWKB per record) with SRIDs 4326 and
  5179 in one file: an error, since a layer has one CRS.
- srid_zero.wkb: EWKB records with SRID 0, which PostGIS writes for "no CRS": read as no CRS.
- huge_coordinate.geojson: a FeatureCollection whose second feature has the coordinate 1e400:
  "number out of range" naming the feature, not "NaN or infinite".
- huge_coordinate.wkt: a LINESTRING on two lines whose second line holds 1e400.
- damaged_pages.gpkg: a small GeoPackage (512-byte pages, 200 rows) whose last page, a page of
  the feature table, is overwritten with 0xFF: SQLite's "database disk image is malformed" must
  become "the file is damaged", naming the table and the last row read.
- view_of_missing_table.gpkg: a GeoPackage whose layer is a view of a table that does not
  exist: SQLite's "no such table" must become "table ... is missing", naming the layer.
- spreadsheet.csv: what a spreadsheet saves: a UTF-8 byte order mark, quoted header names, CRLF
  line ends and quoted numbers.
"""
import os
import sqlite3
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")


def ewkb_point(x, y, srid):
    return b"\x01" + struct.pack("<II", 0x20000001, srid) + struct.pack("<dd", x, y)


def record(blob):
    return struct.pack("<I", len(blob)) + blob


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def tiny_gpkg_core(path, geometry_type):
    """Creates `path` anew as a GeoPackage of 512-byte pages holding the three core tables, which
    declare one layer `pts` (geometry column `geom` of `geometry_type`, EPSG:4326) whose table
    the caller makes; returns the open connection. Also used by Fuzz/make_seeds.py."""
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA page_size=512")
    db.execute("PRAGMA application_id=1196444487")
    db.execute("PRAGMA user_version=10300")
    db.executescript(f"""
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84"]', NULL);
    CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
      description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
    INSERT INTO gpkg_contents VALUES ('pts', 'features', 'pts', '', '2024-01-01T00:00:00Z', 0, 0, 1, 1, 4326);
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
    INSERT INTO gpkg_geometry_columns VALUES ('pts', 'geom', '{geometry_type}', 4326, 0, 0);
    """)
    return db


def small_gpkg(path, rows, view_of_missing=False):
    db = tiny_gpkg_core(path, "POINT")
    if view_of_missing:
        db.execute("CREATE VIEW pts AS SELECT fid, geom, name FROM gone")
    else:
        db.execute("CREATE TABLE pts (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, name TEXT)")
        for i in range(rows):
            blob = b"GP\x00\x01" + struct.pack("<i", 4326) + b"\x01" + struct.pack("<I", 1) + struct.pack("<dd", 127 + i / 1000, 37)
            db.execute("INSERT INTO pts (geom, name) VALUES (?, ?)", (blob, "point %d" % i))
    db.commit()
    db.execute("VACUUM")
    db.close()


def main():
    os.makedirs(OUT, exist_ok=True)
    write("nested_properties.geojson",
          b'{"type":"Feature","geometry":null,"properties":{"deep":' + b"[" * 300 + b"]" * 300 + b"}}")
    write("huge_property_number.geojson",
          b'{"type":"Feature","geometry":null,"properties":{"x":1e400}}')
    write("big_integer_properties.geojson",
          b'{"type":"Feature","geometry":null,"properties":'
          b'{"above53":9007199254740993,"int64max":9223372036854775807,"beyond64":123456789012345678901234567890}}')
    write("huge_coordinate.geojson",
          b'{"type":"FeatureCollection","features":[\n'
          b'{"type":"Feature","geometry":{"type":"Point","coordinates":[127,37]},"properties":{}},\n'
          b'{"type":"Feature","geometry":{"type":"Point","coordinates":[1e400,37]},"properties":{}}\n]}\n')
    write("huge_coordinate.wkt", b"LINESTRING (0 0,\n 1e400 1)\n")
    damaged = os.path.join(OUT, "damaged_pages.gpkg")
    small_gpkg(damaged, 200)
    with open(damaged, "r+b") as f:
        f.seek(-512, os.SEEK_END)
        f.write(b"\xff" * 512)
    small_gpkg(os.path.join(OUT, "view_of_missing_table.gpkg"), 0, view_of_missing=True)
    write("mixed_srids.wkb", record(ewkb_point(127, 37, 4326)) + record(ewkb_point(953000, 1952000, 5179)))
    write("srid_zero.wkb", record(ewkb_point(127, 37, 0)) + record(b""))
    write("spreadsheet.csv",
          "\ufeff\"id\",\"lat\",\"lon\"\r\n\"a, 1\",37.2636,127.0286\r\n\"b\",\"35.0961\",\"128.9145\"\r\n".encode("utf-8"))


if __name__ == "__main__":
    main()
