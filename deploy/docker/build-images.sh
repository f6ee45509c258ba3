#!/usr/bin/env bash
# deploy/docker/build-images.sh [OUT]
#
# Builds the server's and the worker's images as the Dockerfiles beside this script describe them,
# without a container engine or an image registry: the base is a Debian bookworm root filesystem
# made by mmdebstrap from Debian's package archive (minbase, openjdk-17-jre-headless, ffmpeg, the
# user `recordings`), and umoci assembles OCI images from it: one base layer both images share,
# then a layer with the jar and its launcher each, and the config (entrypoint, user, port, env).
#
# OUT (default target/images) gets an OCI image layout, oci/, with the tags `server` and `worker`
# (copy it to a registry with `skopeo copy oci:OUT/oci:server docker://…`, or load it with
# `podman load`); base/, the root filesystem, is kept there and reused while the suite, mirror and
# package list below are unchanged. Needs root (mmdebstrap's root mode, and umoci keeping owners)
# and the jars built: mvn -B -pl adapter-http,adapter-cli -am package -DskipTests.
set -euo pipefail
cd "$(dirname "$0")/../.."

out=${1:-target/images}
oci=$out/oci
suite=bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# What the Dockerfiles' apt-get installs.
packages=openjdk-17-jre-headless,ffmpeg
home=/var/lib/recordings

for tool in mmdebstrap umoci; do
  command -v "$tool" >/dev/null || { echo "build-images: $tool is not installed (apt-get install $tool)" >&2; exit 1; }
done
for jar in adapter-http/target/recordings-server.jar adapter-cli/target/recordings.jar; do
  [[ -f $jar ]] || { echo "build-images: $jar does not exist; build the jars first" >&2; exit 1; }
done

mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/recordings-images.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The base root filesystem: Debian's packages as the Dockerfiles install them (no recommends, no
# apt lists left), plus the system user the containers run as. Docs, man pages and translations
# are left out, as debian:bookworm-slim does (and, as there, man1 exists: openjdk's postinst links
# its man page there).
stamp="$suite $mirror $packages v1"
if [[ ! -x $out/base/usr/bin/ffmpeg || $(cat "$out/base.stamp" 2>/dev/null) != "$stamp" ]]; then
  rm -rf "$out/base" "$out/base.new" "$out/base.stamp"
  echo "build-images: the base root filesystem ($suite, $packages)"
  mmdebstrap --variant=minbase --mode=root --format=directory --include="$packages" \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
    --customize-hook="chroot \"\$1\" useradd --system --create-home --home-dir $home recordings" \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    "$suite" "$out/base.new" "$mirror"
  mv "$out/base.new" "$out/base"
  echo "$stamp" >"$out/base.stamp"
fi

rm -rf "$oci"
umoci init --layout "$oci"
umoci new --image "$oci:base"
umoci unpack --image "$oci:base" "$work/base"
cp -a "$out/base/." "$work/base/rootfs/"
umoci repack --image "$oci:base" "$work/base"
uid=$(chroot "$work/base/rootfs" id -u recordings)
gid=$(chroot "$work/base/rootfs" id -g recordings)

# One image: the base, then its jar and launcher in a layer of their own, then its config.
image() {
  local tag=$1 jar=$2 launcher=$3
  shift 3
  local bundle=$work/$tag
  umoci unpack --image "$oci:base" "$bundle"
  install -D -m 0644 "$jar" "$bundle/rootfs/opt/recordings/$(basename "$jar")"
  install -D -m 0755 "bin/$launcher" "$bundle/rootfs/opt/recordings/bin/$launcher"
  # Whole seconds, as a layer's tar keeps them: a class-data-sharing archive names its jar's mtime.
  touch -m -d "@$(date +%s)" "$bundle/rootfs/opt/recordings/$(basename "$jar")"
  "$@"
  umoci repack --image "$oci:$tag" "$bundle"
}

# The server (server.Dockerfile): the launcher records its class-data-sharing archive beside the
# jar on the first start, so the user owns /opt/recordings.
server_files() { chown "$uid:$gid" "$work/server/rootfs/opt/recordings"; }
image server adapter-http/target/recordings-server.jar recordings-server server_files
umoci config --image "$oci:server" --author call-recordings \
  --config.user "$uid:$gid" --config.workingdir "$home" \
  --config.entrypoint /opt/recordings/bin/recordings-server \
  --config.exposedports 8080/tcp \
  --config.env RECORDINGS_SERVER_JAR=/opt/recordings/recordings-server.jar \
  --config.env MICRONAUT_SERVER_HOST=0.0.0.0 \
  --config.env MICRONAUT_SERVER_PORT=8080 \
  --config.env RECORDINGS_DATA_DIR=$home/data \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# The worker (worker.Dockerfile): its class-data-sharing archive is recorded now, at build time, as
# root, so every task starts with it (the Dockerfile's RUN recordings --version).
worker_files() {
  local rootfs=$work/worker/rootfs
  mount -t proc proc "$rootfs/proc"
  chroot "$rootfs" env RECORDINGS_JAR=/opt/recordings/recordings.jar /opt/recordings/bin/recordings --version >/dev/null ||
    { umount "$rootfs/proc"; return 1; }
  umount "$rootfs/proc"
}
image worker adapter-cli/target/recordings.jar recordings worker_files
umoci config --image "$oci:worker" --author call-recordings \
  --config.user "$uid:$gid" --config.workingdir "$home" \
  --config.entrypoint /opt/recordings/bin/recordings --config.cmd worker \
  --config.env RECORDINGS_JAR=/opt/recordings/recordings.jar \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

umoci gc --layout "$oci"
echo "build-images: $oci (tags server, worker), $(du -sh "$oci" | cut -f1)"
