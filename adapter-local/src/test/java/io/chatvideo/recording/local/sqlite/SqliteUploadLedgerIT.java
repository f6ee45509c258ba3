package io.chatvideo.recording.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.UploadLedger;
import io.chatvideo.recording.core.port.out.UploadLedger.Outcome;
import io.chatvideo.recording.core.testing.UploadLedgerContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload ledger contract against a real SQLite file in a fresh folder. */
class SqliteUploadLedgerIT extends UploadLedgerContract {

  @TempDir
  Path folder;

  private final List<SqliteRecordingRepository> opened = new ArrayList<>();

  @Override
  protected UploadLedger ledger() {
    return SqliteUploadLedger.on(open(folder.resolve("recordings-" + opened.size() + ".db")));
  }

  @AfterEach
  void close() {
    opened.forEach(SqliteRecordingRepository::close);
  }

  @Test
  void twoOpeningsOfOneFileShareTheDay() {
    Path file = folder.resolve("shared.db");
    UploadLedger first = SqliteUploadLedger.on(open(file));
    UploadLedger second = SqliteUploadLedger.on(open(file));
    UserId alice = UserId.of("alice@example.com");

    first.reserve(new UploadLedger.Signed(alice, DAY, id(), Map.of(0, 60L)), 100, 100);

    assertThat(second.reserve(new UploadLedger.Signed(alice, DAY, id(), Map.of(0, 60L)), 100, 100))
        .isEqualTo(new Outcome.DayFull(60, 60));
    assertThat(second.bytesOn(alice, DAY)).isEqualTo(60);
  }

  @Test
  void daysLongPastAreForgotten() {
    UploadLedger ledger = ledger();
    UserId alice = UserId.of("alice@example.com");
    ledger.reserve(new UploadLedger.Signed(alice, DAY, id(), Map.of(0, 60L)), 100, 100);

    ledger.reserve(new UploadLedger.Signed(alice, DAY.plusDays(3), id(), Map.of(0, 1L)), 100, 100);

    assertThat(ledger.bytesOn(alice, DAY)).isZero();
  }

  private SqliteRecordingRepository open(Path file) {
    SqliteRecordingRepository repository = SqliteRecordingRepository.open(file, Clock.systemUTC());
    opened.add(repository);
    return repository;
  }

  private static RecordingId id() {
    return RecordingId.parse(UUID.randomUUID().toString());
  }
}
