package io.chatvideo.recording.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transcription server that speaks {@code POST /v1/audio/transcriptions} on 127.0.0.1 and a port
 * of its own, for tests and the accuracy benchmark. {@link #asr()} transcribes for real: it runs
 * Debian's ffmpeg {@code asr} filter (PocketSphinx, the embedded engine's recogniser) on the
 * uploaded file and answers {@code verbose_json} with one segment per utterance. {@link
 * #answering} serves any other answer, to test how the engine takes it. Every request is kept
 * ({@link #requests()}) with its form fields and its {@code Authorization} header.
 */
public final class TranscriptionServer implements AutoCloseable {

  /** What a request carried: the text fields of the form, the uploaded file's size, the header. */
  public record Request(Map<String, String> fields, long fileBytes, String authorization) {
  }

  /** Answers one request: the form is already read. */
  @FunctionalInterface
  public interface Answer {
    void answer(HttpExchange exchange, Path uploaded, Map<String, String> fields) throws IOException;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UTTERANCE = Pattern.compile(
      "pts_time:([0-9.]+)\\s*\\R\\s*lavfi\\.asr\\.text=(.*)");

  private final HttpServer server;
  private final Path uploads;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private TranscriptionServer(Answer answer) throws IOException {
    uploads = Files.createTempDirectory("transcription-server-");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/audio/transcriptions", handler(answer));
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
  }

  /** A server that transcribes with PocketSphinx through ffmpeg's {@code asr} filter. */
  public static TranscriptionServer asr() throws IOException {
    return new TranscriptionServer((exchange, uploaded, fields) -> send(exchange, 200, "application/json",
        verboseJson(pocketSphinx(uploaded))));
  }

  public static TranscriptionServer answering(Answer answer) throws IOException {
    return new TranscriptionServer(answer);
  }

  /** The base URL to configure: {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private HttpHandler handler(Answer answer) {
    return exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> fields = new LinkedHashMap<>();
        Path uploaded = Files.createTempFile(uploads, "upload-", ".wav");
        try {
          MimeMultipart form = new MimeMultipart(new ByteArrayDataSource(body,
              exchange.getRequestHeaders().getFirst("Content-Type")));
          for (int i = 0; i < form.getCount(); i++) {
            BodyPart part = form.getBodyPart(i);
            String name = new ContentDisposition(part.getHeader("Content-Disposition")[0]).getParameter("name");
            try (InputStream in = part.getInputStream()) {
              if ("file".equals(name)) {
                Files.copy(in, uploaded, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
              } else {
                fields.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
              }
            }
          }
        } catch (jakarta.mail.MessagingException e) {
          send(exchange, 400, "application/json", "{\"error\":{\"message\":\"not a multipart form\"}}");
          return;
        }
        requests.add(new Request(Map.copyOf(fields), Files.size(uploaded),
            exchange.getRequestHeaders().getFirst("Authorization")));
        answer.answer(exchange, uploaded, fields);
        Files.deleteIfExists(uploaded);
      }
    };
  }

  /** One {@code {start, end, text}} per utterance PocketSphinx heard, in seconds. */
  record Utterance(double start, double end, String text) {
  }

  static List<Utterance> pocketSphinx(Path wav) throws IOException {
    Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-i",
        wav.toString(), "-af", "aresample=16000,apad=pad_dur=2,asr,ametadata=mode=print:key=lavfi.asr.text:file=-",
        "-f", "null", "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String printed = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!ffmpeg.waitFor(10, TimeUnit.MINUTES) || ffmpeg.exitValue() != 0) {
        ffmpeg.destroyForcibly();
        throw new IOException("ffmpeg asr failed on " + wav);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    List<Utterance> heard = new ArrayList<>();
    Matcher m = UTTERANCE.matcher(printed);
    double previous = 0;
    while (m.find()) {
      double end = Double.parseDouble(m.group(1));
      if (!m.group(2).isBlank()) {
        heard.add(new Utterance(previous, end, m.group(2).strip()));
      }
      previous = end;
    }
    return heard;
  }

  private static String verboseJson(List<Utterance> heard) {
    ObjectNode root = JSON.createObjectNode().put("task", "transcribe").put("language", "english");
    ArrayNode segments = root.putArray("segments");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < heard.size(); i++) {
      Utterance u = heard.get(i);
      segments.addObject().put("id", i).put("start", u.start()).put("end", u.end()).put("text", " " + u.text());
      text.append(' ').append(u.text());
    }
    root.put("text", text.toString().strip());
    return root.toString();
  }

  public static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    try (var files = Files.list(uploads)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(uploads);
  }
}
