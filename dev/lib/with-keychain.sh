#!/usr/bin/env bash
# Runs a command with an unlocked, throw-away gnome-keyring: run it inside `dbus-run-session`, with
# XDG_DATA_HOME set to a temporary directory (the keyring file goes there, so nobody's own keyring
# is touched). Used by .ci/run and dev/screenshot.sh.
#
#   dbus-run-session -- dev/lib/with-keychain.sh COMMAND [ARGS...]
set -euo pipefail

printf "not-a-real-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
# --unlock returns before the daemon owns its bus name; a request in that gap would start a second one
for _ in $(seq 50); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && break
  sleep 0.1
done
exec "$@"
