package io.chatvideo.recording.aws.testing;

import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local's request handler, in memory and shared by every access key, served by a Jetty
 * connector of our own on 127.0.0.1: its {@code ServerRunner} would bind every interface.
 * Stopping keeps the data, so a restart serves the same tables on the same port.
 */
final class DynamoDbLocalStandIn implements AutoCloseable {

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
    handler.close();
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
