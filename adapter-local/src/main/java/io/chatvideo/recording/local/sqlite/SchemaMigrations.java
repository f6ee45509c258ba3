package io.chatvideo.recording.local.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The numbered schema changes, applied in order inside the caller's write transaction, so two
 * processes opening a new file at once apply each change exactly once. A database with a change
 * this version does not know is refused rather than misread.
 */
final class SchemaMigrations {

  /**
   * Migration {@code n} is the entry of key {@code n}; only ever add. Numbers may be left free for
   * a change made on another branch at the same time: each number is applied once, whenever it
   * first appears, so a database at 7 still gets 5 and 6 when they arrive.
   */
  static final SortedMap<Integer, List<String>> MIGRATIONS = new TreeMap<>(Map.ofEntries(
      Map.entry(1, List.of(
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
          "CREATE INDEX recordings_by_upload_window ON recordings (status, upload_expires_at)")),
      // Every upload request sums its owner's day (UploadAllowance): an index holding all the
      // columns that sum reads answers it without touching the table.
      Map.entry(2, List.of("CREATE INDEX recordings_usage_by_owner ON recordings"
          + " (owner, created_at, expires_at, status, upload_expires_at, declared_size, stored_size)")),
      // Jobs live beside the recordings so that a recording's change and the job it causes can
      // commit in one transaction (JobRows.insert). A completed job's row is deleted; a queued
      // job is due at visible_again_at (its lease's end, or its retry time); receipt names the
      // current lease and is NULL between leases.
      Map.entry(3, List.of(
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
          "CREATE INDEX jobs_dead ON jobs (died_at DESC, id DESC) WHERE state = 'DEAD'")),
      // What processing made of a completed recording (NULL state: completed before processing existed, read as off).
      Map.entry(4, List.of(
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
          "CREATE INDEX recordings_by_processing ON recordings (processing_state, processing_since)")),
      // Events beside the recordings, so a change and its event commit together (SqliteEventOutbox);
      // the webhook endpoints operators registered, and the log of attempts at each.
      Map.entry(5, List.of(
          """
          CREATE TABLE events (
            id          TEXT    PRIMARY KEY,
            type        TEXT    NOT NULL,
            occurred_at INTEGER NOT NULL,
            body        TEXT    NOT NULL
          )""",
          """
          CREATE TABLE webhook_endpoints (
            id         TEXT    PRIMARY KEY,
            url        TEXT    NOT NULL,
            secrets    TEXT    NOT NULL,
            events     TEXT    NOT NULL,
            created_at INTEGER NOT NULL,
            disabled   TEXT
          )""",
          """
          CREATE TABLE webhook_deliveries (
            endpoint_id TEXT    NOT NULL,
            event_id    TEXT    NOT NULL,
            attempt     INTEGER NOT NULL CHECK (attempt >= 1),
            type        TEXT    NOT NULL,
            at          INTEGER NOT NULL,
            response    TEXT    NOT NULL CHECK (response IN ('delivered', 'gone', 'failed')),
            status      INTEGER,
            error       TEXT,
            latency_ms  INTEGER NOT NULL,
            outcome     TEXT    NOT NULL CHECK (outcome IN ('DELIVERED', 'RETRYING', 'DEAD', 'DISABLED')),
            retry_at    INTEGER
          )""",
          "CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, at DESC)")),
      // Share links: only the token's SHA-256 is kept; a deleted recording takes its links with it.
      Map.entry(6, List.of(
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
          "CREATE INDEX shares_by_recording ON shares (recording_id, created_at, id)")),
      // Listings search file name and room case-insensitively in every script (SearchColumn).
      // The date range needs no new index: created_at follows owner and room_id in the listing
      // indexes of migration 1, so a range is a bounded walk of them (SqlitePaginationIT's plans).
      Map.entry(7, List.of(
          "ALTER TABLE recordings ADD COLUMN search_text TEXT",
          "UPDATE recordings SET search_text = casefold(filename) || char(10) || casefold(room_id)")),
      // A lease names the run that holds it (LocalRun), so a process started later takes back at
      // once what a dead run held; events and their delivery log are forgotten by age (the sweep).
      Map.entry(8, List.of(
          "ALTER TABLE jobs ADD COLUMN holder TEXT",
          "CREATE INDEX jobs_held ON jobs (holder) WHERE receipt IS NOT NULL",
          "CREATE INDEX events_by_time ON events (occurred_at)",
          "CREATE INDEX webhook_deliveries_by_time ON webhook_deliveries (at)")),
      // The upload ledger (SqliteUploadLedger): bytes per owner and UTC day, and the largest length
      // signed per recording and slot (slot -1 marks a settled recording, its length the stored
      // size). Not tied to recordings: deleting a recording gives no bytes back.
      Map.entry(9, List.of(
          """
          CREATE TABLE upload_days (
            owner TEXT    NOT NULL,
            day   TEXT    NOT NULL,
            bytes INTEGER NOT NULL,
            PRIMARY KEY (owner, day)
          ) WITHOUT ROWID""",
          "CREATE INDEX upload_days_by_day ON upload_days (day)",
          """
          CREATE TABLE upload_signatures (
            recording_id TEXT    NOT NULL,
            slot         INTEGER NOT NULL,
            length       INTEGER NOT NULL CHECK (length >= 0),
            day          TEXT    NOT NULL,
            PRIMARY KEY (recording_id, slot)
          ) WITHOUT ROWID""",
          "CREATE INDEX upload_signatures_by_day ON upload_signatures (day)")),
      // Passcode tries per link (token hash) or client address in its open minute, shared by every
      // process on the file (SqlitePasscodeAttempts).
      Map.entry(10, List.of(
          """
          CREATE TABLE passcode_attempts (
            budget       TEXT    PRIMARY KEY,
            window_start INTEGER NOT NULL,
            tries        INTEGER NOT NULL CHECK (tries >= 1)
          )""",
          "CREATE INDEX passcode_attempts_by_age ON passcode_attempts (window_start)")),
      // A recording the sweep completed with the bytes it had (PartialReason); NULL for a whole one.
      Map.entry(11, List.of("ALTER TABLE recordings ADD COLUMN partial_reason TEXT")),
      // How a recording's audio holds its parties (NULL: written before, read as mixed), and its
      // speaker timeline (SqliteSpeakerTimelines), which goes with the recording's row.
      Map.entry(12, List.of(
          "ALTER TABLE recordings ADD COLUMN audio_layout TEXT CHECK (audio_layout IN ('per_party', 'mixed'))",
          """
          CREATE TABLE speaker_timelines (
            recording_id TEXT    PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
            state        TEXT    NOT NULL CHECK (state IN ('ready', 'unavailable', 'failed')),
            reason       TEXT,
            segments     TEXT    NOT NULL,
            made_at      INTEGER NOT NULL
          )""")),
      // The storyboard's sprite processing made (its WebVTT track lies at a key derived from the
      // recording's); NULL when there is none.
      Map.entry(13, List.of(
          "ALTER TABLE recordings ADD COLUMN storyboard_key TEXT",
          "ALTER TABLE recordings ADD COLUMN storyboard_size INTEGER")),
      // A recording's transcript (SqliteTranscripts), which goes with the recording's row; its cues
      // are one text value, read and written whole.
      Map.entry(14, List.of(
          """
          CREATE TABLE transcripts (
            recording_id TEXT    PRIMARY KEY REFERENCES recordings (id) ON DELETE CASCADE,
            state        TEXT    NOT NULL CHECK (state IN ('queued', 'running', 'ready', 'failed', 'skipped')),
            reason       TEXT,
            engine       TEXT    NOT NULL,
            cues         TEXT    NOT NULL,
            made_at      INTEGER NOT NULL
          )"""))));

  private SchemaMigrations() {}

  static int latestVersion() {
    return MIGRATIONS.lastKey();
  }

  /** Brings the schema to {@link #latestVersion()}; must run inside a write transaction. */
  static void apply(Connection connection, Instant now) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
          + "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
      Set<Integer> applied = new HashSet<>();
      try (ResultSet rs = statement.executeQuery("SELECT version FROM schema_version")) {
        while (rs.next()) {
          applied.add(rs.getInt(1));
        }
      }
      for (int version : applied) {
        if (!MIGRATIONS.containsKey(version)) {
          throw new IllegalStateException("the metadata database has schema version " + version
              + ", which this software does not know (it knows up to " + latestVersion() + "); upgrade call-recordings");
        }
      }
      SearchColumn.registerCaseFold(connection);
      for (Map.Entry<Integer, List<String>> migration : MIGRATIONS.entrySet()) {
        if (applied.contains(migration.getKey())) {
          continue;
        }
        for (String sql : migration.getValue()) {
          statement.execute(sql);
        }
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
          insert.setInt(1, migration.getKey());
          insert.setString(2, now.toString());
          insert.executeUpdate();
        }
      }
    }
  }
}
