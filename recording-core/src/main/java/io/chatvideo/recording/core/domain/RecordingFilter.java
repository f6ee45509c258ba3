package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a listing keeps and in which order: every part optional, all given parts must match.
 *
 * <ul>
 *   <li>{@code room}: recordings of that room (the viewer owns or takes part in); without it, the
 *       viewer's own recordings;
 *   <li>{@code status}: {@code PENDING}, {@code COMPLETED} or {@code ABANDONED};
 *   <li>{@code processing}: {@code queued|running|ready|failed|off} (only completed recordings
 *       have one);
 *   <li>{@code from} (inclusive) and {@code to} (exclusive) on {@code created_at}: {@code
 *       from <= created_at < to}, so consecutive ranges {@code [a, b)}, {@code [b, c)} never
 *       list a recording twice;
 *   <li>{@code q}: a case-insensitive substring of the file name or the room ({@link SearchText});
 *   <li>{@code participant}: the user is listed among the recording's participants;
 *   <li>{@code order}: newest (default) or oldest first.
 * </ul>
 *
 * <p>{@code RecordingFilter.parse(Optional.of("room-1"), Optional.empty(), Optional.of("ready"),
 * Optional.of("2026-11-01T00:00:00Z"), Optional.empty(), Optional.of("stand-up"), Optional.empty(),
 * Optional.of("oldest"))}; a bad value is an {@link InvalidInputException} naming its field as the
 * HTTP API spells it ({@code room_id}, {@code status}, {@code processing}, {@code from}, {@code to},
 * {@code q}, {@code participant}, {@code sort}).
 */
public record RecordingFilter(
    Optional<RoomId> room,
    Optional<RecordingStatus> status,
    Optional<ProcessingState> processing,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<SearchText> q,
    Optional<UserId> participant,
    ListingOrder order) {

  /** Everything the viewer owns, newest first: the listing without a query. */
  public static final RecordingFilter NONE = new RecordingFilter(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), ListingOrder.NEWEST);

  private static final int SHOWN = 40;

  public RecordingFilter {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(processing, "processing");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(q, "q");
    Objects.requireNonNull(participant, "participant");
    Objects.requireNonNull(order, "order");
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new InvalidInputException("from", "is after to (" + from.get() + " > " + to.get() + ")");
    }
    if (processing.isPresent() && status.isPresent() && status.get() != RecordingStatus.COMPLETED) {
      throw new InvalidInputException("processing", "only completed recordings have one; status was " + status.get());
    }
  }

  /** The listing of one room, else as {@link #NONE}. */
  public static RecordingFilter ofRoom(Optional<RoomId> room) {
    return new RecordingFilter(room, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), ListingOrder.NEWEST);
  }

  /** A filter from the text of each part as the API receives it; see the class comment. */
  public static RecordingFilter parse(Optional<String> room, Optional<String> status, Optional<String> processing,
      Optional<String> from, Optional<String> to, Optional<String> q, Optional<String> participant,
      Optional<String> sort) {
    return new RecordingFilter(
        room.map(RoomId::of),
        status.map(RecordingFilter::status),
        processing.map(RecordingFilter::processing),
        from.map(text -> instant("from", text)),
        to.map(text -> instant("to", text)),
        q.map(SearchText::of),
        participant.map(RecordingFilter::participant),
        sort.map(ListingOrder::parse).orElse(ListingOrder.NEWEST));
  }

  /** Whether {@code recording} passes every part but the visibility, which the listing decides. */
  public boolean matches(Recording recording) {
    RecordingDetails details = recording.details();
    Instant created = details.createdAt();
    return room.map(details.roomId()::equals).orElse(true)
        && status.map(s -> s == recording.status()).orElse(true)
        && processing.map(p -> recording instanceof CompletedRecording c && c.processing().state() == p).orElse(true)
        && from.map(f -> !created.isBefore(f)).orElse(true)
        && to.map(created::isBefore).orElse(true)
        && q.map(text -> text.isFoundIn(details)).orElse(true)
        && participant.map(details.participants()::contains).orElse(true);
  }

  /**
   * The filter in one canonical line, equal for equal filters: what a page token is bound to.
   * Each part is written with its length, so no value can imitate another part.
   */
  public String canonical() {
    StringBuilder line = new StringBuilder();
    part(line, "room", room.map(RoomId::value));
    part(line, "status", status.map(Enum::name));
    part(line, "processing", processing.map(ProcessingState::wireName));
    part(line, "from", from.map(Instant::toString));
    part(line, "to", to.map(Instant::toString));
    part(line, "q", q.map(SearchText::folded));
    part(line, "participant", participant.map(UserId::value));
    part(line, "sort", Optional.of(order.wireName()));
    return line.toString();
  }

  private static void part(StringBuilder line, String name, Optional<String> value) {
    line.append(name).append('=');
    value.ifPresent(v -> line.append(v.length()).append(':').append(v));
    line.append(';');
  }

  private static RecordingStatus status(String text) {
    for (RecordingStatus status : RecordingStatus.values()) {
      if (status.name().equals(text.toUpperCase(Locale.ROOT))) {
        return status;
      }
    }
    throw new InvalidInputException("status", "must be PENDING, COMPLETED or ABANDONED, was '" + shown(text) + "'");
  }

  private static ProcessingState processing(String text) {
    try {
      return ProcessingState.fromWireName(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("processing",
          "must be queued, running, ready, failed or off, was '" + shown(text) + "'");
    }
  }

  private static UserId participant(String text) {
    try {
      return UserId.of(text);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("participant", e.reason());
    }
  }

  private static Instant instant(String field, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field,
          "must be an ISO-8601 instant with an offset, e.g. 2026-12-01T00:00:00Z, was '" + shown(text) + "'");
    }
  }

  /** A caller's value as an error message may repeat it: cut short, control characters replaced. */
  static String shown(String text) {
    String cut = text.length() > SHOWN ? text.substring(0, SHOWN) + "…" : text;
    return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
