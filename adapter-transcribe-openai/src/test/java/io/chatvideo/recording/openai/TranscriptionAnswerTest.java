package io.chatvideo.recording.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chatvideo.recording.core.domain.SpokenText;
import io.chatvideo.recording.core.domain.TranscriptionException;
import io.chatvideo.recording.core.domain.TranscriptionException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answers OpenAI-compatible servers give, as the engine reads them. */
class TranscriptionAnswerTest {

  @Test
  void openAiVerboseJsonSegmentsInSecondsMoveByTheChunksOffset() {
    String openAi = """
        {"task":"transcribe","language":"english","duration":8.47,"text":"Hello there. How are you?",
         "segments":[{"id":0,"seek":0,"start":0.0,"end":1.52,"text":" Hello there.","tokens":[50364,2425],
                      "temperature":0.0,"avg_logprob":-0.2,"compression_ratio":0.8,"no_speech_prob":0.01},
                     {"id":1,"seek":0,"start":1.52,"end":3.0,"text":" How are you?"}]}""";

    assertThat(read(openAi, 60_000, 10_000)).containsExactly(new SpokenText(60_000, 61_520, "Hello there."),
        new SpokenText(61_520, 63_000, "How are you?"));
  }

  @Test
  void whisperCppSegmentsWithWordsAndAnEndJustPastTheAudioAreKeptInsideIt() {
    String whisperCpp = """
        {"task":"transcribe","language":"english","duration":4.0,"text":" hi","segments":[
          {"id":0,"text":" hi","start":0.0,"end":4.02,"tokens":[1],"words":[{"word":" hi","start":0.0,"end":4.02}],
           "temperature":0.0,"avg_logprob":-0.1,"no_speech_prob":0.0}],
         "detected_language":"english","detected_language_probability":0.9}""";

    assertThat(read(whisperCpp, 0, 4_000)).containsExactly(new SpokenText(0, 4_000, "hi"));
  }

  @Test
  void localAiSegmentTimesInNanosecondsAreReadAsSuch() {
    String localAi = """
        {"segments":[{"id":0,"start":500000000,"end":2500000000,"text":"good morning","tokens":[1,2]}],
         "text":"good morning"}""";

    assertThat(read(localAi, 1_000, 5_000)).containsExactly(new SpokenText(1_500, 3_500, "good morning"));
  }

  @Test
  void anAnswerWithTextAloneIsOnePhraseOverTheChunkAndSilenceIsNothing() {
    assertThat(read("{\"text\":\" Just text. \"}", 2_000, 3_000))
        .containsExactly(new SpokenText(2_000, 5_000, "Just text."));
    assertThat(read("{\"text\":\"\",\"segments\":[]}", 0, 3_000)).isEmpty();
    assertThat(read("{\"text\":\"x\",\"segments\":[{\"start\":0,\"end\":1,\"text\":\"  \"}]}", 0, 3_000)).isEmpty();
  }

  @Test
  void whatIsNotATranscriptIsABadAnswer() {
    for (String answer : List.of("<html>", "[]", "{}", "{\"segments\":{}}", "{\"segments\":[{\"text\":\"a\"}]}",
        "{\"segments\":[{\"start\":2,\"end\":1,\"text\":\"a\"}]}",
        "{\"segments\":[{\"start\":0,\"end\":400,\"text\":\"a\"}]}")) {
      TranscriptionException e = catchThrowableOfType(() -> read(answer, 0, 3_000), TranscriptionException.class);
      assertThat(e).as(answer).isNotNull();
      assertThat(e.reason()).isEqualTo(Reason.BAD_ANSWER);
      assertThat(e.getMessage()).isEqualTo("the transcription server's answer is not a transcript");
    }
  }

  private static List<SpokenText> read(String answer, long offsetMs, long chunkMs) {
    return TranscriptionAnswer.read(answer.getBytes(StandardCharsets.UTF_8), offsetMs, chunkMs);
  }
}
