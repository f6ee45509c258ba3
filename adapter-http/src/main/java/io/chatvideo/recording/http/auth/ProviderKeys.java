package io.chatvideo.recording.http.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The identity provider's keys, stale-while-revalidate: nimbus's own cache, rate limit and outage
 * layers (fresh for {@code cacheTtl}; then refetched, but if the provider cannot be reached the last
 * keys fetched keep working for {@code outageTolerance}), read at the injected clock's time rather
 * than nimbus's wall clock so the cache and the outage can be tested without waiting.
 *
 * <p>A token with a {@code kid} the cached keys lack forces one refetch, at most every 30 seconds
 * (or the cache time, if shorter); within that interval, or when the refetch still lacks the key,
 * the answer is "no such key", which is a 401, not an outage.
 */
final class ProviderKeys implements JWKSource<SecurityContext> {

  private final JWKSetSource<SecurityContext> source;
  private final Clock clock;

  ProviderKeys(URL jwksUrl, Duration cacheTtl, Duration outageTolerance, Clock clock) {
    DefaultResourceRetriever retriever = new DefaultResourceRetriever(JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT,
        JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
    long refetchInterval = Math.min(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL, cacheTtl.toMillis());
    this.source = new CachingJWKSetSource<>(
        new RateLimitedJWKSetSource<>(
            new OutageTolerantJWKSetSource<>(new URLBasedJWKSetSource<>(jwksUrl, retriever),
                outageTolerance.toMillis(), null),
            refetchInterval, null),
        cacheTtl.toMillis(), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, null);
    this.clock = clock;
  }

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
    JWKSet keys = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), clock.millis(), context);
    List<JWK> matches = selector.select(keys);
    if (!matches.isEmpty()) {
      return matches;
    }
    try {
      return selector.select(source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(keys), clock.millis(),
          context));
    } catch (RateLimitReachedException refetchedMomentsAgo) {
      return List.of();
    }
  }
}
