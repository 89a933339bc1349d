#!/usr/bin/env python3
"""Regenerates proj_fixtures.json, the oracle values GeoProjTests compare GeoProj against.

Run from the repository root:
    pip install "pyproj==3.7.2"
    python3 Tests/GeoProjTests/Fixtures/generate_proj_fixtures.py

pyproj 3.7.2 (bundling PROJ 9.5.1) produced the committed file. Every transform uses
always_xy=True (x = longitude/easting, y = latitude/northing), as GeoProj does.
"""
import json
import os

from pyproj import CRS, Geod, Transformer, __version__, proj_version_str

HERE = os.path.dirname(os.path.abspath(__file__))

CODES = [4326, 5179, 5186, 3857]

# Longitude, latitude (degrees, WGS 84). All lie between 126 and 128 E, inside the area of use
# of EPSG:5186 (Central Belt 2010) as well as of the other three systems.
PLACES = {
    "seoulCityHall": (126.978388, 37.566610),
    "sejong51": (127.334, 36.524),
    "daejeon": (127.384548, 36.350412),
    "gwangju": (126.851675, 35.159545),
    "jejuCity": (126.531188, 33.499621),
    "chuncheon": (127.729829, 37.881315),
}

# Longitude, latitude pairs for geodesic distances (degrees).
CITY_PAIRS = [
    ("seoul", (126.978388, 37.566610), "busan", (129.075642, 35.179554)),
    ("seoul", (126.978388, 37.566610), "jeju", (126.531188, 33.499621)),
    ("sejong", (127.334, 36.524), "busanEDC", (128.92, 35.165)),
    ("incheon", (126.705206, 37.456256), "losAngeles", (-118.243683, 34.052235)),
    ("sejongEast", (127.334, 36.524), "sejongEast1km", (127.345173, 36.524)),
]

LINES = {
    "koreanRoute": [(126.978388, 37.566610), (127.384548, 36.350412), (128.601445, 35.871435), (129.075642, 35.179554)],
}

# Rings as (lon, lat) lists, closed; exterior counter-clockwise, holes clockwise.
POLYGONS = {
    "sejongBlock": [
        [(127.320, 36.515), (127.350, 36.515), (127.350, 36.535), (127.320, 36.535), (127.320, 36.515)],
    ],
    "sejongBlockWithHole": [
        [(127.320, 36.515), (127.350, 36.515), (127.350, 36.535), (127.320, 36.535), (127.320, 36.515)],
        [(127.330, 36.520), (127.330, 36.528), (127.340, 36.528), (127.340, 36.520), (127.330, 36.520)],
    ],
    "koreaBox": [
        [(124.5, 33.0), (131.0, 33.0), (131.0, 38.7), (124.5, 38.7), (124.5, 33.0)],
    ],
}

BOUNDS = [
    (4326, 5179, (124.5, 33.0, 131.0, 38.7)),
    (4326, 5186, (126.2, 34.0, 127.9, 38.0)),
    (4326, 3857, (124.5, 33.0, 131.0, 38.7)),
    (5179, 4326, (900000.0, 1600000.0, 1100000.0, 2000000.0)),
]


def main():
    wgs84 = Geod(ellps="WGS84")
    to_wgs = {c: Transformer.from_crs(4326, c, always_xy=True) for c in CODES}

    transforms = []
    for src in CODES:
        for dst in CODES:
            if src == dst:
                continue
            t = Transformer.from_crs(src, dst, always_xy=True)
            for name, (lon, lat) in PLACES.items():
                x, y = to_wgs[src].transform(lon, lat)
                ox, oy = t.transform(x, y)
                transforms.append({"from": src, "to": dst, "place": name, "input": [x, y], "output": [ox, oy]})

    bounds = []
    for src, dst, box in BOUNDS:
        t = Transformer.from_crs(src, dst, always_xy=True)
        out = t.transform_bounds(*box, densify_pts=21)
        bounds.append({"from": src, "to": dst, "input": list(box), "output": list(out), "densifyPoints": 21})

    crs = []
    for c in CODES:
        info = CRS.from_epsg(c)
        a = info.area_of_use
        crs.append({"epsg": c, "isGeographic": info.is_geographic,
                    "areaOfUse": [a.west, a.south, a.east, a.north],
                    "semiMajorAxis": info.ellipsoid.semi_major_metre,
                    "inverseFlattening": info.ellipsoid.inverse_flattening})

    distances = []
    for n1, (lon1, lat1), n2, (lon2, lat2) in CITY_PAIRS:
        _, _, d = wgs84.inv(lon1, lat1, lon2, lat2)
        distances.append({"from": n1, "to": n2, "a": [lon1, lat1], "b": [lon2, lat2], "metres": d})

    lengths = []
    for name, pts in LINES.items():
        lengths.append({"name": name, "coordinates": [list(p) for p in pts],
                        "metres": wgs84.line_length([p[0] for p in pts], [p[1] for p in pts])})

    areas = []
    for name, rings in POLYGONS.items():
        total = 0.0
        for i, ring in enumerate(rings):
            a, _ = wgs84.polygon_area_perimeter([p[0] for p in ring], [p[1] for p in ring])
            total += abs(a) if i == 0 else -abs(a)
        areas.append({"name": name, "rings": [[list(p) for p in r] for r in rings], "squareMetres": total})

    out = {
        "generator": "Tests/GeoProjTests/Fixtures/generate_proj_fixtures.py",
        "pyproj": __version__,
        "proj": proj_version_str,
        "transforms": transforms,
        "bounds": bounds,
        "crs": crs,
        "distances": distances,
        "lengths": lengths,
        "areas": areas,
    }
    with open(os.path.join(HERE, "proj_fixtures.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
