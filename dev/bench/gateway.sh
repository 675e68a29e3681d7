#!/usr/bin/env bash
# The gateway benchmark (docs/performance.md): echo with a 1 KiB message, from kept-alive raw HTTP
# clients, through four paths that all front the same container image, local/mcp-everything:test:
#
#   stdio         the client talks to `docker run -i --rm local/mcp-everything:test` itself (the limit)
#   airlock       Airlock's gateway (`airlock daemon`), /mcp/everything
#   airlock-off   the same daemon, the same image, with inspection off (/mcp/everything-uninspected):
#                 what inspection adds is airlock's figures against these (not run by default)
#   supergateway  supergateway, stdio -> Streamable HTTP (stateful)
#   mcp-proxy     mcp-proxy, stdio -> Streamable HTTP
#
#   dev/bench/gateway.sh           the full run (about ten minutes on two cores)
#   dev/bench/gateway.sh --quick   fewer calls, to try the script
#
# BENCH_PATHS="stdio airlock" runs only those paths; BENCH_CALLS, BENCH_WARMUP (1 client),
# BENCH_CALLS8, BENCH_WARMUP8, BENCH_CALLS64 and BENCH_MAX_SECONDS change the run's size;
# BENCH_AIRLOCK_JAVA_OPTS gives the daemon's JVM options (none by default).
#
# Needs a JDK 25, node and npm, and a Docker engine (DOCKER_HOST or the default socket) with the
# test image (dev/images/build.sh). Builds the app when it is missing, installs the two proxies
# from dev/bench/proxies/package-lock.json with `npm ci`, and writes the results to
# dev/bench/results/DATE/ (results.jsonl, results.md, machine.txt, the logs).
#
# Everything it starts (the daemon, the proxies, their containers) is stopped when it ends, also on
# failure or Ctrl+C. Containers it starts carry the label dev.airlock.bench=RUN so none is left.
# Only 127.0.0.1 is ever contacted; every load loop is bounded in calls and in time.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench="$root/dev/bench"
JAVA_HOME=$("$root/dev/lib/find-jdk.sh" 25)
export JAVA_HOME
java="$JAVA_HOME/bin/java"
docker_cli=/usr/bin/docker # Debian's client matches the engine; a newer one on PATH hung on `run -i`
[ -x "$docker_cli" ] || docker_cli=$(command -v docker)
image=local/mcp-everything:test

# calls per run (warm-up, then measured): 1 client, 8 clients (split between them), 64 clients
warmup1=${BENCH_WARMUP:-5000} calls1=${BENCH_CALLS:-20000}
warmup8=${BENCH_WARMUP8:-8000} calls8=${BENCH_CALLS8:-40000}
calls64=${BENCH_CALLS64:-6400}
max_seconds=${BENCH_MAX_SECONDS:-120}
paths=${BENCH_PATHS:-stdio airlock supergateway mcp-proxy}
if [ "${1:-}" = "--quick" ]; then
  warmup1=500 calls1=2000 warmup8=800 calls8=4000 calls64=640 max_seconds=30
fi

run_id="bench-$$-$(date +%s)"
results="$bench/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
state=$(mktemp -d /tmp/airlock-bench.XXXXXX)
stdio_cmd=("$docker_cli" run -i --rm --label "dev.airlock.bench=$run_id" "$image")
started=() # pids of the daemons and proxies this script started
client=    # pid of the load client while it runs

descendants() { # $1 = pid: its descendants, deepest last
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

stop_process() { # $1 = pid: TERM, wait up to 15 s, then KILL it and whatever it left behind
  local pid=$1 kids
  kill -0 "$pid" 2>/dev/null || return 0
  kids=$(descendants "$pid")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  for kid in $kids; do kill -KILL "$kid" 2>/dev/null || true; done
  wait "$pid" 2>/dev/null || true
}

remove_containers() {
  local ids
  ids=$({ "$docker_cli" ps -aq --filter "label=dev.airlock.bench=$run_id"
    "$docker_cli" ps -aq --filter "label=dev.airlock.state-dir=$state"; } 2>/dev/null || true)
  [ -z "$ids" ] || "$docker_cli" rm -f $ids >/dev/null 2>&1 || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [ -z "$client" ] || stop_process "$client"
  for pid in "${started[@]}"; do stop_process "$pid"; done
  remove_containers
  rm -rf "$state"
  [ "$status" = 0 ] || echo "gateway.sh: stopped early (exit $status); everything it started is gone. Logs: $results" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

wait_for_port() { # $1 = port, $2 = pid that must stay alive, $3 = log
  for _ in $(seq 1 240); do
    (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { echo "it exited before listening; its log:" >&2; tail -n 30 "$3" >&2; exit 1; }
    sleep 0.5
  done
  echo "nothing listens on port $1 after 120 s; the log:" >&2
  tail -n 30 "$3" >&2
  exit 1
}

load() { # $1 = path name, $2 = clients, $3 = warm-up calls, $4 = measured calls, then the client's options
  local target=$1 clients=$2 warmup=$3 calls=$4
  shift 4
  echo "== $target, $clients client(s): $warmup warm-up calls, then $calls measured" >&2
  # in the background and waited for, so that a signal reaches the trap at once, not after the run
  "$java" -cp "$root/app/target/lib/*" "$bench/GatewayBench.java" --target "$target" --clients "$clients" \
    --warmup "$warmup" --calls "$calls" --max-seconds "$max_seconds" --out "$results/results.jsonl" "$@" &
  client=$!
  wait "$client"
  client=
}

# --- preparation -----------------------------------------------------------------------------------
"$docker_cli" image inspect "$image" >/dev/null 2>&1 || "$root/dev/images/build.sh"
if [ ! -f "$root/app/target/airlock-app.jar" ]; then
  "$root/mvnw" -q -B -DskipTests -Dspotless.skip=true package -pl app,demo -am
fi
if [ ! -x "$bench/proxies/node_modules/.bin/supergateway" ] || [ ! -x "$bench/proxies/node_modules/.bin/mcp-proxy" ] \
  || [ "$bench/proxies/package-lock.json" -nt "$bench/proxies/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$bench/proxies" --no-audit --no-fund --loglevel=error >&2
fi
{
  echo "date        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu         $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "cores       $(nproc) (of $(grep -c ^processor /proc/cpuinfo) listed in /proc/cpuinfo)"
  echo "memory      $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel      $(uname -r)"
  echo "java        $("$java" -version 2>&1 | head -n 1)"
  echo "node        $(node --version)"
  echo "docker      $("$docker_cli" version --format 'client {{.Client.Version}}, engine {{.Server.Version}}')"
  echo "image       $image ($("$docker_cli" image inspect -f '{{ index .Config.Labels "dev.airlock.test.package" }}' "$image"))"
  echo "airlock     $(git -C "$root" rev-parse --short HEAD)"
  echo "supergateway $(node -p "require('$bench/proxies/node_modules/supergateway/package.json').version")"
  echo "mcp-proxy   $(node -p "require('$bench/proxies/node_modules/mcp-proxy/package.json').version")"
  echo "daemon opts ${BENCH_AIRLOCK_JAVA_OPTS:-none, the JVM defaults}"
  echo "paths       $paths"
  echo "calls       1 client: $warmup1 warm-up + $calls1; 8 clients: $warmup8 + $calls8; 64 clients: $calls64"
} | tee "$results/machine.txt" >&2

wants() { [[ " $paths " == *" $1 "* ]]; }

# --- (a) plain stdio: one pipe, so one client ------------------------------------------------------
if wants stdio; then
load stdio 1 "$warmup1" "$calls1" --stdio "${stdio_cmd[@]}" --
remove_containers
fi

# --- (b) Airlock's gateway -------------------------------------------------------------------------
if wants airlock || wants airlock-off; then
airlock() { "$root/airlock" "$@" --state-dir "$state"; }
# the test registry, and the same server once more with inspection off, for airlock-off
registry="$state/registry.json"
node -e '
  const fs = require("fs");
  const registry = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const everything = registry.servers.find((s) => s.server.name.endsWith("/everything"));
  const off = JSON.parse(JSON.stringify(everything));
  off.server.name += "-uninspected";
  off.server.title += ", not inspected";
  off._meta["dev.airlock/policy"].inspection = { secrets: "off", pii: "off" };
  registry.servers.push(off);
  fs.writeFileSync(process.argv[2], JSON.stringify(registry, null, 2));
' "$root/dev/registry/test-servers.json" "$registry"
# BENCH_AIRLOCK_JAVA_OPTS (empty by default) gives the daemon's JVM options, to try heap settings
JAVA_TOOL_OPTIONS="${BENCH_AIRLOCK_JAVA_OPTS:-}" \
  "$root/airlock" daemon --registry "$registry" --state-dir "$state" --gateway-port 0 \
  >"$results/airlock.log" 2>&1 &
daemon=$!
started+=("$daemon")
for _ in $(seq 1 120); do
  airlock status >/dev/null 2>&1 && break
  kill -0 "$daemon" 2>/dev/null || { echo "the daemon exited; its log:" >&2; tail -n 30 "$results/airlock.log" >&2; exit 1; }
  sleep 0.5
done
wants airlock && airlock enable everything >&2
wants airlock-off && airlock enable everything-uninspected >&2
token_json=$(airlock client-token bench --json)
auth=$(sed -n 's/.*"Authorization" *: *"\([^"]*\)".*/\1/p' <<<"$token_json")
[ -n "$auth" ] || { echo "no token in: $token_json" >&2; exit 1; }
# the daemon's own JVM: ./airlock execs java, so the pid we started is the java process
for path in $paths; do # in the order asked for, so that a rerun in the other order shows any bias
  [ "$path" = airlock ] || [ "$path" = airlock-off ] || continue
  server=everything
  [ "$path" = airlock-off ] && server=everything-uninspected
  url=$(sed -n "s/.*\"$server\" *: *\"\([^\"]*\)\".*/\1/p" <<<"$token_json")
  [ -n "$url" ] || { echo "no URL for $server in: $token_json" >&2; exit 1; }
  load "$path" 1 "$warmup1" "$calls1" --url "$url" --header "Authorization: $auth" --rss-pid "$daemon"
  load "$path" 8 "$warmup8" "$calls8" --url "$url" --header "Authorization: $auth" --rss-pid "$daemon"
  load "$path" 64 0 "$calls64" --url "$url" --header "Authorization: $auth" --rss-pid "$daemon"
done
stop_process "$daemon"
remove_containers
fi

# --- (c) supergateway: stdio -> Streamable HTTP, stateful (one child, so one container, per session)
if wants supergateway; then
port=$(free_port)
"$bench/proxies/node_modules/.bin/supergateway" --stdio "${stdio_cmd[*]}" --outputTransport streamableHttp \
  --stateful --port "$port" --logLevel none >"$results/supergateway.log" 2>&1 &
proxy=$!
started+=("$proxy")
wait_for_port "$port" "$proxy" "$results/supergateway.log"
for clients in 1 8; do
  if [ "$clients" = 1 ]; then w=$warmup1 n=$calls1; else w=$warmup8 n=$calls8; fi
  load supergateway "$clients" "$w" "$n" --url "http://127.0.0.1:$port/mcp" --rss-pid "$proxy"
done
load supergateway 64 0 "$calls64" --url "http://127.0.0.1:$port/mcp" --rss-pid "$proxy"
stop_process "$proxy"
remove_containers
fi

# --- (d) mcp-proxy: stdio -> Streamable HTTP (one shared child) ------------------------------------
if wants mcp-proxy; then
port=$(free_port)
"$bench/proxies/node_modules/.bin/mcp-proxy" --host 127.0.0.1 --port "$port" --server stream -- "${stdio_cmd[@]}" \
  >"$results/mcp-proxy.log" 2>&1 &
proxy=$!
started+=("$proxy")
wait_for_port "$port" "$proxy" "$results/mcp-proxy.log"
load mcp-proxy 1 "$warmup1" "$calls1" --url "http://127.0.0.1:$port/mcp" --rss-pid "$proxy"
load mcp-proxy 8 "$warmup8" "$calls8" --url "http://127.0.0.1:$port/mcp" --rss-pid "$proxy"
load mcp-proxy 64 0 "$calls64" --url "http://127.0.0.1:$port/mcp" --rss-pid "$proxy"
stop_process "$proxy"
remove_containers
fi

"$java" -cp "$root/app/target/lib/*" "$bench/GatewayBench.java" --report "$results/results.jsonl" | tee "$results/results.md"
echo "results in $results" >&2
