package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.EmailAddress;
import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.port.out.EventOutbox;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.MailOutcome;
import io.chatvideo.recording.core.port.out.Mailer;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Email on the job machinery: the publish step of a {@code recording.ready} or {@code
 * recording.processing_failed} event queues a {@link JobKind#SEND_EMAIL} job (subject: the event
 * id) when the owner's id is an email address; that job renders the message from the recording as
 * it is then and hands it to the {@link Mailer}. A mail service that is down makes the job answer
 * a failure, which the queue retries after mail's backoff ({@link io.chatvideo.recording.core.domain.JobPolicy}); nothing else waits on it, so it can
 * never fail the recording, the upload or an API call.
 */
final class MailService {

  private static final Set<EventType> MAILED = Set.of(EventType.RECORDING_READY, EventType.RECORDING_PROCESSING_FAILED);

  private final EventOutbox outbox;
  private final RecordingRepository repository;
  private final JobQueue jobs;
  private final Mailer mailer;
  private final HttpUrl publicUrl;
  private final Clock clock;

  MailService(EventOutbox outbox, RecordingRepository repository, JobQueue jobs, Mailer mailer, HttpUrl publicUrl,
      Clock clock) {
    this.outbox = outbox;
    this.repository = repository;
    this.jobs = jobs;
    this.mailer = mailer;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  /**
   * The publish step's part, beside the webhooks and whatever they answer: a mail job for the event
   * when it is one people are emailed about and its recording's owner has an address. The event is
   * the one the publish step read; the recording is read here, and once more when the mail is
   * rendered (as it is then).
   */
  void queue(RecordingEvent event) {
    if (addressed(event).isPresent()) {
      jobs.enqueue(JobKind.SEND_EMAIL, event.id().toString(), clock.instant());
    }
  }

  /** The mail job: empty when sent or when there is nothing (any more) to send; else why the attempt failed. */
  Optional<String> send(String subject) {
    Optional<Addressed> found = outbox.find(new EventId(subject)).flatMap(this::addressed);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Addressed mail = found.get();
    MailOutcome outcome = mailer.send(RecordingMail.of(mail.event().type(), mail.recording(), mail.to(), publicUrl));
    return outcome instanceof MailOutcome.Failed failed ? Optional.of("the mail service: " + failed.reason())
        : Optional.empty();
  }

  /** The event, its recording (still there, completed) and the owner's address, when all three exist. */
  private Optional<Addressed> addressed(RecordingEvent event) {
    if (!MAILED.contains(event.type())) {
      return Optional.empty();
    }
    Optional<Recording> recording = EventPayloads.recordingId(event).flatMap(repository::find);
    if (!(recording.orElse(null) instanceof CompletedRecording completed)) {
      return Optional.empty();
    }
    return EmailAddress.of(completed.details().owner()).map(to -> new Addressed(event, completed, to));
  }

  private record Addressed(RecordingEvent event, CompletedRecording recording, EmailAddress to) {}
}
