#!/usr/bin/env python3
"""Oracle values for GeoCore's planar algorithms, computed with shapely (GEOS).

Regenerate from the repository root:
    pip install shapely==2.2.0
    python3 Tests/GeoCoreTests/Fixtures/generate_planar_fixtures.py

Writes planar.json next to this script: for each geometry (as GeoJSON-style coordinate
arrays), its area, length, centroid, bounds, Douglas-Peucker simplifications, and the
location (interior/boundary/exterior) of probe points. The output is deterministic.
"""
import json
import math
import os
import random

import shapely
from shapely.geometry import mapping, shape, Point

HERE = os.path.dirname(os.path.abspath(__file__))


def star(cx, cy, r1, r2, n, rot=0.0):
    pts = []
    for i in range(2 * n):
        r = r1 if i % 2 == 0 else r2
        a = rot + math.pi * i / n
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    pts.append(pts[0])
    return pts


def wiggly_line(rng, n, x0, y0):
    pts, x, y = [], x0, y0
    for _ in range(n):
        x += rng.uniform(0.1, 1.0)
        y += rng.uniform(-1.0, 1.0)
        pts.append((x, y))
    return pts


def geometries():
    rng = random.Random(20260915)
    g = {}
    g["unit_square_ccw"] = {"type": "Polygon", "coordinates": [[(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]]}
    g["unit_square_cw"] = {"type": "Polygon", "coordinates": [[(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)]]}
    g["square_with_hole"] = {"type": "Polygon", "coordinates": [
        [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)],
        [(2, 2), (2, 5), (5, 5), (5, 2), (2, 2)]]}
    g["two_holes_cw_exterior"] = {"type": "Polygon", "coordinates": [
        [(0, 0), (0, 20), (30, 20), (30, 0), (0, 0)],
        [(1, 1), (4, 1), (4, 4), (1, 4), (1, 1)],
        [(10, 10), (18, 10), (14, 16), (10, 10)]]}
    g["star"] = {"type": "Polygon", "coordinates": [star(3.5, -2.0, 5.0, 2.0, 7, 0.3)]}
    g["multipolygon"] = {"type": "MultiPolygon", "coordinates": [
        [[(0, 0), (4, 0), (4, 3), (0, 3), (0, 0)]],
        [[(10, 10), (16, 10), (16, 16), (10, 16), (10, 10)], [(12, 12), (14, 12), (14, 14), (12, 14), (12, 12)]]]}
    # Projected coordinates in EPSG:5179 range: precision far from the origin.
    g["projected_polygon"] = {"type": "Polygon", "coordinates": [
        [(955000.25, 1950000.5), (956200.75, 1950100.0), (956500.0, 1951800.25), (955300.5, 1952000.0), (955000.25, 1950000.5)]]}
    g["line"] = {"type": "LineString", "coordinates": [(0, 0), (3, 4), (3, 10), (-2, 10)]}
    g["wiggly_line"] = {"type": "LineString", "coordinates": wiggly_line(rng, 200, 0.0, 0.0)}
    g["multiline"] = {"type": "MultiLineString", "coordinates": [[(0, 0), (0, 5)], [(1, 1), (4, 5), (8, 2)]]}
    g["multipoint"] = {"type": "MultiPoint", "coordinates": [(0, 0), (2, 0), (2, 6), (7, 1)]}
    g["point"] = {"type": "Point", "coordinates": (127.334, 36.524)}
    g["collection_mixed"] = {"type": "GeometryCollection", "geometries": [
        {"type": "Point", "coordinates": (100, 100)},
        {"type": "LineString", "coordinates": [(0, 0), (50, 50)]},
        {"type": "Polygon", "coordinates": [[(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]]}]}
    g["degenerate_polygon"] = {"type": "Polygon", "coordinates": [[(0, 0), (5, 0), (10, 0), (0, 0)]]}
    return g


def probes(geom, rng):
    minx, miny, maxx, maxy = geom.bounds
    w, h = maxx - minx or 1.0, maxy - miny or 1.0
    pts = []
    for _ in range(60):
        pts.append((rng.uniform(minx - 0.1 * w, maxx + 0.1 * w), rng.uniform(miny - 0.1 * h, maxy + 0.1 * h)))
    # Vertices and exact edge midpoints of axis-parallel edges: boundary cases.
    rings = []
    polys = [geom] if geom.geom_type == "Polygon" else list(getattr(geom, "geoms", []))
    for p in polys:
        if p.geom_type != "Polygon":
            continue
        rings.append(list(p.exterior.coords))
        rings.extend(list(r.coords) for r in p.interiors)
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            pts.append((x0, y0))
            if x0 == x1 or y0 == y1:
                pts.append(((x0 + x1) / 2, (y0 + y1) / 2))
    return pts


def location(geom, p):
    pt = Point(p)
    if geom.boundary.intersects(pt) and geom.geom_type in ("Polygon", "MultiPolygon"):
        return "boundary"
    if geom.contains(pt):
        return "interior"
    return "exterior"


def main():
    rng = random.Random(7)
    out = []
    for name, gj in geometries().items():
        geom = shape(gj)
        rec = {
            "name": name,
            "geometry": json.loads(json.dumps(mapping(geom))),
            "area": geom.area,
            "length": geom.length,
            "bounds": list(geom.bounds),
        }
        c = geom.centroid
        rec["centroid"] = None if c.is_empty else [c.x, c.y]
        if geom.geom_type in ("LineString", "Polygon", "MultiPolygon", "MultiLineString"):
            rec["simplify"] = []
            for tol in (0.0, 0.5, 1.5, 3.0):
                s = shapely.simplify(geom, tol, preserve_topology=False)
                rec["simplify"].append({"tolerance": tol, "geometry": json.loads(json.dumps(mapping(s)))})
        if geom.geom_type in ("Polygon", "MultiPolygon"):
            rec["probes"] = [{"point": list(p), "location": location(geom, p)} for p in probes(geom, rng)]
        out.append(rec)
    with open(os.path.join(HERE, "planar.json"), "w") as f:
        json.dump({"generator": "shapely " + shapely.__version__ + ", GEOS " + ".".join(map(str, shapely.geos_version)),
                   "cases": out}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
