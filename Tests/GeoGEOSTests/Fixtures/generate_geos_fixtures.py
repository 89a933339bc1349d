#!/usr/bin/env python3
"""Regenerates geos_fixtures.json, the oracle values GeoGEOSTests compare GeoGEOS against.

Run from the repository root:
    pip install "shapely==2.2.0"
    python3 Tests/GeoGEOSTests/Fixtures/generate_geos_fixtures.py

shapely 2.2.0 (bundling GEOS 3.14.1) produced the committed file. Geometries are written as WKT
with 17 significant digits; GeoGEOSTests parses them with GEOS's WKT reader through GeoGEOS.
"""
import json
import os

import shapely
from shapely import wkt as shapely_wkt

HERE = os.path.dirname(os.path.abspath(__file__))

GEOMETRIES = {
    "square": "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))",
    "squareWithHole": "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (3 3, 3 7, 7 7, 7 3, 3 3))",
    "touchingSquare": "POLYGON ((10 0, 20 0, 20 10, 10 10, 10 0))",
    "overlappingSquare": "POLYGON ((5 5, 15 5, 15 15, 5 15, 5 5))",
    "innerSquare": "POLYGON ((2 2, 8 2, 8 8, 2 8, 2 2))",
    "multiPolygon": "MULTIPOLYGON (((20 0, 25 0, 25 5, 20 5, 20 0)), ((30 0, 35 0, 35 5, 30 5, 30 0), (31 1, 31 2, 32 2, 32 1, 31 1)))",
    "triangle": "POLYGON ((12 12, 18 12, 15 17, 12 12))",
    "crossingLine": "LINESTRING (-5 5, 25 5)",
    "innerLine": "LINESTRING (1 1, 2 2, 3 1)",
    "boundaryLine": "LINESTRING (0 0, 10 0)",
    "multiLine": "MULTILINESTRING ((0 12, 10 12), (12 0, 12 8, 14 9))",
    "innerPoint": "POINT (1 1)",
    "holePoint": "POINT (5 5)",
    "boundaryPoint": "POINT (10 5)",
    "multiPoint": "MULTIPOINT ((1 1), (15 15), (50 50))",
    "bowTie": "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))",
    "selfTouchingRing": "POLYGON ((0 0, 10 0, 10 10, 5 10, 7 5, 3 5, 5 10, 0 10, 0 0))",
    "lineZ": "LINESTRING Z (0 0 1, 10 0 2, 10 10 3)",
}

PREDICATES = {
    "intersects": shapely.intersects,
    "contains": shapely.contains,
    "within": shapely.within,
    "covers": shapely.covers,
    "coveredBy": shapely.covered_by,
    "touches": shapely.touches,
    "crosses": shapely.crosses,
    "overlaps": shapely.overlaps,
    "disjoint": shapely.disjoint,
    "equals": shapely.equals,
    "containsProperly": shapely.contains_properly,
}

OVERLAYS = {
    "intersection": shapely.intersection,
    "union": shapely.union,
    "difference": shapely.difference,
    "symmetricDifference": shapely.symmetric_difference,
}

OVERLAY_PAIRS = [
    ("square", "overlappingSquare"),
    ("squareWithHole", "overlappingSquare"),
    ("square", "touchingSquare"),
    ("squareWithHole", "innerSquare"),
    ("multiPolygon", "overlappingSquare"),
    ("square", "crossingLine"),
    ("triangle", "overlappingSquare"),
]

BUFFERS = [
    ("innerPoint", 2.0, dict()),
    ("innerPoint", 2.0, dict(quad_segs=2)),
    ("square", 1.5, dict()),
    ("square", 1.5, dict(join_style="mitre", mitre_limit=5.0)),
    ("square", 1.5, dict(join_style="bevel")),
    ("square", -2.0, dict()),
    ("squareWithHole", 0.5, dict(quad_segs=4)),
    ("innerLine", 0.5, dict(cap_style="flat")),
    ("innerLine", 0.5, dict(cap_style="square", join_style="mitre")),
    ("crossingLine", 1.0, dict(single_sided=True, cap_style="flat")),
    ("crossingLine", -1.0, dict(single_sided=True, cap_style="flat")),
    ("multiLine", 0.75, dict(quad_segs=3, join_style="round")),
]

SIMPLIFY = [
    ("wiggle", 0.5),
    ("wiggle", 2.0),
    ("wigglePolygon", 1.0),
    ("wigglePolygon", 0.3),
]
# Not included: rings whose start vertex the simplifier could drop. GEOS 3.12 made the
# topology-preserving simplifier remove ring end points, GEOS 3.11 keeps them, so such cases
# differ between the oracle and the GEOS GeoTwin links.
EXTRA = {
    "wiggle": "LINESTRING (0 0, 1 0.2, 2 -0.1, 3 0.3, 4 0, 5 2.5, 6 0, 7 0.1, 8 0, 9 -0.2, 10 0)",
    "wigglePolygon": "POLYGON ((0 0, 5 0.4, 10 0, 10.3 5, 10 10, 5 9.6, 0 10, -0.4 5, 0 0), (4 4, 4 6, 6 6, 6 4, 4 4))",
}

DISSOLVE = ["square", "touchingSquare", "overlappingSquare", "multiPolygon", "triangle"]


def text(geom):
    return shapely.to_wkt(geom, rounding_precision=17, trim=True, output_dimension=3)


def parse_reason(reason):
    if reason == "Valid Geometry":
        return None, None
    if "[" in reason:
        name, rest = reason.split("[", 1)
        xy = [float(v) for v in rest.rstrip("]").split()]
        return name, xy[:2]
    return reason, None


def main():
    geoms = {name: shapely_wkt.loads(w) for name, w in {**GEOMETRIES, **EXTRA}.items()}
    valid_names = [n for n in GEOMETRIES if geoms[n].is_valid]

    singles = []
    for name in GEOMETRIES:
        g = geoms[name]
        reason, location = parse_reason(shapely.is_valid_reason(g))
        entry = {
            "name": name,
            "area": g.area,
            "length": g.length,
            "isValid": bool(g.is_valid),
            "reason": reason,
            "location": location,
            "convexHull": text(shapely.convex_hull(g)),
        }
        if g.is_valid:
            entry["centroid"] = [g.centroid.x, g.centroid.y]
            entry["pointOnSurface"] = [g.point_on_surface().x, g.point_on_surface().y]
        else:
            fixed = shapely.make_valid(g)
            entry["makeValid"] = text(fixed)
            entry["makeValidArea"] = fixed.area
            fixed_s = shapely.make_valid(g, method="structure", keep_collapsed=False)
            entry["makeValidStructure"] = text(fixed_s)
            entry["makeValidStructureArea"] = fixed_s.area
        singles.append(entry)

    predicates = []
    for a in valid_names:
        for b in valid_names:
            ga, gb = geoms[a], geoms[b]
            row = {"a": a, "b": b, "relate": shapely.relate(ga, gb)}
            for key, fn in PREDICATES.items():
                row[key] = bool(fn(ga, gb))
            row["distance"] = float(shapely.distance(ga, gb))
            predicates.append(row)

    overlays = []
    for a, b in OVERLAY_PAIRS:
        row = {"a": a, "b": b}
        for key, fn in OVERLAYS.items():
            r = fn(geoms[a], geoms[b])
            row[key] = {"wkt": text(r), "area": r.area, "length": r.length}
        overlays.append(row)

    buffers = []
    for name, distance, options in BUFFERS:
        opts = dict(quad_segs=8, cap_style="round", join_style="round", mitre_limit=5.0, single_sided=False)
        opts.update(options)
        r = shapely.buffer(geoms[name], distance, **opts)
        buffers.append({
            "name": name, "distance": distance,
            "quadrantSegments": opts["quad_segs"], "capStyle": opts["cap_style"],
            "joinStyle": opts["join_style"], "mitreLimit": opts["mitre_limit"],
            "singleSided": opts["single_sided"],
            "area": r.area, "wkt": text(r),
        })

    simplified = []
    for name, tolerance in SIMPLIFY:
        for preserve in (False, True):
            r = shapely.simplify(geoms[name], tolerance, preserve_topology=preserve)
            simplified.append({
                "name": name, "wkt": (EXTRA.get(name) or GEOMETRIES[name]), "tolerance": tolerance,
                "preserveTopology": preserve, "result": text(r), "area": r.area, "length": r.length,
            })

    dissolved = shapely.union_all([geoms[n] for n in DISSOLVE])

    out = {
        "generator": "Tests/GeoGEOSTests/Fixtures/generate_geos_fixtures.py",
        "shapely": shapely.__version__,
        "geos": shapely.geos_version_string,
        "geometries": GEOMETRIES,
        "singles": singles,
        "predicates": predicates,
        "overlays": overlays,
        "buffers": buffers,
        "simplify": simplified,
        "dissolve": {"names": DISSOLVE, "wkt": text(dissolved), "area": dissolved.area},
    }
    with open(os.path.join(HERE, "geos_fixtures.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
