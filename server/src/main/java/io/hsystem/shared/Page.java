package io.hsystem.shared;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the spec's {@code {"total": N, "items": [...]}} shape.
 *
 * @param total number of items matching the query, over all pages
 * @param items the items of this page
 */
public record Page<T>(long total, List<T> items) {

  public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
    return new Page<>(total, items.stream().<R>map(mapper).toList());
  }
}
