package io.chatvideo.recording.http.security;

import static io.chatvideo.recording.http.security.Attack.room;
import static io.chatvideo.recording.http.security.Attack.user;
import static io.chatvideo.recording.http.support.Problems.assertBadField;
import static io.chatvideo.recording.http.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.Uploads;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * Bytes are bounded while an upload is open (issue 26, items 3 and 5), against a server with
 * {@link SecurityServers#BOUNDS}: 12 MiB a recording, 30 MiB a day, a 10-minute upload window. A
 * part URL binds its size, the sizes count when signed (not at completion), the window stops at
 * its cap however often parts are signed, and neither abort nor delete gives a day's bytes back.
 * Before the fix all six 5 MiB parts of an open upload were signed (and stored) under a 12 MiB
 * limit, part URLs took up to 5 GiB, and signing parts moved the window on.
 */
interface UploadBoundCases {

  long MiB = 1024L * 1024;

  SecurityTarget target();

  private Api api() {
    return target().api();
  }

  @Test
  default void anOpenMultipartUploadPastItsByteBoundIsRefusedAtSigningAndSignsNothing() {
    String token = target().token(user());
    String id = startMultipart(token);

    JsonNode problem = assertBadField(sign(token, id, 1, 5 * MiB, 2, 5 * MiB, 3, 5 * MiB, 4, 5 * MiB, 5, 5 * MiB,
        6, 5 * MiB), "parts");
    assertThat(problem.get("detail").asText()).contains("max-recording-bytes", Long.toString(12 * MiB));

    assertThat(sign(token, id, 1, 5 * MiB, 2, 5 * MiB).status()).isEqualTo(200);
    assertBadField(sign(token, id, 3, 5 * MiB), "parts");
    // Signing a part again counts it once, at its largest size.
    assertThat(sign(token, id, 1, 5 * MiB).status()).isEqualTo(200);
    Api.Reply last = sign(token, id, 3, 2 * MiB);
    assertThat(last.status()).as("%s", last).isEqualTo(200);
    assertThat(last.json().get("parts").get(0).get("upload_headers").get("Content-Length").asText())
        .isEqualTo(Long.toString(2 * MiB));
  }

  @Test
  default void aPartBodyLongerThanItsSignedSizeIsRefusedAndNothingIsStored() {
    String token = target().token(user());
    String id = startMultipart(token);
    JsonNode part = sign(token, id, 1, 1000).json().get("parts").get(0);

    Api.Reply put = api().raw("PUT", part.get("upload_url").asText(), Uploads.headers(part.get("upload_headers")),
        new byte[1001]);

    assertThat(put.status()).as("%s", put).isIn(400, 403);
    Api.Reply stored = api().get("/recordings/" + id + "/parts", token);
    assertThat(stored.status()).as("%s", stored).isEqualTo(200);
    assertThat(stored.json().get("parts")).isEmpty();
  }

  @Test
  default void theUploadWindowDoesNotGrowPastItsCap() {
    String token = target().token(user());
    String id = startMultipart(token);

    // upload-url-expiry is 30 minutes; the window closes 10 minutes after the start, whatever is signed.
    Api.Reply signed = sign(token, id, 1, 1000);
    assertThat(signed.json().get("parts").get(0).get("expires_in").asLong()).isBetween(1L, 600L);
    Api.Reply single = api().post("/recordings/upload-url", token, "{\"room_id\":\"" + room() + "\",\"size\":10}");
    assertThat(single.status()).as("%s", single).isEqualTo(201);
    assertThat(single.json().get("expires_in").asLong()).isBetween(1L, 600L);
  }

  @Test
  default void theDailyQuotaCountsOpenUploadsAsTheyAreSignedAndNothingGivesItBack() {
    String token = target().token(user());
    String first = startMultipart(token);
    assertThat(sign(token, first, 1, 6 * MiB, 2, 6 * MiB).status()).isEqualTo(200);
    String second = startMultipart(token);
    assertThat(sign(token, second, 1, 6 * MiB, 2, 6 * MiB).status()).isEqualTo(200);

    // 24 MiB signed, nothing uploaded: 7 MiB more would pass the 30 MiB of the day.
    JsonNode problem = assertProblem(sign(token, second, 3, MiB), 400);
    assertThat(problem.get("detail").asText()).contains("max-recording-bytes");
    Api.Reply tooMuch = api().post("/recordings/upload-url", token,
        "{\"room_id\":\"" + room() + "\",\"size\":" + 7 * MiB + "}");
    assertThat(assertProblem(tooMuch, 429).get("detail").asText())
        .contains("max-bytes-per-day", Long.toString(30 * MiB));
    assertThat(tooMuch.header("Retry-After")).isNotBlank();

    String stored = Uploads.completedRecording(api(), token, room(), new byte[(int) (5 * MiB)]);
    assertThat(api().delete("/recordings/" + stored, token).status()).isEqualTo(204);
    assertThat(api().delete("/recordings/" + first + "/upload", token).status()).isEqualTo(204);

    // Deleting the stored recording and aborting an open upload gave nothing back: 29 MiB stay counted.
    assertProblem(api().post("/recordings/upload-url", token,
        "{\"room_id\":\"" + room() + "\",\"size\":" + 2 * MiB + "}"), 429);
    assertThat(api().post("/recordings/upload-url", token, "{\"room_id\":\"" + room() + "\",\"size\":" + MiB + "}")
        .status()).isEqualTo(201);
  }

  private String startMultipart(String token) {
    Api.Reply start = api().post("/recordings/multipart", token, "{\"room_id\":\"" + room() + "\"}");
    assertThat(start.status()).as("%s", start).isEqualTo(201);
    return start.json().get("recording_id").asText();
  }

  /** {@code POST …/parts} for the given (part number, size) pairs. */
  private Api.Reply sign(String token, String id, long... numbersAndSizes) {
    StringJoiner parts = new StringJoiner(",", "{\"parts\":[", "]}");
    for (int i = 0; i < numbersAndSizes.length; i += 2) {
      parts.add("{\"part_number\":" + numbersAndSizes[i] + ",\"size\":" + numbersAndSizes[i + 1] + "}");
    }
    return api().post("/recordings/" + id + "/parts", token, parts.toString());
  }
}
