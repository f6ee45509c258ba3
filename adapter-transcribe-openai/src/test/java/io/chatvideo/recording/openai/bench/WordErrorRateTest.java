package io.chatvideo.recording.openai.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scoring the accuracy benchmark reports, on cases worked by hand. */
class WordErrorRateTest {

  @Test
  void wordsAreComparedLowerCaseWithoutPunctuationOrAccents() {
    assertThat(WordErrorRate.words("  Hello, World!  It's 5 o'clock — Café. 'quoted' ")).containsExactly(
        "hello", "world", "it's", "5", "o'clock", "cafe", "quoted");
    assertThat(WordErrorRate.words(" ... ")).isEmpty();
  }

  @Test
  void substitutionsDeletionsAndInsertionsEachCountOnce() {
    List<String> reference = WordErrorRate.words("the quick brown fox jumps over the lazy dog");

    WordErrorRate.Alignment same = WordErrorRate.align(reference, reference);
    assertThat(same.errors()).isZero();
    assertThat(same.hits()).isEqualTo(9);

    WordErrorRate.Alignment heard = WordErrorRate.align(reference,
        WordErrorRate.words("the quick brown fox jumped over lazy dog today"));
    assertThat(heard.substitutions()).isEqualTo(1); // jumps -> jumped
    assertThat(heard.deletions()).isEqualTo(1); // the
    assertThat(heard.insertions()).isEqualTo(1); // today
    assertThat(heard.rate()).isCloseTo(3 / 9.0, within(1e-9));
    assertThat(WordErrorRate.unmatched(WordErrorRate.words("the quick brown fox jumped over lazy dog today"), heard))
        .containsExactly("jumped", "today");
  }

  @Test
  void nothingHeardIsAllDeletionsAndNothingSaidIsAllInsertions() {
    assertThat(WordErrorRate.align(List.of("a", "b"), List.of()).rate()).isEqualTo(1.0);
    assertThat(WordErrorRate.align(List.of(), List.of()).rate()).isZero();
    assertThat(WordErrorRate.align(List.of(), List.of("x")).rate()).isEqualTo(1.0);
  }

  @Test
  void wordsThatBledInFromTheOtherPartyAreAttributedWrongAndPlainErrorsNeither() {
    List<String> local = WordErrorRate.words("good morning how was the flight");
    List<String> remote = WordErrorRate.words("the train was late again");

    Attribution a = Attribution.of(local, remote, WordErrorRate.words("good morning train late how was the fight"));

    assertThat(a.right()).isEqualTo(5); // good morning how was the
    assertThat(a.wrong()).isEqualTo(2); // train late: the remote party's, heard on the local channel
    assertThat(a.share()).isCloseTo(5 / 7.0, within(1e-9));
    assertThat(new Attribution(0, 0).share()).isEqualTo(1.0);
    assertThat(a.plus(new Attribution(3, 0))).isEqualTo(new Attribution(8, 2));
  }
}
