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

node=$(command -v node || true)
[ -n "$node" ] || { echo "node is needed to run the test servers (apt-get install nodejs)" >&2; exit 1; }
# shellcheck source=../lib/npm-pinned.sh
. "$here/../lib/npm-pinned.sh"
npm_pinned_install "$here" "$pkg" "$entry"
echo "$node"
echo "$entry"
