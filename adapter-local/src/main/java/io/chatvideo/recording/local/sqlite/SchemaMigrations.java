package io.chatvideo.recording.local.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * The numbered schema changes, applied in order inside the caller's write transaction, so two
 * processes opening a new file at once apply each change exactly once. A database written by a
 * newer version is refused rather than misread.
 */
final class SchemaMigrations {

  /** Migration {@code n} is element {@code n - 1}; only ever append. */
  static final List<List<String>> MIGRATIONS = List.of(
      List.of(
          """
          CREATE TABLE recordings (
            id                TEXT    PRIMARY KEY,
            room_id           TEXT    NOT NULL,
            owner             TEXT    NOT NULL,
            object_key        TEXT    NOT NULL,
            filename          TEXT    NOT NULL,
            content_type      TEXT    NOT NULL,
            declared_size     INTEGER,
            created_at        INTEGER NOT NULL,
            expires_at        INTEGER NOT NULL,
            status            TEXT    NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'ABANDONED')),
            upload_id         TEXT,
            upload_expires_at INTEGER,
            stored_size       INTEGER,
            sha256            TEXT,
            completed_at      INTEGER,
            duration_nanos    INTEGER,
            abandoned_at      INTEGER
          )""",
          """
          CREATE TABLE recording_participants (
            recording_id TEXT NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
            user_id      TEXT NOT NULL,
            PRIMARY KEY (recording_id, user_id)
          ) WITHOUT ROWID""",
          "CREATE INDEX recordings_by_owner ON recordings (owner, created_at DESC, id DESC)",
          "CREATE INDEX recordings_by_room ON recordings (room_id, created_at DESC, id DESC)",
          "CREATE INDEX recordings_by_created ON recordings (created_at DESC, id DESC)",
          "CREATE INDEX recordings_by_expiry ON recordings (expires_at)",
          "CREATE INDEX recordings_by_upload_window ON recordings (status, upload_expires_at)"),
      // Every upload request sums its owner's day (UploadAllowance): an index holding all the
      // columns that sum reads answers it without touching the table.
      List.of("CREATE INDEX recordings_usage_by_owner ON recordings"
          + " (owner, created_at, expires_at, status, upload_expires_at, declared_size, stored_size)"),
      // Jobs live beside the recordings so that a recording's change and the job it causes can
      // commit in one transaction (JobRows.insert). A completed job's row is deleted; a queued
      // job is due at visible_again_at (its lease's end, or its retry time); receipt names the
      // current lease and is NULL between leases.
      List.of(
          """
          CREATE TABLE jobs (
            id               TEXT    PRIMARY KEY,
            kind             TEXT    NOT NULL,
            subject          TEXT    NOT NULL,
            enqueued_at      INTEGER NOT NULL,
            state            TEXT    NOT NULL CHECK (state IN ('QUEUED', 'DEAD')),
            visible_again_at INTEGER NOT NULL,
            attempts         INTEGER NOT NULL CHECK (attempts >= 0),
            receipt          TEXT,
            last_reason      TEXT,
            died_at          INTEGER,
            CHECK ((state = 'DEAD') = (died_at IS NOT NULL))
          )""",
          "CREATE INDEX jobs_due ON jobs (visible_again_at, enqueued_at) WHERE state = 'QUEUED'",
          "CREATE INDEX jobs_dead ON jobs (died_at DESC, id DESC) WHERE state = 'DEAD'"),
      // What processing made of a completed recording (NULL state: completed before processing existed, read as off).
      List.of(
          "ALTER TABLE recordings ADD COLUMN processing_state TEXT"
              + " CHECK (processing_state IN ('queued', 'running', 'ready', 'failed', 'off'))",
          "ALTER TABLE recordings ADD COLUMN processing_since INTEGER",
          "ALTER TABLE recordings ADD COLUMN processing_failure TEXT",
          "ALTER TABLE recordings ADD COLUMN width INTEGER",
          "ALTER TABLE recordings ADD COLUMN height INTEGER",
          "ALTER TABLE recordings ADD COLUMN mp4_key TEXT",
          "ALTER TABLE recordings ADD COLUMN mp4_size INTEGER",
          "ALTER TABLE recordings ADD COLUMN thumbnail_key TEXT",
          "ALTER TABLE recordings ADD COLUMN thumbnail_size INTEGER",
          "CREATE INDEX recordings_by_processing ON recordings (processing_state, processing_since)"),
      // 5 is the webhooks branch's (events and deliveries); kept empty here so that the numbers agree once both are merged.
      List.of(),
      // Share links: only the token's SHA-256 is kept; a deleted recording takes its links with it.
      List.of(
          """
          CREATE TABLE shares (
            id            TEXT    PRIMARY KEY,
            recording_id  TEXT    NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
            token_hash    TEXT    NOT NULL UNIQUE,
            created_at    INTEGER NOT NULL,
            expires_at    INTEGER NOT NULL,
            passcode_hash TEXT,
            allow_download INTEGER NOT NULL CHECK (allow_download IN (0, 1)),
            revoked       INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
            views         INTEGER NOT NULL DEFAULT 0 CHECK (views >= 0)
          )""",
          "CREATE INDEX shares_by_recording ON shares (recording_id, created_at, id)"));

  private SchemaMigrations() {}

  static int latestVersion() {
    return MIGRATIONS.size();
  }

  /** Brings the schema to {@link #latestVersion()}; must run inside a write transaction. */
  static void apply(Connection connection, Instant now) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
          + "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
      int current;
      try (ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
        current = rs.next() ? rs.getInt(1) : 0;
      }
      if (current > latestVersion()) {
        throw new IllegalStateException("the metadata database has schema version " + current
            + ", newer than this software knows (" + latestVersion() + "); upgrade call-recordings");
      }
      for (int version = current + 1; version <= latestVersion(); version++) {
        for (String sql : MIGRATIONS.get(version - 1)) {
          statement.execute(sql);
        }
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
          insert.setInt(1, version);
          insert.setString(2, now.toString());
          insert.executeUpdate();
        }
      }
    }
  }
}
