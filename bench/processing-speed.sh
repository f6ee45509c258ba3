#!/usr/bin/env bash
# Item 8a: processing speed. Seconds of recording processed per second of wall time, for the
# remux (seekable WebM) and the MP4 transcode of a 5-minute 720p recording, through the product's
# engine (FfmpegMediaProcessor, bench/jmh ProcessingSpeed) against bare ffmpeg running the same
# command lines on the same file in the same run, alternating. Targets: product >= 90 % of bare
# ffmpeg's speed; remux >= 50x real time.
# REMUX_RUNS (default 6) and TRANSCODE_RUNS (default 2; 0 skips it) set how often each pair runs; MEDIA_SECONDS
# (default 300) the recording's length.
source "$(dirname "$0")/lib.sh"
require_jars
command -v ffmpeg >/dev/null || { echo "ffmpeg is missing (apt-get install ffmpeg)" >&2; exit 1; }
[[ -f $REPO_DIR/adapter-ffmpeg/target/adapter-ffmpeg-0.1.0-SNAPSHOT.jar ]] ||
  (cd "$REPO_DIR" && mvn -B -q -ntp package -DskipTests >&2)
mvn -B -q -ntp -f "$BENCH_DIR/jmh/pom.xml" package -DskipTests >&2
seconds=${MEDIA_SECONDS:-300}
out=$RESULTS_DIR/processing; mkdir -p "$out"
recording=$out/call-${seconds}s-720p.webm
source "$BENCH_DIR/recording.sh"
make_recording "$recording" "$seconds" 1280x720
echo "machine: $(machine)"
echo "recording: $recording ($(stat -c %s "$recording") bytes, $(ffprobe -v error -show_entries format=duration -of csv=p=0 "$recording") s in its header)"
cp=$BENCH_DIR/jmh/target/classes:$(cat "$BENCH_DIR/jmh/target/classpath.txt")
java -cp "$cp" io.chatvideo.recording.bench.ProcessingSpeed "$recording" "$out/work" "${REMUX_RUNS:-6}" \
  "${TRANSCODE_RUNS:-2}" | tee "$out/speed.txt"
python3 - "$out/speed.txt" <<'PY'
import statistics, sys
media, runs = None, {}
for line in open(sys.argv[1]):
    parts = line.split()
    if parts[0] == "media":
        media = float(parts[1])
    else:
        runs.setdefault((parts[0], parts[1]), []).append(float(parts[2]))
print(f"probe of the uploaded file (no Duration: every packet read): {runs[('probe', 'product')][0]:.2f} s")
verdicts = []
for step in ("remux", "transcode"):
    if (step, "bare") not in runs:
        print(f"{step:9s} not run (its RUNS is 0)")
        continue
    bare, product = statistics.median(runs[(step, "bare")]), statistics.median(runs[(step, "product")])
    share = bare / product
    print(f"{step:9s} bare ffmpeg {bare:7.2f} s = {media/bare:6.1f}x real time | product {product:7.2f} s = "
          f"{media/product:6.1f}x real time | product {100*share:5.1f} % of bare (median of {len(runs[(step, 'bare')])})")
    verdicts.append((step, share, media / product))
ok = all(share >= 0.9 for _, share, _ in verdicts) and verdicts[0][2] >= 50
print("VERDICT processing-speed: " + ("PASS" if ok else "FAIL") + " (" + ", ".join(
    f"{step} {100*share:.0f} % of bare ffmpeg at {speed:.1f}x real time" for step, share, speed in verdicts)
    + "; targets >= 90 %, remux >= 50x)")
PY
