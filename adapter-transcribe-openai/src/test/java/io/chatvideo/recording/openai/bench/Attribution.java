package io.chatvideo.recording.openai.bench;

import java.util.List;

/**
 * Whose words a channel's transcript holds: a heard word that matches its own party's script
 * (in order, by the WER alignment) is attributed right; one that matches nothing there but the
 * other party's script (cross-talk bleeding into the microphone) is attributed wrong; the rest are
 * plain recognition errors, neither. The share right is right over right plus wrong.
 */
public record Attribution(int right, int wrong) {

  /** The attribution of what was heard on one channel, whose party said {@code own}. */
  public static Attribution of(List<String> own, List<String> other, List<String> heard) {
    WordErrorRate.Alignment mine = WordErrorRate.align(own, heard);
    List<String> rest = WordErrorRate.unmatched(heard, mine);
    return new Attribution(mine.hits(), WordErrorRate.align(other, rest).hits());
  }

  public Attribution plus(Attribution more) {
    return new Attribution(right + more.right, wrong + more.wrong);
  }

  /** Right over all attributed; 1 when nothing was attributed at all. */
  public double share() {
    return right + wrong == 0 ? 1 : (double) right / (right + wrong);
  }
}
