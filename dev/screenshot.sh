#!/usr/bin/env bash
# Captures every screen of the desktop app with the demo organization: onboarding, My tools with a
# tool on, the secret dialog, Activity with calls in it, and the tray menu. Runs the real app under
# Xvfb with openbox as window manager and trayer as tray host, so nothing needs a screen.
#
#   dev/screenshot.sh [OUTPUT_DIR]        (default: docs/screenshots)
#
# Needs a Docker engine (DOCKER_HOST or the standard socket), node and npm (for the test images), and
# Debian's xvfb, openbox, trayer, xdotool, imagemagick, dbus and gnome-keyring packages. Nothing of
# yours is touched: the keychain is a throw-away one in a temporary directory.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(realpath -m "${1:-$root/docs/screenshots}")
missing=()
for tool in Xvfb openbox trayer xdotool import dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "dev/screenshot.sh needs: ${missing[*]}" >&2
  echo "On Debian: apt-get install xvfb openbox trayer xdotool imagemagick dbus gnome-keyring" >&2
  exit 1
fi

JAVA_HOME=$("$root/dev/lib/find-jdk.sh" 25)
export JAVA_HOME
echo "building the app and the demo organization…" >&2
"$root/mvnw" -q -B -DskipTests -Dspotless.skip=true package -pl demo -am >&2
"$root/dev/images/build.sh" >&2

display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=":$display" NO_AT_BRIDGE=1
for _ in $(seq 1 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
openbox >"$work/openbox.log" 2>&1 &
pids+=($!)
# the tray host must be up before the app asks whether there is a tray
trayer --edge top --align right --widthtype request --height 28 --SetDockType true --transparent false \
  --tint 0xdddddd >"$work/trayer.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do xdotool search --class trayer >/dev/null 2>&1 && break; sleep 0.1; done

lib="$root/app/target/lib"
mkdir -p "$out"
# a throw-away keychain, as in .ci/run: the screens show what a person with a keychain sees
export XDG_DATA_HOME="$work/xdg-data"
mkdir -p "$XDG_DATA_HOME"
# software rendering: the same pixels on every machine, and no GL driver in Xvfb to depend on
tour=("$JAVA_HOME/bin/java" -Dprism.order=sw
  --module-path "$lib/javafx" --add-modules javafx.controls
  --enable-native-access=javafx.graphics -Djava.awt.headless=false
  -cp "$root/app/target/airlock-app.jar:$lib/*:$root/demo/target/airlock-demo.jar:$root/demo/target/lib/*"
  dev.airlock.demo.ScreenshotTour "$out")
dbus-run-session -- "$root/dev/lib/with-keychain.sh" "${tour[@]}"
echo "screenshots in $out" >&2
