#!/usr/bin/env bash
# Issue 29's accuracy benchmark: synthetic two-voice calls (clean, noise, cross-talk) through
# FfmpegSpeechActivity.partyAudio and each transcription engine that can run here; reports the word
# error rate, the share of words attributed to the right party and the time as a fraction of the
# call, then a verdict against the issue's targets. The code is TranscriptBench in
# adapter-transcribe-openai's test sources (its scoring is unit-tested there).
#
#   bench/transcripts.sh                          a 60 s call, engines openai-asr and embedded
#   bench/transcripts.sh --seconds 600            the 10-minute verdict (about 10 minutes per variant)
#   bench/transcripts.sh --variants clean --engines openai --openai-url http://127.0.0.1:8000 \
#       --openai-model Systran/faster-whisper-small    a Whisper-class server of yours (OPENAI_API_KEY for a key)
source "$(dirname "$0")/lib.sh"
cd "$REPO_DIR"
for tool in ffmpeg flite; do
  command -v "$tool" >/dev/null || { echo "bench/transcripts.sh: '$tool' is missing (Debian: apt-get install $tool)" >&2; exit 1; }
done
out=$RESULTS_DIR/transcripts; mkdir -p "$out"
mvn -B -q -ntp -pl adapter-transcribe-openai -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt" >&2
cp=adapter-transcribe-openai/target/test-classes:adapter-transcribe-openai/target/classes:$(cat "$out/classpath.txt")
echo "machine: $(machine)"
java -cp "$cp" io.chatvideo.recording.openai.bench.TranscriptBench --work "$out" "$@" | tee "$out/report.txt"
