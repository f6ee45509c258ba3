package io.chatvideo.recording.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordingFilterTest {

  private static RecordingFilter parse(String room, String status, String processing, String from, String to,
      String q, String participant, String sort) {
    return RecordingFilter.parse(Optional.ofNullable(room), Optional.ofNullable(status), Optional.ofNullable(processing),
        Optional.ofNullable(from), Optional.ofNullable(to), Optional.ofNullable(q), Optional.ofNullable(participant),
        Optional.ofNullable(sort));
  }

  private static void refused(String field, String reasonPart, Runnable parse) {
    assertThatThrownBy(parse::run).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.reason()).contains(reasonPart);
    });
  }

  @Test
  void everyPartParsesFromItsWireForm() {
    RecordingFilter filter = parse("room-1", "completed", "ready", "2026-11-01T00:00:00+01:00", "2026-12-01T00:00:00Z",
        "Stand-Up", "bob@example.com", "oldest");
    assertThat(filter.room()).contains(RoomId.of("room-1"));
    assertThat(filter.status()).contains(RecordingStatus.COMPLETED);
    assertThat(filter.processing()).contains(ProcessingState.READY);
    assertThat(filter.from()).contains(Instant.parse("2026-10-31T23:00:00Z"));
    assertThat(filter.to()).contains(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(filter.q()).contains(new SearchText("stand-up"));
    assertThat(filter.participant()).contains(UserId.of("bob@example.com"));
    assertThat(filter.order()).isEqualTo(ListingOrder.OLDEST);
    assertThat(parse(null, null, null, null, null, null, null, null)).isEqualTo(RecordingFilter.NONE);
  }

  @Test
  void badValuesAreInvalidInputNamingTheirField() {
    refused("from", "is after to", () -> parse(null, null, null, "2026-12-02T00:00:00Z", "2026-12-01T00:00:00Z",
        null, null, null));
    refused("from", "ISO-8601", () -> parse(null, null, null, "yesterday", null, null, null, null));
    refused("to", "ISO-8601", () -> parse(null, null, null, null, "2026-12-01", null, null, null));
    refused("q", "longer than 200", () -> parse(null, null, null, null, null, "x".repeat(201), null, null));
    refused("q", "blank", () -> parse(null, null, null, null, null, "  ", null, null));
    refused("q", "control", () -> parse(null, null, null, null, null, "a\nb", null, null));
    refused("status", "PENDING, COMPLETED or ABANDONED", () -> parse(null, "DONE", null, null, null, null, null, null));
    refused("processing", "queued, running", () -> parse(null, null, "READY", null, null, null, null, null));
    refused("processing", "only completed", () -> parse(null, "PENDING", "ready", null, null, null, null, null));
    refused("sort", "newest or oldest", () -> parse(null, null, null, null, null, null, null, "latest"));
    refused("room_id", "", () -> parse("../x", null, null, null, null, null, null, null));
    refused("participant", "", () -> parse(null, null, null, null, null, null, "a b", null));
    assertThat(parse(null, null, null, null, null, "x".repeat(200), null, null).q()).isPresent();
  }

  @Test
  void theCanonicalFormTellsFiltersApartThatOnlyDifferInWhichPartHoldsAValue() {
    RecordingFilter inQ = parse(null, null, null, null, null, "room=1", null, null);
    RecordingFilter equal = parse(null, null, null, null, null, "ROOM=1", null, null);
    RecordingFilter other = parse("room-1", null, null, null, null, null, null, null);
    assertThat(inQ.canonical()).isEqualTo(equal.canonical()).isNotEqualTo(other.canonical());
    assertThat(RecordingFilter.NONE.canonical())
        .isNotEqualTo(new RecordingFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), ListingOrder.OLDEST).canonical());
  }

  @Test
  void foldingIgnoresCaseBeyondAscii() {
    assertThat(SearchText.fold("ÉTÉ Straße ΣΟΦΙΑ ﬁle")).isEqualTo("été strasse σοφια file");
  }
}
