package io.chatvideo.recording.aws.testing;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy over a jclouds {@code transient} (in-memory) blob store on 127.0.0.1, checking SigV4
 * signatures, presigned ones included, with the stand-ins' credentials. Stopping keeps the blob
 * store, so a restart serves the same buckets on the same port.
 */
final class S3ProxyStandIn implements AutoCloseable {

  private final BlobStoreContext blobs;
  private final String accessKey;
  private final String secretKey;
  private S3Proxy proxy;
  private int port;

  private S3ProxyStandIn(BlobStoreContext blobs, String accessKey, String secretKey) {
    this.blobs = blobs;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  static S3ProxyStandIn start(String accessKey, String secretKey) {
    BlobStoreContext blobs = ContextBuilder.newBuilder("transient")
        .credentials("identity", "credential")
        .buildView(BlobStoreContext.class);
    S3ProxyStandIn standIn = new S3ProxyStandIn(blobs, accessKey, secretKey);
    try {
      standIn.listen(0);
    } catch (Exception e) {
      blobs.close();
      throw new IllegalStateException("S3Proxy did not start", e);
    }
    return standIn;
  }

  synchronized URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  synchronized void stop() {
    if (proxy == null) {
      return;
    }
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop", e);
    } finally {
      proxy = null;
    }
  }

  synchronized void restart() {
    stop();
    try {
      listen(port);
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not restart on port " + port, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      stop();
    } finally {
      blobs.close();
    }
  }

  private void listen(int wantedPort) throws Exception {
    S3Proxy started = S3Proxy.builder()
        .blobStore(blobs.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:" + wantedPort))
        .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
        .build();
    started.start();
    this.proxy = started;
    this.port = started.getPort();
  }
}
