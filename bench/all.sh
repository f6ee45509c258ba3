#!/usr/bin/env bash
# Runs every bench script of issue 9 one after the other (never two at once: they share two cores),
# keeps each one's output in bench/results/all/NAME.txt and ends with their VERDICT lines.
# ONLY="transfer load" runs a subset; each script's own knobs pass through the environment.
# About 65 minutes in all on the 2-core machine of BENCHMARKS.md.
source "$(dirname "$0")/lib.sh"
out=$RESULTS_DIR/all; mkdir -p "$out"
names=(${ONLY:-transfer load startup listing soak kill-during-uploads outage run-jmh browser processing-speed processing-latency lambda-cold-start webhook-latency webhook-burst watch-page})
require_jars
echo "machine: $(machine)"
for name in "${names[@]}"; do
  echo "== $name ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
  bash "$BENCH_DIR/$name.sh" 2>&1 | tee "$out/$name.txt" | grep -E '^(VERDICT|machine)' || true
done
echo "== verdicts"
for name in "${names[@]}"; do
  grep -h '^VERDICT' "$out/$name.txt" | sed 's/^/  /' || echo "  $name: no VERDICT line (see $out/$name.txt)"
done
