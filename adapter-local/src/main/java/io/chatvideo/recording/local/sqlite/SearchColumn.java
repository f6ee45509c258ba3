package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.SearchText;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.Function;

/**
 * The {@code search_text} column that a listing's {@code q} is matched against: the core's
 * {@link SearchText#searchable} of each row (file name and room, case-folded in Java), written with
 * every row. SQLite's own {@code LIKE} and {@code lower()} fold ASCII only, so {@code 'É'} would
 * never find {@code 'é'}; folding once on write, the same way the query text is folded, leaves
 * {@code LIKE} only plain characters to compare. Migration 7 fills the column of rows written
 * before it through {@code casefold()}, the same folding as an SQL function on that connection.
 */
final class SearchColumn {

  /** The escape character of {@link #containing}'s patterns ({@code LIKE ? ESCAPE '\'}). */
  static final String CONDITION = "r.search_text LIKE ? ESCAPE '\\'";

  private SearchColumn() {}

  static String value(RecordingDetails details) {
    return SearchText.searchable(details);
  }

  /** A {@code LIKE} pattern for "contains {@code text}", with {@code %}, {@code _} and {@code \} taken literally. */
  static String containing(SearchText text) {
    String escaped = text.folded().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return "%" + escaped + "%";
  }

  /** Makes {@code casefold(text)} ({@link SearchText#fold}) callable from SQL on {@code connection}. */
  static void registerCaseFold(Connection connection) throws SQLException {
    Function.create(connection, "casefold", new Function() {
      @Override
      protected void xFunc() throws SQLException {
        String text = value_text(0);
        if (text == null) {
          result();
        } else {
          result(SearchText.fold(text));
        }
      }
    }, 1, Function.FLAG_DETERMINISTIC);
  }
}
