package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.PresignPolicy;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobPolicy;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.PasscodeGuessLimit;
import io.chatvideo.recording.core.domain.SharePolicy;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.core.domain.WebhookRetrySchedule;
import io.chatvideo.recording.core.domain.WebhookUrlPolicy;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase;
import io.chatvideo.recording.core.port.in.DeleteRecordingUseCase;
import io.chatvideo.recording.core.port.in.GetRecordingUseCase;
import io.chatvideo.recording.core.port.in.JobWorkers;
import io.chatvideo.recording.core.port.in.ListAllRecordingsUseCase;
import io.chatvideo.recording.core.port.in.ListRecordingsUseCase;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase;
import io.chatvideo.recording.core.port.in.PlayRecordingUseCase;
import io.chatvideo.recording.core.port.in.ReprocessUseCase;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase;
import io.chatvideo.recording.core.port.in.RunJobsUseCase;
import io.chatvideo.recording.core.port.in.ShareRecordingUseCase;
import io.chatvideo.recording.core.port.in.SpeakersUseCase;
import io.chatvideo.recording.core.port.in.TranscriptsUseCase;
import io.chatvideo.recording.core.port.in.SweepUseCase;
import io.chatvideo.recording.core.port.in.WebhooksUseCase;
import io.chatvideo.recording.core.port.out.EventOutbox;
import io.chatvideo.recording.core.port.in.WatchShareUseCase;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.Mailer;
import io.chatvideo.recording.core.port.out.MediaProcessor;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import io.chatvideo.recording.core.port.out.PasscodeHasher;
import io.chatvideo.recording.core.port.out.RecordingIdGenerator;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.UploadLedger;
import io.chatvideo.recording.core.port.out.WebhookEndpoints;
import io.chatvideo.recording.core.port.out.WebhookSender;
import io.chatvideo.recording.core.port.out.ShareRepository;
import io.chatvideo.recording.core.port.out.SpeakerTimelines;
import io.chatvideo.recording.core.port.out.Transcriber;
import io.chatvideo.recording.core.port.out.Transcripts;
import io.chatvideo.recording.core.port.out.SpeechActivity;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The use cases of call recordings, wired from the adapters you choose. For example:
 *
 * <pre>{@code
 * Recordings recordings = Recordings.builder()
 *     .repository(myRepository)
 *     .storage(myObjectStorage)
 *     .ledger(myUploadLedger)
 *     .retention(new RetentionPolicy(Duration.ofDays(7)))
 *     .build();
 * UploadTicket ticket = recordings.requestUpload().requestUpload(command);
 * }</pre>
 *
 * Only the repository, the storage and the upload ledger are required; the clock is the system UTC clock, ids are
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

  /** How long events and their delivery log are kept (as DynamoDB's TTL keeps them): past every retry. */
  public static final Duration DEFAULT_EVENT_RETENTION = Duration.ofDays(30);

  private final UploadService uploads;
  private final RecordingQueries queries;
  private final RecordingRemoval removal;
  private final ProcessingService processing;
  private final Optional<JobWorker> worker;
  private final Optional<WebhookService> webhooks;
  private final Optional<ShareService> shares;
  private final LibraryPlayback playback;
  private final Optional<SpeakerService> speakers;
  private final TranscriptService transcripts;
  private final JobBell bell = new JobBell();

  private Recordings(Builder builder) {
    RecordingRepository repository = Objects.requireNonNull(builder.repository, "repository is required");
    ObjectStorage storage = Objects.requireNonNull(builder.storage, "storage is required");
    UploadLedger ledger = Objects.requireNonNull(builder.ledger, "ledger is required");
    if (builder.processing.enabled() && builder.jobs == null) {
      throw new IllegalStateException("processing needs a job queue; give one or turn it off");
    }
    if (builder.outbox != null && builder.jobs == null) {
      throw new IllegalStateException("events are delivered on the job queue; give one");
    }
    // Jobs and events written here wake this process's idle workers (JobBell).
    JobQueue jobs = builder.jobs == null ? null : new RingingJobQueue(builder.jobs, bell);
    RecordingChanges changes = new RecordingChanges(repository, Optional.ofNullable(builder.outbox), bell,
        builder.eventRetention);
    // Steps on a ready recording are further jobs, so none delays it or fails it (a transcriber joins here).
    Set<JobKind> afterReady = builder.timelines == null ? Set.of() : Set.of(JobKind.FIND_SPEAKERS);
    if (builder.transcripts != null && builder.timelines == null) {
      throw new IllegalStateException("transcripts are made by the speaker job; give a speaker timeline store too");
    }
    this.processing = new ProcessingService(repository, storage, Optional.ofNullable(jobs),
        Optional.ofNullable(builder.media), builder.processing, builder.clock, builder.workDirectory, changes,
        afterReady, builder.jobPolicy);
    this.transcripts = new TranscriptService(Optional.ofNullable(builder.transcripts), builder.transcriberName,
        Optional.ofNullable(builder.transcriber), Optional.ofNullable(builder.speech), builder.language,
        new RecordingAccess(repository), builder.clock);
    this.speakers = builder.timelines == null ? Optional.empty() : Optional.of(new SpeakerService(repository, storage,
        builder.timelines, Optional.ofNullable(builder.speech),
        builder.transcripts == null ? Optional.empty() : Optional.of(transcripts),
        Optional.ofNullable(builder.outbox), bell, builder.clock, builder.workDirectory));
    this.uploads = new UploadService(repository, storage, ledger, builder.clock, builder.ids, builder.retention,
        builder.presign, builder.sizes, builder.limits, processing, changes);
    this.queries = new RecordingQueries(repository, storage, builder.clock, builder.presign);
    this.removal = new RecordingRemoval(repository, storage, builder.clock, builder.abandonedUploadGrace,
        builder.orphanGrace, builder.limits, processing, changes);
    this.webhooks = builder.outbox == null ? Optional.empty()
        : Optional.of(new WebhookService(builder.outbox, builder.endpoints, builder.sender, builder.webhookRetries,
            builder.webhookUrls, jobs, builder.clock));
    // Mail is queued on the publish step of events, beside the webhooks: without an outbox there is nothing to mail about.
    Optional<MailService> mail = builder.mailer == null || builder.outbox == null ? Optional.empty()
        : Optional.of(new MailService(builder.outbox, repository, jobs, builder.mailer, builder.publicUrl,
            builder.clock));
    this.worker = jobs == null ? Optional.empty()
        : Optional.of(new JobWorker(jobs, builder.jobPolicy, processing, speakers, webhooks, mail, builder.clock));
    if (builder.shares != null && (builder.passcodes == null || builder.passcodeAttempts == null)) {
      throw new IllegalStateException("share links need a passcode hasher and passcode attempts beside their repository");
    }
    this.shares = builder.shares == null ? Optional.empty() : Optional.of(new ShareService(builder.shares, repository,
        storage, builder.passcodes, builder.passcodeAttempts, builder.passcodeGuesses, builder.sharePolicy,
        builder.clock, new SecureRandom()));
    this.playback = new LibraryPlayback(repository, storage, builder.sharePolicy, builder.clock);
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

  /**
   * Whether completed recordings are processed: the policy on and a job queue given. They are
   * processed here only when {@link #runsJobs()}; else by workers elsewhere on the same queue.
   */
  public boolean processingEnabled() {
    return processing.enabled();
  }

  /**
   * Whether this instance can run jobs: a job queue given, and a media processor when processing is
   * on (with processing off, the jobs are event deliveries). With processing on and no media
   * processor, processing is only queued here, for workers elsewhere.
   */
  public boolean runsJobs() {
    return worker.isPresent() && (processing.runs() || !processing.enabled());
  }

  public ReprocessUseCase reprocess() {
    return processing;
  }

  /** Whether state changes are written with their events (an outbox was given). */
  public boolean eventsEnabled() {
    return webhooks.isPresent();
  }

  /** The operator's endpoints; an {@code IllegalStateException} when no outbox was given. */
  public WebhooksUseCase webhooks() {
    return webhooks.orElseThrow(() -> new IllegalStateException("no event outbox was given to the builder"));
  }

  /** The worker's step; a {@code IllegalStateException} unless {@link #runsJobs()}. */
  public RunJobsUseCase jobs() {
    if (!runsJobs()) {
      throw new IllegalStateException(
          "jobs run where a job queue and a media processor were given; this instance only queues them");
    }
    return worker.orElseThrow();
  }

  /**
   * Starts {@code count} workers on {@link #jobs()}, threads named {@code name-1}, {@code name-2}, …,
   * each looking again when this instance writes a job, or after {@code idle} when no job was due
   * (jobs written by other processes are found then); {@code onQueueFailure} hears of
   * every failure of the queue itself.
   *
   * <pre>{@code
   * JobWorkers workers = recordings.startWorkers(2, "worker", JobWorkers.Until.STOPPED, JobWorkers.IDLE, log::warn);
   * ...
   * workers.stop(Duration.ofSeconds(30), Duration.ofSeconds(5));
   * }</pre>
   */
  public JobWorkers startWorkers(int count, String name, JobWorkers.Until until, Duration idle,
      Consumer<Throwable> onQueueFailure) {
    return JobLoop.start(jobs(), count, name, until, idle, bell, onQueueFailure);
  }

  /** A recording's media for its own viewers, checked and signed afresh on every request. */
  public PlayRecordingUseCase playRecording() {
    return playback;
  }

  /** Share links, for owners; a {@code IllegalStateException} when no share repository was given. */
  public ShareRecordingUseCase shareRecording() {
    return shares.orElseThrow(() -> new IllegalStateException("no share repository was given"));
  }

  /** Opening a share link by its token, for anyone; a {@code IllegalStateException} when no share repository was given. */
  public WatchShareUseCase watchShare() {
    return shares.orElseThrow(() -> new IllegalStateException("no share repository was given"));
  }

  /** Whether recordings get a speaker timeline after processing ({@link Builder#speakers}). */
  public boolean speakersEnabled() {
    return speakers.isPresent();
  }

  /** Speaker timelines; an {@code IllegalStateException} when the builder was given no timeline store. */
  public SpeakersUseCase speakers() {
    return speakers.orElseThrow(() -> new IllegalStateException("no speaker timeline store was given"));
  }

  /** Whether recordings get a transcript after processing ({@link Builder#transcripts}). */
  public boolean transcriptsEnabled() {
    return transcripts.enabled();
  }

  /** Transcripts; when none are made ({@link Builder#transcripts} not given) every completed recording's is {@code off}. */
  public TranscriptsUseCase transcripts() {
    return transcripts;
  }

  /** Collects the adapters and policies; {@link #build()} checks that the required ones are there. */
  public static final class Builder {

    private RecordingRepository repository;
    private ObjectStorage storage;
    private UploadLedger ledger;
    private Clock clock = Clock.systemUTC();
    private RecordingIdGenerator ids = RecordingIdGenerator.random();
    private RetentionPolicy retention = RetentionPolicy.defaults();
    private PresignPolicy presign = PresignPolicy.defaults();
    private SizePolicy sizes = SizePolicy.defaults();
    private UploadLimits limits = UploadLimits.defaults();
    private Duration abandonedUploadGrace = DEFAULT_ABANDONED_UPLOAD_GRACE;
    private Duration orphanGrace = DEFAULT_ORPHAN_GRACE;
    private JobQueue jobs;
    private JobPolicy jobPolicy = JobPolicy.defaults();
    private Duration eventRetention = DEFAULT_EVENT_RETENTION;
    private MediaProcessor media;
    private ProcessingPolicy processing = ProcessingPolicy.off();
    private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"), "recordings-processing");
    private EventOutbox outbox;
    private WebhookEndpoints endpoints;
    private WebhookSender sender;
    private WebhookRetrySchedule webhookRetries = WebhookRetrySchedule.defaults();
    private WebhookUrlPolicy webhookUrls = new WebhookUrlPolicy(false);
    private Mailer mailer;
    private HttpUrl publicUrl;
    private SpeakerTimelines timelines;
    private SpeechActivity speech;
    private Transcripts transcripts;
    private String transcriberName;
    private Transcriber transcriber;
    private Locale language = Locale.US;

    private Builder() {}

    /**
     * Turns events on: state changes are written with their events through {@code outbox} (the
     * repository's own store, so both commit together), and delivered on the job queue to the
     * {@code endpoints} by {@code sender}.
     */
    public Builder events(EventOutbox outbox, WebhookEndpoints endpoints, WebhookSender sender) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
      this.sender = Objects.requireNonNull(sender, "sender");
      return this;
    }

    /**
     * Turns email on: the owner of a recording that became ready, or whose processing failed, is
     * emailed through {@code mailer} when the owner id is an email address, with a link to
     * {@code publicUrl}{@code /library#recording-<id>}. Mail goes out on the publish step of events,
     * so it needs {@link #events}; without them nothing is mailed.
     */
    public Builder mail(Mailer mailer, HttpUrl publicUrl) {
      this.mailer = Objects.requireNonNull(mailer, "mailer");
      this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
      return this;
    }

    /** When failed deliveries are tried again ({@link WebhookRetrySchedule#defaults()} unless given). */
    public Builder webhookRetries(WebhookRetrySchedule schedule) {
      this.webhookRetries = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /** Which endpoint URLs {@link #webhooks()} accepts (https only unless given). */
    public Builder webhookUrls(WebhookUrlPolicy policy) {
      this.webhookUrls = Objects.requireNonNull(policy, "policy");
      return this;
    }

    private ShareRepository shares;
    private PasscodeHasher passcodes;
    private PasscodeAttempts passcodeAttempts;
    private PasscodeGuessLimit passcodeGuesses = PasscodeGuessLimit.defaults();
    private SharePolicy sharePolicy = SharePolicy.defaults();

    /** Where share links are kept; with {@link #passcodes} and {@link #passcodeAttempts}, turns on {@link #shareRecording} and {@link #watchShare}. */
    public Builder shares(ShareRepository shares) {
      this.shares = Objects.requireNonNull(shares, "shares");
      return this;
    }

    /** How share passcodes are hashed and checked. */
    public Builder passcodes(PasscodeHasher passcodes) {
      this.passcodes = Objects.requireNonNull(passcodes, "passcodes");
      return this;
    }

    /**
     * Where passcode tries are counted (the store of the share links, so every server on it spends
     * one budget) and how many a link, and a client address, gets per minute.
     */
    public Builder passcodeAttempts(PasscodeAttempts attempts, PasscodeGuessLimit limit) {
      this.passcodeAttempts = Objects.requireNonNull(attempts, "attempts");
      this.passcodeGuesses = Objects.requireNonNull(limit, "limit");
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

    /** How jobs are leased and retried, whatever they do ({@link JobPolicy#defaults()} unless given). */
    public Builder jobPolicy(JobPolicy policy) {
      this.jobPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * How long events (and the log of their deliveries) are kept before the sweep forgets them
     * ({@link #DEFAULT_EVENT_RETENTION} unless given, at least a day: retries need them).
     */
    public Builder eventRetention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.compareTo(Duration.ofDays(1)) < 0) {
        throw new IllegalArgumentException("events are kept at least 1 day, not " + retention);
      }
      this.eventRetention = retention;
      return this;
    }

    /**
     * Turns the speaker timeline on: once processing made a recording ready, a job finds when each
     * party spoke with {@code speech} and keeps it in {@code timelines}. An instance that only
     * queues jobs and answers the API passes its {@code timelines} and an empty {@code speech}.
     */
    public Builder speakers(SpeakerTimelines timelines, Optional<SpeechActivity> speech) {
      this.timelines = Objects.requireNonNull(timelines, "timelines");
      this.speech = speech.orElse(null);
      return this;
    }

    /**
     * Turns transcripts on (they need {@link #speakers}: the same job makes both): once processing
     * made a recording ready, each party's channel is transcribed by the engine named {@code
     * engineName} in {@code language} and kept in {@code transcripts}. An instance that only
     * queues jobs and answers the API passes an empty {@code engine}.
     */
    public Builder transcripts(Transcripts transcripts, String engineName, Optional<Transcriber> engine,
        Locale language) {
      this.transcripts = Objects.requireNonNull(transcripts, "transcripts");
      this.transcriberName = Objects.requireNonNull(engineName, "engineName");
      this.transcriber = engine.orElse(null);
      this.language = Objects.requireNonNull(language, "language");
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

    /** Where the bytes signed for uploads are counted per recording and per user and day: the repository's store. */
    public Builder ledger(UploadLedger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
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
