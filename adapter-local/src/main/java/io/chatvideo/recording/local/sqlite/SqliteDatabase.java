package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.StorageUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * The metadata database file. Each operation borrows one connection of a small pool and has it to
 * itself, because a sqlite-jdbc connection must not be used by two threads at once while separate
 * connections may. Other processes (the server and the CLI) open the same file the same way: WAL
 * lets readers go on while one connection writes, writes begin with {@code BEGIN IMMEDIATE} so two
 * writers queue on the file lock instead of deadlocking on a lock upgrade, and {@code busy_timeout}
 * makes a writer wait for the other instead of failing at once. Within this process, writers
 * first queue on a fair lock of their own: SQLite's busy handler waits by sleeping in growing steps
 * (1, 2, 5 … 100 ms), which under concurrent uploads put tens of milliseconds on the slowest
 * requests, whereas the lock hands over as soon as the previous commit is done.
 */
final class SqliteDatabase implements AutoCloseable {

  static final int POOL_SIZE = 4;
  static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);

  /** Primary result codes that mean "the database cannot serve now", not "the request is wrong". */
  private static final Set<Integer> UNAVAILABLE = Set.of(
      5 /* BUSY */, 6 /* LOCKED */, 7 /* NOMEM */, 8 /* READONLY */, 10 /* IOERR */, 11 /* CORRUPT */,
      13 /* FULL */, 14 /* CANTOPEN */, 15 /* PROTOCOL */, 26 /* NOTADB */);

  private final String url;
  private final SQLiteConfig config;
  private final Semaphore permits = new Semaphore(POOL_SIZE, true);
  private final ReentrantLock writer = new ReentrantLock(true);
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  private SqliteDatabase(Path file) {
    this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    this.config = new SQLiteConfig();
    config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL: a commit is on disk when it returns, so a completed recording never reverts to PENDING
    // after a power cut (the sweep would then delete its object).
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
  }

  /** Opens the file, creating it if needed, and brings its schema up to date. */
  static SqliteDatabase open(Path file, Clock clock) {
    SqliteDatabase database = new SqliteDatabase(file);
    try {
      database.write(connection -> {
        SchemaMigrations.apply(connection, clock.instant());
        return null;
      });
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  /** Runs {@code work} on a connection of its own, each statement committing by itself. */
  <T> T read(Work<T> work) {
    Connection connection = borrow();
    boolean reusable = true;
    try {
      return work.run(connection);
    } catch (SQLException e) {
      reusable = false;
      throw translate(e);
    } finally {
      giveBack(connection, reusable);
    }
  }

  /** Runs {@code work} in one write transaction, committed if it returns, rolled back if it throws. */
  <T> T write(Work<T> work) {
    await(timeout -> writer.tryLock(timeout, TimeUnit.MILLISECONDS));
    try {
      return writeHoldingLock(work);
    } finally {
      writer.unlock();
    }
  }

  private <T> T writeHoldingLock(Work<T> work) {
    Connection connection = borrow();
    boolean reusable = false;
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      try {
        T result = work.run(connection);
        statement.execute("COMMIT");
        reusable = true;
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(statement, e);
        reusable = true;
        throw e;
      }
    } catch (SQLException e) {
      throw translate(e);
    } finally {
      giveBack(connection, reusable);
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection connection;
    while ((connection = idle.poll()) != null) {
      closeQuietly(connection);
    }
  }

  private Connection borrow() {
    if (closed) {
      throw new StorageUnavailableException("the metadata database is closed");
    }
    await(timeout -> permits.tryAcquire(timeout, TimeUnit.MILLISECONDS));
    Connection connection = idle.poll();
    if (connection != null) {
      return connection;
    }
    try {
      return connect();
    } catch (SQLException e) {
      permits.release();
      throw translate(e);
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  /**
   * Opens a connection, trying again for up to {@link #BUSY_TIMEOUT} while the file is busy: the
   * pragmas applied on opening (WAL among them) can meet another process's lock before
   * {@code busy_timeout} is in force, and then SQLite answers SQLITE_BUSY at once: the server and
   * the CLI opening a new data directory together, as SqliteConcurrentUseIT does, failed so about
   * once in 170 opens.
   */
  private Connection connect() throws SQLException {
    long deadline = System.nanoTime() + BUSY_TIMEOUT.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        return config.createConnection(url);
      } catch (SQLException e) {
        if (!isBusy(e) || System.nanoTime() > deadline) {
          throw e;
        }
        pause(Math.min(attempt, 10) * 5L);
      }
    }
  }

  private static boolean isBusy(SQLException e) {
    int code = primaryResultCode(e);
    return code == 5 /* BUSY */ || code == 6 /* LOCKED */;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  /** Waits at most {@link #BUSY_TIMEOUT} for a turn, as a connection waits for the file. */
  private static void await(Turn turn) {
    try {
      if (!turn.tryFor(BUSY_TIMEOUT.toMillis())) {
        throw new StorageUnavailableException("the metadata database is busy; try again");
      }
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  /** Keeps the interrupt for the caller and reports the wait as unavailability. */
  private static StorageUnavailableException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new StorageUnavailableException("interrupted while waiting for the metadata database", e);
  }

  private void giveBack(Connection connection, boolean reusable) {
    if (reusable && !closed) {
      idle.push(connection);
    } else {
      closeQuietly(connection);
    }
    permits.release();
  }

  private static void rollback(Statement statement, Exception cause) {
    try {
      statement.execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite rolls back by itself on some errors (e.g. a full disk); then there is nothing left.
      cause.addSuppressed(e);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing a connection we are discarding; nothing a caller could do about it.
    }
  }

  /** Database trouble is {@link StorageUnavailableException}; anything else is a bug in our SQL. */
  static RuntimeException translate(SQLException e) {
    if (UNAVAILABLE.contains(primaryResultCode(e))) {
      return new StorageUnavailableException("the metadata database is unavailable: " + e.getMessage(), e);
    }
    return new IllegalStateException("unexpected SQLite error: " + e.getMessage(), e);
  }

  private static int primaryResultCode(SQLException e) {
    return (e instanceof SQLiteException sqlite ? sqlite.getResultCode().code : e.getErrorCode()) & 0xff;
  }

  /** A permit or lock taken within a timeout in milliseconds; false if it timed out. */
  @FunctionalInterface
  private interface Turn {
    boolean tryFor(long timeoutMillis) throws InterruptedException;
  }

  /** Database work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }
}
