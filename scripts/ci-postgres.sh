#!/usr/bin/env bash
# Makes a local PostgreSQL ready for the test suite (CI and developers, as root on
# Debian 12): installs it from apt if missing, starts the cluster, and creates the
# role and database the tests use. Prints the URL to export as PANELIS_TEST_PG_URL.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(pg_lsclusters -h | awk 'NR==1{print $1}')
cluster=$(pg_lsclusters -h | awk 'NR==1{print $2}')
if [[ -z $version ]]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  cluster=main
  pg_createcluster "$version" "$cluster" >/dev/null
fi
pg_ctlcluster "$version" "$cluster" start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 1
done
psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
[[ $(psql_admin "SELECT 1 FROM pg_roles WHERE rolname='panelis'") == 1 ]] ||
  psql_admin "CREATE ROLE panelis LOGIN PASSWORD 'panelis' CREATEDB"
[[ $(psql_admin "SELECT 1 FROM pg_database WHERE datname='panelis_test'") == 1 ]] ||
  psql_admin "CREATE DATABASE panelis_test OWNER panelis"
echo "postgres://panelis:panelis@127.0.0.1:5432/panelis_test"
