#!/usr/bin/env bash
# Instructions per send and per parsed webhook batch, counted by valgrind's callgrind: exact
# and repeatable whatever else the machine is doing, unlike the timings. Each case runs twice
# (N and 3N iterations); the difference divided by 2N is the per-iteration cost, start-up
# and client construction cancelled out. Prints markdown tables.
#
#   bash benches/callgrind.sh            # needs valgrind (Debian's package)
#   bash benches/callgrind.sh --write    # and splice the tables into BENCHMARKS.md
set -euo pipefail
write=${1:-}
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
exe=$(cargo bench -p whatsapp-sdk-bench --no-run --message-format=json 2>/dev/null |
  python3 -c 'import sys,json
for l in sys.stdin:
    m=json.loads(l)
    if m.get("reason")=="compiler-artifact" and m["target"]["name"]=="sdk" and m.get("executable"): print(m["executable"])')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

count() { # role contender iterations [events] -> instructions
  WHATSAPP_SDK_BENCH_ROLE=$1 WHATSAPP_SDK_BENCH_CONTENDER=$2 WHATSAPP_SDK_BENCH_SENDS=$3 \
    WHATSAPP_SDK_BENCH_EVENTS=${4:-1} API_BASE_URL_FOR_TESTING=http://127.0.0.1:${5:-0} \
    valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$exe" >/dev/null 2>"$out/log"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/log"
}

per() { # role contender n [events] [port]
  local a b
  a=$(count "$1" "$2" "$3" "${4:-1}" "${5:-0}")
  b=$(count "$1" "$2" $(($3 * 3)) "${4:-1}" "${5:-0}")
  echo $(((b - a) / ($3 * 2)))
}

tables() {
echo "### Instructions per send (client and loopback server together; callgrind)"
echo
echo "| contender | instructions per send | minus reqwest's |"
echo "|---|---:|---:|"
# whatsapp-business-rs reads its base URL from the environment: give it the port the server takes.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export WHATSAPP_SDK_BENCH_PORT=$port
base=$(per profile reqwest 1000 1 "$port")
for c in facade raw-cloud reqwest whatsapp-business-rs wacloudapi; do
  n=$(per profile "$c" 1000 1 "$port")
  echo "| $c | $n | $((n - base)) |"
done
n=$(WHATSAPP_SDK_BENCH_RETRIES=default per profile facade 1000 1 "$port")
echo "| facade, default retry policy (the timed runs send without retries, as the others do) | $n | $((n - base)) |"
echo
echo "### Instructions per webhook batch (callgrind)"
echo
echo "| events | facade parse | serde_json::Value | Value ÷ facade |"
echo "|---:|---:|---:|---:|"
for e in 1 10 100; do
  n=$((2000 / e))
  f=$(per profile-webhook facade-parse "$n" "$e")
  v=$(per profile-webhook serde_json-value "$n" "$e")
  echo "| $e | $f | $v | $(python3 -c "print(f'{$v/$f:.3f}')") |"
done
echo
echo "### Scaling: instructions per send by text size (callgrind)"
echo
echo "| text bytes | facade | raw-cloud | reqwest | facade ÷ reqwest | raw-cloud ÷ reqwest |"
echo "|---:|---:|---:|---:|---:|---:|"
for size in 16 1024 4096; do
  export WHATSAPP_SDK_BENCH_TEXT_BYTES=$size
  f=$(per profile facade 1000 1 "$port")
  c=$(per profile raw-cloud 1000 1 "$port")
  q=$(per profile reqwest 1000 1 "$port")
  echo "| $size | $f | $c | $q | $(python3 -c "print(f'{$f/$q:.3f}')") | $(python3 -c "print(f'{$c/$q:.3f}')") |"
done
echo
echo "### Scaling: instructions per webhook batch by batch and text size (callgrind)"
echo
echo "| events | text bytes | facade parse | per event | serde_json::Value | Value ÷ facade |"
echo "|---:|---:|---:|---:|---:|---:|"
for e in 1 10 100; do
  for size in 16 1024 4096; do
    export WHATSAPP_SDK_BENCH_TEXT_BYTES=$size
    n=$((2000 / e))
    f=$(per profile-webhook facade-parse "$n" "$e")
    v=$(per profile-webhook serde_json-value "$n" "$e")
    echo "| $e | $size | $f | $((f / e)) | $v | $(python3 -c "print(f'{$v/$f:.3f}')") |"
  done
done
unset WHATSAPP_SDK_BENCH_TEXT_BYTES
}

report=$(tables)
echo "$report"
if [ "$write" = "--write" ]; then
  REPORT="$report" python3 - <<'PY'
import os, re
path = "BENCHMARKS.md"
text = open(path).read()
start = "<!-- callgrind:start (written by `bash benches/callgrind.sh --write`) -->"
end = "<!-- callgrind:end -->"
if start not in text or end not in text:
    raise SystemExit(f"{path} has no callgrind markers")
before, rest = text.split(start, 1)
_, after = rest.split(end, 1)
open(path, "w").write(before + start + "\n" + os.environ["REPORT"] + "\n" + end + after)
PY
fi
