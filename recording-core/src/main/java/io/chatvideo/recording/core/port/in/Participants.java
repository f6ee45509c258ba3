package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.UserId;
import java.util.Set;

/** The bound on who else may see a recording: a 1:1 call has one other party, a few more are allowed. */
final class Participants {

  static final int MAX = 16;

  private Participants() {}

  static Set<UserId> check(Set<UserId> participants) {
    if (participants.size() > MAX) {
      throw new InvalidInputException("participants", "must list at most " + MAX + " users");
    }
    return Set.copyOf(participants);
  }
}
