# The API server jar (Netty), for a container platform instead of Lambda (ECS, Kubernetes, a VM),
# with Debian's ffmpeg so that it processes recordings itself too.
#
# Build context: the repository root, after the server's jar (and, to serve the demo page, the
# web client) is built:
#   mvn -B -pl adapter-http -am package -DskipTests
#   docker build -f deploy/docker/server.Dockerfile -t recordings-server .
# Run with jwt mode and the aws backend, e.g.
#   docker run -p 8080:8080 -e RECORDING_AUTH_MODE=jwt -e RECORDING_AUTH_JWKS_URL=... \
#     -e RECORDING_AUTH_ISSUER=... -e RECORDING_AUTH_AUDIENCE=... -e RECORDING_BACKEND=aws \
#     -e RECORDING_AWS_BUCKET=... -e RECORDING_AWS_TABLE=... -e RECORDING_AWS_QUEUE=... recordings-server
FROM debian:bookworm-slim

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless ffmpeg \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /var/lib/recordings recordings \
 && mkdir -p /opt/recordings/bin \
 && chown recordings /opt/recordings

COPY adapter-http/target/recordings-server.jar /opt/recordings/recordings-server.jar
COPY bin/recordings-server /opt/recordings/bin/recordings-server
# Off loopback the server needs RECORDING_PUBLIC_URL (its users' URL for it) from the platform.
ENV RECORDINGS_SERVER_JAR=/opt/recordings/recordings-server.jar \
    MICRONAUT_SERVER_HOST=0.0.0.0 \
    MICRONAUT_SERVER_PORT=8080 \
    RECORDINGS_DATA_DIR=/var/lib/recordings/data

# The launcher records its class-data-sharing archive beside the jar on the first start (a few
# seconds, on loopback with a scratch directory), which is why the user may write there.
USER recordings
WORKDIR /var/lib/recordings
EXPOSE 8080
ENTRYPOINT ["/opt/recordings/bin/recordings-server"]
