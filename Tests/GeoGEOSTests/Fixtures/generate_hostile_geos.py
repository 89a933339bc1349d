#!/usr/bin/env python3
"""Writes hostile_geos.tsv (standard library only): WKT that GEOS refuses, one case a line as
name, operation and WKT (two WKTs for an overlay, separated by ' | '). GeoGEOS must put GEOS's
ParseException, IllegalArgumentException and TopologyException into a user's words.

Run from this folder: python3 generate_hostile_geos.py"""
import os

CASES = [
    ("truncated_polygon", "read", "POLYGON ((0 0, 1 0"),
    ("bad_number", "read", "POINT (1 x)"),
    ("unclosed_ring", "read", "POLYGON ((0 0, 1 0, 1 1, 0 1))"),
    ("one_point_line", "read", "LINESTRING (0 0)"),
    # Two bow ties crossing at nearly the same point: an overlay of invalid inputs.
    ("bow_ties", "intersection",
     "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0)) | POLYGON ((0 0.000000001, 10 10, 10 0.000000001, 0 10, 0 0.000000001))"),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "hostile_geos.tsv"), "w", newline="\n") as f:
        f.write("# name\toperation\twkt\n")
        for name, op, wkt in CASES:
            f.write("%s\t%s\t%s\n" % (name, op, wkt))


if __name__ == "__main__":
    main()
