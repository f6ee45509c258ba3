package io.chatvideo.recording.http.config;

import io.chatvideo.recording.core.domain.PresignPolicy;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.micronaut.context.annotation.Context;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The settings checked as a whole when the server starts ({@link Context}), before any request:
 * the core's policies are built here so their own limits (e.g. the 7-day cap on presigned URLs)
 * reject a bad value, and the auth settings are checked against the backend.
 */
@Context
public final class ServerSettings {

  private final RecordingSettings recording;
  private final AuthSettings auth;
  private final AwsBackendSettings aws;
  private final RetentionPolicy retention;
  private final PresignPolicy presign;
  private final SizePolicy sizes;

  ServerSettings(RecordingSettings recording, AuthSettings auth, AwsBackendSettings aws) {
    this.recording = recording;
    this.auth = auth;
    this.aws = aws;
    this.retention = policy("recording.retention", () -> new RetentionPolicy(recording.retention()));
    policy("recording.upload-url-expiry", () -> new PresignPolicy(recording.uploadUrlExpiry(), PresignPolicy.DEFAULT_DOWNLOAD_TTL));
    policy("recording.download-url-expiry", () -> new PresignPolicy(PresignPolicy.DEFAULT_UPLOAD_TTL, recording.downloadUrlExpiry()));
    this.presign = new PresignPolicy(recording.uploadUrlExpiry(), recording.downloadUrlExpiry());
    this.sizes = policy("recording.max-upload-size", () -> new SizePolicy(recording.maxUploadSize()));
    positive("recording.sweep-interval", recording.sweepInterval());
    if (recording.backend() == BackendKind.AWS && (aws.bucket() == null || aws.bucket().isBlank())) {
      throw new InvalidConfigurationException("recording.aws.bucket", "is required with the aws backend");
    }
    positive("recording.aws.api-call-timeout", aws.apiCallTimeout());
    checkAuth();
  }

  public RecordingSettings recording() {
    return recording;
  }

  public AuthSettings auth() {
    return auth;
  }

  public AwsBackendSettings aws() {
    return aws;
  }

  public RetentionPolicy retention() {
    return retention;
  }

  public PresignPolicy presign() {
    return presign;
  }

  public SizePolicy sizes() {
    return sizes;
  }

  private void checkAuth() {
    if (auth.mode() == AuthMode.DEV && recording.backend() == BackendKind.AWS && !auth.allowDevWithAws()) {
      throw new InvalidConfigurationException("recording.auth.mode",
          "is dev, which anyone can mint tokens for; the aws backend needs jwt (or recording.auth.allow-dev-with-aws=true)");
    }
    if (auth.mode() == AuthMode.JWT) {
      if (auth.jwks().isEmpty()) {
        throw new InvalidConfigurationException("recording.auth.jwks-url", "is required in jwt mode");
      }
      if (!"https".equals(auth.jwks().get().getScheme()) && !"http".equals(auth.jwks().get().getScheme())) {
        throw new InvalidConfigurationException("recording.auth.jwks-url", "must be an http(s) URL, was " + auth.jwks().get());
      }
      if (auth.requiredIssuer().isEmpty()) {
        throw new InvalidConfigurationException("recording.auth.issuer", "is required in jwt mode");
      }
      if (auth.requiredAudience().isEmpty()) {
        throw new InvalidConfigurationException("recording.auth.audience", "is required in jwt mode");
      }
    }
    if (auth.clockSkew().isNegative() || auth.clockSkew().compareTo(Duration.ofMinutes(5)) > 0) {
      throw new InvalidConfigurationException("recording.auth.clock-skew", "must be 0 to 5 minutes, was " + auth.clockSkew());
    }
    positive("recording.auth.dev-token-ttl", auth.devTokenTtl());
  }

  private static <T> T policy(String key, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(key, e.getMessage());
    }
  }

  private static void positive(String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new InvalidConfigurationException(key, "must be positive, was " + value);
    }
  }
}
