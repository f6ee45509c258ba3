# make_recording FILE SECONDS SIZE (sourced): a call recording as MediaRecorder writes it, made once
# and kept: VP8 (realtime deadline, 2.5 Mbit/s, Chromium's default for 720p) and Opus in WebM
# written to a pipe, so, like MediaRecorder's, it has no Cues and no Duration in its header. A
# 10 s clip is encoded once and looped by stream copy to SECONDS: encoding 5 minutes of 720p VP8
# takes longer on a busy two-core machine than the benchmark itself, and the remux and the
# transcode do not care that the pictures repeat. SECONDS is a multiple of 10.
make_recording() {
  local file=$1 seconds=$2 size=$3
  [[ -s $file ]] && return 0
  local clip=${file%/*}/clip-10s-$size.webm
  if [[ ! -s $clip ]]; then
    echo "making $clip ..." >&2
    ffmpeg -nostdin -v error -f lavfi -i "testsrc2=size=$size:rate=30:duration=10" \
      -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=10" -c:v libvpx -deadline realtime \
      -cpu-used 8 -threads 2 -b:v 2500k -c:a libopus -b:a 128k -f webm - >"$clip.partial"
    mv "$clip.partial" "$clip"
  fi
  echo "making $file ($seconds s from $clip) ..." >&2
  # Whole loops and no -t: with -t the muxer writes a Duration even to a pipe.
  ffmpeg -nostdin -v error -stream_loop $(( seconds / 10 - 1 )) -i "$clip" -c copy -f webm - >"$file.partial"
  mv "$file.partial" "$file"
}
