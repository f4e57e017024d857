# Sourced by the benchmarks: bench_registry DB BIN makes DB (unless it is there, or $BENCH_REBUILD=1)
# the synthetic registry of scripts/bench.d/generate.py (100,000 performers, 1,000,000 grants by
# default), imported in one transaction with BIN's `likeness`, and prints the import's time.
bench_registry() {
  local db="$1" bin="$2" csv
  if [ -f "$db" ] && [ "${BENCH_REBUILD:-0}" != 1 ]; then return; fi
  csv="$(dirname "$db")/csv"
  echo "== generate the synthetic registry"
  rm -f "$db" "$db-wal" "$db-shm"
  python3 scripts/bench.d/generate.py "$csv"
  LIKENESS_ADMIN_PASSWORD=bench-admin-pass "$bin/likeness" init --db "$db" --admin admin </dev/null >/dev/null
  echo "== import (one transaction)"
  local start
  start=$(date +%s.%N)
  "$bin/likeness" import --db "$db" --actor bench "$csv"/{tools,productions,performers,roles,grants,approvals}.csv
  echo "import time: $(echo "$(date +%s.%N) - $start" | bc) s"
}
