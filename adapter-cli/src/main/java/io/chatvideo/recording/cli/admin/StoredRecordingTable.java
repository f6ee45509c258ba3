package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.cli.terminal.ByteSize;
import io.chatvideo.recording.cli.terminal.Table;
import io.chatvideo.recording.cli.terminal.Times;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The table `recordings admin list` prints: the user table's columns and the owner, expired rows marked. */
final class StoredRecordingTable {

  private StoredRecordingTable() {}

  static Table of(List<Recording> recordings, Instant now, ZoneId zone) {
    Table table = new Table("ID", "ROOM", "OWNER", "CREATED", "SIZE", "EXPIRES", "STATUS");
    for (Recording recording : recordings) {
      RecordingDetails d = recording.details();
      table.row(d.id().toString(), d.roomId().value(), d.owner().value(), Times.local(d.createdAt(), zone),
          size(recording), Times.local(d.expiresAt(), zone),
          recording.status() + (d.isExpired(now) ? " (expired)" : ""));
    }
    return table;
  }

  private static String size(Recording recording) {
    if (recording instanceof CompletedRecording completed) {
      return ByteSize.format(completed.storedSize());
    }
    return recording.details().declaredSize().isPresent()
        ? ByteSize.format(recording.details().declaredSize().getAsLong()) + " (declared)" : "-";
  }
}
