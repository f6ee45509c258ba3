# Sourced by bin/recordings-server and bench/lib.sh: where a server started with
# MICRONAUT_SERVER_PORT=-1 listens, read from the line it prints once bound (ListeningBanner:
# "Recordings API listening on http://127.0.0.1:PORT (…"), the same line adapter-http's test-jar
# ServerProcess and web-client/test/support/recordings-server.ts read. The server picks the port:
# a port found free beforehand could be taken by another socket before the server binds it.

# listening_url LOG: prints http://127.0.0.1:PORT once LOG holds the line, nothing before.
listening_url() {
  grep -o -m1 'Recordings API listening on http://127\.0\.0\.1:[0-9]*' "$1" 2>/dev/null \
    | sed 's/^Recordings API listening on //' || true
}

# await_listening LOG PID SECONDS: prints the URL once LOG holds it; fails (nothing printed) when
# the process PID ended first or SECONDS passed.
await_listening() {
  local log=$1 pid=$2 deadline=$(( $(date +%s) + $3 )) url
  while (( $(date +%s) < deadline )); do
    url=$(listening_url "$log")
    if [[ -n $url ]]; then printf '%s\n' "$url"; return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}
