package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.domain.ShareId;
import io.chatvideo.recording.core.domain.ShareTokenHash;
import io.chatvideo.recording.core.port.out.ShareRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Share links in the {@code shares} table of the recordings' SQLite file: looked up by the unique
 * {@code token_hash}, listed over {@code (recording_id, created_at, id)}; a view is one {@code
 * UPDATE … SET views = views + 1}, so concurrent views all count.
 */
public final class SqliteShareRepository implements ShareRepository {

  private static final String COLUMNS =
      "id, recording_id, token_hash, created_at, expires_at, passcode_hash, allow_download, revoked, views";

  private final SqliteDatabase database;

  private SqliteShareRepository(SqliteDatabase database) {
    this.database = database;
  }

  /** The links in the same file as {@code recordings}. */
  public static SqliteShareRepository on(SqliteRecordingRepository recordings) {
    return new SqliteShareRepository(recordings.database());
  }

  @Override
  public void insert(Share share) {
    database.write(connection -> {
      try (PreparedStatement exists = connection.prepareStatement(
          "SELECT 1 FROM shares WHERE id = ? OR token_hash = ?")) {
        exists.setString(1, share.id().toString());
        exists.setString(2, share.tokenHash().hex());
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) {
            throw new ConflictException("share " + share.id() + " exists already");
          }
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO shares (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, share.id().toString());
        insert.setString(2, share.recordingId().toString());
        insert.setString(3, share.tokenHash().hex());
        insert.setLong(4, RecordingRows.nanos(share.createdAt()));
        insert.setLong(5, RecordingRows.nanos(share.expiresAt()));
        insert.setString(6, share.passcodeHash().orElse(null));
        insert.setInt(7, share.allowDownload() ? 1 : 0);
        insert.setInt(8, share.revoked() ? 1 : 0);
        insert.setLong(9, share.views());
        insert.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Optional<Share> findByTokenHash(ShareTokenHash hash) {
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + COLUMNS + " FROM shares WHERE token_hash = ?")) {
        select.setString(1, hash.hex());
        List<Share> found = readAll(select);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
      }
    });
  }

  @Override
  public List<Share> listByRecording(RecordingId recordingId) {
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + COLUMNS + " FROM shares WHERE recording_id = ? ORDER BY created_at, id")) {
        select.setString(1, recordingId.toString());
        return readAll(select);
      }
    });
  }

  @Override
  public boolean revoke(RecordingId recordingId, ShareId id) {
    return database.write(connection -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE shares SET revoked = 1 WHERE id = ? AND recording_id = ?")) {
        update.setString(1, id.toString());
        update.setString(2, recordingId.toString());
        return update.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void countView(Share share) {
    database.write(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE shares SET views = views + 1 WHERE id = ?")) {
        update.setString(1, share.id().toString());
        update.executeUpdate();
      }
      return null;
    });
  }

  private static List<Share> readAll(PreparedStatement select) throws SQLException {
    List<Share> shares = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        shares.add(new Share(
            new ShareId(UUID.fromString(rs.getString(1))),
            new RecordingId(UUID.fromString(rs.getString(2))),
            new ShareTokenHash(rs.getString(3)),
            RecordingRows.instant(rs.getLong(4)),
            RecordingRows.instant(rs.getLong(5)),
            Optional.ofNullable(rs.getString(6)),
            rs.getInt(7) == 1,
            rs.getInt(8) == 1,
            rs.getLong(9)));
      }
    }
    return shares;
  }
}
