# The worker tier: `recordings worker` with Debian's ffmpeg, taking processing jobs from the queue
# (RECORDING_AWS_QUEUE) until SIGTERM, then letting the job it runs finish (--stop-timeout).
#
# Build context: the repository root, after the CLI's jar is built:
#   mvn -B -pl adapter-cli -am package -DskipTests
#   docker build -f deploy/docker/worker.Dockerfile -t recordings-worker .
# Configuration: the server's environment variables (RECORDING_BACKEND=aws, RECORDING_AWS_*);
# credentials from the task role.
FROM debian:bookworm-slim

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless ffmpeg \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /var/lib/recordings recordings

COPY adapter-cli/target/recordings.jar /opt/recordings/recordings.jar
COPY bin/recordings /opt/recordings/bin/recordings
ENV RECORDINGS_JAR=/opt/recordings/recordings.jar

# The launcher records its class-data-sharing archive beside the jar on its first run: once here,
# at build time, so every task starts with it.
RUN /opt/recordings/bin/recordings --version

USER recordings
WORKDIR /var/lib/recordings
ENTRYPOINT ["/opt/recordings/bin/recordings"]
CMD ["worker"]
