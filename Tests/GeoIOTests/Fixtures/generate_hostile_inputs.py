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
- spreadsheet.csv: what a spreadsheet saves: a UTF-8 byte order mark, quoted header names, CRLF
  line ends and quoted numbers.
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")


def ewkb_point(x, y, srid):
    return b"\x01" + struct.pack("<II", 0x20000001, srid) + struct.pack("<dd", x, y)


def record(blob):
    return struct.pack("<I", len(blob)) + blob


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


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
    write("mixed_srids.wkb", record(ewkb_point(127, 37, 4326)) + record(ewkb_point(953000, 1952000, 5179)))
    write("srid_zero.wkb", record(ewkb_point(127, 37, 0)) + record(b""))
    write("spreadsheet.csv",
          "\ufeff\"id\",\"lat\",\"lon\"\r\n\"a, 1\",37.2636,127.0286\r\n\"b\",\"35.0961\",\"128.9145\"\r\n".encode("utf-8"))


if __name__ == "__main__":
    main()
