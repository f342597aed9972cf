#!/usr/bin/env bash
# Capture throughput against nginx under the same wrk load, in one run.
#   tests/bench/capture-vs-nginx.sh [BUILD_DIR]      (default build/release; DURATION=10 CONNECTIONS=32)
# Prints both rates and their ratio, then checks that the store holds every request wrk completed.
# Needs: wrk, nginx (Debian: apt-get install wrk nginx-light). Not part of the default test run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build/release}
cli=$build/src/cli/hookscope-cli
duration=${DURATION:-10}
connections=${CONNECTIONS:-32}
script=$root/tests/bench/post-1k.lua
for tool in wrk nginx python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install wrk nginx-light)" >&2; exit 2; }
done
[[ -x $cli ]] || { echo "missing: $cli (build the release preset first)" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
completed() { awk '/requests in/ {print $1}' "$1"; }

# Baseline: nginx, one worker (one event loop, like Hookscope's one capture thread), answering from memory.
nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
error_log $work/nginx/error.log warn;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { return 200 '{"ok":true}'; }
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
pids+=($!)
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$nginx_port/" && break; sleep 0.1; done
wrk -t2 -c"$connections" -d"${duration}s" -s "$script" "http://127.0.0.1:$nginx_port/hook" > "$work/nginx.txt"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

# Hookscope: every request parsed, stored in SQLite (WAL, group commit) and only then answered.
"$cli" serve --listen 127.0.0.1:0 --data-dir "$work/store" > "$work/serve.out" 2>&1 &
serve_pid=$!
pids+=($serve_pid)
for _ in $(seq 100); do grep -q '^listening on' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
hook_port=$(sed -n 's/^listening on http:\/\/127.0.0.1:\([0-9]*\)\/$/\1/p' "$work/serve.out" | head -1)
wrk -t2 -c"$connections" -d"${duration}s" -s "$script" "http://127.0.0.1:$hook_port/hook" > "$work/hookscope.txt"
kill -TERM "$serve_pid"; wait "$serve_pid" || true

nginx_rate=$(rate "$work/nginx.txt")
hook_rate=$(rate "$work/hookscope.txt")
done_count=$(completed "$work/hookscope.txt")
stored=$("$cli" list --count --data-dir "$work/store")
store_size=$(du -sh "$work/store" | cut -f1)
echo "wrk -t2 -c$connections -d${duration}s, 1 KiB JSON POSTs, keep-alive"
echo "nginx (1 worker, 200 from memory):       $nginx_rate req/s"
echo "hookscope-cli serve (stored, then 200):  $hook_rate req/s"
echo "ratio hookscope/nginx:                   $(awk -v a="$hook_rate" -v b="$nginx_rate" 'BEGIN {printf "%.2f", a/b}')"
echo "wrk completed $done_count requests; the store holds $stored ($store_size on disk)"
if ((stored < done_count)); then
  echo "FAIL: the store lost requests that were answered" >&2
  exit 1
fi
echo "OK: every answered request is in the store"
