package io.chatvideo.recording.cli.command;

import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.cli.terminal.ByteSize;
import io.chatvideo.recording.cli.terminal.Table;
import io.chatvideo.recording.cli.terminal.Times;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The table `recordings list` prints: id, room, created, size, expires, status; times in the local zone. */
final class RecordingTable {

  private RecordingTable() {}

  static Table of(List<RecordingJson> recordings, ZoneId zone) {
    Table table = new Table("ID", "ROOM", "CREATED", "SIZE", "EXPIRES", "STATUS");
    for (RecordingJson r : recordings) {
      table.row(r.recordingId(), r.roomId(), Times.local(instant(r.createdAt()), zone),
          r.size() == null ? "-" : ByteSize.format(r.size()), Times.local(instant(r.expiresAt()), zone),
          r.status() == null ? "-" : r.status());
    }
    return table;
  }

  private static Instant instant(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }
}
