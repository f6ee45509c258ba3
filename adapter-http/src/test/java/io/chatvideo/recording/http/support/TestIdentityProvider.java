package io.chatvideo.recording.http.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A stand-in identity provider in the style of Cognito or Auth0: an RSA and an EC key, their
 * public halves served as a JWKS from a loopback HTTP server, and tokens signed with them.
 */
public final class TestIdentityProvider implements AutoCloseable {

  public static final String ISSUER = "https://idp.example.test/pool-1";
  public static final String AUDIENCE = "recordings-web";

  private final RSAKey rsa;
  private final ECKey ec;
  private final HttpServer server;
  private volatile boolean down;
  private final java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();

  public TestIdentityProvider() {
    try {
      rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
      ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext("/.well-known/jwks.json", exchange -> {
      fetches.incrementAndGet();
      if (down) {
        exchange.sendResponseHeaders(503, -1);
        exchange.close();
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, jwks.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(jwks);
      }
    });
    server.start();
  }

  public URI jwksUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
  }

  /** Answers 503 to every JWKS request from now on (or again serves the keys), like a provider outage. */
  public void down(boolean down) {
    this.down = down;
  }

  /** How many times the JWKS was asked for. */
  public int fetches() {
    return fetches.get();
  }

  public RSAKey rsa() {
    return rsa;
  }

  /** Claims of a good token for {@code email}, valid for ten minutes. */
  public static JWTClaimsSet.Builder claims(String email) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("sub-" + email)
        .claim("email", email)
        .claim("email_verified", true)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(600)));
  }

  public String rs256(JWTClaimsSet claims) {
    try {
      return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, rsa.getKeyID(), claims);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public String es256(JWTClaimsSet claims) {
    try {
      return sign(new ECDSASigner(ec), JWSAlgorithm.ES256, ec.getKeyID(), claims);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sign(JWSSigner signer, JWSAlgorithm algorithm, String keyId, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
