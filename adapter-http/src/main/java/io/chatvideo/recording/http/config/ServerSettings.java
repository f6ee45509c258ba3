package io.chatvideo.recording.http.config;

import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.PresignPolicy;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.mail.MailSettings;
import io.chatvideo.recording.wiring.SettingException;
import io.chatvideo.recording.wiring.WiringSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.value.PropertyResolver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The settings checked as a whole when the server starts ({@link Context}), before any request:
 * the core's policies are built here so their own limits (e.g. the 7-day cap on presigned URLs)
 * reject a bad value, and the auth settings are checked against the backend.
 */
@Context
public final class ServerSettings {

  private static final Map<String, Class<?>> TYPED = Map.ofEntries(
      Map.entry("recording.backend", BackendKind.class),
      Map.entry("recording.retention", Duration.class),
      Map.entry("recording.upload-url-expiry", Duration.class),
      Map.entry("recording.download-url-expiry", Duration.class),
      Map.entry("recording.max-upload-size", Long.class),
      Map.entry("recording.sweep-interval", Duration.class),
      Map.entry("recording.public-url", URI.class),
      Map.entry("recording.auth.mode", AuthMode.class),
      Map.entry("recording.auth.jwks-url", URI.class),
      Map.entry("recording.auth.clock-skew", Duration.class),
      Map.entry("recording.auth.dev-token-ttl", Duration.class),
      Map.entry("recording.auth.allow-dev-with-aws", Boolean.class),
      Map.entry("recording.auth.allow-dev-off-loopback", Boolean.class),
      Map.entry("recording.auth.jwks-cache-ttl", Duration.class),
      Map.entry("recording.auth.jwks-outage-tolerance", Duration.class),
      Map.entry("recording.limits.max-pending-uploads", Integer.class),
      Map.entry("recording.limits.max-recording-bytes", Long.class),
      Map.entry("recording.limits.max-bytes-per-day", Long.class),
      Map.entry("recording.limits.upload-requests-per-minute", Integer.class),
      Map.entry("recording.limits.dev-tokens-per-minute", Integer.class),
      Map.entry("recording.shares.default-expiry", Duration.class),
      Map.entry("recording.shares.media-url-expiry", Duration.class),
      Map.entry("recording.shares.passcode-guesses-per-minute", Integer.class));

  private static final Map<Class<?>, String> EXPECTED = Map.of(
      BackendKind.class, "a backend: local or aws",
      AuthMode.class, "an auth mode: dev or jwt",
      Duration.class, "a duration such as 30m, 1h, 30d or PT30M",
      Long.class, "a whole number of bytes",
      Integer.class, "a whole number",
      URI.class, "a URL",
      Boolean.class, "true or false");

  private final RecordingSettings recording;
  private final AuthSettings auth;
  private final List<String> corsOrigins;
  private final RetentionPolicy retention;
  private final PresignPolicy presign;
  private final SizePolicy sizes;
  private final LimitsSettings limitSettings;
  private final UploadLimits limits;
  private final String host;
  private final WiringSettings wiring;
  private final TrustedProxies trustedProxies;
  private final Optional<String> metricsToken;

  ServerSettings(RecordingSettings recording, AuthSettings auth, CorsSettings cors, LimitsSettings limits,
      PropertyResolver properties) {
    checkTypes(properties);
    this.host = properties.getProperty("micronaut.server.host", String.class).orElse("");
    this.recording = recording;
    this.auth = auth;
    this.corsOrigins = List.copyOf(cors.origins());
    policy("recording.upload-url-expiry", () -> new PresignPolicy(recording.uploadUrlExpiry(), PresignPolicy.DEFAULT_DOWNLOAD_TTL));
    policy("recording.download-url-expiry", () -> new PresignPolicy(PresignPolicy.DEFAULT_UPLOAD_TTL, recording.downloadUrlExpiry()));
    this.presign = new PresignPolicy(recording.uploadUrlExpiry(), recording.downloadUrlExpiry());
    this.sizes = policy("recording.max-upload-size", () -> new SizePolicy(recording.maxUploadSize()));
    positive("recording.sweep-interval", recording.sweepInterval());
    this.limitSettings = limits;
    this.limits = limits(limits);
    checkWebDir();
    checkPublicUrl();
    checkAuth();
    checkBoundOffLoopback();
    this.wiring = wiring(properties);
    this.retention = wiring.retention();
    this.trustedProxies = TrustedProxies.parse(List.of(properties.getProperty(TRUSTED_PROXIES, String[].class)
        .orElse(new String[0])));
    this.metricsToken = properties.getProperty(METRICS_TOKEN, String.class).filter(t -> !t.isBlank());
    metricsToken.filter(t -> t.length() < 32 || t.chars().anyMatch(c -> c <= ' ' || c > '~')).ifPresent(t -> {
      throw new InvalidConfigurationException(METRICS_TOKEN, "must be at least 32 printable characters without "
          + "spaces (e.g. openssl rand -hex 32)");
    });
  }

  static final String TRUSTED_PROXIES = "recording.trusted-proxies";
  static final String METRICS_TOKEN = "recording.metrics-token";

  /** The proxies whose {@code X-Forwarded-For} is believed; none unless configured. */
  public TrustedProxies trustedProxies() {
    return trustedProxies;
  }

  /** The bearer token {@code /prometheus} asks for; without it, metrics are served on a loopback-bound server only. */
  public Optional<String> metricsToken() {
    return metricsToken;
  }

  /** Whether the server listens on a loopback interface only. */
  public boolean bindsLoopback() {
    return Loopback.isLoopbackHost(host);
  }

  /**
   * Off loopback, absolute URLs cannot come from the bound address (another machine's view of this
   * one) and must never come from a request's {@code Host} or {@code X-Forwarded-*} headers, which
   * the client writes: the operator says where the server is reached.
   */
  private void checkBoundOffLoopback() {
    if (!Loopback.isLoopbackHost(host) && recording.publicBase().isEmpty()) {
      throw new InvalidConfigurationException("recording.public-url", "is required when the server listens off "
          + "loopback (micronaut.server.host is " + (host.isBlank() ? "unset, every interface" : host) + "): set it to "
          + "the URL clients reach this server at, e.g. RECORDING_PUBLIC_URL=https://recordings.example.com; links "
          + "are never built from a request's Host or X-Forwarded-* headers");
    }
  }

  /** The {@code recording.mail.*} settings, checked here with the rest so a bad one stops start-up. */
  public MailSettings mail() {
    return wiring.mail();
  }

  /**
   * What the {@link io.chatvideo.recording.wiring.Composition} is built from: the store, the job
   * runtime, processing, webhooks and mail, read as the worker reads them.
   */
  public WiringSettings wiring() {
    return wiring;
  }

  /** The S3-compatible endpoint of the aws backend, when not AWS's own. */
  public Optional<URI> s3Endpoint() {
    return wiring.aws().flatMap(WiringSettings.AwsStore::s3Endpoint);
  }

  /** The AWS store's settings, with {@code recording.backend=aws}. */
  public Optional<WiringSettings.AwsStore> aws() {
    return wiring.aws();
  }

  private static WiringSettings wiring(PropertyResolver properties) {
    try {
      return WiringSettings.read(key -> properties.getProperty(key, String.class));
    } catch (SettingException e) {
      throw new InvalidConfigurationException(e.key(), e.problem());
    }
  }

  public RecordingSettings recording() {
    return recording;
  }

  public AuthSettings auth() {
    return auth;
  }

  public List<String> corsOrigins() {
    return corsOrigins;
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

  public UploadLimits limits() {
    return limits;
  }

  public LimitsSettings limitSettings() {
    return limitSettings;
  }

  /** Whether dev mode was told to listen off loopback, which start-up logs as a warning. */
  public boolean devModeOffLoopback() {
    return auth.mode() == AuthMode.DEV && !Loopback.isLoopbackHost(host);
  }

  private static UploadLimits limits(LimitsSettings limits) {
    UploadLimits upload = policy("recording.limits.max-pending-uploads", () -> new UploadLimits(
        limits.maxPendingUploads(), UploadLimits.DEFAULT_MAX_RECORDING_BYTES, Long.MAX_VALUE));
    policy("recording.limits.max-recording-bytes", () -> new UploadLimits(
        upload.maxPendingUploads(), limits.maxRecordingBytes(), Long.MAX_VALUE));
    atLeastOne("recording.limits.upload-requests-per-minute", limits.uploadRequestsPerMinute());
    atLeastOne("recording.limits.dev-tokens-per-minute", limits.devTokensPerMinute());
    policy("recording.limits.max-bytes-per-day", () -> new UploadLimits(
        limits.maxPendingUploads(), limits.maxRecordingBytes(), limits.maxBytesPerDay()));
    return policy("recording.limits.max-upload-window", () -> new UploadLimits(
        limits.maxPendingUploads(), limits.maxRecordingBytes(), limits.maxBytesPerDay(), limits.maxUploadWindow()));
  }

  /** A web directory holding the data directory would serve the signing key, the dev secret and the database. */
  private void checkWebDir() {
    Path web = recording.webDir().toAbsolutePath().normalize();
    Path data = recording.dataDir().toAbsolutePath().normalize();
    if (data.startsWith(web)) {
      throw new InvalidConfigurationException("recording.web-dir", "must not contain the data directory "
          + "(recording.data-dir), whose keys and database it would serve as public files");
    }
  }

  /** Relative download and upload URLs are resolved against it, so it must be a base URL and nothing else. */
  private void checkPublicUrl() {
    recording.publicBase().ifPresent(base -> policy("recording.public-url", () -> HttpUrl.publicBase(base.toString())));
  }

  private static boolean isHttpsOrLoopbackHttp(URI uri) {
    try {
      HttpUrl url = new HttpUrl(uri);
      return url.isHttps() || Loopback.isLoopbackHost(url.uri().getHost());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void atLeastOne(String key, int value) {
    if (value < 1) {
      throw new InvalidConfigurationException(key, "must be at least 1, was " + value);
    }
  }

  private void checkAuth() {
    if (auth.mode() == AuthMode.DEV && recording.backend() == BackendKind.AWS && !auth.allowDevWithAws()) {
      throw new InvalidConfigurationException("recording.auth.mode",
          "is dev, which anyone can mint tokens for; the aws backend needs jwt (or recording.auth.allow-dev-with-aws=true)");
    }
    if (auth.mode() == AuthMode.DEV && !Loopback.isLoopbackHost(host) && !auth.allowDevOffLoopback()) {
      throw new InvalidConfigurationException("micronaut.server.host", "is " + (host.isBlank() ? "unset (every interface)" : host) + ", but dev mode (anyone can "
          + "mint a token for any email) listens on loopback only: bind 127.0.0.1, use jwt, or set "
          + "recording.auth.allow-dev-off-loopback=true inside a container whose port only this host can reach");
    }
    if (auth.mode() == AuthMode.JWT) {
      if (auth.jwks().isEmpty()) {
        throw new InvalidConfigurationException("recording.auth.jwks-url", "is required in jwt mode");
      }
      URI jwks = auth.jwks().get();
      if (!isHttpsOrLoopbackHttp(jwks)) {
        throw new InvalidConfigurationException("recording.auth.jwks-url", "must be an https URL (plain http only on "
            + "loopback, for tests), was " + jwks);
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
    positive("recording.auth.jwks-cache-ttl", auth.jwksCacheTtl());
    positive("recording.auth.jwks-outage-tolerance", auth.jwksOutageTolerance());
    for (String claim : new String[] {"email-claim", "email-verified-claim"}) {
      String value = claim.equals("email-claim") ? auth.emailClaim() : auth.emailVerifiedClaim();
      if (value.isBlank()) {
        throw new InvalidConfigurationException("recording.auth." + claim, "must name a claim");
      }
    }
  }

  /**
   * Micronaut binds a value it cannot convert (a backend {@code gcs}, a retention {@code a month})
   * as if it were absent, silently falling back to the default; this refuses it instead.
   */
  private static void checkTypes(PropertyResolver properties) {
    TYPED.forEach((key, type) -> properties.getProperty(key, String.class).ifPresent(raw -> {
      if (properties.getProperty(key, type).isEmpty()) {
        throw new InvalidConfigurationException(key, "'" + raw + "' is not " + EXPECTED.get(type));
      }
    }));
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
