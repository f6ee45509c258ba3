package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.StoredPart;
import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.port.out.ListedObject;
import io.chatvideo.recording.core.port.out.ObjectListing;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.port.out.StoredObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Object storage in memory, for unit tests of the core. Tests play the client with {@link #put}
 * and {@link #putPart}, and can make every call fail with {@link #goOffline()}.
 */
public final class InMemoryObjectStorage implements ObjectStorage {

  private final Clock clock;
  private final Map<ObjectKey, byte[]> objects = new HashMap<>();
  private final Map<ObjectKey, ContentType> contentTypes = new HashMap<>();
  private final Map<String, Instant> written = new TreeMap<>();
  private final Map<String, TreeMap<Integer, byte[]>> uploads = new HashMap<>();
  private final List<PresignedRequest> signed = new ArrayList<>();
  private Optional<Instant> credentialsExpiry = Optional.empty();
  private boolean offline;

  public InMemoryObjectStorage() {
    this(Clock.systemUTC());
  }

  /** Stamps each object written with the time of {@code clock}, as a store's LastModified. */
  public InMemoryObjectStorage(Clock clock) {
    this.clock = clock;
  }

  public synchronized void put(ObjectKey key, byte[] bytes) {
    objects.put(key, bytes.clone());
    contentTypes.remove(key);
    written.put(key.value(), clock.instant());
  }

  /** Stores a part and returns its etag, as S3's UploadPart response does. */
  public synchronized String putPart(String uploadId, int partNumber, byte[] bytes) {
    TreeMap<Integer, byte[]> parts = uploads.get(uploadId);
    if (parts == null) {
      throw new IllegalStateException("no upload " + uploadId);
    }
    parts.put(partNumber, bytes.clone());
    return etag(bytes);
  }

  public synchronized Optional<byte[]> object(ObjectKey key) {
    return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
  }

  /** The content type {@link #write} stored the object with; empty for objects stored otherwise. */
  public synchronized Optional<ContentType> contentType(ObjectKey key) {
    return Optional.ofNullable(contentTypes.get(key));
  }

  public synchronized boolean hasUpload(String uploadId) {
    return uploads.containsKey(uploadId);
  }

  /** Every request signed so far, oldest first. */
  public synchronized List<PresignedRequest> signed() {
    return List.copyOf(signed);
  }

  public synchronized void credentialsExpireAt(Instant expiry) {
    this.credentialsExpiry = Optional.of(expiry);
  }

  public synchronized void goOffline() {
    this.offline = true;
  }

  @Override
  public synchronized PresignedRequest presignPut(ObjectKey key, ContentType contentType, OptionalLong contentLength,
      Instant expiresAt) {
    check();
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", contentType.value());
    contentLength.ifPresent(length -> headers.put("Content-Length", Long.toString(length)));
    return sign(new PresignedRequest("PUT", "memory://bucket/" + key + "?expires=" + expiresAt, headers,
        expiresAt));
  }

  @Override
  public synchronized PresignedRequest presignGet(ObjectKey key, ContentType contentType, Filename filename,
      Instant expiresAt) {
    check();
    return sign(new PresignedRequest("GET", "memory://bucket/" + key + "?expires=" + expiresAt, Map.of(),
        expiresAt));
  }

  @Override
  public synchronized PresignedRequest presignInline(ObjectKey key, ContentType contentType, Instant expiresAt) {
    check();
    return sign(new PresignedRequest("GET", "memory://bucket/" + key + "?inline=true&expires=" + expiresAt,
        Map.of(), expiresAt));
  }

  @Override
  public synchronized Optional<StoredObject> head(ObjectKey key) {
    check();
    return Optional.ofNullable(objects.get(key)).map(bytes -> new StoredObject(bytes.length, Optional.empty()));
  }

  @Override
  public synchronized Optional<StoredObject> read(ObjectKey key, Path target) {
    check();
    byte[] bytes = objects.get(key);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      Files.write(target, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(new StoredObject(bytes.length, Optional.of(sha256(bytes))));
  }

  @Override
  public synchronized StoredObject write(ObjectKey key, ContentType contentType, Path source) {
    check();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(source);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no file to store at " + source, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    put(key, bytes);
    contentTypes.put(key, contentType);
    return new StoredObject(bytes.length, Optional.of(sha256(bytes)));
  }

  @Override
  public synchronized void delete(ObjectKey key) {
    check();
    objects.remove(key);
    contentTypes.remove(key);
    written.remove(key.value());
  }

  @Override
  public synchronized ObjectListing listObjects(String prefix, Optional<String> cursor, int limit) {
    check();
    List<ListedObject> page = written.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix) && cursor.map(after -> e.getKey().compareTo(after) > 0).orElse(true))
        .limit(limit + 1L).map(e -> new ListedObject(e.getKey(), e.getValue())).toList();
    return page.size() > limit
        ? new ObjectListing(page.subList(0, limit), Optional.of(page.get(limit - 1).key()))
        : new ObjectListing(page, Optional.empty());
  }

  @Override
  public synchronized String startMultipart(ObjectKey key, ContentType contentType) {
    check();
    String uploadId = UUID.randomUUID().toString();
    uploads.put(uploadId, new TreeMap<>());
    return uploadId;
  }

  @Override
  public synchronized PresignedRequest presignPart(ObjectKey key, String uploadId, int partNumber, long contentLength,
      Instant expiresAt) {
    check();
    return sign(new PresignedRequest("PUT", "memory://bucket/" + key + "?uploadId=" + uploadId
        + "&partNumber=" + partNumber + "&expires=" + expiresAt,
        Map.of("Content-Length", Long.toString(contentLength)), expiresAt));
  }

  @Override
  public synchronized List<StoredPart> listParts(ObjectKey key, String uploadId) {
    check();
    TreeMap<Integer, byte[]> parts = uploads.get(uploadId);
    if (parts == null) {
      throw new ConflictException("no multipart upload " + uploadId);
    }
    return parts.entrySet().stream()
        .map(e -> new StoredPart(e.getKey(), etag(e.getValue()), e.getValue().length)).toList();
  }

  @Override
  public synchronized StoredPart copyPart(ObjectKey key, String uploadId, int partNumber, ObjectKey source,
      long offset, long length) {
    check();
    TreeMap<Integer, byte[]> parts = uploads.get(uploadId);
    byte[] from = objects.get(source);
    if (parts == null || from == null || offset < 0 || length < 1 || offset + length > from.length) {
      throw new ConflictException("cannot copy bytes " + offset + "+" + length + " of " + source + " into upload "
          + uploadId);
    }
    byte[] bytes = java.util.Arrays.copyOfRange(from, Math.toIntExact(offset), Math.toIntExact(offset + length));
    parts.put(partNumber, bytes);
    return new StoredPart(partNumber, etag(bytes), length);
  }

  @Override
  public synchronized void completeMultipart(ObjectKey key, String uploadId, List<CompletedPart> parts) {
    check();
    TreeMap<Integer, byte[]> stored = uploads.remove(uploadId);
    if (stored == null) {
      throw new ConflictException("no multipart upload " + uploadId);
    }
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (CompletedPart part : parts) {
      joined.writeBytes(stored.get(part.partNumber()));
    }
    objects.put(key, joined.toByteArray());
    written.put(key.value(), clock.instant());
  }

  @Override
  public synchronized void completeReplacing(ObjectKey key, String uploadId, List<CompletedPart> parts) {
    completeMultipart(key, uploadId, parts);
  }

  @Override
  public synchronized void abortMultipart(ObjectKey key, String uploadId) {
    check();
    uploads.remove(uploadId);
  }

  @Override
  public synchronized Optional<Instant> credentialsExpiry() {
    return credentialsExpiry;
  }

  private PresignedRequest sign(PresignedRequest request) {
    signed.add(request);
    return request;
  }

  private void check() {
    if (offline) {
      throw new StorageUnavailableException("in-memory storage is offline");
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String etag(byte[] bytes) {
    return "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "-" + bytes.length + "\"";
  }
}
