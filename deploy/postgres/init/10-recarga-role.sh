#!/bin/sh
# First start of the PostgreSQL container only (docker-entrypoint-initdb.d): the manager's own role, owner
# of the recarga database (it applies the migrations), separate from the postgres superuser.
set -eu
psql -v ON_ERROR_STOP=1 -U postgres -d postgres -v pw="$RECARGA_PG_MANAGER_PASSWORD" <<'SQL'
CREATE ROLE recarga_manager LOGIN PASSWORD :'pw';
CREATE DATABASE recarga OWNER recarga_manager;
SQL
