package io.chatvideo.recording.openai.bench;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate as speech recognition measures it: the word-level Levenshtein distance
 * (substitutions + deletions + insertions) between the reference and what was heard, over the
 * reference's word count, after both are normalized (lower case, accents and punctuation dropped,
 * apostrophes kept). No Java library on Maven Central does this and is kept up (jiwer is Python's),
 * hence these few lines, tested in {@code WordErrorRateTest}.
 */
public final class WordErrorRate {

  /** The edits that turn the reference into what was heard, and which heard words matched a reference word. */
  public record Alignment(int referenceWords, int substitutions, int deletions, int insertions, boolean[] matched) {

    public int errors() {
      return substitutions + deletions + insertions;
    }

    /** The error rate; 0 for an empty reference heard as nothing, else errors over reference words. */
    public double rate() {
      return referenceWords == 0 ? (insertions == 0 ? 0 : 1) : (double) errors() / referenceWords;
    }

    public int hits() {
      int hits = 0;
      for (boolean m : matched) {
        hits += m ? 1 : 0;
      }
      return hits;
    }
  }

  private WordErrorRate() {
  }

  /** {@code text} as the words compared: lower case, no accents, no punctuation but apostrophes. */
  public static List<String> words(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]+", " ").replaceAll("(^| )'+|'+( |$)", " ");
    return Arrays.stream(folded.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
  }

  /** The minimal edit alignment of {@code heard} against {@code reference}, word by word. */
  public static Alignment align(List<String> reference, List<String> heard) {
    int n = reference.size();
    int m = heard.size();
    int[][] cost = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      cost[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      cost[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int same = reference.get(i - 1).equals(heard.get(j - 1)) ? 0 : 1;
        cost[i][j] = Math.min(cost[i - 1][j - 1] + same, Math.min(cost[i - 1][j] + 1, cost[i][j - 1] + 1));
      }
    }
    int substitutions = 0;
    int deletions = 0;
    int insertions = 0;
    boolean[] matched = new boolean[m];
    int i = n;
    int j = m;
    while (i > 0 || j > 0) {
      if (i > 0 && j > 0 && cost[i][j] == cost[i - 1][j - 1]
          + (reference.get(i - 1).equals(heard.get(j - 1)) ? 0 : 1)) {
        if (reference.get(i - 1).equals(heard.get(j - 1))) {
          matched[j - 1] = true;
        } else {
          substitutions++;
        }
        i--;
        j--;
      } else if (i > 0 && cost[i][j] == cost[i - 1][j] + 1) {
        deletions++;
        i--;
      } else {
        insertions++;
        j--;
      }
    }
    return new Alignment(n, substitutions, deletions, insertions, matched);
  }

  /** The heard words that matched no reference word in {@code alignment}, in order. */
  public static List<String> unmatched(List<String> heard, Alignment alignment) {
    List<String> left = new ArrayList<>();
    for (int j = 0; j < heard.size(); j++) {
      if (!alignment.matched()[j]) {
        left.add(heard.get(j));
      }
    }
    return left;
  }
}
