package io.chatvideo.recording.ffmpeg;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.MediaProcessingException.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a declared content type lets a file be, and how ffmpeg is told so: the one demuxer it may
 * use (so no playlist, concat script or other format a file's bytes could name is ever parsed),
 * the {@code file} protocol only (so nothing outside the given file is opened), the decoders of
 * the codecs the type promises (so no other decoder ever runs), and the stream layout: at most
 * one video and one audio stream, no video at all for {@code audio/*}.
 *
 * <p>The codecs are what browsers' MediaRecorder writes: Chromium VP8, VP9, AV1 or H.264 with
 * Opus (or PCM) in WebM, and H.264, HEVC, VP9 or AV1 with AAC or Opus in MP4; Firefox VP8 and
 * Opus in WebM; Safari H.264 and AAC in MP4 (and VP8/VP9 with Opus in WebM since 18.4).
 *
 * <pre>{@code
 * AllowedMedia allowed = AllowedMedia.of(ContentType.parse("audio/mp4"));
 * allowed.input(file);   // -f mov -protocol_whitelist file -codec_whitelist aac,... -i file:/…/original.m4a
 * }</pre>
 */
record AllowedMedia(String mediaType, String name, String demuxer, String formatName, Set<String> videoCodecs,
    Set<String> audioCodecs) {

  /** The decoders of each codec, as ffmpeg names them (the native one and the library wrappers). */
  private static final Map<String, List<String>> DECODERS = Map.ofEntries(
      Map.entry("vp8", List.of("vp8", "libvpx")),
      Map.entry("vp9", List.of("vp9", "libvpx-vp9")),
      Map.entry("av1", List.of("libdav1d", "libaom-av1", "av1")),
      Map.entry("h264", List.of("h264")),
      Map.entry("hevc", List.of("hevc")),
      Map.entry("mjpeg", List.of("mjpeg")),
      Map.entry("opus", List.of("opus", "libopus")),
      Map.entry("vorbis", List.of("vorbis", "libvorbis")),
      Map.entry("aac", List.of("aac", "aac_fixed")),
      Map.entry("pcm_f32le", List.of("pcm_f32le")));

  private static final Set<String> WEBM_VIDEO = ordered("vp8", "vp9", "av1", "h264");
  private static final Set<String> WEBM_AUDIO = ordered("opus", "vorbis", "pcm_f32le");
  private static final Set<String> MP4_VIDEO = ordered("h264", "hevc", "vp9", "av1");
  private static final Set<String> MP4_AUDIO = ordered("aac", "opus");

  /** Codecs the WebM muxer takes; a WebM with others (Chromium's H.264, PCM) is remuxed as Matroska. */
  static final Set<String> WEBM_MUXER_CODECS = Set.of("vp8", "vp9", "av1", "opus", "vorbis");

  /** The poster the engine itself wrote: one JPEG image. */
  static final AllowedMedia JPEG = new AllowedMedia("image/jpeg", "JPEG image", "jpeg_pipe", "jpeg_pipe",
      Set.of("mjpeg"), Set.of());

  /** The rules of {@code type}: WebM as Matroska, MP4 and M4A as ISO BMFF ({@code mov}); audio types hold no video. */
  static AllowedMedia of(ContentType type) {
    String mediaType = type.mediaType();
    return switch (mediaType) {
      case "video/webm" -> new AllowedMedia(mediaType, "WebM", "matroska", "matroska,webm", WEBM_VIDEO, WEBM_AUDIO);
      case "audio/webm" -> new AllowedMedia(mediaType, "WebM", "matroska", "matroska,webm", Set.of(), WEBM_AUDIO);
      case "video/mp4" -> new AllowedMedia(mediaType, "MP4", "mov", "mov,mp4,m4a,3gp,3g2,mj2", MP4_VIDEO, MP4_AUDIO);
      case "audio/mp4" -> new AllowedMedia(mediaType, "MP4", "mov", "mov,mp4,m4a,3gp,3g2,mj2", Set.of(), MP4_AUDIO);
      case "image/jpeg" -> JPEG;
      default -> throw new IllegalArgumentException("the engine reads no " + mediaType);
    };
  }

  /**
   * ffmpeg's and ffprobe's input options for {@code file}: the forced demuxer, the {@code file}
   * protocol only, the allowed decoders only; for {@code mov}, external data references off
   * (their default, said again so no build or default changes it).
   */
  List<String> input(Path file) {
    List<String> options = new ArrayList<>(List.of("-f", demuxer, "-protocol_whitelist", "file",
        "-codec_whitelist", String.join(",", decoders())));
    if (demuxer.equals("mov")) {
      options.addAll(List.of("-enable_drefs", "0", "-use_absolute_path", "0"));
    }
    options.addAll(List.of("-i", "file:" + file));
    return options;
  }

  /**
   * Checks that a probed file is what this type promises: the container, every stream an allowed
   * audio or video stream, at most one of each. {@code UNSUPPORTED} says what is not; the text
   * names only the type and ffmpeg's codec names.
   */
  void check(ProbeReport report) {
    if (!report.formatName().equals(formatName)) {
      throw new MediaProcessingException(Reason.NOT_MEDIA, "the file is not " + article() + " (" + mediaType + ")",
          "ffprobe read it as " + report.formatName());
    }
    int video = 0;
    int audio = 0;
    for (ProbeReport.Stream stream : report.streams()) {
      switch (stream.type()) {
        case "video" -> {
          video++;
          if (videoCodecs.isEmpty()) {
            throw unsupported(mediaType + " holds no video, and this file has " + codec(stream) + " video");
          }
          if (stream.attachedPicture()) {
            throw unsupported(mediaType + " holds no attached picture");
          }
          if (!videoCodecs.contains(stream.codec())) {
            throw unsupported(mediaType + " allows " + String.join(", ", videoCodecs) + " video, not "
                + codec(stream));
          }
        }
        case "audio" -> {
          audio++;
          if (!audioCodecs.contains(stream.codec())) {
            throw unsupported(mediaType + " allows " + String.join(", ", audioCodecs) + " audio, not "
                + codec(stream));
          }
        }
        default -> throw unsupported(mediaType + " holds audio and video only, and this file has a "
            + printable(stream.type()) + " stream");
      }
    }
    if (video > 1 || audio > 1) {
      throw unsupported("a recording has at most one video and one audio stream, and this file has " + video
          + " video and " + audio + " audio streams");
    }
  }

  /** Whether the WebM muxer takes these codecs; if not, a WebM recording is remuxed as Matroska. */
  static boolean webmMuxerTakes(Set<String> codecs) {
    return WEBM_MUXER_CODECS.containsAll(codecs);
  }

  String article() {
    return (name.startsWith("M") ? "an " : "a ") + name;
  }

  private List<String> decoders() {
    Set<String> decoders = new LinkedHashSet<>();
    for (String codec : videoCodecs) {
      decoders.addAll(DECODERS.get(codec));
    }
    for (String codec : audioCodecs) {
      decoders.addAll(DECODERS.get(codec));
    }
    return List.copyOf(decoders);
  }

  private static MediaProcessingException unsupported(String message) {
    return new MediaProcessingException(Reason.UNSUPPORTED, message);
  }

  /** A codec name as ffprobe gives it: ffmpeg's own short names, shown as such, anything else cut and cleaned. */
  private static String codec(ProbeReport.Stream stream) {
    return printable(stream.codec());
  }

  private static String printable(String text) {
    String cut = text.length() > 32 ? text.substring(0, 32) : text;
    return cut.replaceAll("[^A-Za-z0-9_.+-]", "?");
  }

  private static Set<String> ordered(String... codecs) {
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(codecs)));
  }
}
