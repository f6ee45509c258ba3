package io.chatvideo.recording.local.files;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.local.capability.Capability;
import io.chatvideo.recording.local.capability.CapabilitySigner;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The presigned requests of a {@link FileObjectStorage}: capability URLs, which {@link ObjectAccess}
 * checks and serves.
 */
final class CapabilityPresigner {

  private final CapabilitySigner signer;

  CapabilityPresigner(CapabilitySigner signer) {
    this.signer = signer;
  }

  PresignedRequest presignPut(ObjectKey key, ContentType contentType, OptionalLong contentLength,
      Instant expiresAt) {
    // Without a declared size the bound is the largest single PUT there is; the core checks its own
    // (possibly smaller) limit when the upload completes.
    Capability.Length length = contentLength.isPresent() ? new Capability.Length(contentLength.getAsLong(), true)
        : new Capability.Length(SizePolicy.DEFAULT_MAX_SINGLE_PUT, false);
    Capability capability = new Capability(Capability.Method.PUT, key, expiresAt, Optional.of(contentType),
        Optional.of(length), Optional.empty(), Optional.empty());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType.value());
    contentLength.ifPresent(n -> headers.put("Content-Length", Long.toString(n)));
    return presigned(capability, headers);
  }

  PresignedRequest presignGet(ObjectKey key, ContentType contentType, Filename filename, Instant expiresAt) {
    return presigned(new Capability(Capability.Method.GET, key, expiresAt, Optional.of(contentType), Optional.empty(),
        Optional.empty(), Optional.of(filename)), Map.of());
  }

  /** Signed with no file name: {@code /objects/…} answers such a GET {@code Content-Disposition: inline}. */
  PresignedRequest presignInline(ObjectKey key, ContentType contentType, Instant expiresAt) {
    return presigned(new Capability(Capability.Method.GET, key, expiresAt, Optional.of(contentType), Optional.empty(),
        Optional.empty(), Optional.empty()), Map.of());
  }

  PresignedRequest presignPart(ObjectKey key, String uploadId, int partNumber, long contentLength,
      Instant expiresAt) {
    return presigned(new Capability(Capability.Method.PUT, key, expiresAt, Optional.empty(),
        Optional.of(new Capability.Length(contentLength, true)),
        Optional.of(new Capability.Part(uploadId, partNumber)), Optional.empty()),
        Map.of("Content-Length", Long.toString(contentLength)));
  }

  private PresignedRequest presigned(Capability capability, Map<String, String> headers) {
    return new PresignedRequest(capability.method().name(), capability.relativeUrl(signer.sign(capability)), headers,
        capability.expiresAt());
  }
}
