#!/usr/bin/env bash
# Retakes the README's screenshots under Xvfb: tests/tools/screenshots.sh [BUILD_DIR]
# Needs xvfb, imagemagick (import), curl. Writes docs/screenshots/*.png.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build/release}
out=$root/docs/screenshots
mkdir -p "$out"
if [[ -z ${HOOKSCOPE_IN_XVFB:-} ]]; then
  HOOKSCOPE_IN_XVFB=1 exec xvfb-run -a -s "-screen 0 900x560x24" "$0" "$@"
fi
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$build/src/app/hookscope" --data-dir "$data" --listen "127.0.0.1:$port" &
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$data"' EXIT
sleep 1.5 # the window maps and the endpoint opens; nothing must be sent before the empty state is shot
import -window root "$out/empty-state.png"
for path in stripe/events github/push 'shopify/orders?shop=demo' mailchimp/campaign; do
  curl -s -o /dev/null -H 'Content-Type: application/json' -d '{"id":"evt_1","type":"payment.succeeded"}' \
    "http://127.0.0.1:$port/$path"
done
curl -s -o /dev/null -X PROPFIND "http://127.0.0.1:$port/dav/"
python3 -c "import socket; s=socket.create_connection(('127.0.0.1',$port)); s.sendall(b'HELLO\r\n\r\n'); s.recv(1000)"
sleep 1
import -window root "$out/main-window.png"
echo "wrote $out/empty-state.png and $out/main-window.png"
