#!/usr/bin/env bash
# Builds the MCP server images the tests run, from published npm packages, without a base image
# (no image registry is reachable here): the package is installed with npm, then copied with the
# host's node and its shared libraries into a root filesystem that `docker import` turns into an image.
#
#   dev/images/build.sh            build the images that are missing (or were built from other versions)
#   dev/images/build.sh --force    rebuild all of them
#
# Uses DOCKER_HOST when set. Needs node and npm on the host.
#
# Besides the npm servers, small test servers written here (dev/images/NAME/server.js, no
# dependencies) become local/mcp-NAME:test the same way, labelled with the script's SHA-256.
set -euo pipefail

# name | npm package | pinned version | default arguments (JSON array) | extra ENV
IMAGES=(
  'everything|@modelcontextprotocol/server-everything|2026.8.31|["stdio"]|'
  'filesystem|@modelcontextprotocol/server-filesystem|2026.8.31|["/tmp"]|'
  'memory|@modelcontextprotocol/server-memory|2026.8.31|[]|MEMORY_FILE_PATH=/tmp/memory.jsonl'
)
# test servers of our own, from dev/images/NAME/server.js
SCRIPTS=(stuck changing)

docker_cli=/usr/bin/docker  # Debian's client matches the engine; a newer one on PATH hung on `run -i`
[ -x "$docker_cli" ] || docker_cli=$(command -v docker) || { echo "no docker client found" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || {
  echo "node and npm are needed to build the test server images (apt-get install nodejs npm)" >&2
  exit 1
}
force=${1:-}
node_bin=$(command -v node)
node_bin=$(readlink -f "$node_bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# copies a program and the shared libraries it loads into a root file system
copy_program() {  # $1 = root, $2 = program path on the host
  mkdir -p "$1$(dirname "$2")"
  cp -L "$2" "$1$2"
  for lib in $(ldd "$2" | grep -o '/[^ ]*'); do
    mkdir -p "$1$(dirname "$lib")"
    cp -L "$lib" "$1$lib"
  done
}

# The Node base image that npm-published servers are built on (the `images.nodeBase` setting in
# tests and the demo): node, npm, a shell and env, as in the usual node:*-slim images.
base_tag=local/node-base:test
node_version=$(node --version)
npm_home=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
have=$("$docker_cli" image inspect -f '{{ index .Config.Labels "dev.airlock.test.package" }}' "$base_tag" 2>/dev/null || true)
if [ "$force" != "--force" ] && [ "$have" = "node-base@$node_version" ]; then
  echo "$base_tag is up to date (node $node_version)"
else
  echo "building $base_tag (node $node_version, npm $(npm --version))"
  root="$work/node-base/root"
  mkdir -p "$root/tmp" "$root/etc" "$root/root" "$root/usr/lib/node_modules" "$root/usr/bin"
  chmod 1777 "$root/tmp"
  copy_program "$root" "$node_bin"
  [ "$node_bin" = /usr/bin/node ] || ln -s "$node_bin" "$root/usr/bin/node"
  copy_program "$root" "$(readlink -f /bin/sh)"
  mkdir -p "$root/bin"
  ln -sf "$(readlink -f /bin/sh)" "$root/bin/sh"
  copy_program "$root" /usr/bin/env
  cp -a "$npm_home" "$root/usr/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/bin/npm"
  printf 'root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  tar -C "$root" -c . | "$docker_cli" import -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' -c 'ENV HOME=/root' \
    -c 'CMD ["/usr/bin/node"]' -c "LABEL dev.airlock.test.package=node-base@$node_version" - "$base_tag" >/dev/null
  echo "built $base_tag"
fi

for spec in "${IMAGES[@]}"; do
  IFS='|' read -r name pkg version args env <<<"$spec"
  tag="local/mcp-$name:test"
  have=$("$docker_cli" image inspect -f '{{ index .Config.Labels "dev.airlock.test.package" }}' "$tag" 2>/dev/null || true)
  if [ "$force" != "--force" ] && [ "$have" = "$pkg@$version" ]; then
    echo "$tag is up to date ($pkg@$version)"
    continue
  fi
  echo "building $tag from $pkg@$version"
  app="$work/$name/app"
  root="$work/$name/root"
  mkdir -p "$app" "$root/usr/bin" "$root/app" "$root/tmp" "$root/etc"
  npm install --silent --no-audit --no-fund --prefix "$app" "$pkg@$version" >/dev/null
  chmod 1777 "$root/tmp"
  copy_program "$root" "$node_bin"
  [ "$node_bin" = /usr/bin/node ] || ln -s "$node_bin" "$root/usr/bin/node"
  cp -a "$app/node_modules" "$root/app/"
  printf 'root:x:0:0::/:/sbin/nologin\nnobody:x:65534:65534::/:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  entry="/app/node_modules/$pkg/dist/index.js"
  changes=(-c "ENTRYPOINT [\"/usr/bin/node\",\"$entry\"]" -c "CMD $args"
    -c "LABEL dev.airlock.test.package=$pkg@$version")
  [ -n "$env" ] && changes+=(-c "ENV $env")
  tar -C "$root" -c . | "$docker_cli" import "${changes[@]}" - "$tag" >/dev/null
  echo "built $tag"
done

here=$(cd "$(dirname "$0")" && pwd)
for name in "${SCRIPTS[@]}"; do
  script="$here/$name/server.js"
  tag="local/mcp-$name:test"
  label="$name@sha256:$(sha256sum "$script" | cut -d' ' -f1)"
  have=$("$docker_cli" image inspect -f '{{ index .Config.Labels "dev.airlock.test.package" }}' "$tag" 2>/dev/null || true)
  if [ "$force" != "--force" ] && [ "$have" = "$label" ]; then
    echo "$tag is up to date ($name/server.js)"
    continue
  fi
  echo "building $tag from $name/server.js"
  root="$work/$name/root"
  mkdir -p "$root/usr/bin" "$root/app" "$root/tmp" "$root/etc"
  chmod 1777 "$root/tmp"
  copy_program "$root" "$node_bin"
  [ "$node_bin" = /usr/bin/node ] || ln -s "$node_bin" "$root/usr/bin/node"
  cp "$script" "$root/app/server.js"
  printf 'root:x:0:0::/:/sbin/nologin\nnobody:x:65534:65534::/:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  tar -C "$root" -c . | "$docker_cli" import -c 'ENTRYPOINT ["/usr/bin/node","/app/server.js"]' -c 'CMD []' \
    -c "LABEL dev.airlock.test.package=$label" - "$tag" >/dev/null
  echo "built $tag"
done
