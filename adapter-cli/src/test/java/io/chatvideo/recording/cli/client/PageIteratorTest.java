package io.chatvideo.recording.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.cli.client.PageIterator.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageIteratorTest {

  /** Three pages a, b, c; "b" is empty, as a store's page may be when it filters. */
  static final Map<Optional<String>, Page<String>> PAGES = Map.of(
      Optional.empty(), new Page<>(List.of("1", "2"), Optional.of("b")),
      Optional.of("b"), new Page<>(List.of(), Optional.of("c")),
      Optional.of("c"), new Page<>(List.of("3"), Optional.of(" ")));

  final List<Optional<String>> fetched = new ArrayList<>();

  Page<String> fetch(Optional<String> token) {
    fetched.add(token);
    return PAGES.get(token);
  }

  @Test
  void everyPageFollowsTheTokensToTheEndAndABlankTokenEndsIt() {
    PageIterator<String> items = PageIterator.of(this::fetch, true);

    assertThat(items.toList()).containsExactly("1", "2", "3");
    assertThat(fetched).containsExactly(Optional.empty(), Optional.of("b"), Optional.of("c"));
    assertThat(items.morePages()).isFalse();
  }

  @Test
  void theFirstPageOnlySaysThatThereIsMore() {
    PageIterator<String> items = PageIterator.of(this::fetch, false);

    assertThat(items.toList()).containsExactly("1", "2");
    assertThat(fetched).containsExactly(Optional.empty());
    assertThat(items.morePages()).isTrue();
  }

  @Test
  void pagesAreFetchedOnlyAsTheItemsAreRead() {
    PageIterator<String> items = PageIterator.of(this::fetch, true);

    assertThat(fetched).isEmpty();
    assertThat(items.next()).isEqualTo("1");
    assertThat(items.next()).isEqualTo("2");
    assertThat(fetched).hasSize(1);
  }
}
