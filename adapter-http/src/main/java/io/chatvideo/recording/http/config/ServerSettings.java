package io.chatvideo.recording.http.config;

import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.PasscodeGuessLimit;
import io.chatvideo.recording.core.domain.PresignPolicy;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.SharePolicy;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.mail.MailSettings;
import io.chatvideo.recording.wiring.Setting;
import io.chatvideo.recording.wiring.SettingException;
import io.chatvideo.recording.wiring.SettingReader;
import io.chatvideo.recording.wiring.SettingsSource;
import io.chatvideo.recording.wiring.WiringSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.value.PropertyResolver;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings checked as a whole when the server starts ({@link Context}), before any request:
 * every {@code recording.*} key is declared once in {@link Setting} and read here through the one
 * {@link SettingReader} (its grammar, its refusals); the core's policies are built here so their own
 * limits (e.g. the 7-day cap on presigned URLs) reject a bad value, and the auth settings are checked
 * against the backend.
 */
@Context
public final class ServerSettings {

  private static final Logger LOG = LoggerFactory.getLogger(ServerSettings.class);

  private final RecordingSettings recording;
  private final AuthSettings auth;
  private final List<String> corsOrigins;
  private final RetentionPolicy retention;
  private final PresignPolicy presign;
  private final SizePolicy sizes;
  private final LimitsSettings limitSettings;
  private final UploadLimits limits;
  private final SharePolicy sharePolicy;
  private final PasscodeGuessLimit passcodeGuesses;
  private final String host;
  private final WiringSettings wiring;
  private final TrustedProxies trustedProxies;
  private final Optional<String> metricsToken;

  ServerSettings(PropertyResolver properties) {
    this.host = properties.getProperty("micronaut.server.host", String.class).orElse("");
    SettingsSource source = key -> properties.getProperty(key, String.class);
    try {
      SettingReader read = new SettingReader(source);
      this.recording = recording(read, WiringSettings.awsBackend(source));
      this.auth = auth(read);
      this.corsOrigins = read.list(Setting.CORS_ORIGINS);
      policy(Setting.UPLOAD_URL_EXPIRY, () -> new PresignPolicy(recording.uploadUrlExpiry(), PresignPolicy.DEFAULT_DOWNLOAD_TTL));
      policy(Setting.DOWNLOAD_URL_EXPIRY, () -> new PresignPolicy(PresignPolicy.DEFAULT_UPLOAD_TTL, recording.downloadUrlExpiry()));
      this.presign = new PresignPolicy(recording.uploadUrlExpiry(), recording.downloadUrlExpiry());
      this.sizes = policy(Setting.MAX_UPLOAD_SIZE, () -> new SizePolicy(recording.maxUploadSize()));
      positive(Setting.SWEEP_INTERVAL, recording.sweepInterval());
      this.limitSettings = limitSettings(read);
      this.limits = limits(limitSettings);
      this.passcodeGuesses = policy(Setting.SHARES_PASSCODE_GUESSES_PER_MINUTE,
          () -> new PasscodeGuessLimit(read.integer(Setting.SHARES_PASSCODE_GUESSES_PER_MINUTE, Integer.MIN_VALUE)));
      this.sharePolicy = sharePolicy(read);
      checkWebDir();
      checkAuth();
      checkBoundOffLoopback();
      this.wiring = WiringSettings.read(source);
      Setting.deprecations(source).forEach(LOG::warn);
      this.retention = wiring.retention();
      this.trustedProxies = TrustedProxies.parse(read.list(Setting.TRUSTED_PROXIES));
      this.metricsToken = read.text(Setting.METRICS_TOKEN);
      metricsToken.filter(t -> t.length() < 32 || t.chars().anyMatch(c -> c <= ' ' || c > '~')).ifPresent(t -> {
        throw new SettingException(Setting.METRICS_TOKEN.key(), "must be at least 32 printable characters without "
            + "spaces (e.g. openssl rand -hex 32)");
      });
    } catch (SettingException e) {
      throw new InvalidConfigurationException(e.key(), e.problem());
    }
  }

  private static RecordingSettings recording(SettingReader read, boolean aws) {
    Duration uploadUrlExpiry = read.duration(Setting.UPLOAD_URL_EXPIRY);
    Duration downloadUrlExpiry = read.duration(Setting.DOWNLOAD_URL_EXPIRY);
    long maxUploadSize = read.whole(Setting.MAX_UPLOAD_SIZE);
    Duration sweepInterval = read.duration(Setting.SWEEP_INTERVAL);
    Optional<URI> publicUrl = read.text(Setting.PUBLIC_URL)
        .map(text -> policy(Setting.PUBLIC_URL, () -> HttpUrl.publicBase(text)).uri());
    return new RecordingSettings(aws ? BackendKind.AWS : BackendKind.LOCAL, read.path(Setting.DATA_DIR),
        uploadUrlExpiry, downloadUrlExpiry, maxUploadSize, sweepInterval, publicUrl, read.path(Setting.WEB_DIR));
  }

  private static AuthSettings auth(SettingReader read) {
    Optional<URI> jwks = read.text(Setting.AUTH_JWKS_URL).map(text -> policy(Setting.AUTH_JWKS_URL, () -> URI.create(text)));
    return new AuthSettings(read.choice(Setting.AUTH_MODE, AuthMode.class), jwks, read.text(Setting.AUTH_ISSUER),
        read.text(Setting.AUTH_AUDIENCE), read.duration(Setting.AUTH_CLOCK_SKEW),
        read.duration(Setting.AUTH_DEV_TOKEN_TTL), read.bool(Setting.AUTH_ALLOW_DEV_WITH_AWS),
        read.bool(Setting.AUTH_ALLOW_DEV_OFF_LOOPBACK), read.text(Setting.AUTH_EMAIL_CLAIM).orElseThrow(),
        read.text(Setting.AUTH_EMAIL_VERIFIED_CLAIM).orElseThrow(), read.text(Setting.AUTH_USER_CLAIM),
        read.duration(Setting.AUTH_JWKS_CACHE_TTL), read.duration(Setting.AUTH_JWKS_OUTAGE_TOLERANCE));
  }

  private static LimitsSettings limitSettings(SettingReader read) {
    return new LimitsSettings(read.integer(Setting.LIMITS_MAX_PENDING_UPLOADS, Integer.MIN_VALUE),
        read.whole(Setting.LIMITS_MAX_RECORDING_BYTES), read.whole(Setting.LIMITS_MAX_BYTES_PER_DAY),
        read.duration(Setting.LIMITS_MAX_UPLOAD_WINDOW), read.integer(Setting.LIMITS_UPLOAD_REQUESTS_PER_MINUTE, 1),
        read.integer(Setting.LIMITS_DEV_TOKENS_PER_MINUTE, 1));
  }

  private static SharePolicy sharePolicy(SettingReader read) {
    Duration defaultExpiry = read.duration(Setting.SHARES_DEFAULT_EXPIRY);
    Duration mediaUrlExpiry = read.duration(Setting.SHARES_MEDIA_URL_EXPIRY);
    policy(Setting.SHARES_DEFAULT_EXPIRY, () -> new SharePolicy(defaultExpiry, SharePolicy.DEFAULT_MEDIA_TTL));
    return policy(Setting.SHARES_MEDIA_URL_EXPIRY, () -> new SharePolicy(defaultExpiry, mediaUrlExpiry));
  }

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

  /** How long share links and their media URLs live ({@code recording.shares.*}). */
  public SharePolicy sharePolicy() {
    return sharePolicy;
  }

  /** Passcode tries per link and per client address a minute. */
  public PasscodeGuessLimit passcodeGuesses() {
    return passcodeGuesses;
  }

  /** Whether dev mode was told to listen off loopback, which start-up logs as a warning. */
  public boolean devModeOffLoopback() {
    return auth.mode() == AuthMode.DEV && !Loopback.isLoopbackHost(host);
  }

  private static UploadLimits limits(LimitsSettings limits) {
    UploadLimits upload = policy(Setting.LIMITS_MAX_PENDING_UPLOADS, () -> new UploadLimits(
        limits.maxPendingUploads(), UploadLimits.DEFAULT_MAX_RECORDING_BYTES, Long.MAX_VALUE));
    policy(Setting.LIMITS_MAX_RECORDING_BYTES, () -> new UploadLimits(
        upload.maxPendingUploads(), limits.maxRecordingBytes(), Long.MAX_VALUE));
    policy(Setting.LIMITS_MAX_BYTES_PER_DAY, () -> new UploadLimits(
        limits.maxPendingUploads(), limits.maxRecordingBytes(), limits.maxBytesPerDay()));
    return policy(Setting.LIMITS_MAX_UPLOAD_WINDOW, () -> new UploadLimits(
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

  private static boolean isHttpsOrLoopbackHttp(URI uri) {
    try {
      HttpUrl url = new HttpUrl(uri);
      return url.isHttps() || Loopback.isLoopbackHost(url.uri().getHost());
    } catch (IllegalArgumentException e) {
      return false;
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
    positive(Setting.AUTH_DEV_TOKEN_TTL, auth.devTokenTtl());
    positive(Setting.AUTH_JWKS_CACHE_TTL, auth.jwksCacheTtl());
    positive(Setting.AUTH_JWKS_OUTAGE_TOLERANCE, auth.jwksOutageTolerance());
  }

  private static <T> T policy(Setting setting, Supplier<T> build) {
    return SettingReader.checked(setting, build);
  }

  private static void positive(Setting setting, Duration value) {
    SettingReader.positive(setting, value);
  }
}
