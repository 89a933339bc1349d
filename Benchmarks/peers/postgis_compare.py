#!/usr/bin/env python3
"""Side-by-side driver of the `postgis` suite: loading into and reading back from PostGIS with
`geotwin convert` and with the usual peers, alternating A B A B ... for --pairs rounds, on
the same PostgreSQL 15 + PostGIS 3 server.

- load: `geotwin convert IN.gpkg postgresql://...?table=T` (binary COPY, one transaction, GiST
  index, ANALYZE) vs DROP TABLE, `shp2pgsql -c -D -I -s 4326 IN.shp T | psql` and ANALYZE (text COPY of hex
  EWKB, GiST index), from the same features (a GeoPackage for GeoTwin, a shapefile for shp2pgsql).
- read: `geotwin convert postgresql://...?table=T OUT.wkb` (binary cursor, EWKB decoded into
  features with their attributes, written as a WKB stream) vs psycopg 3 (named server-side cursor,
  binary rows of attributes and ST_AsBinary) + `shapely.from_wkb` over all geometries.

Data: 1,000,000 random points in South Korea's bounding box (seeded, 3 attributes), and the
national emd layer of Geodata/korea.gpkg (polygons, 5,000+ features).

    pip install -r Benchmarks/peers/requirements-postgis.txt
    swift build -c release --product geotwin
    Tests/postgis/with-postgis.sh python3 Benchmarks/peers/postgis_compare.py [--pairs 3]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psycopg
import shapely
from pyogrio.raw import read, write

ROOT = Path(__file__).resolve().parents[2]
GEOTWIN = ROOT / ".build/release/geotwin"
GPKG = ROOT / "Geodata/korea.gpkg"


def url(table: str) -> str:
    return os.environ["GEOTWIN_TEST_POSTGIS"] + "?table=" + table


def make_points(folder: Path, n: int) -> tuple[Path, Path]:
    rng = np.random.default_rng(20261201)
    x = rng.uniform(124.6, 131.9, n)
    y = rng.uniform(33.1, 38.6, n)
    wkb = shapely.to_wkb(shapely.points(x, y))
    fields = ["code", "value", "name"]
    data = [np.arange(n, dtype=np.int64), rng.uniform(0, 1000, n), np.array([f"p{i % 1000}" for i in range(n)], dtype=object)]
    gpkg, shp = folder / "points.gpkg", folder / "points.shp"
    for path, driver in ((gpkg, "GPKG"), (shp, "ESRI Shapefile")):
        write(str(path), wkb, data, fields, layer="points", driver=driver, geometry_type="Point", crs="EPSG:4326")
    return gpkg, shp


def make_emd(folder: Path) -> Path:
    meta, _, geometry, data = read(str(GPKG), layer="emd")
    shp = folder / "emd.shp"
    fields = list(meta["fields"])
    write(str(shp), geometry, data, fields, layer="emd", driver="ESRI Shapefile", geometry_type="MultiPolygon",
          crs="EPSG:4326", encoding="UTF-8")
    return shp


def timed(command, **kw) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start


def load_geotwin(gpkg: Path, layer: str, table: str) -> float:
    return timed([str(GEOTWIN), "convert", "--layer", layer, str(gpkg), url(table)])


def load_shp2pgsql(shp: Path, table: str) -> float:
    start = time.perf_counter()
    subprocess.run(["psql", "-X", "-q", "-c", f'DROP TABLE IF EXISTS "{table}"'], check=True)
    dump = subprocess.Popen(["shp2pgsql", "-c", "-D", "-I", "-s", "4326", "-W", "UTF-8", str(shp), table],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null"], stdin=dump.stdout, check=True)
    dump.wait()
    subprocess.run(["psql", "-X", "-q", "-c", f'ANALYZE "{table}"'], check=True)
    return time.perf_counter() - start


def read_geotwin(table: str, out: Path, partitions: int = 1) -> float:
    return timed([str(GEOTWIN), "convert", "--partitions", str(partitions), url(table), str(out)])


def read_psycopg(table: str) -> float:
    start = time.perf_counter()
    with psycopg.connect("") as conn:  # PGHOST, PGPORT, PGUSER, PGDATABASE
        columns = [r[0] for r in conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped"
            " AND atttypid <> 'geometry'::regtype ORDER BY attnum", (f'"{table}"',))]
        geometry = conn.execute("SELECT f_geometry_column FROM geometry_columns WHERE f_table_name = %s", (table,)).fetchone()[0]
        select = ", ".join(f'"{c}"' for c in columns) + f', ST_AsBinary("{geometry}")'
        rows, blobs = [], []
        with conn.cursor(name="peer", binary=True) as cur:
            cur.itersize = 10_000
            cur.execute(f'SELECT {select} FROM "{table}"')
            while batch := cur.fetchmany(10_000):
                for row in batch:
                    rows.append(row[:-1])
                    blobs.append(row[-1])
        shapely.from_wkb(np.array(blobs, dtype=object))
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--points", type=int, default=1_000_000)
    args = ap.parse_args()
    if not GEOTWIN.exists():
        sys.exit(f"{GEOTWIN} missing: swift build -c release --product geotwin")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        points_gpkg, points_shp = make_points(folder, args.points)
        emd_shp = make_emd(folder)
        cases = [("points", points_gpkg, "points", points_shp), ("emd", GPKG, "emd", emd_shp)]
        for name, gpkg, layer, shp in cases:
            load = {"geotwin": [], "shp2pgsql": []}
            reads = {"geotwin": [], "geotwin --partitions 2": [], "psycopg+shapely": []}
            for _ in range(args.pairs):
                load["geotwin"].append(load_geotwin(gpkg, layer, f"{name}_gt"))
                load["shp2pgsql"].append(load_shp2pgsql(shp, f"{name}_shp"))
                reads["geotwin"].append(read_geotwin(f"{name}_gt", folder / "out.wkb"))
                reads["geotwin --partitions 2"].append(read_geotwin(f"{name}_gt", folder / "out.wkb", 2))
                reads["psycopg+shapely"].append(read_psycopg(f"{name}_gt"))
            count = subprocess.run(["psql", "-X", "-A", "-t", "-c", f'SELECT count(*) FROM "{name}_gt"'],
                                   capture_output=True, text=True, check=True).stdout.strip()
            print(f"## {name} ({count} features, {args.pairs} pairs, median seconds)")
            for label, times in list(load.items()) + list(reads.items()):
                kind = "load" if label in load and times is load[label] else "read"
                print(f"{kind:5} {label:24} {statistics.median(times):8.3f}   {' '.join(f'{t:.3f}' for t in times)}")
            print(f"ratio load shp2pgsql/geotwin {statistics.median(load['shp2pgsql']) / statistics.median(load['geotwin']):.2f}")
            print(f"ratio read psycopg+shapely/geotwin {statistics.median(reads['psycopg+shapely']) / statistics.median(reads['geotwin']):.2f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
