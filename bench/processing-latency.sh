#!/usr/bin/env bash
# Item 8b: time from `complete` to `ready` through the server (local backend, in-process workers):
# one 1-minute 720p recording, then 20 completed at once with 1 and with 2 workers (queueing
# visible in the spread of the latencies; the server's RSS sampled every 0.25 s). Reference, in the
# same run: bare ffmpeg running the pipeline's commands (remux, MP4, one poster) on the same file
# one after the other, the floor for one recording.
# SINGLE_SECONDS (default 60), CONCURRENT_SECONDS (default 10: 20 x 60 s would take ~15 minutes
# per worker count on two cores), COUNT (default 20), WORKERS (default "1 2").
source "$(dirname "$0")/lib.sh"
require_jars
command -v ffmpeg >/dev/null || { echo "ffmpeg is missing (apt-get install ffmpeg)" >&2; exit 1; }
source "$BENCH_DIR/recording.sh"
out=$RESULTS_DIR/processing; mkdir -p "$out"
single=$out/call-${SINGLE_SECONDS:-60}s-720p.webm
concurrent=$out/call-${CONCURRENT_SECONDS:-10}s-720p.webm
make_recording "$single" "${SINGLE_SECONDS:-60}" 1280x720
make_recording "$concurrent" "${CONCURRENT_SECONDS:-10}" 1280x720
count=${COUNT:-20}
echo "machine: $(machine)"

# bare FILE SECONDS: seconds bare ffmpeg takes for FfmpegMediaProcessor's remux, MP4 and poster
# commands (the poster at 10 % of the duration, where the engine takes its first candidate).
bare() {
  local file=$1 poster_at=$(( $2 / 10 )) work=$out/bare; mkdir -p "$work"
  local start; start=$(now_ms)
  ffmpeg -nostdin -v error -y -i "$file" -map 0 -c copy -f webm "$work/seekable.webm"
  ffmpeg -nostdin -v error -y -i "$work/seekable.webm" -map 0:v:0 -c:v libx264 -preset veryfast -crf 23 \
    -pix_fmt yuv420p -vf 'scale=trunc(iw/2)*2:trunc(ih/2)*2' -fps_mode vfr -map 0:a:0 -c:a aac -b:a 128k \
    -movflags +faststart -f mp4 "$work/rendition.mp4"
  ffmpeg -nostdin -v error -y -ss "$poster_at" -i "$work/seekable.webm" -frames:v 1 -vf "scale='min(640,iw)':-2" -q:v 3 \
    -c:v mjpeg -f image2 "$work/thumbnail.jpg"
  echo "scale=3; ($(now_ms) - $start) / 1000" | bc
}

# run NAME WORKERS FILE COUNT: a fresh server, COUNT uploads completed at once; writes $out/NAME.json.
run() {
  local name=$1 workers=$2 file=$3 n=$4
  start_server "$out/data-$name" RECORDING_PROCESSING_ENABLED=true RECORDING_PROCESSING_WORKERS="$workers"
  wait_health 90
  python3 "$BENCH_DIR/processing-client.py" "$API" "$(dev_token)" "$file" "$n" "$SERVER_PID" 1800 >"$out/$name.json"
  stop_servers
  rm -rf "$out/data-$name"
}

bare_single=$(bare "$single" "${SINGLE_SECONDS:-60}")
run single 1 "$single" 1
bare_concurrent=$(bare "$concurrent" "${CONCURRENT_SECONDS:-10}")
for w in ${WORKERS:-1 2}; do run "concurrent-$w" "$w" "$concurrent" "$count"; done
bare_concurrent_after=$(bare "$concurrent" "${CONCURRENT_SECONDS:-10}")

python3 - "$out" "$bare_single" "$bare_concurrent" "$bare_concurrent_after" "$count" ${WORKERS:-1 2} <<'PY'
import json, statistics, sys
out, bare_single, bare_c0, bare_c1, count = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
workers = [int(w) for w in sys.argv[6:]]
bare_c = (bare_c0 + bare_c1) / 2
ok = True
single = json.load(open(f"{out}/single.json"))
if single["latencies"]:
    latency = single["latencies"][0]
    print(f"1 recording: complete -> ready {latency:.2f} s; bare ffmpeg pipeline {bare_single:.2f} s "
          f"(server overhead {latency - bare_single:+.2f} s, x{latency / bare_single:.2f}); RSS peak {max(single['rss_kib'])//1024} MiB")
    ok &= latency <= 1.25 * bare_single + 2
else:
    print(f"1 recording: not ready ({single})"); ok = False
print(f"bare ffmpeg pipeline of one concurrent recording: {bare_c0:.2f} s before, {bare_c1:.2f} s after the runs")
for w in workers:
    r = json.load(open(f"{out}/concurrent-{w}.json"))
    lat = r["latencies"]
    rss = r["rss_kib"]
    if len(lat) != count:
        print(f"{count} at once, {w} worker(s): only {len(lat)} ready, failed {r['failed']}, unfinished {r['unfinished']}")
        ok = False
        continue
    floor = count * bare_c
    print(f"{count} at once, {w} worker(s): complete -> ready min {lat[0]:.2f} / p50 {statistics.median(lat):.2f} / "
          f"max {lat[-1]:.2f} s; all ready after {r['all_ready_after']:.2f} s = x{r['all_ready_after'] / floor:.2f} "
          f"{count} bare pipelines in a row ({floor:.1f} s); RSS {rss[0]//1024} -> peak {max(rss)//1024} MiB")
    print("  latencies (s): " + " ".join(f"{x:.1f}" for x in lat))
    ok &= max(rss) < 1024 * 1024
print("VERDICT processing-latency: " + ("PASS" if ok else "FAIL") + " (no numeric target in the issue; PASS = every "
      "recording ready, one recording within 1.25x + 2 s of bare ffmpeg, server RSS < 1 GiB throughout)")
PY
