#!/bin/sh
# Oracle for transforming points outside the area of use of EPSG:5186 (Korea 2000 / Central
# Belt 2010, meant for 126°E to 128°E): PROJ's cs2cs transforms them without complaint, and so must
# `geotwin transform` (with one warning). Writes outside_area_5186.tsv: lon, lat, easting, northing.
# Run from the repository root: sh Tests/GeoProjTests/Fixtures/generate_outside_area.sh
set -eu
out=Tests/GeoProjTests/Fixtures/outside_area_5186.tsv
{
  echo "# lon	lat	x	y (cs2cs $(cs2cs 2>&1 | head -1 | sed 's/^Rel. //; s/,.*//'), EPSG:4326 -> EPSG:5186)"
  for p in "127 37" "129.1 35.2" "131.865 37.241"; do
    set -- $p
    # cs2cs takes EPSG:4326 as lat lon and gives EPSG:5186 as northing easting.
    printf '%s %s\n' "$2" "$1" | cs2cs -f %.17g EPSG:4326 EPSG:5186 |
      awk -v lon="$1" -v lat="$2" '{ printf "%s\t%s\t%s\t%s\n", lon, lat, $2, $1 }'
  done
} > "$out"
