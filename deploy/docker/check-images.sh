#!/usr/bin/env bash
# deploy/docker/check-images.sh [OUT]
#
# Builds the images (build-images.sh, into OUT, default target/images) and checks them: each
# image's config (entrypoint, command, a user that is not root, the port, the environment), its
# layers (one shared Debian base with java and ffmpeg, then the jar, and in the worker's the
# class-data-sharing archive recorded at build time), and then runs each image's entrypoint from
# its own root filesystem as its own user and environment: the worker drains a local backend with
# the image's ffmpeg, the server answers /health on loopback. They run under chroot in a private
# mount and PID namespace (unshare), not in a container runtime: no engine is needed, and none is
# here. One line "deploy check: passed|failed NAME" per check.
set -uo pipefail
cd "$(dirname "$0")/../.."

out=${1:-target/images}
oci=$out/oci
status=0
pass() { echo "deploy check: passed $1"; }
fail() { echo "deploy check: failed $1${2:+: $2}"; status=1; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/recordings-image-check.XXXXXX")
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT

# IMAGES_BUILT=1 checks the images OUT already holds.
if [[ ${IMAGES_BUILT:-} != 1 ]]; then
  started=$SECONDS
  if ! deploy/docker/build-images.sh "$out"; then
    fail "the images build without a container engine (mmdebstrap, umoci)"
    exit 1
  fi
  pass "the images build without a container engine (mmdebstrap, umoci) in $((SECONDS - started)) s"
fi

# The image's manifest and config, as JSON.
manifest() { local digest; digest=$(jq -r --arg tag "$1" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $tag) | .digest' "$oci/index.json"); cat "$oci/blobs/${digest/://}"; }
config() { local digest; digest=$(manifest "$1" | jq -r .config.digest); cat "$oci/blobs/${digest/://}"; }
layer() { manifest "$1" | jq -r ".layers[$2].digest | sub(\":\"; \"/\")"; }
# Whether layer N of an image holds a file (each layer listed once).
layer_has() {
  local blob list
  blob=$(layer "$1" "$2")
  list=$scratch/${blob//\//-}.list
  [[ -f $list ]] || tar -tzf "$oci/blobs/$blob" | sed 's|^\./||' >"$list"
  grep -q -x -F "$3" "$list"
}

expect() {
  local name=$1 actual=$2 expected=$3
  if [[ $actual == "$expected" ]]; then pass "$name"; else fail "$name" "was '$actual', expected '$expected'"; fi
}

for tag in server worker; do
  expect "$tag image: two layers, the shared base and the program" "$(manifest $tag | jq '.layers | length')" 2
  user=$(config $tag | jq -r .config.User)
  if [[ -n $user && ${user%%:*} != 0 && ${user%%:*} != root ]]; then pass "$tag image: runs as a user that is not root ($user)"; else fail "$tag image: a user that is not root" "User '$user'"; fi
  expect "$tag image: works in the recordings user's home" "$(config $tag | jq -r .config.WorkingDir)" /var/lib/recordings
  for file in usr/bin/ffmpeg usr/bin/ffprobe usr/lib/jvm/java-17-openjdk-amd64/bin/java; do
    if layer_has $tag 0 "$file"; then pass "$tag image: the base layer has /$file"; else fail "$tag image: the base layer has /$file"; fi
  done
done
expect "the two images share their base layer" "$(layer server 0)" "$(layer worker 0)"

expect "server image: entrypoint" "$(config server | jq -c .config.Entrypoint)" '["/opt/recordings/bin/recordings-server"]'
expect "server image: port 8080" "$(config server | jq -c '.config.ExposedPorts | keys')" '["8080/tcp"]'
for env in RECORDINGS_SERVER_JAR=/opt/recordings/recordings-server.jar MICRONAUT_SERVER_HOST=0.0.0.0 MICRONAUT_SERVER_PORT=8080 RECORDINGS_DATA_DIR=/var/lib/recordings/data; do
  if config server | jq -e --arg env "$env" '.config.Env | index($env)' >/dev/null; then pass "server image: env $env"; else fail "server image: env $env"; fi
done
expect "worker image: entrypoint and command" "$(config worker | jq -c '[.config.Entrypoint, .config.Cmd]')" '[["/opt/recordings/bin/recordings"],["worker"]]'
if config worker | jq -e '.config.Env | index("RECORDINGS_JAR=/opt/recordings/recordings.jar")' >/dev/null; then pass "worker image: env RECORDINGS_JAR"; else fail "worker image: env RECORDINGS_JAR"; fi
for file in opt/recordings/recordings-server.jar opt/recordings/bin/recordings-server; do
  if layer_has server 1 "$file"; then pass "server image: the program layer has /$file"; else fail "server image: the program layer has /$file"; fi
done
for file in opt/recordings/recordings.jar opt/recordings/bin/recordings opt/recordings/recordings.jsa; do
  if layer_has worker 1 "$file"; then pass "worker image: the program layer has /$file"; else fail "worker image: the program layer has /$file"; fi
done

# in_image TAG LOG [VAR=VALUE...] COMMAND...: runs COMMAND from TAG's root filesystem, as its user,
# in its working directory, with its environment only (and the VAR=VALUE given), in a private mount
# and PID namespace whose /proc and /dev vanish with it. A subshell that becomes unshare, so that a
# background call's $! is the process to stop.
in_image() (
  tag=$1 log=$2
  shift 2
  bundle=$scratch/$tag
  [[ -d $bundle ]] || umoci unpack --image "$oci:$tag" "$bundle" >/dev/null || exit 1
  user=$(config "$tag" | jq -r .config.User)
  workdir=$(config "$tag" | jq -r .config.WorkingDir)
  mapfile -t env < <(config "$tag" | jq -r '.config.Env[]')
  exec unshare --mount --pid --fork --kill-child bash -c '
    rootfs=$1 user=$2
    shift 2
    mount -t proc proc "$rootfs/proc" && mount --rbind /dev "$rootfs/dev" &&
      exec chroot --userspec="$user" "$rootfs" "$@"' _ "$bundle/rootfs" "$user" \
    /usr/bin/env -i -C "$workdir" "${env[@]}" HOME=/var/lib/recordings "$@" >"$log" 2>"$log.err"
)

built=$(java -jar adapter-cli/target/recordings.jar --version | head -n 1)
in_image worker "$scratch/version.log" /opt/recordings/bin/recordings --version
expect "worker image runs: recordings --version" "$(head -n 1 "$scratch/version.log")" "$built"
# The class-data-sharing archive recorded at build time must load, or every task starts slower.
expect "worker image: its class-data-sharing archive loads (the JVM warns of none)" "$(cat "$scratch/version.log.err")" ""

# The worker's command on the local backend in the image's home, until no job is due: it checks
# ffmpeg first, so it runs only where the image's ffmpeg does.
worker() { in_image worker "$scratch/worker.log" RECORDING_BACKEND=local "$@" timeout 120 /opt/recordings/bin/recordings worker --drain; }
if worker; then
  pass "worker image runs: recordings worker --drain with the image's ffmpeg, as its user"
else
  fail "worker image runs: recordings worker --drain" "$(tail -n 3 "$scratch/worker.log.err")"
fi
if worker RECORDING_PROCESSING_FFMPEG=/nonexistent/ffmpeg; then
  fail "worker image: refuses to run without ffmpeg" "it ran"
else
  pass "worker image: refuses to run without ffmpeg, so the run above used the image's"
fi

# The server's entrypoint, on loopback and a port of its choosing, until /health answers 200.
in_image server "$scratch/server.log" MICRONAUT_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_PORT=-1 \
  RECORDING_WEB_DIR=/tmp/no-web RECORDING_PROCESSING_ENABLED=false /opt/recordings/bin/recordings-server &
server_pid=$!
url=""
# Up to 5 minutes: unpacking the image, then the launcher's first start records its archive.
for _ in $(seq 1 3000); do
  url=$(grep -s -o 'listening on http://127.0.0.1:[0-9]*' "$scratch/server.log" | grep -o 'http://.*' || true)
  [[ -n $url ]] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -n $url ]] && [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url/health") == 200 ]]; then
  pass "server image runs: recordings-server answers /health, as its user"
else
  fail "server image runs: recordings-server answers /health" "$(tail -n 3 "$scratch/server.log" "$scratch/server.log.err")"
fi
exit $status
