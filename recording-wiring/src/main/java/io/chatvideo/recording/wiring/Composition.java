package io.chatvideo.recording.wiring;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.AwsInfrastructure;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.WebhookUrlPolicy;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.MediaProcessor;
import io.chatvideo.recording.core.port.out.Transcriber;
import io.chatvideo.recording.ffmpeg.FfmpegMediaProcessor;
import io.chatvideo.recording.ffmpeg.FfmpegSpeechActivity;
import io.chatvideo.recording.ffmpeg.FfmpegSettings;
import io.chatvideo.recording.ffmpeg.FfmpegTranscriber;
import io.chatvideo.recording.local.LocalBackend;
import io.chatvideo.recording.local.files.ObjectAccess;
import io.chatvideo.recording.local.run.LocalRun;
import io.chatvideo.recording.mail.MailTransport;
import io.chatvideo.recording.mail.MailTransports;
import io.chatvideo.recording.mail.TransportMailer;
import io.chatvideo.recording.openai.OpenAiTranscriber;
import io.chatvideo.recording.webhook.StandardWebhookSender;
import io.chatvideo.recording.webhook.WebhookSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The one composition root: turns {@link WiringSettings} into the backend, the job runtime, the
 * engines (ffmpeg, webhooks, mail) and the {@link Recordings} facade. The server, the Lambda,
 * {@code recordings worker} and the admin commands all compose here, each in its {@link Role}, and
 * add only their own edges ({@link Edges}); {@link #describe()} says what was wired, in one line
 * that is equal for a server and a worker started from the same settings.
 */
public final class Composition implements AutoCloseable {

  /** What an entry point needs composed. */
  public enum Role {
    /** The server (and the Lambda): processing as configured (here, queued for workers, or off), events, mail. */
    SERVER,
    /** {@code recordings worker}: the job queue and the media engine, both required, events and mail. */
    WORKER,
    /** Commands that queue processing jobs without running them (sweep, reprocess). */
    QUEUE,
    /** Commands that deliver events (the webhook commands): the job queue and events, no processing. */
    EVENTS,
    /** Commands on the store alone (init, list): on aws without the queue, which init may not have made yet. */
    STORE
  }

  /** How processing is wired: the one way each of "not at all", "queued for a worker" and "run here" is said. */
  public enum ProcessingMode { OFF, QUEUE, RUN }

  /**
   * What an entry point adds.
   *
   * @param credentials AWS credentials a test or an embedding application supplies; else the SDK's default chain
   * @param corsOrigins the browser origins the aws bootstrap lets upload ({@code recording.aws.bootstrap})
   * @param watchJobs the job queue as the entry point wants to see it (the worker reports each job)
   * @param more what only this entry point wires on the facade (the server's shares and upload policies)
   */
  public record Edges(Optional<AwsCredentialsProvider> credentials, List<String> corsOrigins,
      UnaryOperator<JobQueue> watchJobs, BiConsumer<Recordings.Builder, Backend> more) {

    public static Edges none() {
      return new Edges(Optional.empty(), List.of(), UnaryOperator.identity(), (builder, backend) -> {});
    }

    public Edges watching(UnaryOperator<JobQueue> watch) {
      return new Edges(credentials, corsOrigins, watch, more);
    }
  }

  private final Backend backend;
  private final Recordings recordings;
  private final Optional<LocalBackend> local;
  private final Optional<AwsBackend> aws;
  private final ProcessingMode processing;
  private final List<String> notes;
  private final String description;
  private final List<AutoCloseable> owned;

  private Composition(Backend backend, Recordings recordings, Optional<LocalBackend> local, Optional<AwsBackend> aws,
      ProcessingMode processing, List<String> notes, String description, List<AutoCloseable> owned) {
    this.backend = backend;
    this.recordings = recordings;
    this.local = local;
    this.aws = aws;
    this.processing = processing;
    this.notes = List.copyOf(notes);
    this.description = description;
    this.owned = owned;
  }

  /**
   * Opens the backend and wires the core on it; a {@link SettingException} names the setting that
   * stops it (ffmpeg missing for a worker, a webhook URL without a queue to deliver on). What was
   * opened before the failure is closed.
   */
  public static Composition compose(WiringSettings settings, Role role, Clock clock, Edges edges) {
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      return compose(settings, role, clock, edges, owned);
    } catch (RuntimeException e) {
      closeAll(owned);
      throw e;
    }
  }

  private static Composition compose(WiringSettings settings, Role role, Clock clock, Edges edges,
      List<AutoCloseable> owned) {
    List<String> notes = new ArrayList<>();
    Optional<LocalBackend> local = Optional.empty();
    Optional<AwsBackend> aws = Optional.empty();
    Backend backend;
    if (settings.aws().isEmpty()) {
      LocalBackend opened = LocalBackend.open(settings.dataDir(), clock);
      owned.add(opened);
      local = Optional.of(opened);
      backend = local(settings, opened);
    } else {
      AwsBackend opened = edges.credentials().map(credentials -> AwsBackend.create(settings.aws().get().settings(),
          credentials)).orElseGet(() -> AwsBackend.create(settings.aws().get().settings()));
      owned.add(opened);
      aws = Optional.of(opened);
      if (role == Role.SERVER && settings.aws().get().bootstrap()) {
        opened.infrastructure().bootstrap(settings.retention().retention(), edges.corsOrigins(),
            WiringSettings.JOB_ATTEMPTS).forEach(step -> notes.add("aws bootstrap: " + step));
      }
      backend = aws(settings.aws().get(), opened, role != Role.STORE);
    }
    Recordings.Builder builder = Recordings.builder()
        .repository(backend.repository())
        .storage(backend.storage())
        .ledger(backend.ledger())
        .clock(clock)
        .retention(settings.retention())
        .jobPolicy(settings.jobs());
    backend.jobs().map(edges.watchJobs()).ifPresent(builder::jobs);
    ProcessingMode mode = mode(settings.processing(), role, backend, notes);
    ProcessingPolicy policy = settings.processing().policy();
    Optional<String> engine = Optional.empty();
    // The speaker timeline runs on processing's ffmpeg, as a job after it: an instance that does
    // not process still answers for the timelines it stores.
    builder.speakers(backend.speakerTimelines(), Optional.empty());
    switch (mode) {
      case OFF -> builder.processing(new ProcessingPolicy(false, policy.mp4(), policy.thumbnailWidth(),
          policy.attemptLimit(), policy.requeueAfter(), policy.maxDuration()));
      case QUEUE -> builder.processing(policy);
      case RUN -> {
        FfmpegSettings ffmpeg = ffmpeg(settings.processing(), role).orElseThrow();
        MediaProcessor media = SettingReader.checked(Setting.PROCESSING_TIMEOUT,
            () -> new FfmpegMediaProcessor(ffmpeg));
        // Each run works in a directory of its own; those of runs that died mid-job go now.
        Path work = settings.dataDir().resolve("processing");
        LocalRun.removeDeadWorkDirectories(work);
        builder.media(media).processing(policy).workDirectory(LocalRun.workDirectory(work))
            .speakers(backend.speakerTimelines(), Optional.of(new FfmpegSpeechActivity(ffmpeg)));
        engine = Optional.of("ffmpeg " + ffmpeg.ffmpeg() + " (timeout " + ffmpeg.timeout() + ")");
      }
    }
    Optional<String> transcriber = transcripts(settings, backend, builder, mode, role, notes, owned);
    boolean mailHere = role == Role.SERVER || role == Role.WORKER;
    if (backend.events().isPresent()) {
      BackendEvents events = backend.events().get();
      WiringSettings.Webhooks webhooks = settings.webhooks();
      if (mailHere) {
        ConfiguredWebhook.configure(webhooks, events.endpoints(), clock, role == Role.SERVER);
      }
      StandardWebhookSender sender = SettingReader.checked(Setting.WEBHOOK_TIMEOUT, () -> StandardWebhookSender.create(
          new WebhookSettings(webhooks.timeout(), webhooks.allowLoopback(), WebhookSettings.DEFAULT_MAX_RESPONSE_BYTES)));
      owned.add(sender);
      builder.events(events.outbox(), events.endpoints(), sender)
          .webhookUrls(new WebhookUrlPolicy(webhooks.allowLoopback()))
          .webhookRetries(webhooks.retries())
          .eventRetention(webhooks.retention());
      if (mailHere) {
        mailer(settings, clock, edges, owned).ifPresent(mailer -> builder.mail(mailer,
            settings.mail().publicUrl().orElseThrow()));
      }
    } else if (role == Role.SERVER && settings.mail().enabled()) {
      throw new SettingException(Setting.MAIL_TRANSPORT.key(), "needs a job queue to send on: set "
          + "recording.aws.queue (mail goes out on the events published there; adapter-mail/README.md)");
    } else if (role == Role.SERVER && settings.webhooks().url().isPresent()) {
      throw new SettingException(Setting.WEBHOOK_URL.key(), "needs a job queue to deliver on: set "
          + "recording.aws.queue (events are written with the changes and published on it; adapter-aws/README.md, "
          + "Events)");
    }
    edges.more().accept(builder, backend);
    Recordings recordings = builder.build();
    return new Composition(backend, recordings, local, aws, mode, notes,
        describe(settings, backend, mode, engine, transcriber, mailHere), owned);
  }

  /** The facade every entry point calls. */
  public Recordings recordings() {
    return recordings;
  }

  /** The backend's ports, for what the entry point checks itself (the server's health check). */
  public Backend backend() {
    return backend;
  }

  /** How processing was wired. */
  public ProcessingMode processing() {
    return processing;
  }

  /** The local store's capability URLs, for the server's {@code /objects} routes; empty on aws. */
  public Optional<ObjectAccess> objects() {
    return local.map(LocalBackend::objects);
  }

  /** The aws store's infrastructure, for {@code admin init}; empty on the local store. */
  public Optional<AwsInfrastructure> infrastructure() {
    return aws.map(AwsBackend::infrastructure);
  }

  /** What the composition decided and why, one line each, for the entry point to log. */
  public List<String> notes() {
    return notes;
  }

  /**
   * The policies wired, in one line: store, queue, AWS call timeout, job runtime, processing and
   * its engine, webhooks, mail. Equal for a server and a worker started from the same settings.
   */
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    closeAll(owned);
  }

  /** Closes in the reverse order of opening: the mailer and the webhook sender before the store they work on. */
  private static void closeAll(List<AutoCloseable> owned) {
    RuntimeException failed = null;
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (IOException e) {
        // Connections die with the process; what is left is closed regardless.
      } catch (Exception e) {
        failed = failed != null ? failed : new IllegalStateException("closing " + owned.get(i), e);
      }
    }
    owned.clear();
    if (failed != null) {
      throw failed;
    }
  }

  private static String describe(WiringSettings settings, Backend backend, ProcessingMode mode,
      Optional<String> engine, Optional<String> transcriber, boolean mail) {
    WiringSettings.Webhooks webhooks = settings.webhooks();
    StringBuilder line = new StringBuilder();
    line.append("store ").append(settings.aws().isPresent() ? "aws" : "local");
    settings.aws().ifPresent(aws -> line.append(" (aws call timeout ").append(aws.settings().apiCallTimeout())
        .append(')'));
    line.append(", recordings kept ").append(settings.retention().retention());
    line.append("; queue ").append(backend.jobs().isEmpty() ? "none" : settings.aws()
        .flatMap(aws -> aws.settings().queue()).map(queue -> "sqs " + queue).orElse("sqlite"));
    line.append("; jobs lease ").append(settings.jobs().lease()).append(", retry base ")
        .append(settings.jobs().backoffs().get(JobKind.PROCESS_RECORDING).first()).append(" (mail ")
        .append(settings.jobs().backoffs().get(JobKind.SEND_EMAIL).first()).append("), ")
        .append(WiringSettings.JOB_ATTEMPTS).append(" attempts");
    line.append("; processing ").append(mode.name().toLowerCase(Locale.ROOT));
    engine.ifPresent(e -> line.append(" with ").append(e));
    line.append(", mp4 ").append(settings.processing().policy().mp4()).append(", longest ")
        .append(settings.processing().policy().maxDuration());
    line.append("; transcripts ").append(transcriber.orElse("off"));
    line.append("; events ").append(backend.events().isPresent() ? "on" : "off");
    if (backend.events().isPresent()) {
      line.append(", webhook url ").append(webhooks.url().isPresent() ? "set" : "unset")
          .append(", timeout ").append(webhooks.timeout())
          .append(", retries ").append(webhooks.retries().delays())
          .append(", kept ").append(webhooks.retention())
          .append(", loopback ").append(webhooks.allowLoopback() ? "allowed" : "refused");
      line.append("; mail ").append(mail ? settings.mail().transport().name().toLowerCase(Locale.ROOT) : "not here");
    }
    return line.toString();
  }

  /**
   * The {@code openai} transcription engine ({@code recording.transcripts.engine=openai}) from its
   * settings; a refusal naming {@code recording.transcripts.openai.url} when none is set. The
   * caller owns (closes) it.
   */
  static OpenAiTranscriber openAiTranscriber(WiringSettings settings) {
    return OpenAiTranscriber.create(settings.openai().orElseThrow(() -> new SettingException(
        Setting.TRANSCRIPTS_OPENAI_URL.key(), "is required with the openai transcription engine")));
  }

  /**
   * Transcripts, made by the speaker job after processing: the engine {@code
   * recording.transcripts.engine} names, or unset, {@code embedded} when ffmpeg has PocketSphinx's
   * {@code asr} filter, else off (said in {@code notes}). Built here only, so the server, the
   * worker, the admin commands and the Lambda transcribe alike; an instance that does not process
   * stores and answers for transcripts without an engine. Returns the engine's description.
   */
  private static Optional<String> transcripts(WiringSettings settings, Backend backend, Recordings.Builder builder,
      ProcessingMode mode, Role role, List<String> notes, List<AutoCloseable> owned) {
    WiringSettings.Transcripts transcripts = settings.transcripts();
    Optional<FfmpegSettings> ffmpeg = FfmpegSettings.find(settings.processing().ffmpeg()).map(found ->
        new FfmpegSettings(found.ffmpeg(), found.ffprobe(), settings.processing().timeout()));
    WiringSettings.TranscriptEngine chosen = transcripts.engine().orElseGet(() -> {
      boolean asr = ffmpeg.map(FfmpegTranscriber::hasAsrFilter).orElse(false);
      if (role == Role.SERVER || role == Role.WORKER) {
        notes.add(asr ? "transcripts are on (recording.transcripts.engine unset, and ffmpeg has the asr filter): the "
            + "embedded engine, PocketSphinx, " + transcripts.language().toLanguageTag()
            : "transcripts are off: recording.transcripts.engine is unset and ffmpeg ('" + settings.processing().ffmpeg()
                + "') has no asr filter (Debian's ffmpeg has it); set it to embedded or openai to turn them on");
      }
      return asr ? WiringSettings.TranscriptEngine.EMBEDDED : WiringSettings.TranscriptEngine.OFF;
    });
    return switch (chosen) {
      case OFF -> Optional.empty();
      case OPENAI -> {
        // Built on every role, so a missing or refused URL stops start-up, not the first recording.
        OpenAiTranscriber openai = openAiTranscriber(settings);
        owned.add(openai);
        builder.transcripts(backend.transcripts(), openai.name(),
            mode == ProcessingMode.RUN ? Optional.of(openai) : Optional.empty(), transcripts.language());
        yield Optional.of(openai.describe() + ", " + transcripts.language().toLanguageTag());
      }
      case EMBEDDED -> {
        String language = transcripts.language().toLanguageTag();
        if (!FfmpegTranscriber.supports(transcripts.language())) {
          throw new SettingException(Setting.TRANSCRIPTS_LANGUAGE.key(), "'" + language + "' is not a language the "
              + "embedded engine knows: en-US only (set recording.transcripts.engine=openai for others)");
        }
        Optional<Transcriber> engine = Optional.empty();
        if (mode == ProcessingMode.RUN) {
          FfmpegSettings found = ffmpeg.orElseThrow();
          if (!FfmpegTranscriber.hasAsrFilter(found)) {
            throw new SettingException(Setting.TRANSCRIPTS_ENGINE.key(), "is embedded, but ffmpeg ('"
                + found.ffmpeg() + "') has no asr filter: install Debian's ffmpeg (built with PocketSphinx), or set "
                + "it to openai or off");
          }
          engine = Optional.of(FfmpegTranscriber.on(found));
        }
        builder.transcripts(backend.transcripts(), FfmpegTranscriber.NAME, engine, transcripts.language());
        yield Optional.of("embedded (PocketSphinx, " + language + ")");
      }
    };
  }

  /** How processing is wired for {@code role}; says why in {@code notes}. */
  private static ProcessingMode mode(WiringSettings.Processing processing, Role role, Backend backend,
      List<String> notes) {
    return switch (role) {
      case STORE, EVENTS -> ProcessingMode.OFF;
      case QUEUE -> backend.jobs().isPresent() ? ProcessingMode.QUEUE : ProcessingMode.OFF;
      case WORKER -> ProcessingMode.RUN;
      case SERVER -> serverMode(processing, backend, notes);
    };
  }

  private static ProcessingMode serverMode(WiringSettings.Processing processing, Backend backend, List<String> notes) {
    if (Boolean.FALSE.equals(processing.enabled().orElse(null))) {
      notes.add("processing is off (recording.processing.enabled=false): recordings stay as uploaded");
      return ProcessingMode.OFF;
    }
    if (backend.jobs().isEmpty()) {
      if (processing.enabled().orElse(false)) {
        throw new SettingException(Setting.PROCESSING_ENABLED.key(), "is true, but the " + backend.description()
            + " backend has no job queue for it");
      }
      notes.add("processing is off: the backend has no job queue");
      return ProcessingMode.OFF;
    }
    if (processing.workers() == 0) {
      notes.add("processing is on with no worker in this server (recording.processing.workers=0): completed "
          + "recordings are queued for 'recordings worker' to process");
      return ProcessingMode.QUEUE;
    }
    if (ffmpeg(processing, Role.SERVER).isEmpty()) {
      notes.add("processing is off: ffmpeg was not found ('" + processing.ffmpeg() + "' with ffprobe beside it); "
          + "install ffmpeg to make recordings seekable, with an MP4 and a thumbnail");
      return ProcessingMode.OFF;
    }
    notes.add("processing is on: " + processing.workers() + " worker(s), ffmpeg " + processing.ffmpeg() + ", mp4 "
        + (processing.policy().mp4() ? "on" : "off"));
    return ProcessingMode.RUN;
  }

  /**
   * ffmpeg with ffprobe beside it, as configured; missing: a refusal when it is required (a
   * worker, or processing asked for), else empty.
   */
  private static Optional<FfmpegSettings> ffmpeg(WiringSettings.Processing processing, Role role) {
    Optional<FfmpegSettings> found = FfmpegSettings.find(processing.ffmpeg()).map(ffmpeg -> SettingReader.checked(
        Setting.PROCESSING_TIMEOUT, () -> new FfmpegSettings(ffmpeg.ffmpeg(), ffmpeg.ffprobe(), processing.timeout())));
    if (found.isEmpty() && (role == Role.WORKER || processing.enabled().orElse(false))) {
      throw new SettingException(Setting.PROCESSING_FFMPEG.key(), "'" + processing.ffmpeg() + "' with ffprobe beside "
          + "it is not an executable program; install ffmpeg, point this at it"
          + (role == Role.WORKER ? " (or --ffmpeg PATH)" : ", or set recording.processing.enabled=false"));
    }
    return found;
  }

  /** The mailer, if mail is on; SES takes the given credentials, else its own default chain, closed with this. */
  private static Optional<TransportMailer> mailer(WiringSettings settings, Clock clock, Edges edges,
      List<AutoCloseable> owned) {
    if (!settings.mail().enabled()) {
      return Optional.empty();
    }
    AwsCredentialsProvider credentials = edges.credentials().orElse(null);
    if (credentials == null && settings.mail().transport() == MailTransport.SES) {
      DefaultCredentialsProvider own = DefaultCredentialsProvider.builder().build();
      owned.add(own);
      credentials = own;
    }
    AwsCredentialsProvider chosen = credentials;
    Optional<TransportMailer> mailer = MailTransports.open(settings.mail(), clock, () -> chosen);
    mailer.ifPresent(owned::add);
    return mailer;
  }

  private static Backend local(WiringSettings settings, LocalBackend local) {
    return new Backend("local, data " + settings.dataDir(), local.repository(), local.storage(), local.ledger(),
        Optional.of(local.jobs(WiringSettings.JOB_ATTEMPTS)), local.shares(), local.passcodeAttempts(),
        Optional.of(new BackendEvents(local.events(), local.webhookEndpoints())), local.speakerTimelines(),
        local.transcripts());
  }

  /** With {@code withQueue}, the job queue and events on it when a queue is configured. */
  private static Backend aws(WiringSettings.AwsStore store, AwsBackend backend, boolean withQueue) {
    Optional<JobQueue> jobs = Optional.empty();
    if (withQueue) {
      try {
        jobs = backend.jobs(WiringSettings.JOB_ATTEMPTS);
      } catch (RuntimeException e) {
        throw new SettingException(Setting.AWS_QUEUE.key(), String.valueOf(e.getMessage()));
      }
    }
    return new Backend("aws, bucket " + store.settings().bucket() + ", table " + store.settings().table()
        + store.settings().queue().map(queue -> ", queue " + queue).orElse(""), backend.repository(),
        backend.storage(), backend.ledger(), jobs, backend.shares(), backend.passcodeAttempts(),
        jobs.map(queue -> new BackendEvents(backend.events(queue), backend.webhookEndpoints())),
        backend.speakerTimelines(), backend.transcripts());
  }
}
