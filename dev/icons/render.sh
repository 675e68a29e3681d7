#!/usr/bin/env bash
# Renders the icon SVGs (icons/src/main/svg) to the PNGs the app loads from its class path
# (icons/src/main/resources/dev/airlock/icons). The PNGs are committed, so a build never needs
# this script; run it after changing an SVG, look at the result, and commit both.
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
src="$root/icons/src/main/svg"
out="$root/icons/src/main/resources/dev/airlock/icons"

command -v rsvg-convert >/dev/null || {
  echo "render.sh needs rsvg-convert: apt-get install librsvg2-bin (Debian, Ubuntu), brew install librsvg (macOS)." >&2
  exit 1
}

# keep in step with dev.airlock.icons.Icons (APP_SIZES, TRAY_SIZES)
app_sizes=(16 22 32 64 256)
tray_sizes=(16 22 32 64)

render() { # svg, name, sizes...
  local svg=$1 name=$2
  shift 2
  for size in "$@"; do
    rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio --format png \
      --output "$out/$name-$size.png" "$svg"
  done
}

mkdir -p "$out"
rm -f "$out"/*.png
render "$src/app.svg" app "${app_sizes[@]}"
for state in signed-out idle running warning; do
  render "$src/tray-$state.svg" "tray-$state" "${tray_sizes[@]}"
done
ls "$out"
