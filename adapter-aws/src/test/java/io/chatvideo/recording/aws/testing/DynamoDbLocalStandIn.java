package io.chatvideo.recording.aws.testing;

import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local's request handler, in memory and shared by every access key, served by a Jetty
 * connector of our own on 127.0.0.1: its {@code ServerRunner} would bind every interface.
 * Stopping keeps the data, so a restart serves the same tables on the same port.
 *
 * <p>DynamoDB Local runs its background work on a pool of 10 threads, and a table with TTL
 * enabled keeps one of them busy until the table is deleted. With the pool full, index builds
 * (UpdateTable) never start, and its shutdown waits for them forever; so closing gives up after
 * {@link #SHUTDOWN_WAIT} and leaves the rest to the JVM's exit.
 */
final class DynamoDbLocalStandIn implements AutoCloseable {

  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  private final LocalDynamoDBServerHandler handler;
  private Server server;
  private int port;

  private DynamoDbLocalStandIn(LocalDynamoDBServerHandler handler) {
    this.handler = handler;
  }

  static DynamoDbLocalStandIn start() {
    try {
      LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(0, true, null, true, false);
      DynamoDbLocalStandIn standIn = new DynamoDbLocalStandIn(new LocalDynamoDBServerHandler(requests, null));
      standIn.listen(0);
      return standIn;
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start", e);
    }
  }

  synchronized URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop", e);
    } finally {
      server = null;
    }
  }

  synchronized void restart() {
    stop();
    try {
      listen(port);
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not restart on port " + port, e);
    }
  }

  @Override
  public synchronized void close() {
    stop();
    Thread shutdown = new Thread(handler::close, "dynamodb-local-shutdown");
    shutdown.setDaemon(true);
    shutdown.start();
    try {
      shutdown.join(SHUTDOWN_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (shutdown.isAlive()) {
      System.err.println("DynamoDB Local did not shut down within " + SHUTDOWN_WAIT.toSeconds() + " s: its background"
          + " jobs are stuck, most likely because more than six tables with TTL were left; delete tables after use");
    }
  }

  private void listen(int wantedPort) throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(wantedPort);
    jetty.addConnector(connector);
    jetty.setHandler(handler);
    jetty.start();
    this.server = jetty;
    this.port = connector.getLocalPort();
  }
}
