#!/usr/bin/env bash
# Runs COMMAND... against a throwaway PostgreSQL 15 + PostGIS 3 cluster:
#   Tests/postgis/with-postgis.sh swift test --filter GeoPostGISTests
# The cluster lives in a temporary folder (data, socket and log), listens on a free local port,
# holds one database with the postgis extension, and is stopped and removed when COMMAND ends,
# whether it succeeds or fails. COMMAND sees PGHOST, PGPORT, PGUSER, PGDATABASE and
# GEOTWIN_TEST_POSTGIS (a postgresql:// URL of that database) and GEOTWIN_TEST_POSTGIS_PASSWORD_ROLE
# (the URL of a role that must give its password); its exit status is returned.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ]; then
  echo "with-postgis: $PGBIN/initdb not found (install postgresql-15-postgis-3: make setup)" >&2
  exit 2
fi
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }

# As root the server runs as the postgres user (initdb refuses root).
as_owner=()
owner=$(id -un)
if [ "$(id -u)" = 0 ]; then
  owner=postgres
  as_owner=(runuser -u postgres --)
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/geotwin-postgis.XXXXXX")
chmod 755 "$root"
mkdir -p "$root/data" "$root/socket"
[ "$(id -u)" = 0 ] && chown -R "$owner" "$root"

stop() {
  status=$?
  "${as_owner[@]}" "$PGBIN/pg_ctl" -D "$root/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$root"
  exit $status
}
trap stop EXIT
trap 'exit 130' INT TERM

# A free TCP port: ask the kernel for one, then hand it to the server.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)))

"${as_owner[@]}" "$PGBIN/initdb" -D "$root/data" -U "$owner" -A trust -E UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 \
  || { cat "$root/initdb.log" >&2; exit 1; }
# Trust everyone but one role that must give its password over TCP (the wrong-password checks).
cat >"$root/data/pg_hba.conf" <<HBA
local all all trust
host all geotwin_password 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 trust
HBA
"${as_owner[@]}" "$PGBIN/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
  -o "-p $port -k $root/socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$root/server.log" >&2; exit 1; }

export PGHOST="$root/socket" PGPORT="$port" PGUSER="$owner" PGDATABASE=geotwin_test
"${as_owner[@]}" "$PGBIN/createdb" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$PGDATABASE"
"${as_owner[@]}" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$PGDATABASE" \
  -c "CREATE EXTENSION postgis" \
  -c "CREATE ROLE geotwin_password LOGIN PASSWORD 'geotwin-test-secret'"
export GEOTWIN_TEST_POSTGIS="postgresql://$owner@127.0.0.1:$port/$PGDATABASE"
# A role that authenticates by password (scram-sha-256), with its password.
export GEOTWIN_TEST_POSTGIS_PASSWORD_ROLE="postgresql://geotwin_password:geotwin-test-secret@127.0.0.1:$port/$PGDATABASE"
echo "with-postgis: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on port $port ($root)" >&2

"$@"
