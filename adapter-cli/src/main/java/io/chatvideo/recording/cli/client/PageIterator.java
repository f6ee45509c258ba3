package io.chatvideo.recording.cli.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The items of a listing that comes in pages linked by a next token: the API's
 * {@code GET /recordings} as much as the core's list use case. Pages are fetched as the items are
 * read, the first one only or every one; {@link #morePages()} says afterwards whether a page was
 * left unfetched.
 *
 * <pre>{@code
 * PageIterator<Item> items = PageIterator.of(token -> fetch(token), true);
 * items.forEachRemaining(this::print);
 * }</pre>
 */
public final class PageIterator<T> implements Iterator<T> {

  /** One page: its items and the token of the next page, if there is one. */
  public record Page<T>(List<T> items, Optional<String> next) {

    public Page {
      items = List.copyOf(items);
      next = next.filter(token -> !token.isBlank());
    }
  }

  /** Fetches the page a token names; the first page has none. */
  @FunctionalInterface
  public interface Source<T> {
    Page<T> fetch(Optional<String> token);
  }

  private final Source<T> source;
  private final boolean everyPage;
  private final Deque<T> buffered = new ArrayDeque<>();
  private Optional<String> next = Optional.empty();
  private boolean fetchedAny;

  private PageIterator(Source<T> source, boolean everyPage) {
    this.source = source;
    this.everyPage = everyPage;
  }

  /** The items of the first page only, or of every page. */
  public static <T> PageIterator<T> of(Source<T> source, boolean everyPage) {
    return new PageIterator<>(source, everyPage);
  }

  @Override
  public boolean hasNext() {
    while (buffered.isEmpty() && (!fetchedAny || (everyPage && next.isPresent()))) {
      Page<T> page = source.fetch(next);
      fetchedAny = true;
      buffered.addAll(page.items());
      next = page.next();
    }
    return !buffered.isEmpty();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffered.removeFirst();
  }

  /** Reads every item that is left. */
  public List<T> toList() {
    List<T> items = new ArrayList<>();
    forEachRemaining(items::add);
    return items;
  }

  /** Whether the listing has pages this iterator did not fetch (only when it was not to fetch every page). */
  public boolean morePages() {
    return next.isPresent() && !everyPage;
  }
}
