package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code download --format mp4|thumbnail}: the files processing made, from the API's renditions and poster URL. */
class DownloadFormatTest {

  static final String ID = "0b6e0b6e-0000-4000-8000-000000000002";
  static final byte[] MP4 = "mp4 bytes, not really".getBytes(StandardCharsets.UTF_8);
  static final byte[] JPEG = "jpeg bytes".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path home;

  StubApi api;
  /** The recording's fields after the common ones. */
  String processing;

  @BeforeEach
  void start() throws IOException {
    api = new StubApi()
        .on("/recordings/", (request, exchange) -> StubApi.json(exchange, 200, """
            {"recording_id":"%s","room_id":"r1","filename":"standup.webm","size":100,"status":"%s",
             "created_at":"2025-06-01T10:00:00Z","expires_at":"2025-07-01T10:00:00Z",
             "download_url":%s%s}""".formatted(ID, processing == null ? "PENDING" : "COMPLETED",
            processing == null ? "null" : "\"/objects/original?sig=1\"", processing == null ? "" : "," + processing)))
        .on("/objects/", (request, exchange) -> {
          byte[] body = request.path().endsWith("/mp4") ? MP4 : JPEG;
          StubApi.send(exchange, 200, "application/octet-stream", body);
        });
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Cli.Result download(String format) {
    return new Cli(home).run("download", ID, "--format", format, "-o", home.toString() + "/", "--api",
        api.url().toString(), "--token", "t");
  }

  @Test
  void mp4FetchesTheMp4RenditionUnderTheRecordingsNameWithItsSizeChecked() throws IOException {
    processing = """
        "processing":"ready","thumbnail_url":"/objects/poster","renditions":[
          {"format":"webm","content_type":"video/webm","size":100,"download_url":"/objects/original?sig=1"},
          {"format":"mp4","content_type":"video/mp4","size":%d,"download_url":"/objects/mp4"}]""".formatted(MP4.length);

    Cli.Result result = download("mp4");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllBytes(home.resolve("standup.mp4"))).isEqualTo(MP4);
    assertThat(result.out()).startsWith("downloaded " + ID + " -> " + home.resolve("standup.mp4"));
  }

  @Test
  void thumbnailFetchesThePosterAsJpeg() throws IOException {
    processing = "\"processing\":\"ready\",\"thumbnail_url\":\"/objects/poster\"";

    Cli.Result result = download("THUMBNAIL");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllBytes(home.resolve("standup.jpg"))).isEqualTo(JPEG);
  }

  @Test
  void aRecordingStillQueuedHasNoMp4AndSaysSo() {
    processing = "\"processing\":\"queued\"";

    Cli.Result result = download("mp4");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: recording " + ID + " has no MP4 to download: its processing is queued; "
        + "try again once it is ready\n");
  }

  @Test
  void aFailedRecordingNamesTheReason() {
    processing = "\"processing\":\"failed\",\"processing_error\":\"the file is not media\"";

    Cli.Result result = download("thumbnail");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: recording " + ID + " has no thumbnail to download: its processing is "
        + "failed: the file is not media\n");
  }

  @Test
  void anUploadNotYetCompletedHasNoFileInAnyFormat() {
    processing = null;

    Cli.Result result = download("mp4");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: recording " + ID + " is PENDING: it has no file to download yet\n");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    processing = "\"processing\":\"ready\"";

    Cli.Result result = download("gif");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--format").contains("ORIGINAL, MP4, THUMBNAIL");
  }
}
