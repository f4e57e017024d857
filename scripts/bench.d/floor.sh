# Sourced by the benchmarks: against_floor LABEL URL BIN OUT runs single checks (POST /v1/checks,
# scripts/bench.d/check.lua, $LIKENESS_KEY) against the server at URL and the same requests against
# BIN's `likeness-floor` (Hummingbird and JSON alone: the floor of issue 37), at 1, 16 and 256
# connections, each count on the floor then on the checks, for $duration seconds each. Prints
# requests/s, p50 and p99 of both, and the ratio checks/floor at 256 connections (the target: 0.85).
against_floor() {
  local label="$1" url="$2" bin="$3" out="$4" floor_port=$(( ${BENCH_PORT:-8181} + 12 )) floor connections name
  "$bin/likeness-floor" "$floor_port" >"$out/floor.log" 2>&1 &
  floor=$!
  until curl -sf -o /dev/null -X POST "localhost:$floor_port/v1/checks" -H 'content-type: application/json' \
    -d '{"production":"prod-1","performer":"p-1","use":"replica","aspects":["face"],"destination":"final","at":"2026-05-01"}'; do
    kill -0 $floor 2>/dev/null || { echo "likeness-floor stopped (see $out/floor.log)" >&2; return 1; }
    sleep 0.2
  done
  # What answered is this floor, not another process on its port.
  kill -0 $floor 2>/dev/null || { echo "likeness-floor stopped (see $out/floor.log)" >&2; return 1; }
  wrk -t2 -c64 -d2s -s scripts/bench.d/check.lua "http://127.0.0.1:$floor_port" >/dev/null
  printf '%-12s %11s %12s %10s %10s\n' "$label" connections requests/s p50 p99
  for connections in 1 16 256; do
    for name in floor checks; do
      local target="$url"
      [ $name = floor ] && target="http://127.0.0.1:$floor_port"
      wrk -t$(( connections > 1 ? 2 : 1 )) -c$connections -d"${duration}s" --latency -s scripts/bench.d/check.lua "$target" \
        >"$out/wrk-$label-$name-$connections.txt"
      awk -v name=$name -v c=$connections '
        /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
        /Non-2xx|Socket errors/ { errors = errors " (" $0 ")" }
        END { printf "%-12s %11d %12.0f %10s %10s%s\n", name, c, rps, p50, p99, errors }' "$out/wrk-$label-$name-$connections.txt"
    done
  done
  kill $floor; wait $floor 2>/dev/null || true
  echo "$label: checks/floor at 256 connections: $(awk '/Requests\/sec/ { r[FILENAME] = $2 } END {
    printf "%.2f", r[ARGV[1]] / r[ARGV[2]] }' "$out/wrk-$label-checks-256.txt" "$out/wrk-$label-floor-256.txt") (target 0.85)"
}
