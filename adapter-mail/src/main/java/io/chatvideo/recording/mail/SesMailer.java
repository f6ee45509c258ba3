package io.chatvideo.recording.mail;

import io.chatvideo.recording.aws.AwsClients;
import io.chatvideo.recording.core.domain.EmailAddress;
import io.chatvideo.recording.core.port.out.MailMessage;
import io.chatvideo.recording.core.port.out.MailOutcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Email through Amazon SES's v2 API ({@code SendEmail} with a simple text and HTML body), on one
 * thread-safe client built like the backend's AWS clients ({@link AwsClients}: the SDK's standard
 * retries, every call bounded by the timeout). A refusal or an unreachable SES is a failed attempt,
 * which the mail job's retry takes up.
 */
public final class SesMailer implements TransportMailer {

  private final SesV2Client ses;
  private final EmailAddress from;

  SesMailer(SesV2Client ses, EmailAddress from) {
    this.ses = ses;
    this.from = from;
  }

  /** A mailer on a client of its own; {@link #close} closes it. */
  public static SesMailer create(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
      Duration timeout, EmailAddress from) {
    SesV2ClientBuilder builder = SesV2Client.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClientBuilder(AwsClients.httpClient(timeout))
        .overrideConfiguration(AwsClients.timeouts(timeout));
    endpoint.ifPresent(builder::endpointOverride);
    return new SesMailer(builder.build(), from);
  }

  @Override
  public MailOutcome send(MailMessage message) {
    try {
      ses.sendEmail(request(message));
      return new MailOutcome.Accepted();
    } catch (SdkException e) {
      return new MailOutcome.Failed("SES: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
    }
  }

  /** The SendEmail request for a message, package-private for its test. */
  SendEmailRequest request(MailMessage message) {
    return SendEmailRequest.builder()
        .fromEmailAddress(from.value())
        .destination(Destination.builder().toAddresses(message.to().value()).build())
        .content(EmailContent.builder().simple(Message.builder()
            .subject(utf8(message.subject()))
            .body(Body.builder().text(utf8(message.text())).html(utf8(message.html())).build())
            .build()).build())
        .build();
  }

  private static Content utf8(String data) {
    return Content.builder().data(data).charset(StandardCharsets.UTF_8.name()).build();
  }

  @Override
  public void close() {
    ses.close();
  }
}
