package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.PresignPolicy;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.SharePolicy;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase;
import io.chatvideo.recording.core.port.in.DeleteRecordingUseCase;
import io.chatvideo.recording.core.port.in.GetRecordingUseCase;
import io.chatvideo.recording.core.port.in.ListAllRecordingsUseCase;
import io.chatvideo.recording.core.port.in.ListRecordingsUseCase;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase;
import io.chatvideo.recording.core.port.in.ReprocessUseCase;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase;
import io.chatvideo.recording.core.port.in.RunJobsUseCase;
import io.chatvideo.recording.core.port.in.ShareRecordingUseCase;
import io.chatvideo.recording.core.port.in.SweepUseCase;
import io.chatvideo.recording.core.port.in.WatchShareUseCase;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.MediaProcessor;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PasscodeHasher;
import io.chatvideo.recording.core.port.out.RecordingIdGenerator;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.ShareRepository;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The use cases of call recordings, wired from the adapters you choose. For example:
 *
 * <pre>{@code
 * Recordings recordings = Recordings.builder()
 *     .repository(myRepository)
 *     .storage(myObjectStorage)
 *     .retention(new RetentionPolicy(Duration.ofDays(7)))
 *     .build();
 * UploadTicket ticket = recordings.requestUpload().requestUpload(command);
 * }</pre>
 *
 * Only the repository and the storage are required; the clock is the system UTC clock, ids are
 * random UUIDs, and the policies have their documented defaults.
 */
public final class Recordings {

  /** How long after its upload URL expired a PENDING upload is left alone before the sweep abandons it. */
  public static final Duration DEFAULT_ABANDONED_UPLOAD_GRACE = Duration.ofDays(1);

  /**
   * How old an object no recording points to must be before the sweep deletes it: the time is the
   * store's (file modification time, S3's LastModified), so the grace also absorbs clock skew.
   */
  public static final Duration DEFAULT_ORPHAN_GRACE = Duration.ofDays(1);

  private final UploadService uploads;
  private final RecordingQueries queries;
  private final RecordingRemoval removal;
  private final ProcessingService processing;
  private final Optional<JobWorker> worker;
  private final Optional<ShareService> shares;

  private Recordings(Builder builder) {
    RecordingRepository repository = Objects.requireNonNull(builder.repository, "repository is required");
    ObjectStorage storage = Objects.requireNonNull(builder.storage, "storage is required");
    if (builder.processing.enabled() && (builder.jobs == null || builder.media == null)) {
      throw new IllegalStateException("processing needs a job queue and a media processor; give both or turn it off");
    }
    this.processing = new ProcessingService(repository, storage, Optional.ofNullable(builder.jobs),
        Optional.ofNullable(builder.media), builder.processing, builder.clock, builder.workDirectory);
    this.uploads = new UploadService(repository, storage, builder.clock, builder.ids, builder.retention,
        builder.presign, builder.sizes, builder.limits, processing);
    this.queries = new RecordingQueries(repository, storage, builder.clock, builder.presign);
    this.removal = new RecordingRemoval(repository, storage, builder.clock, builder.abandonedUploadGrace,
        builder.orphanGrace, processing);
    this.worker = builder.jobs == null ? Optional.empty()
        : Optional.of(new JobWorker(builder.jobs, processing, builder.clock));
    if (builder.shares != null && builder.passcodes == null) {
      throw new IllegalStateException("share links need a passcode hasher beside their repository");
    }
    this.shares = builder.shares == null ? Optional.empty() : Optional.of(new ShareService(builder.shares, repository,
        storage, builder.passcodes, builder.sharePolicy, builder.clock, new SecureRandom()));
  }

  public static Builder builder() {
    return new Builder();
  }

  public RequestUploadUseCase requestUpload() {
    return uploads;
  }

  public MultipartUploadUseCase multipartUpload() {
    return uploads;
  }

  public CompleteUploadUseCase completeUpload() {
    return uploads;
  }

  public ListRecordingsUseCase listRecordings() {
    return queries;
  }

  public ListAllRecordingsUseCase listAllRecordings() {
    return queries;
  }

  public GetRecordingUseCase getRecording() {
    return queries;
  }

  public DeleteRecordingUseCase deleteRecording() {
    return removal;
  }

  public SweepUseCase sweep() {
    return removal;
  }

  /** Whether completed recordings are processed (a job queue and a media processor given, and the policy on). */
  public boolean processingEnabled() {
    return processing.enabled();
  }

  public ReprocessUseCase reprocess() {
    return processing;
  }

  /** The worker's step; a {@code IllegalStateException} when no job queue was given. */
  public RunJobsUseCase jobs() {
    return worker.orElseThrow(() -> new IllegalStateException("no job queue was given to run jobs from"));
  }

  /** Share links, for owners; a {@code IllegalStateException} when no share repository was given. */
  public ShareRecordingUseCase shareRecording() {
    return shares.orElseThrow(() -> new IllegalStateException("no share repository was given"));
  }

  /** Opening a share link by its token, for anyone; a {@code IllegalStateException} when no share repository was given. */
  public WatchShareUseCase watchShare() {
    return shares.orElseThrow(() -> new IllegalStateException("no share repository was given"));
  }

  /** Collects the adapters and policies; {@link #build()} checks that the required ones are there. */
  public static final class Builder {

    private RecordingRepository repository;
    private ObjectStorage storage;
    private Clock clock = Clock.systemUTC();
    private RecordingIdGenerator ids = RecordingIdGenerator.random();
    private RetentionPolicy retention = RetentionPolicy.defaults();
    private PresignPolicy presign = PresignPolicy.defaults();
    private SizePolicy sizes = SizePolicy.defaults();
    private UploadLimits limits = UploadLimits.defaults();
    private Duration abandonedUploadGrace = DEFAULT_ABANDONED_UPLOAD_GRACE;
    private Duration orphanGrace = DEFAULT_ORPHAN_GRACE;
    private JobQueue jobs;
    private MediaProcessor media;
    private ProcessingPolicy processing = ProcessingPolicy.off();
    private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"), "recordings-processing");
    private ShareRepository shares;
    private PasscodeHasher passcodes;
    private SharePolicy sharePolicy = SharePolicy.defaults();

    private Builder() {}

    /** Where share links are kept; with {@link #passcodes}, turns on {@link #shareRecording} and {@link #watchShare}. */
    public Builder shares(ShareRepository shares) {
      this.shares = Objects.requireNonNull(shares, "shares");
      return this;
    }

    /** How share passcodes are hashed and checked. */
    public Builder passcodes(PasscodeHasher passcodes) {
      this.passcodes = Objects.requireNonNull(passcodes, "passcodes");
      return this;
    }

    public Builder sharePolicy(SharePolicy sharePolicy) {
      this.sharePolicy = Objects.requireNonNull(sharePolicy, "sharePolicy");
      return this;
    }

    /** Where processing jobs are queued and leased. */
    public Builder jobs(JobQueue jobs) {
      this.jobs = Objects.requireNonNull(jobs, "jobs");
      return this;
    }

    /** The media engine processing runs. */
    public Builder media(MediaProcessor media) {
      this.media = Objects.requireNonNull(media, "media");
      return this;
    }

    /** Off unless given; on needs {@link #jobs} and {@link #media}. */
    public Builder processing(ProcessingPolicy processing) {
      this.processing = Objects.requireNonNull(processing, "processing");
      return this;
    }

    /** Where a job keeps its files while it runs (the temporary directory unless given). */
    public Builder workDirectory(Path directory) {
      this.workDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    public Builder repository(RecordingRepository repository) {
      this.repository = Objects.requireNonNull(repository, "repository");
      return this;
    }

    public Builder storage(ObjectStorage storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder ids(RecordingIdGenerator ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    public Builder retention(RetentionPolicy retention) {
      this.retention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    public Builder presign(PresignPolicy presign) {
      this.presign = Objects.requireNonNull(presign, "presign");
      return this;
    }

    public Builder sizes(SizePolicy sizes) {
      this.sizes = Objects.requireNonNull(sizes, "sizes");
      return this;
    }

    public Builder limits(UploadLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    public Builder abandonedUploadGrace(Duration grace) {
      Objects.requireNonNull(grace, "grace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("abandoned upload grace must not be negative, was " + grace);
      }
      this.abandonedUploadGrace = grace;
      return this;
    }

    public Builder orphanGrace(Duration grace) {
      Objects.requireNonNull(grace, "grace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("orphan grace must not be negative, was " + grace);
      }
      this.orphanGrace = grace;
      return this;
    }

    public Recordings build() {
      return new Recordings(this);
    }
  }
}
