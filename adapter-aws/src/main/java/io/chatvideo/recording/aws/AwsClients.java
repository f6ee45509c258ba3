package io.chatvideo.recording.aws;

import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * The timeouts and HTTP client every AWS client of ours is built with, the backend's and those of
 * other adapters (the SES mailer): one API call, its retries included (the SDK's standard retry
 * strategy), is bounded by {@code apiCallTimeout}; connecting by at most 2 s.
 *
 * <pre>{@code
 * SesV2Client.builder().httpClientBuilder(AwsClients.httpClient(timeout))
 *     .overrideConfiguration(AwsClients.timeouts(timeout)).build();
 * }</pre>
 */
public final class AwsClients {

  /** A TCP connection that takes longer than this will not succeed in time anyway. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private AwsClients() {}

  public static ClientOverrideConfiguration timeouts(Duration apiCallTimeout) {
    return ClientOverrideConfiguration.builder().apiCallTimeout(apiCallTimeout).build();
  }

  public static ApacheHttpClient.Builder httpClient(Duration apiCallTimeout) {
    Duration connect = apiCallTimeout.compareTo(CONNECT_TIMEOUT) < 0 ? apiCallTimeout : CONNECT_TIMEOUT;
    return ApacheHttpClient.builder()
        .connectionTimeout(connect)
        .connectionAcquisitionTimeout(apiCallTimeout)
        .socketTimeout(apiCallTimeout);
  }
}
