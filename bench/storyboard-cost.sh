#!/usr/bin/env bash
# Issue 28: what the storyboard adds to processing. The same synthetic 720p call (MEDIA_SECONDS,
# default 600: the issue's 10-minute call) is processed in each round by ffmpeg command lines as
# FfmpegMediaProcessor runs them (seekable remux, MP4 transcode, one poster frame, and the
# storyboard's fps/scale/tile pass), all in the same run; a round's processing time without the
# storyboard is remux + transcode + poster, with it that plus the storyboard. Target: with / without
# <= 1.15 (median of ROUNDS, default 2). Bare command lines, not the jar: the engine adds the same
# probe of its outputs to both sides.
source "$(dirname "$0")/lib.sh"
command -v ffmpeg >/dev/null || { echo "ffmpeg is missing (apt-get install ffmpeg)" >&2; exit 1; }
seconds=${MEDIA_SECONDS:-600}
out=$RESULTS_DIR/storyboard; mkdir -p "$out"
recording=$out/call-${seconds}s-720p.webm
source "$BENCH_DIR/recording.sh"
make_recording "$recording" "$seconds" 1280x720
echo "machine: $(machine)"
interval=$(( seconds / 100 > 2 ? (seconds + 99) / 100 : 2 ))
tiles=$(( (seconds + interval - 1) / interval )); columns=$(( tiles < 10 ? tiles : 10 )); rows=$(( (tiles + columns - 1) / columns ))
in=(-nostdin -v error -y -f webm -i "file:$recording")
timed() { local start=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $start" | bc; }
: >"$out/cost.txt"
for round in $(seq "${ROUNDS:-2}"); do
  remux=$(timed ffmpeg "${in[@]}" -map 0:v:0 -map 0:a:0 -c copy -f webm "$out/seekable.webm")
  transcode=$(timed ffmpeg "${in[@]}" -map 0:v:0 -c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p \
    -vf 'scale=trunc(iw/2)*2:trunc(ih/2)*2' -fps_mode vfr -map 0:a:0 -c:a aac -b:a 128k -movflags +faststart \
    -f mp4 "$out/rendition.mp4")
  poster=$(timed ffmpeg -nostdin -v error -y -ss $(( seconds / 10 )) -f webm -i "file:$recording" -map 0:v:0 \
    -frames:v 1 -vf "scale='min(640,iw)':-2" -q:v 3 -c:v mjpeg -f image2 -update 1 "$out/poster.jpg")
  storyboard=$(timed ffmpeg "${in[@]}" -map 0:v:0 -an -vf "fps=1/$interval,scale=160:-2,tile=${columns}x${rows}" \
    -frames:v 1 -q:v 5 -c:v mjpeg -f image2 -update 1 "$out/storyboard.jpg")
  echo "$round $remux $transcode $poster $storyboard" | tee -a "$out/cost.txt"
done
python3 - "$out/cost.txt" "$seconds" <<'PY'
import statistics, sys
rows = [list(map(float, line.split()[1:])) for line in open(sys.argv[1])]
without = statistics.median(r[0] + r[1] + r[2] for r in rows)
with_ = statistics.median(r[0] + r[1] + r[2] + r[3] for r in rows)
board = statistics.median(r[3] for r in rows)
ratio = with_ / without
print(f"{sys.argv[2]} s of 720p: processing without the storyboard {without:.1f} s, with it {with_:.1f} s "
      f"(storyboard {board:.1f} s), ratio {ratio:.3f} (median of {len(rows)} rounds)")
print("VERDICT storyboard-cost: " + ("PASS" if ratio <= 1.15 else "FAIL") + f" ({ratio:.3f}x; target <= 1.15x)")
PY
