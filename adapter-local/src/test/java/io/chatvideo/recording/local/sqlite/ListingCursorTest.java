package io.chatvideo.recording.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.InvalidInputException;
import org.junit.jupiter.api.Test;

class ListingCursorTest {

  private static final String ID = "123e4567-e89b-12d3-a456-426614174000";

  @Test
  void aCursorReadsBackEqual() {
    ListingCursor cursor = new ListingCursor(1_772_359_200_123_456_789L, ID);

    assertThat(ListingCursor.parse(cursor.format())).isEqualTo(cursor);
    assertThat(ListingCursor.parse("-5." + ID)).isEqualTo(new ListingCursor(-5, ID));
  }

  @Test
  void forgedCursorsAreInvalidInputOnNextToken() {
    for (String forged : new String[] {"", "x", "1." + ID.toUpperCase(), "1.' OR 1=1 --", "99999999999999999999." + ID,
        "1." + ID + "\n", "1.123e4567-e89b-12d3-a456-42661417400g", ID}) {
      assertThatThrownBy(() -> ListingCursor.parse(forged)).as(forged)
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("next_token"));
    }
  }
}
