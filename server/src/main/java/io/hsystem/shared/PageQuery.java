package io.hsystem.shared;

/**
 * A validated page request: {@code page} counts from 1, {@code size} is capped.
 *
 * @param page 1-based page number
 * @param size items per page, 1..{@link #MAX_SIZE}
 */
public record PageQuery(int page, int size) {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 200;
  public static final int MAX_PAGE = 1_000_000;

  public PageQuery {
    if (page < 1 || page > MAX_PAGE) {
      throw ApiException.badField("page", "must be between 1 and " + MAX_PAGE);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw ApiException.badField("size", "must be between 1 and " + MAX_SIZE);
    }
  }

  /** Builds a page from optional query parameters, defaulting to page 1 of 20. */
  public static PageQuery of(Integer page, Integer size) {
    return new PageQuery(page == null ? 1 : page, size == null ? DEFAULT_SIZE : size);
  }

  public long offset() {
    return (long) (page - 1) * size;
  }
}
