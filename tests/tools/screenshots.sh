#!/usr/bin/env bash
# Retakes the README's screenshots under Xvfb: tests/tools/screenshots.sh [BUILD_DIR]
# Needs xvfb, imagemagick (import), xdotool, curl. Writes docs/screenshots/*.png.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build/release}
out=$root/docs/screenshots
mkdir -p "$out"
if [[ -z ${HOOKSCOPE_IN_XVFB:-} ]]; then
  HOOKSCOPE_IN_XVFB=1 exec xvfb-run -a -s "-screen 0 1200x700x24" "$0" "$@"
fi
data=$(mktemp -d)
export XDG_CONFIG_HOME=$data/config # default window layout, not the one remembered from earlier runs
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# Secrets as the Secrets dialog saves them: the Stripe one is right, the GitHub one is not.
stripe_secret=whsec_screenshot_demo_secret
printf '{"version":1,"entries":[{"provider":"stripe","path_prefix":"/stripe","secrets":["%s"]},{"provider":"github","path_prefix":"/github","secrets":["not-the-one-github-used"]}]}' \
  "$stripe_secret" > "$data/secrets.json"
chmod 600 "$data/secrets.json"
"$build/src/app/hookscope" --data-dir "$data" --listen "127.0.0.1:$port" &
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$data"' EXIT
sleep 1.5 # the window maps and the endpoint opens; nothing must be sent before the empty state is shot
import -window root "$out/empty-state.png"
stripe_body='{"id":"evt_3Q","type":"payment_intent.succeeded","data":{"object":{"id":"pi_123","amount":12345678901234567890,"price":1.50,"currency":"eur","metadata":{}}}}'
t=$(date +%s)
stripe_sig=$(printf '%s' "$t.$stripe_body" | openssl dgst -sha256 -hmac "$stripe_secret" -hex | sed 's/^.*= //')
curl -s -o /dev/null -H 'Content-Type: application/json' -H "Stripe-Signature: t=$t,v1=$stripe_sig" \
  -d "$stripe_body" "http://127.0.0.1:$port/stripe/events?account=acct_1"
github_body='{"ref":"refs/heads/main","commits":[]}'
github_sig=$(printf '%s' "$github_body" | openssl dgst -sha256 -hmac "the-secret-github-used" -hex | sed 's/^.*= //')
curl -s -o /dev/null -H 'X-GitHub-Event: push' -H 'Content-Type: application/json' -H "X-Hub-Signature-256: sha256=$github_sig" \
  -d "$github_body" "http://127.0.0.1:$port/github/push"
curl -s -o /dev/null -d 'type=subscribe&contact[email]=ana%40example.com&contact[fields][1]=gold' \
  "http://127.0.0.1:$port/activecampaign"
curl -s -o /dev/null -X PROPFIND "http://127.0.0.1:$port/dav/"
python3 -c "import socket; s=socket.create_connection(('127.0.0.1',$port)); s.sendall(b'HELLO\r\n\r\n'); s.recv(1000)"
sleep 1
# Colour labels from the keyboard: the GitHub push red (Ctrl+1), the ActiveCampaign form green (Ctrl+4).
xdotool mousemove 200 121 click 1
sleep 0.5
xdotool key Down ctrl+1
sleep 0.3
xdotool key Down ctrl+4
sleep 0.5
# Select the first request and show its body.
xdotool mousemove 200 121 click 1
sleep 0.7
xdotool mousemove 851 107 click 1
sleep 0.7
import -window root "$out/main-window.png"

# The Resends tab: the Stripe event resent twice to a service (a second endpoint answering JSON), the second time
# with an edited header; the newest attempt's response in the JSON tree.
kill $app; wait $app 2>/dev/null || true
target_data=$(mktemp -d)
target_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$build/src/cli/hookscope-cli" serve --data-dir "$target_data" --listen "127.0.0.1:$target_port" \
  --respond '202:{"received":true,"event":"evt_3Q","queued_at":"2026-11-29T12:00:00Z","workers":[1,2]}' >/dev/null 2>&1 &
target=$!
trap 'kill $app $target 2>/dev/null; rm -rf "$data" "$target_data"' EXIT
sleep 1
"$build/src/cli/hookscope-cli" resend 1 --data-dir "$data" --to "http://127.0.0.1:$target_port/webhooks" >/dev/null
"$build/src/cli/hookscope-cli" resend 1 --data-dir "$data" --to "http://127.0.0.1:$target_port/webhooks" \
  --header 'X-Replay: 2' >/dev/null
kill $target; wait $target 2>/dev/null || true
"$build/src/app/hookscope" --data-dir "$data" --listen "127.0.0.1:$port" &
app=$!
sleep 2
xdotool mousemove 200 121 click 1
sleep 0.7
xdotool key alt+n # the Resends tab
sleep 1
import -window root "$out/resends-tab.png"

# The same store in the dark theme (as chosen in Settings).
kill $app; wait $app 2>/dev/null || true
mkdir -p "$XDG_CONFIG_HOME/hookscope"
printf '[window]\ntheme=dark\n' > "$XDG_CONFIG_HOME/hookscope/hookscope.conf"
"$build/src/app/hookscope" --data-dir "$data" --listen "127.0.0.1:$port" &
app=$!
sleep 2
xdotool mousemove 200 121 click 1
sleep 0.7
xdotool mousemove 919 107 click 1
sleep 0.7
import -window root "$out/main-window-dark.png"

# In Spanish (as chosen in Settings), light theme, on the Signature tab of the same request.
kill $app; wait $app 2>/dev/null || true
printf '[window]\ntheme=light\nlanguage=es\n' > "$XDG_CONFIG_HOME/hookscope/hookscope.conf"
"$build/src/app/hookscope" --data-dir "$data" --listen "127.0.0.1:$port" &
app=$!
sleep 2
xdotool mousemove 200 121 click 1
sleep 0.7
xdotool key alt+f # the Signature tab ("&Firma")
sleep 0.7
import -window root "$out/main-window-es.png"
echo "wrote $out/empty-state.png, $out/main-window.png, $out/resends-tab.png, $out/main-window-dark.png and $out/main-window-es.png"
