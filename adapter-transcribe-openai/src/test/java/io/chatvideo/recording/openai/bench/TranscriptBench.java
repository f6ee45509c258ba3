package io.chatvideo.recording.openai.bench;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.SpokenText;
import io.chatvideo.recording.core.port.out.Transcriber;
import io.chatvideo.recording.ffmpeg.FfmpegSettings;
import io.chatvideo.recording.ffmpeg.FfmpegSpeechActivity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The accuracy benchmark of issue 29 (run by {@code bench/transcripts.sh}): makes test calls with
 * known words ({@link SyntheticCall}: clean, noise, crosstalk), takes each party's channel out with
 * {@link FfmpegSpeechActivity#partyAudio} and transcribes it with each engine, both parties at once
 * (the machine's two cores), and reports the word error rate, the share of words attributed to the
 * right party and the time taken (channel extraction included) as a fraction of the call's length,
 * then a verdict against the issue's targets.
 *
 * <p>Options: {@code --seconds N} (60; 600 for the 10-minute verdict), {@code --variants
 * clean,noise,crosstalk}, {@code --engines openai-asr,embedded,openai}, {@code --openai-url URL},
 * {@code --openai-model NAME} (whisper-1), {@code --work DIR}.
 */
public final class TranscriptBench {

  private static final ContentType WEBM = ContentType.parse("audio/webm");

  private TranscriptBench() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new java.util.HashMap<>(Map.of("--seconds", "60", "--variants",
        "clean,noise,crosstalk", "--engines", "openai-asr,embedded,openai", "--openai-model", "whisper-1",
        "--work", "bench/results/transcripts"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    int seconds = Integer.parseInt(options.get("--seconds"));
    Path work = Path.of(options.get("--work"));
    FfmpegSpeechActivity speech = new FfmpegSpeechActivity(FfmpegSettings.find(Path.of("ffmpeg"))
        .orElseThrow(() -> new IllegalStateException("ffmpeg and ffprobe must be on PATH")));
    List<String> verdicts = new ArrayList<>();
    System.out.printf(Locale.ROOT, "call: %d s, local rms (left) and remote awb (right), noise at %.0f dB SNR, "
        + "cross-talk: %.0f s overlaps, bleed %.0f dB after %d ms%n", seconds, SyntheticCall.SNR_DB,
        SyntheticCall.OVERLAP_SECONDS, SyntheticCall.BLEED_DB, SyntheticCall.BLEED_DELAY_MS);
    System.out.printf("%-11s %-10s %6s %6s %6s %9s %8s %6s%n", "engine", "variant", "WER", "WER-L", "WER-R",
        "attrib", "words", "time");
    for (String name : options.get("--engines").split(",")) {
      Engines.Opened opened = Engines.open(name, Optional.ofNullable(options.get("--openai-url")),
          Optional.ofNullable(System.getenv("OPENAI_API_KEY")).filter(key -> !key.isBlank()),
          options.get("--openai-model"));
      try {
        if (opened.engine().isEmpty()) {
          System.out.println(opened.note());
          continue;
        }
        System.out.println("# " + opened.note());
        for (String variant : options.get("--variants").split(",")) {
          SyntheticCall.Call call = SyntheticCall.make(variant, seconds, work.resolve(variant));
          Result result = run(opened.engine().get(), speech, call, work.resolve(variant).resolve(name));
          System.out.printf(Locale.ROOT, "%-11s %-10s %5.1f%% %5.1f%% %5.1f%% %8.1f%% %8d %5.2fx%n", name, variant,
              100 * result.wer(), 100 * result.byParty().get(Party.LOCAL).rate(), 100 * result.byParty().get(Party.REMOTE).rate(),
              100 * result.attribution().share(), result.referenceWords(), result.timeFraction());
          verdicts.addAll(verdict(name, variant, seconds, result));
        }
      } finally {
        for (AutoCloseable owned : opened.owned()) {
          owned.close();
        }
      }
    }
    verdicts.forEach(System.out::println);
  }

  /** What one engine made of one call. */
  record Result(Map<Party, WordErrorRate.Alignment> byParty, Attribution attribution, double timeFraction) {

    double wer() {
      int errors = byParty.values().stream().mapToInt(WordErrorRate.Alignment::errors).sum();
      return (double) errors / Math.max(1, referenceWords());
    }

    int referenceWords() {
      return byParty.values().stream().mapToInt(WordErrorRate.Alignment::referenceWords).sum();
    }
  }

  static Result run(Transcriber engine, FfmpegSpeechActivity speech, SyntheticCall.Call call, Path dir)
      throws Exception {
    Files.createDirectories(dir);
    ExecutorService cores = Executors.newFixedThreadPool(2);
    Map<Party, Future<List<SpokenText>>> heard = new EnumMap<>(Party.class);
    long started = System.nanoTime();
    try {
      for (Party party : Party.values()) {
        heard.put(party, cores.submit(() -> {
          Path wav = dir.resolve(party.wireName() + ".wav");
          speech.partyAudio(call.webm(), WEBM, party, call.length(), wav);
          return engine.transcribe(wav, call.length(), Locale.ENGLISH);
        }));
      }
      Map<Party, List<String>> words = new EnumMap<>(Party.class);
      for (Party party : Party.values()) {
        words.put(party, WordErrorRate.words(heard.get(party).get().stream().map(SpokenText::text)
            .collect(Collectors.joining(" "))));
      }
      double fraction = (System.nanoTime() - started) / 1e9 / call.length().toSeconds();
      Map<Party, WordErrorRate.Alignment> wer = new EnumMap<>(Party.class);
      Attribution attribution = new Attribution(0, 0);
      for (Party party : Party.values()) {
        Party other = party == Party.LOCAL ? Party.REMOTE : Party.LOCAL;
        List<String> own = WordErrorRate.words(call.said().get(party));
        wer.put(party, WordErrorRate.align(own, words.get(party)));
        attribution = attribution.plus(Attribution.of(own, WordErrorRate.words(call.said().get(other)),
            words.get(party)));
        Files.writeString(dir.resolve(party.wireName() + ".txt"), String.join(" ", words.get(party)) + "\n");
      }
      return new Result(wer, attribution, fraction);
    } finally {
      cores.shutdownNow();
    }
  }

  /**
   * The issue's targets, for the embedded engine (and openai-asr, which runs the same recogniser):
   * a 10-minute call in at most 0.5x its length on 2 cores, at least 98 % of words attributed
   * right, WER on clean two-voice speech reported (aim at most 25 %).
   */
  static List<String> verdict(String engine, String variant, int seconds, Result result) {
    List<String> lines = new ArrayList<>();
    String who = "VERDICT " + engine + " " + variant + ": ";
    if (variant.equals("clean")) {
      lines.add(who + "WER " + pct(result.wer()) + (result.wer() <= 0.25 ? " PASS" : " FAIL") + " (aim <= 25 %)");
      lines.add(who + "time " + String.format(Locale.ROOT, "%.2fx", result.timeFraction())
          + (result.timeFraction() <= 0.5 ? " PASS" : " FAIL") + " (target <= 0.5x on 2 cores"
          + (seconds >= 600 ? ")" : "; measured on a " + seconds + " s call, the target is for 600 s: --seconds 600)"));
    }
    lines.add(who + "attributed right " + pct(result.attribution().share())
        + (result.attribution().share() >= 0.98 ? " PASS" : " FAIL") + " (target >= 98 %)");
    return lines;
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * share);
  }
}
