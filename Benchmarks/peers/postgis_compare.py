#!/usr/bin/env python3
"""Side-by-side driver of the `postgis` suite: loading into and reading back from PostGIS with
`geotwin convert` and with the usual peers, alternating A B A B ... for --pairs rounds, on
the same PostgreSQL 15 + PostGIS 3 server. Every measure is a whole process (what a user runs,
interpreter start-up and imports included); "in-process" subtracts each program's own start-up.

- load: `geotwin convert IN.gpkg postgresql://...?table=T` (binary COPY, one transaction, primary
  key, GiST index, ANALYZE) vs one `psql` session fed `DROP TABLE` and `shp2pgsql -c -D -I -s 4326
  IN.shp T` (text COPY of hex EWKB, serial primary key, GiST index, in one transaction, then the
  `ANALYZE` shp2pgsql writes itself): the same end state, from the same features (a GeoPackage for GeoTwin, a shapefile
  written from it for shp2pgsql). In-process: minus `geotwin --help` / minus a `psql` that
  connects and runs nothing.
- read: `geotwin convert postgresql://...?table=T OUT.wkb` (every row decoded into a feature with
  its attributes, streamed to a WKB file) vs a Python process running psycopg 3 (named server-side
  cursor, binary rows of the attributes and `ST_AsBinary`, ordered by the primary key as GeoTwin
  reads them) + `shapely.from_wkb` over all geometries, kept in memory. In-process: GeoTwin minus
  `geotwin --help`; the peer as it times itself after its imports.

Data: 1,000,000 random points in South Korea's bounding box (seeded, 3 attributes), and the
national emd layer of Geodata/korea.gpkg (polygons, 5,000+ features).

    pip install -r Benchmarks/peers/requirements-postgis.txt
    make build
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
    """DROP and shp2pgsql's script (one transaction: table, serial key, COPY, GiST index; then its
    own ANALYZE) through one psql session, shp2pgsql and psql running side by side."""
    start = time.perf_counter()
    psql = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null"], stdin=subprocess.PIPE)
    psql.stdin.write(f'SET client_min_messages = warning; DROP TABLE IF EXISTS "{table}";\n'.encode())
    psql.stdin.flush()
    subprocess.run(["shp2pgsql", "-c", "-D", "-I", "-s", "4326", "-W", "UTF-8", str(shp), table],
                   stdout=psql.stdin, stderr=subprocess.DEVNULL, check=True)
    psql.stdin.close()
    if psql.wait() != 0:
        sys.exit("psql failed")
    return time.perf_counter() - start


def read_geotwin(table: str, out: Path, partitions: int = 1) -> float:
    return timed([str(GEOTWIN), "convert", "--partitions", str(partitions), url(table), str(out)])


def peer_read(table: str) -> float:
    """The peer's read, in this process: psycopg rows and shapely geometries in memory."""
    start = time.perf_counter()
    with psycopg.connect("") as conn:  # PGHOST, PGPORT, PGUSER, PGDATABASE
        columns = [r[0] for r in conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped"
            " AND atttypid <> 'geometry'::regtype ORDER BY attnum", (f'"{table}"',))]
        geometry = conn.execute("SELECT f_geometry_column FROM geometry_columns WHERE f_table_name = %s", (table,)).fetchone()[0]
        key = conn.execute("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                           " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary",
                           (f'"{table}"',)).fetchall()
        select = ", ".join(f'"{c}"' for c in columns) + f', ST_AsBinary("{geometry}")'
        order = f' ORDER BY "{key[0][0]}"' if len(key) == 1 else ""
        rows, blobs = [], []
        with conn.cursor(name="peer", binary=True) as cur:
            cur.itersize = 10_000
            cur.execute(f'SELECT {select} FROM "{table}"{order}')
            while batch := cur.fetchmany(10_000):
                for row in batch:
                    rows.append(row[:-1])
                    blobs.append(row[-1])
        shapely.from_wkb(np.array(blobs, dtype=object))
    return time.perf_counter() - start


def read_psycopg(table: str) -> tuple[float, float]:
    """The peer's read as its own Python process: (whole process, as timed inside it)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--peer-read", table], check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, float(out.strip())


def startup(command) -> float:
    return timed(command)


def median(xs) -> float:
    return statistics.median(xs)


def main() -> None:
    global GEOTWIN
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--points", type=int, default=1_000_000)
    ap.add_argument("--geotwin", type=Path, default=GEOTWIN, help="the geotwin binary (default: the release build)")
    ap.add_argument("--peer-read", metavar="TABLE", help=argparse.SUPPRESS)
    args = ap.parse_args()
    GEOTWIN = args.geotwin.resolve()
    if args.peer_read:
        print(peer_read(args.peer_read))
        return
    if not GEOTWIN.exists():
        sys.exit(f"{GEOTWIN} missing: make build")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        points_gpkg, points_shp = make_points(folder, args.points)
        emd_shp = make_emd(folder)
        cases = [("points", points_gpkg, "points", points_shp), ("emd", GPKG, "emd", emd_shp)]
        starts = {"geotwin": [], "psql": [], "python": []}
        for _ in range(5):
            starts["geotwin"].append(startup([str(GEOTWIN), "--help"]))
            starts["psql"].append(startup(["psql", "-X", "-q", "-c", ""]))
            starts["python"].append(startup([sys.executable, "-c", "import numpy, psycopg, shapely"]))
        start = {k: median(v) for k, v in starts.items()}
        print("start-up medians (s): " + ", ".join(f"{k} {v:.3f}" for k, v in start.items()))
        for name, gpkg, layer, shp in cases:
            load = {"geotwin": [], "shp2pgsql": []}
            reads = {"geotwin": [], "geotwin --partitions 2": [], "psycopg+shapely": []}
            peer_inside = []
            for _ in range(args.pairs):
                load["geotwin"].append(load_geotwin(gpkg, layer, f"{name}_gt"))
                load["shp2pgsql"].append(load_shp2pgsql(shp, f"{name}_shp"))
                reads["geotwin"].append(read_geotwin(f"{name}_gt", folder / "out.wkb"))
                reads["geotwin --partitions 2"].append(read_geotwin(f"{name}_gt", folder / "out.wkb", 2))
                whole, inside = read_psycopg(f"{name}_gt")
                reads["psycopg+shapely"].append(whole)
                peer_inside.append(inside)
            count = subprocess.run(["psql", "-X", "-A", "-t", "-c", f'SELECT count(*) FROM "{name}_gt"'],
                                   capture_output=True, text=True, check=True).stdout.strip()
            print(f"## {name} ({count} features, {args.pairs} pairs, median seconds)")
            for label, times in list(load.items()) + list(reads.items()):
                kind = "load" if label in load and times is load[label] else "read"
                print(f"{kind:5} {label:24} {median(times):8.3f}   {' '.join(f'{t:.3f}' for t in times)}")
            print(f"read  {'psycopg+shapely inside':24} {median(peer_inside):8.3f}   {' '.join(f'{t:.3f}' for t in peer_inside)}")
            lg, lp = median(load["geotwin"]), median(load["shp2pgsql"])
            rg, rp = median(reads["geotwin"]), median(reads["psycopg+shapely"])
            print(f"ratio load shp2pgsql/geotwin: whole process {lp / lg:.2f},"
                  f" in-process {(lp - start['psql']) / (lg - start['geotwin']):.2f}")
            print(f"ratio read psycopg+shapely/geotwin: whole process {rp / rg:.2f},"
                  f" in-process {median(peer_inside) / (rg - start['geotwin']):.2f}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
