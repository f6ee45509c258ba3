package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.StartMultipartCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.testing.InMemoryObjectStorage;
import io.chatvideo.recording.core.testing.InMemoryRecordingRepository;
import io.chatvideo.recording.core.testing.InMemoryUploadLedger;
import io.chatvideo.recording.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/** The core wired over in-memory adapters and a clock the test moves. */
final class CoreFixture {

  static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  static final UserId ALICE = UserId.of("alice@example.com");
  static final UserId BOB = UserId.of("bob@example.com");
  static final UserId MALLORY = UserId.of("mallory@example.com");
  static final RoomId ROOM = RoomId.of("room-1");
  static final Duration GRACE = Duration.ofHours(1);
  static final Duration ORPHAN_GRACE = Duration.ofHours(2);

  final MutableClock clock = new MutableClock(T0);
  final InMemoryRecordingRepository repository = new InMemoryRecordingRepository();
  final InMemoryObjectStorage storage = new InMemoryObjectStorage(clock);
  final InMemoryUploadLedger ledger = new InMemoryUploadLedger();
  final Recordings recordings;

  CoreFixture() {
    this(UploadLimits.defaults());
  }

  CoreFixture(UploadLimits limits) {
    recordings = Recordings.builder()
        .repository(repository)
        .storage(storage)
        .ledger(ledger)
        .clock(clock)
        .sizes(new SizePolicy(1_000_000))
        .limits(limits)
        .abandonedUploadGrace(GRACE)
        .orphanGrace(ORPHAN_GRACE)
        .build();
  }

  UploadTicket requestUpload(UserId owner, long size, UserId... participants) {
    return recordings.requestUpload().requestUpload(new RequestUploadCommand(owner, ROOM, Optional.of("call.webm"),
        ContentType.DEFAULT, OptionalLong.of(size), Set.of(participants)));
  }

  /** Requests an upload, stores the bytes as the client would, and completes it. */
  RecordingId uploadCompleted(UserId owner, byte[] bytes, UserId... participants) {
    UploadTicket ticket = requestUpload(owner, bytes.length, participants);
    storage.put(ticket.objectKey(), bytes);
    recordings.completeUpload().complete(new io.chatvideo.recording.core.port.in.CompleteUploadUseCase
        .CompleteUploadCommand(owner, ticket.recordingId(), Optional.empty(), Optional.empty()));
    return ticket.recordingId();
  }

  io.chatvideo.recording.core.port.in.MultipartUploadUseCase.MultipartTicket startMultipart(UserId owner) {
    return recordings.multipartUpload().start(new StartMultipartCommand(owner, ROOM, Optional.empty(),
        ContentType.parse("video/webm;codecs=vp8,opus"), Set.of()));
  }

  static Set<UserId> users(UserId... users) {
    return Arrays.stream(users).collect(Collectors.toSet());
  }
}
