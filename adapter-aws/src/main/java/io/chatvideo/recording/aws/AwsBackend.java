package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.port.out.EventOutbox;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import io.chatvideo.recording.core.port.out.ShareRepository;
import io.chatvideo.recording.core.port.out.SpeakerTimelines;
import io.chatvideo.recording.core.port.out.Transcripts;
import io.chatvideo.recording.core.port.out.UploadLedger;
import io.chatvideo.recording.core.port.out.WebhookEndpoints;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The production backend: one {@link S3Client}, one {@link S3Presigner}, one {@link
 * DynamoDbClient} and, with a job queue configured, one {@link SqsClient} per application (they are thread-safe and costly to build), behind the core's
 * ports. For example:
 *
 * <pre>{@code
 * try (AwsBackend aws = AwsBackend.create(AwsSettings.of("eu-west-1", "acme-recordings", "recordings"))) {
 *   Recordings recordings = Recordings.builder().repository(aws.repository()).storage(aws.storage())
 *       .ledger(aws.ledger()).build();
 *   ...
 * }
 * }</pre>
 */
public final class AwsBackend implements AutoCloseable {

  /** Receives of a job before SQS dead-letters it, as the embedded queue's attempts. */
  public static final int DEFAULT_JOB_ATTEMPTS = 5;

  private final S3Client s3;
  private final S3Presigner presigner;
  private final DynamoDbClient dynamoDb;
  private final AutoCloseable ownedCredentials;
  private final DynamoDbRecordingRepository repository;
  private final String table;
  private final ShareRepository shares;
  private final UploadLedger ledger;
  private final ObjectStorage storage;
  private final AwsInfrastructure infrastructure;
  private final Optional<SqsClient> sqs;
  private final Optional<String> queue;

  private AwsBackend(AwsSettings settings, AwsCredentialsProvider credentials, AutoCloseable ownedCredentials) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(credentials, "credentials");
    this.ownedCredentials = ownedCredentials;
    Region region = Region.of(settings.region());
    ClientOverrideConfiguration timeouts = AwsClients.timeouts(settings.apiCallTimeout());

    S3ClientBuilder s3Builder = S3Client.builder()
        .region(region)
        .credentialsProvider(credentials)
        .httpClientBuilder(httpClient(settings))
        .overrideConfiguration(timeouts)
        .forcePathStyle(settings.pathStyle())
        // Checksums only where S3 requires them: S3-compatible services reject the newer defaults.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    settings.s3Endpoint().ifPresent(s3Builder::endpointOverride);
    this.s3 = s3Builder.build();

    S3Presigner.Builder presignerBuilder = S3Presigner.builder()
        .region(region)
        .credentialsProvider(credentials)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
    settings.s3Endpoint().ifPresent(presignerBuilder::endpointOverride);
    this.presigner = presignerBuilder.build();

    DynamoDbClientBuilder dynamoDbBuilder = DynamoDbClient.builder()
        .region(region)
        .credentialsProvider(credentials)
        .httpClientBuilder(httpClient(settings))
        .overrideConfiguration(timeouts);
    settings.dynamoDbEndpoint().ifPresent(dynamoDbBuilder::endpointOverride);
    this.dynamoDb = dynamoDbBuilder.build();

    this.queue = settings.queue();
    this.sqs = settings.queue().map(name -> {
      // A long poll holds the socket for up to 20 s before SQS answers: its read must outlast that.
      Duration read = settings.apiCallTimeout().plus(SqsJobQueue.MAX_WAIT);
      SqsClientBuilder sqsBuilder = SqsClient.builder()
          .region(region)
          .credentialsProvider(credentials)
          .httpClientBuilder(AwsClients.httpClient(settings.apiCallTimeout()).socketTimeout(read))
          .overrideConfiguration(timeouts);
      settings.sqsEndpoint().ifPresent(sqsBuilder::endpointOverride);
      return sqsBuilder.build();
    });

    this.table = settings.table();
    this.repository = new DynamoDbRecordingRepository(dynamoDb, settings.table(), settings.bucket());
    this.shares = new DynamoDbShareRepository(dynamoDb, settings.table());
    this.ledger = new DynamoDbUploadLedger(dynamoDb, settings.table());
    this.storage = new S3ObjectStorage(s3, presigner, credentials, settings.bucket(), settings.apiCallTimeout());
    this.infrastructure = new AwsInfrastructure(s3, dynamoDb, sqs, settings);
  }

  /** The backend with credentials from the default provider chain (environment, profile, container, instance). */
  public static AwsBackend create(AwsSettings settings) {
    DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    return new AwsBackend(settings, credentials, credentials);
  }

  /** The backend with the caller's credentials provider, which stays the caller's to close. */
  public static AwsBackend create(AwsSettings settings, AwsCredentialsProvider credentials) {
    return new AwsBackend(settings, credentials, () -> { });
  }

  /** Recording metadata in DynamoDB. */
  public RecordingRepository repository() {
    return repository;
  }

  /** The bytes signed for uploads per recording and per user and day, as items of the recordings table. */
  public UploadLedger ledger() {
    return ledger;
  }

  /** Share links in the recordings table, under their own key prefixes. */
  public ShareRepository shares() {
    return shares;
  }

  /** Transcripts as items of the recordings table, expiring and deleted with their recording. */
  public Transcripts transcripts() {
    return new DynamoDbTranscripts(dynamoDb, table, repository);
  }

  /** Speaker timelines as items of the recordings table, expiring and deleted with their recording. */
  public SpeakerTimelines speakerTimelines() {
    return new DynamoDbSpeakerTimelines(dynamoDb, table, repository);
  }

  /** Passcode tries as items of the recordings table with a TTL: every server on the table spends one budget. */
  public PasscodeAttempts passcodeAttempts() {
    return new DynamoDbPasscodeAttempts(dynamoDb, table);
  }

  /** Recording bytes in S3; presigned URLs are absolute. */
  public ObjectStorage storage() {
    return storage;
  }

  /**
   * Processing jobs in the configured SQS queue, whose job is dead after {@code maxAttempts}
   * receives; empty when no queue is configured. The queue and its dead-letter queue must exist
   * ({@link AwsInfrastructure#bootstrap}); a {@code StorageUnavailableException} names the missing one.
   */
  public Optional<JobQueue> jobs(int maxAttempts) {
    return sqs.map(client -> SqsJobQueue.existing(client, queue.orElseThrow(), maxAttempts));
  }

  /**
   * The event outbox: a recording's change and its event are one DynamoDB transaction, and the
   * event's publish job goes to {@code jobs} (the configured SQS queue, {@link #jobs}) after it;
   * the sweep's relay sends the job of an event whose send was lost. See the README, Events.
   */
  public EventOutbox events(JobQueue jobs) {
    return new DynamoDbEventOutbox(dynamoDb, table, repository, Objects.requireNonNull(jobs, "jobs"));
  }

  /** The webhook endpoints and their delivery log, in the recordings table under their own keys. */
  public WebhookEndpoints webhookEndpoints() {
    return new DynamoDbWebhookEndpoints(dynamoDb, table);
  }

  /** Creates and updates the table, the bucket and, when configured, the job queues. */
  public AwsInfrastructure infrastructure() {
    return infrastructure;
  }

  /** Closes the clients, and the credentials provider if this backend made it. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (AutoCloseable resource : new AutoCloseable[] {presigner, s3, dynamoDb, sqs.orElse(null), ownedCredentials}) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing the AWS clients failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static ApacheHttpClient.Builder httpClient(AwsSettings settings) {
    return AwsClients.httpClient(settings.apiCallTimeout());
  }
}
