"""Writes the corpus of malformed inputs in Fixtures/malformed/ and its manifest malformed.tsv.

Run from the repository root (standard library only):
    python3 Tests/GeoIOTests/Fixtures/generate_malformed.py

Each case is one file; the manifest gives: file, codec (wkb, wkbstream, wkt, geojson), the
GeoIOError case it must raise, and the error location as GeoIOLocation prints it (WKB: byte
offset; WKT: line, column, offset; GeoJSON: JSON path and byte offset). The expected values are
worked out by hand from the bytes below, not taken from GeoTwin's output.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "malformed")

le_u32 = lambda n: struct.pack("<I", n)
le_f64 = lambda *xs: b"".join(struct.pack("<d", x) for x in xs)
hdr = lambda code: b"\x01" + le_u32(code)
nan, inf = float("nan"), float("inf")

CASES = [
    # name, codec, bytes, case, location
    ("wkb_truncated_point.wkb", "wkb", hdr(1) + le_f64(1.0), "unexpectedEnd", "byte 5"),
    ("wkb_bad_byte_order.wkb", "wkb", b"\x02" + le_u32(1) + le_f64(1, 2), "invalidByteOrder", "byte 0"),
    ("wkb_unknown_type.wkb", "wkb", hdr(8) + le_u32(0), "unknownGeometryType", "byte 1"),
    ("wkb_unknown_dimension.wkb", "wkb", hdr(4001) + le_f64(1, 2), "unknownGeometryType", "byte 1"),
    ("wkb_absurd_point_count.wkb", "wkb", hdr(2) + le_u32(1 << 31) + le_f64(1, 2), "countExceedsInput", "byte 5"),
    ("wkb_absurd_ring_count.wkb", "wkb", hdr(3) + le_u32(0xFFFFFFFF) + le_u32(4), "countExceedsInput", "byte 5"),
    ("wkb_absurd_ring_size.wkb", "wkb", hdr(3) + le_u32(1) + le_u32(0x10000000) + le_f64(0, 0), "countExceedsInput", "byte 9"),
    ("wkb_absurd_collection_count.wkb", "wkb", hdr(7) + le_u32(100), "countExceedsInput", "byte 5"),
    ("wkb_nan_in_line.wkb", "wkb", hdr(2) + le_u32(2) + le_f64(0, 0, nan, 1), "nonFiniteCoordinate", "byte 25"),
    ("wkb_infinite_point.wkb", "wkb", hdr(1) + le_f64(inf, 1), "nonFiniteCoordinate", "byte 5"),
    ("wkb_open_ring.wkb", "wkb", hdr(3) + le_u32(1) + le_u32(4) + le_f64(0, 0, 1, 0, 1, 1, 0, 1), "ringNotClosed", "byte 9"),
    ("wkb_short_ring.wkb", "wkb", hdr(3) + le_u32(1) + le_u32(3) + le_f64(0, 0, 1, 0, 0, 0), "tooFewPositions", "byte 9"),
    ("wkb_one_point_line.wkb", "wkb", hdr(2) + le_u32(1) + le_f64(0, 0), "tooFewPositions", "byte 5"),
    ("wkb_multipoint_with_line.wkb", "wkb", hdr(4) + le_u32(1) + hdr(2) + le_u32(0), "unexpectedGeometryType", "byte 9"),
    ("wkb_deep_nesting.wkb", "wkb", (hdr(7) + le_u32(1)) * 34 + hdr(7) + le_u32(0), "nestingTooDeep", "byte 297"),
    ("wkb_trailing_byte.wkb", "wkb", hdr(1) + le_f64(1, 2) + b"\x00", "trailingData", "byte 21"),
    ("wkb_truncated_srid.wkb", "wkb", hdr(0x20000001) + b"\xe6\x10", "unexpectedEnd", "byte 5"),
    ("wkb_empty.wkb", "wkb", b"", "unexpectedEnd", "byte 0"),
    ("stream_record_too_long.wkbstream", "wkbstream",
     le_u32(21) + hdr(1) + le_f64(1, 2) + le_u32(1000) + hdr(1), "countExceedsInput", "byte 25"),
    ("stream_truncated_length.wkbstream", "wkbstream", le_u32(21) + hdr(1) + le_f64(1, 2) + b"\x15\x00", "unexpectedEnd", "byte 25"),
    ("stream_bad_record.wkbstream", "wkbstream",
     le_u32(21) + hdr(1) + le_f64(1, 2) + le_u32(9) + hdr(9) + le_u32(0), "unknownGeometryType", "byte 30"),
    ("wkt_unknown_keyword.wkt", "wkt", b"CIRCLE (1 2)", "unknownGeometryType", "line 1, column 1 (offset 0)"),
    ("wkt_unclosed.wkt", "wkt", b"POINT (1 2", "unexpectedEnd", "line 1, column 11 (offset 10)"),
    ("wkt_nan.wkt", "wkt", b"POINT (nan 1)", "syntax", "line 1, column 8 (offset 7)"),
    ("wkt_overflow.wkt", "wkt", b"POINT (1e400 1)", "numberOutOfRange", "line 1, column 8 (offset 7)"),
    ("wkt_open_ring.wkt", "wkt", b"POLYGON (\n  (0 0, 1 0, 1 1, 0 1)\n)", "ringNotClosed", "line 2, column 3 (offset 12)"),
    ("wkt_mixed_dimensions.wkt", "wkt", b"LINESTRING (0 0, 1 1 1)", "syntax", "line 1, column 18 (offset 17)"),
    ("wkt_short_line.wkt", "wkt", b"LINESTRING (0 0)", "tooFewPositions", "line 1, column 12 (offset 11)"),
    ("wkt_bad_srid.wkt", "wkt", b"SRID=abc;POINT (1 2)", "invalidNumber", "line 1, column 6 (offset 5)"),
    ("wkt_trailing.wkt", "wkt", b"POINT (1 2))", "trailingData", "line 1, column 12 (offset 11)"),
    ("json_missing_comma.geojson", "geojson", b'{"type":"Point" "coordinates":[1,2]}', "syntax", "$ (byte 16)"),
    ("json_truncated.geojson", "geojson", b'{"type":"FeatureCollection","features":[{"type":"Feature"', "unexpectedEnd",
     "$.features[0] (byte 57)"),
    ("json_empty.geojson", "geojson", b"", "unexpectedEnd", "$ (byte 0)"),
    ("json_polygon_of_numbers.geojson", "geojson", b'{"type":"Polygon","coordinates":[1,2,3]}', "wrongJSONType",
     "$.coordinates[0] (byte 33)"),
    ("json_missing_coordinates.geojson", "geojson", b'{"type":"MultiPolygon"}', "missingMember", "$ (byte 0)"),
    ("json_unknown_type.geojson", "geojson", b'{"type":"Triangle","coordinates":[]}', "unknownGeometryType", "$.type (byte 8)"),
    ("json_nan_literal.geojson", "geojson", b'{"type":"Point","coordinates":[NaN,1]}', "wrongJSONType", "$.coordinates[0] (byte 31)"),
    ("json_huge_number.geojson", "geojson", b'{"type":"Point","coordinates":[1,2e400]}', "numberOutOfRange",
     "$.coordinates[1] (byte 33)"),
    ("json_open_ring.geojson", "geojson",
     b'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":null},'
     b'{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],'
     b'[[[5,5],[6,5],[6,6],[5,6]]]]}}]}', "ringNotClosed", "$.features[1].geometry.coordinates[1][0] (byte 205)"),
    ("json_point_in_features.geojson", "geojson",
     b'{"type":"FeatureCollection","features":[{"type":"Point","coordinates":[1,2]}]}', "unexpectedGeometryType",
     "$.features[0].type (byte 48)"),
    ("json_invalid_utf8.geojson", "geojson",
     b'{"type":"Feature","geometry":null,"properties":{"name":"\xea\xb0"}}', "invalidText", "$.properties.name (byte 56)"),
    ("json_bad_escape.geojson", "geojson", b'{"type":"Feature","geometry":null,"properties":{"a":"\\x"}}', "invalidText",
     "$.properties.a (byte 53)"),
    ("json_lone_surrogate.geojson", "geojson", b'{"type":"Feature","geometry":null,"properties":{"a":"\\ud800"}}',
     "invalidText", "$.properties.a (byte 53)"),
    ("json_raw_control_char.geojson", "geojson", b'{"type":"Feature","geometry":null,"properties":{"a":"x\ny"}}', "invalidText",
     "$.properties.a (byte 54)"),
    ("json_leading_zero.geojson", "geojson", b'{"type":"Point","coordinates":[01,2]}', "invalidNumber", "$.coordinates[0] (byte 31)"),
    ("json_missing_features.geojson", "geojson", b'{"type":"FeatureCollection"}', "missingMember", "$ (byte 0)"),
    ("json_deep_collections.geojson", "geojson",
     b'{"type":"GeometryCollection","geometries":[' * 40 + b']}' * 40, "nestingTooDeep",
     "$" + ".geometries[0]" * 33 + " (byte 1419)"),
    ("json_one_number_position.geojson", "geojson", b'{"type":"LineString","coordinates":[[0,0],[1]]}', "wrongJSONType",
     "$.coordinates[1] (byte 44)"),
    ("json_trailing_garbage.geojson", "geojson", b'{"type":"Point","coordinates":[1,2]}}', "trailingData", "$ (byte 36)"),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for name, codec, data, case, location in CASES:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        rows.append("\t".join((name, codec, case, location)))
    with open(os.path.join(OUT, "malformed.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# file\tcodec\terror case\tlocation (generated by generate_malformed.py)\n")
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
