#!/usr/bin/env bash
# Installs server-everything, at the version pinned in package.json, into
# dev/testservers/node_modules, to run on this machine with the host's node in its HTTP modes
# (streamableHttp, sse) as a remote MCP server. Does nothing when it is already there. Needs node and
# npm. Used by the remote-server tests (RemoteEverythingIT).
#
#   dev/testservers/install.sh      prints the node binary and server-everything's entry point
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pkg=@modelcontextprotocol/server-everything
entry="$here/node_modules/$pkg/dist/index.js"

installed() {
  [ -f "$entry" ] || return 1
  local want have
  want=$(sed -n "s|.*\"$pkg\": \"\\(.*\\)\".*|\\1|p" "$here/package.json")
  have=$(sed -n 's|.*"version": "\(.*\)".*|\1|p' "$here/node_modules/$pkg/package.json" | head -1)
  [ "$want" = "$have" ]
}

node=$(command -v node || true)
[ -n "$node" ] || { echo "node is needed to run the test servers (apt-get install nodejs)" >&2; exit 1; }
if ! installed; then
  command -v npm >/dev/null || { echo "npm is needed to install the test servers (apt-get install npm)" >&2; exit 1; }
  echo "installing $pkg from npm…" >&2
  # no lock file: it would name the registry; the version is exact in package.json
  (cd "$here" && npm install --no-package-lock --no-audit --no-fund --loglevel=error >&2)
  installed || { echo "$pkg did not install as pinned" >&2; exit 1; }
fi
echo "$node"
echo "$entry"
