package io.chatvideo.recording.cli.command;

import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.cli.terminal.ByteSize;
import io.chatvideo.recording.cli.terminal.Table;
import io.chatvideo.recording.cli.terminal.Times;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The table `recordings list` prints: id, room, created, duration, size, expires, status and
 * processing state; times in the local zone.
 */
final class RecordingTable {

  private RecordingTable() {}

  static Table of(List<RecordingJson> recordings, ZoneId zone) {
    Table table = new Table("ID", "ROOM", "CREATED", "DURATION", "SIZE", "EXPIRES", "STATUS", "PROCESSING");
    for (RecordingJson r : recordings) {
      table.row(r.recordingId(), r.roomId(), Times.local(instant(r.createdAt()), zone), Times.duration(r.durationMs()),
          r.size() == null ? "-" : ByteSize.format(r.size()), Times.local(instant(r.expiresAt()), zone),
          r.status() == null ? "-" : r.status(), r.processing() == null ? "-" : r.processing());
    }
    return table;
  }

  private static Instant instant(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }
}
