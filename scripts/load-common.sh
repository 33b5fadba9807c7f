# Shared by the load scripts: start and stop a release `onramp`, sign in a demo account and
# measure a page with wrk beside others. Sourced, not run. Needs BIN, PORT, BASE and WORK set.

start() {
  ("$@" >"$WORK/server.log" 2>&1 & echo $! >"$WORK/pid")
  for _ in $(seq 1 180); do curl -sf "$BASE/healthz" >/dev/null && return 0; sleep 1; done
  echo "Onramp did not start:"; tail -20 "$WORK/server.log"; exit 1
}

stop() {
  kill "$(cat "$WORK/pid")"
  while kill -0 "$(cat "$WORK/pid")" 2>/dev/null; do sleep 0.2; done
  rm -f "$WORK/pid"
}

sign_in() {  # email; prints the session cookie's value
  rm -f "$WORK/jar"
  curl -s -c "$WORK/jar" -b "$WORK/jar" "$BASE/sign-in" -o /dev/null
  local token; token=$(awk '$6 == "onramp_csrf" { print $7 }' "$WORK/jar")
  curl -s -c "$WORK/jar" -b "$WORK/jar" -o /dev/null \
    --data-urlencode "email=$1" --data-urlencode "password=demo-password-not-for-real-use" \
    --data-urlencode "_csrf=$token" "$BASE/sign-in"
  awk '$6 == "onramp_session" { print $7 }' "$WORK/jar"
}

measure() {  # label path session
  local status; status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: onramp_session=$3" "$BASE$2")
  [ "$status" = 200 ] || { echo "$2 answered $status"; exit 1; }
  wrk -t1 -c8 -d10s --latency -H "Cookie: onramp_session=$3" "$BASE$2" >"$WORK/wrk"
  printf '  %-44s %9s req/s  p50 %8s  p99 %8s\n' "$1" "$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk")" \
    "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk")" "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk")"
}
