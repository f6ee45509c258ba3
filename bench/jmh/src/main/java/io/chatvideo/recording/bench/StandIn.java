package io.chatvideo.recording.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * One S3 or DynamoDB stand-in as a process of its own, so a fault benchmark can kill it and start
 * it again on the same port: S3Proxy over a jclouds {@code filesystem} blob store, or DynamoDB
 * Local with its SQLite file, both in a folder given here, so buckets, objects and tables survive
 * the restart. Both listen on 127.0.0.1 only (DynamoDB Local's handler on a Jetty connector of our
 * own: its {@code ServerRunner} binds every interface). Prints {@code ready <kind> <endpoint>}
 * once listening, and exits by itself after the given lifetime, so a script that dies leaves no
 * stand-in behind for long.
 *
 * <p>{@code java ... StandIn s3|dynamodb PORT DIR LIFETIME_SECONDS [ACCESS_KEY SECRET_KEY]} (the
 * keys are for S3's SigV4 check; DynamoDB Local takes any key of letters and digits). Run with
 * {@code DDB_LOCAL_TELEMETRY=0}.
 */
public final class StandIn {

  private StandIn() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4 || (args[0].equals("s3") && args.length < 6)) {
      System.err.println("usage: StandIn s3 PORT DIR LIFETIME_SECONDS ACCESS_KEY SECRET_KEY | dynamodb PORT DIR LIFETIME_SECONDS");
      System.exit(2);
    }
    String kind = args[0];
    int port = Integer.parseInt(args[1]);
    Path dir = Files.createDirectories(Path.of(args[2])).toAbsolutePath();
    long lifetimeSeconds = Long.parseLong(args[3]);
    int listening = switch (kind) {
      case "s3" -> s3(port, dir, args[4], args[5]);
      case "dynamodb" -> dynamoDb(port, dir);
      default -> throw new IllegalArgumentException("kind must be s3 or dynamodb, was " + kind);
    };
    System.out.println("ready " + kind + " http://127.0.0.1:" + listening);
    System.out.flush();
    Thread.sleep(lifetimeSeconds * 1000);
    System.err.println(kind + " stand-in: lifetime of " + lifetimeSeconds + " s is over, exiting");
    // halt, not exit: DynamoDB Local's background jobs can keep a normal shutdown waiting forever.
    Runtime.getRuntime().halt(0);
  }

  private static int s3(int port, Path dir, String accessKey, String secretKey) throws Exception {
    Properties overrides = new Properties();
    overrides.setProperty(FilesystemConstants.PROPERTY_BASEDIR, dir.toString());
    BlobStoreContext blobs = ContextBuilder.newBuilder("filesystem")
        .credentials("identity", "credential")
        .overrides(overrides)
        .buildView(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(blobs.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
        .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    return proxy.getPort();
  }

  private static int dynamoDb(int port, Path dir) throws Exception {
    // inMemory false + dbPath: the SQLite file lives in dir; sharedDb: one database for every access key.
    LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(0, false, dir.toString(), true, false);
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    jetty.setHandler(new LocalDynamoDBServerHandler(requests, null));
    jetty.start();
    return connector.getLocalPort();
  }
}
