package io.chatvideo.recording.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.SpeechSegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recordings with one channel per party (local left, remote right), made here with two distinct
 * sources per side: tones of two frequencies for the MP4's mix-down, two flite voices with known
 * talk intervals for the speaker timeline. Checked per channel with ffmpeg's own filters
 * ({@code pan}, {@code bandpass}, {@code volumedetect}), not with the engine.
 */
class TwoPartiesIT {

  private static final ContentType WEBM = ContentType.parse("video/webm;codecs=vp8,opus");
  private static final Pattern MEAN_VOLUME = Pattern.compile("mean_volume: (-?[0-9.]+|-inf) dB");
  /** Within a speech interval's edges as silencedetect sees them: flite's own lead-in and fade, Opus's frames. */
  private static final long EDGE_MS = 400;

  @TempDir
  Path dir;

  FfmpegSettings settings;

  @BeforeEach
  void setUp() {
    settings = FfmpegSettings.find(Path.of("ffmpeg")).orElseThrow(() ->
        new AssertionError("ffmpeg and ffprobe must be on PATH: bin/test installs Debian's ffmpeg"));
  }

  @Test
  void theMp4OfAPerPartyRecordingHasBothPartiesInBothEarsWhileTheOriginalKeepsThemApart() {
    Path original = dir.resolve("call.webm");
    // Local party 440 Hz on the left only, remote party 1500 Hz on the right only. The band-pass lets
    // the other tone through at about -49 dB, a present one reads about -21 dB (-27 dB at half level).
    Media.run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=15:duration=3",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-f", "lavfi", "-i", "sine=frequency=1500:duration=3",
        "-filter_complex", "[1:a][2:a]join=inputs=2:channel_layout=stereo[a]", "-map", "0:v", "-map", "[a]",
        "-c:v", "libvpx", "-b:v", "200k", "-c:a", "libopus", "-f", "webm", original.toString());
    FfmpegMediaProcessor engine = new FfmpegMediaProcessor(settings);
    MediaInfo info = engine.probe(original, WEBM, Duration.ofHours(1));
    assertThat(level(original, 0, 440)).as("local on the left").isGreaterThan(-30);
    assertThat(level(original, 0, 1500)).as("no remote on the left").isLessThan(-40);
    assertThat(level(original, 1, 1500)).as("remote on the right").isGreaterThan(-30);
    assertThat(level(original, 1, 440)).as("no local on the right").isLessThan(-40);

    Path mp4 = dir.resolve("rendition.mp4");
    engine.transcodeMp4(original, WEBM, info, AudioLayout.PER_PARTY, mp4);

    for (int channel = 0; channel < 2; channel++) {
      assertThat(level(mp4, channel, 440)).as("the local party in channel " + channel).isGreaterThan(-36);
      assertThat(level(mp4, channel, 1500)).as("the remote party in channel " + channel).isGreaterThan(-36);
    }

    Path mixed = dir.resolve("mixed.mp4");
    engine.transcodeMp4(original, WEBM, info, AudioLayout.MIXED, mixed);
    assertThat(level(mixed, 0, 1500)).as("a mixed layout's channels are left as they are").isLessThan(-40);
  }

  @Test
  void eachPartysAudioComesOutAloneAsWhatATranscriberHears() {
    Path original = dir.resolve("tones.webm");
    Media.run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=15:duration=3",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-f", "lavfi", "-i", "sine=frequency=1500:duration=3",
        "-filter_complex", "[1:a][2:a]join=inputs=2:channel_layout=stereo[a]", "-map", "0:v", "-map", "[a]",
        "-c:v", "libvpx", "-b:v", "200k", "-c:a", "libopus", "-f", "webm", original.toString());
    FfmpegSpeechActivity speech = new FfmpegSpeechActivity(settings);
    Path local = dir.resolve("local.wav");
    Path remote = dir.resolve("remote.wav");
    speech.partyAudio(original, WEBM, Party.LOCAL, Duration.ofSeconds(3), local);
    speech.partyAudio(original, WEBM, Party.REMOTE, Duration.ofSeconds(3), remote);

    for (Path wav : List.of(local, remote)) {
      assertThat(Media.run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,channels,sample_rate", "-of",
          "csv=p=0", wav.toString()).strip()).as(wav + ": 16-bit PCM, 16 kHz, mono").isEqualTo("pcm_s16le,16000,1");
      assertThat(seconds(wav)).as("as long as the call").isCloseTo(3.0, within(0.1));
    }
    assertThat(level(local, 0, 440)).as("the local party in its own file").isGreaterThan(-30);
    assertThat(level(local, 0, 1500)).as("no remote party in the local file").isLessThan(-40);
    assertThat(level(remote, 0, 1500)).as("the remote party in its own file").isGreaterThan(-30);
    assertThat(level(remote, 0, 440)).as("no local party in the remote file").isLessThan(-40);
  }

  /**
   * A room's echo: each party's voice also reaches the other's microphone 20 dB down and 30 ms late.
   * What a transcriber hears of a party keeps that party's speech and drops the other's leak.
   */
  @Test
  void theOtherPartysVoiceLeakingIntoAMicrophoneIsNotHeardAsThisPartys() {
    Path local = voice("rms", "Good morning, this is the local party speaking first.");
    Path remote = voice("awb", "Hello, the remote party answers from the right channel.");
    double localSeconds = seconds(local);
    double remoteSeconds = seconds(remote);
    long localAt = 500;
    long remoteAt = localAt + Math.round(localSeconds * 1000) + 1000;
    double total = remoteAt / 1000.0 + remoteSeconds + 1;
    Path original = dir.resolve("echo.webm");
    String leak = "adelay=30,volume=-20dB";
    Media.run("ffmpeg", "-v", "error", "-y", "-i", local.toString(), "-i", remote.toString(), "-filter_complex",
        "[0:a]adelay=" + localAt + ",apad,atrim=0:" + total + ",asplit[l][lx];"
            + "[1:a]adelay=" + remoteAt + ",apad,atrim=0:" + total + ",asplit[r][rx];"
            + "[lx]" + leak + "[lleak];[rx]" + leak + "[rleak];"
            + "[l][rleak]amix=inputs=2:normalize=0[left];[r][lleak]amix=inputs=2:normalize=0[right];"
            + "[left][right]join=inputs=2:channel_layout=stereo[a]",
        "-map", "[a]", "-c:a", "libopus", "-f", "webm", original.toString());
    ContentType audio = ContentType.parse("audio/webm;codecs=opus");
    double leftLeak = volume(original, 0, remoteAt + 300, remoteAt + 1500);
    double rightLeak = volume(original, 1, localAt + 300, localAt + 1500);
    assertThat(leftLeak).as("the remote voice leaks into the left").isGreaterThan(-60);
    assertThat(rightLeak).as("the local voice leaks into the right").isGreaterThan(-60);

    FfmpegSpeechActivity speech = new FfmpegSpeechActivity(settings);
    Path localWav = dir.resolve("local.wav");
    Path remoteWav = dir.resolve("remote.wav");
    Duration length = Duration.ofMillis(Math.round(total * 1000));
    speech.partyAudio(original, audio, Party.LOCAL, length, localWav);
    speech.partyAudio(original, audio, Party.REMOTE, length, remoteWav);

    assertThat(volume(localWav, 0, localAt + 300, localAt + 1500)).as("the local party, kept").isGreaterThan(-40);
    assertThat(volume(localWav, 0, remoteAt + 300, remoteAt + 1500)).as("the remote party's leak (" + leftLeak
        + " dB), mostly gone").isLessThan(leftLeak - 20);
    assertThat(volume(remoteWav, 0, remoteAt + 300, remoteAt + 1500)).as("the remote party, kept").isGreaterThan(-40);
    assertThat(volume(remoteWav, 0, localAt + 300, localAt + 1500)).as("the local party's leak (" + rightLeak
        + " dB), mostly gone").isLessThan(rightLeak - 20);
    assertThat(dir.toFile().list()).as("no leftovers beside the output").allMatch(name -> !name.contains(".both."));
  }

  @Test
  void twoVoicesOnTheirOwnChannelsGiveEachPartyItsOwnSpeakingIntervals() {
    Path local = voice("rms", "Good morning, this is the local party speaking first.");
    Path remote = voice("awb", "Hello, the remote party answers from the right channel.");
    double localSeconds = seconds(local);
    double remoteSeconds = seconds(remote);
    // local at 0.5 s, remote 1 s after local ends, local again 1 s after remote ends
    long localAt = 500;
    long remoteAt = localAt + Math.round(localSeconds * 1000) + 1000;
    long againAt = remoteAt + Math.round(remoteSeconds * 1000) + 1000;
    double total = againAt / 1000.0 + localSeconds + 1;
    Path original = dir.resolve("call.webm");
    Media.run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:size=160x120:rate=10:duration=" + total,
        "-i", local.toString(), "-i", remote.toString(), "-filter_complex",
        "[1:a]asplit=2[l1][l2];[l1]adelay=" + localAt + "[la];[l2]adelay=" + againAt + "[lb];"
            + "[la][lb]amix=inputs=2:normalize=0,apad,atrim=0:" + total + "[left];"
            + "[2:a]adelay=" + remoteAt + ",apad,atrim=0:" + total + "[right];"
            + "[left][right]join=inputs=2:channel_layout=stereo[a]",
        "-map", "0:v", "-map", "[a]", "-c:v", "libvpx", "-b:v", "100k", "-c:a", "libopus", "-f", "webm",
        original.toString());
    FfmpegSpeechActivity speech = new FfmpegSpeechActivity(settings);
    MediaInfo info = new FfmpegMediaProcessor(settings).probe(original, WEBM, Duration.ofHours(1));

    assertThat(speech.audioChannels(original, WEBM)).isEqualTo(2);
    List<SpeechSegment> segments = speech.speaking(original, WEBM, info.duration(), 5_000);

    List<SpeechSegment> localSpeech = segments.stream().filter(s -> s.party() == Party.LOCAL).toList();
    List<SpeechSegment> remoteSpeech = segments.stream().filter(s -> s.party() == Party.REMOTE).toList();
    assertThat(localSpeech).as("the local voice, twice, on the left").hasSize(2);
    assertThat(remoteSpeech).as("the remote voice, once, on the right").hasSize(1);
    assertSpoke(localSpeech.get(0), localAt, localSeconds);
    assertSpoke(remoteSpeech.get(0), remoteAt, remoteSeconds);
    assertSpoke(localSpeech.get(1), againAt, localSeconds);
    assertThat(segments).as("in time order").isSortedAccordingTo(
        java.util.Comparator.comparingLong(SpeechSegment::startMs));
  }

  @Test
  void aMonoFileHasOneChannelAndASilentFileNoSpeech() {
    Path mono = dir.resolve("mono.webm");
    Media.run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono", "-t", "2",
        "-c:a", "libopus", "-f", "webm", mono.toString());
    Path silent = dir.resolve("silent.webm");
    Media.run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-t", "2",
        "-c:a", "libopus", "-f", "webm", silent.toString());
    FfmpegSpeechActivity speech = new FfmpegSpeechActivity(settings);
    ContentType audio = ContentType.parse("audio/webm");

    assertThat(speech.audioChannels(mono, audio)).isEqualTo(1);
    assertThat(speech.audioChannels(silent, audio)).isEqualTo(2);
    assertThat(speech.speaking(silent, audio, Duration.ofSeconds(2), 10)).isEmpty();
  }

  @Test
  void pastTheMostSegmentsTheShortestPausesOfAPartyAreClosed() {
    List<SpeechSegment> segments = List.of(new SpeechSegment(Party.LOCAL, 0, 1000),
        new SpeechSegment(Party.LOCAL, 1100, 2000), new SpeechSegment(Party.REMOTE, 2050, 3000),
        new SpeechSegment(Party.LOCAL, 4000, 5000), new SpeechSegment(Party.REMOTE, 3600, 3900));

    assertThat(FfmpegSpeechActivity.bounded(segments, 3)).containsExactly(new SpeechSegment(Party.LOCAL, 0, 2000),
        new SpeechSegment(Party.REMOTE, 2050, 3900), new SpeechSegment(Party.LOCAL, 4000, 5000));
    assertThat(FfmpegSpeechActivity.bounded(segments, 5)).hasSize(5);
  }

  private static void assertSpoke(SpeechSegment segment, long atMs, double seconds) {
    assertThat(segment.startMs()).as("starts near " + atMs + " ms: " + segment).isCloseTo(atMs, within(EDGE_MS));
    assertThat(segment.endMs()).as("ends near " + (atMs + Math.round(seconds * 1000)) + " ms: " + segment)
        .isCloseTo(atMs + Math.round(seconds * 1000), within(EDGE_MS));
  }

  private Path voice(String voice, String text) {
    Path wav = dir.resolve(voice + ".wav");
    String said = Media.run("flite", "-voice", voice, "-t", text, "-o", wav.toString());
    assertThat(wav).as("flite (bin/test installs it) made speech: " + said).isNotEmptyFile();
    return wav;
  }

  private static double seconds(Path file) {
    return Double.parseDouble(Media.run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
        "csv=p=0", file.toString()).strip());
  }

  /** Mean level in dB of {@code channel} around {@code hertz}. */
  private static double level(Path file, int channel, int hertz) {
    String said = Media.run("ffmpeg", "-nostdin", "-v", "info", "-i", file.toString(), "-map", "0:a:0", "-af",
        "pan=mono|c0=c" + channel + ",bandpass=f=" + hertz + ":width_type=q:w=8,volumedetect", "-f", "null", "-");
    Matcher found = MEAN_VOLUME.matcher(said);
    assertThat(found.find()).as("volumedetect answered: " + said).isTrue();
    return found.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(found.group(1));
  }

  /** Mean level in dB of {@code channel} from {@code fromMs} to {@code toMs}. */
  private static double volume(Path file, int channel, long fromMs, long toMs) {
    String said = Media.run("ffmpeg", "-nostdin", "-v", "info", "-i", file.toString(), "-map", "0:a:0", "-af",
        "pan=mono|c0=c" + channel + ",atrim=start=" + fromMs / 1000.0 + ":end=" + toMs / 1000.0 + ",volumedetect",
        "-f", "null", "-");
    Matcher found = MEAN_VOLUME.matcher(said);
    assertThat(found.find()).as("volumedetect answered: " + said).isTrue();
    return found.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(found.group(1));
  }
}
