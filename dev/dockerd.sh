#!/usr/bin/env bash
# Starts a private Docker engine for tests: its socket, data root and pid file live in DIR,
# so it never touches a system-wide engine. Prints the DOCKER_HOST to use.
#   dev/dockerd.sh start DIR    start (waits until the engine answers), prints unix://DIR/docker.sock
#   dev/dockerd.sh stop DIR     stop it and wait for it to exit
set -euo pipefail

cmd=${1:?usage: dev/dockerd.sh start|stop DIR}
dir=${2:?usage: dev/dockerd.sh start|stop DIR}
docker_cli=/usr/bin/docker  # Debian's client matches the engine; a newer one on PATH hung on `run -i`

case "$cmd" in
start)
  command -v dockerd >/dev/null || { echo "dockerd not found: install docker.io (apt-get install docker.io)" >&2; exit 1; }
  mkdir -p "$dir/data" "$dir/exec"
  sock="$dir/docker.sock"
  dockerd --host "unix://$sock" --data-root "$dir/data" --exec-root "$dir/exec" \
    --pidfile "$dir/docker.pid" >"$dir/dockerd.log" 2>&1 &
  for _ in $(seq 1 120); do
    if DOCKER_HOST="unix://$sock" "$docker_cli" version >/dev/null 2>&1; then
      echo "unix://$sock"
      exit 0
    fi
    sleep 0.5
  done
  echo "dockerd did not start within 60 s; its log:" >&2
  tail -n 40 "$dir/dockerd.log" >&2
  exit 1
  ;;
stop)
  [ -f "$dir/docker.pid" ] || exit 0
  pid=$(cat "$dir/docker.pid")
  kill "$pid" 2>/dev/null || exit 0
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  ;;
*)
  echo "usage: dev/dockerd.sh start|stop DIR" >&2
  exit 2
  ;;
esac
