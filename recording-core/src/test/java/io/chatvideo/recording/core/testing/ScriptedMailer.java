package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.port.out.MailMessage;
import io.chatvideo.recording.core.port.out.MailOutcome;
import io.chatvideo.recording.core.port.out.Mailer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A {@link Mailer} that answers what the test scripted (accepted when nothing is), and keeps every message it was given. */
public final class ScriptedMailer implements Mailer {

  private final Deque<MailOutcome> script = new ArrayDeque<>();
  private final List<MailMessage> sent = new ArrayList<>();

  public synchronized void answerNext(MailOutcome outcome) {
    script.add(outcome);
  }

  /** Every message handed over, the failed attempts too. */
  public synchronized List<MailMessage> sent() {
    return List.copyOf(sent);
  }

  @Override
  public synchronized MailOutcome send(MailMessage message) {
    sent.add(message);
    MailOutcome next = script.poll();
    return next != null ? next : new MailOutcome.Accepted();
  }
}
