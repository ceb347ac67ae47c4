package io.hsystem.detection.sigma;

import java.util.Arrays;
import java.util.List;

/**
 * An Aho-Corasick automaton over lower-cased literals: one pass over a value reports every
 * occurrence of every literal, whatever their number. (No maintained implementation is on the
 * server's classpath, hence this one.)
 *
 * <p>States are numbered breadth-first. The shallow ones, where a scan spends most of its time, get
 * a full transition table over the ASCII characters the literals use (upper case folded into the
 * same column); deeper states keep only their trie edges and fall back along failure links.
 * Characters no literal contains send the scan straight back to the root. A transition into a state
 * that reports literals is stored complemented, so that the output tables are read only when there
 * is something to report. Immutable and thread-safe.
 */
final class AhoCorasick {

  /** Receives occurrences: literal index and the end (exclusive) of the occurrence. */
  interface Hits {
    void found(int literal, int end);
  }

  /** Upper bound on the dense table, in entries (4 bytes each). */
  private static final int DENSE_BUDGET = 1 << 19;

  private static final int LINEAR_SEARCH = 8;

  /** No trie edge; distinct from every state id, plain or complemented. */
  private static final int NO_EDGE = Integer.MIN_VALUE;

  private final int[] literalLength;
  private final int[] asciiClass = new int[128];
  private final int classes;
  private final char[] nonAscii;
  private final int denseStates;
  private final int[] dense;
  private final int[] edgeStart;
  private final char[] edgeChar;
  private final int[] edgeTarget;
  private final int[] fail;
  private final int[] terminal;
  private final int[] reportFrom;
  private final int[] dictionary;

  /**
   * Builds the automaton.
   *
   * @param literals distinct, non-empty, already lower-cased with {@link Text#lower(String)}
   */
  AhoCorasick(List<String> literals) {
    literalLength = new int[literals.size()];
    Trie trie = new Trie();
    for (int i = 0; i < literals.size(); i++) {
      String literal = literals.get(i);
      if (literal.isEmpty()) {
        throw new IllegalArgumentException("empty literal");
      }
      literalLength[i] = literal.length();
      trie.add(literal, i);
    }
    int states = trie.size;

    // Breadth-first renumbering, so that shallow states come first.
    int[] order = new int[states];
    int[] newId = new int[states];
    int head = 0;
    int tail = 0;
    order[tail++] = 0;
    while (head < tail) {
      int s = order[head++];
      newId[s] = head - 1;
      for (int child = trie.firstChild[s]; child >= 0; child = trie.nextSibling[child]) {
        order[tail++] = child;
      }
    }

    edgeStart = new int[states + 1];
    edgeChar = new char[states - 1];
    edgeTarget = new int[states - 1];
    terminal = new int[states];
    int[] depth = new int[states];
    int edges = 0;
    for (int s = 0; s < states; s++) {
      int old = order[s];
      terminal[s] = trie.terminal[old];
      depth[s] = trie.depth[old];
      edgeStart[s] = edges;
      int first = edges;
      for (int child = trie.firstChild[old]; child >= 0; child = trie.nextSibling[child]) {
        edgeChar[edges] = trie.label[child];
        edgeTarget[edges] = newId[child];
        edges++;
      }
      sortEdges(first, edges);
    }
    edgeStart[states] = edges;

    fail = new int[states];
    dictionary = new int[states];
    reportFrom = new int[states];
    dictionary[0] = -1;
    reportFrom[0] = -1;
    for (int s = 0; s < states; s++) {
      for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
        int t = edgeTarget[e];
        char c = edgeChar[e];
        int f = 0;
        if (s != 0) {
          f = fail[s];
          int next;
          while ((next = edge(f, c)) == NO_EDGE && f != 0) {
            f = fail[f];
          }
          f = next != NO_EDGE ? next : 0;
        }
        fail[t] = f;
        dictionary[t] = terminal[f] >= 0 ? f : dictionary[f];
        reportFrom[t] = terminal[t] >= 0 ? t : dictionary[t];
      }
    }

    int cls = 0;
    char[] wide = new char[16];
    int wideCount = 0;
    for (int e = 0; e < edges; e++) {
      char c = edgeChar[e];
      if (c < 128) {
        if (asciiClass[c] == 0) {
          asciiClass[c] = ++cls;
        }
      } else if (Arrays.binarySearch(wide, 0, wideCount, c) < 0) {
        if (wideCount == wide.length) {
          wide = Arrays.copyOf(wide, wideCount * 2);
        }
        wide[wideCount++] = c;
        Arrays.sort(wide, 0, wideCount);
      }
    }
    classes = cls;
    nonAscii = Arrays.copyOf(wide, wideCount);
    char[] classChar = new char[classes + 1];
    for (char c = 0; c < 128; c++) {
      if (asciiClass[c] != 0) {
        classChar[asciiClass[c]] = c;
      }
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      asciiClass[c] = asciiClass[Text.lower(c)];
    }

    int denseCount = 1;
    if (classes > 0) {
      for (int d = 1; ; d++) {
        int count = denseCount;
        while (count < states && depth[count] <= d) {
          count++;
        }
        if (count == denseCount || (long) count * classes > DENSE_BUDGET) {
          break;
        }
        denseCount = count;
      }
    }
    denseStates = denseCount;
    if (System.getenv("AC_DEBUG") != null && states > 2000)
      System.out.println(
          "AC literals="
              + literals.size()
              + " states="
              + states
              + " classes="
              + classes
              + " dense="
              + denseCount
              + " maxdepth="
              + depth[states - 1]);
    dense = new int[denseStates * classes];
    for (int s = 0; s < denseStates; s++) {
      for (int k = 1; k <= classes; k++) {
        int t = edge(s, classChar[k]);
        dense[s * classes + k - 1] =
            t != NO_EDGE ? t : s == 0 ? 0 : dense[fail[s] * classes + k - 1];
      }
    }
    // flag the targets that report, now that the plain ids are no longer needed
    for (int i = 0; i < dense.length; i++) {
      dense[i] = flagged(dense[i]);
    }
    for (int e = 0; e < edges; e++) {
      edgeTarget[e] = flagged(edgeTarget[e]);
    }
  }

  /** A state id, complemented when reaching it reports literals. */
  private int flagged(int state) {
    return reportFrom[state] >= 0 ? ~state : state;
  }

  int literalLength(int literal) {
    return literalLength[literal];
  }

  /**
   * Reports every occurrence of every literal in {@code text[from, to)}, case-folded; ends are
   * relative to {@code from}.
   */
  void scan(char[] text, int from, int to, Hits hits) {
    int s = 0;
    for (int i = from; i < to; i++) {
      int t = next(s, text[i]);
      if (t < 0) {
        s = ~t;
        for (int r = reportFrom[s]; r >= 0; r = dictionary[r]) {
          hits.found(terminal[r], i + 1 - from);
        }
      } else {
        s = t;
      }
    }
  }

  /** The flagged state after {@code c}; the fall-back walk goes through plain ids. */
  private int next(int state, char c) {
    int s = state;
    if (c < 128) {
      int k = asciiClass[c];
      if (k == 0) {
        return 0;
      }
      char lower = Text.lower(c);
      while (s >= denseStates) {
        int t = edge(s, lower);
        if (t != NO_EDGE) {
          return t;
        }
        s = fail[s];
      }
      return dense[s * classes + k - 1];
    }
    char lower = Text.lower(c);
    if (Arrays.binarySearch(nonAscii, lower) < 0) {
      return 0;
    }
    while (true) {
      int t = edge(s, lower);
      if (t != NO_EDGE) {
        return t;
      }
      if (s == 0) {
        return 0;
      }
      s = fail[s];
    }
  }

  /** The trie edge from a state for a character, or {@link #NO_EDGE}. */
  private int edge(int state, char c) {
    int from = edgeStart[state];
    int to = edgeStart[state + 1];
    if (to - from <= LINEAR_SEARCH) {
      for (int e = from; e < to; e++) {
        if (edgeChar[e] == c) {
          return edgeTarget[e];
        }
      }
      return NO_EDGE;
    }
    int e = Arrays.binarySearch(edgeChar, from, to, c);
    return e >= 0 ? edgeTarget[e] : NO_EDGE;
  }

  private void sortEdges(int from, int to) {
    // insertion sort of the (char, target) pairs: fan-outs are small
    for (int i = from + 1; i < to; i++) {
      char c = edgeChar[i];
      int t = edgeTarget[i];
      int j = i - 1;
      while (j >= from && edgeChar[j] > c) {
        edgeChar[j + 1] = edgeChar[j];
        edgeTarget[j + 1] = edgeTarget[j];
        j--;
      }
      edgeChar[j + 1] = c;
      edgeTarget[j + 1] = t;
    }
  }

  /** The keyword trie while building: first-child/next-sibling lists in growable arrays. */
  private static final class Trie {
    char[] label = new char[64];
    int[] firstChild = new int[64];
    int[] nextSibling = new int[64];
    int[] terminal = new int[64];
    int[] depth = new int[64];
    int size = 1;

    Trie() {
      firstChild[0] = -1;
      nextSibling[0] = -1;
      terminal[0] = -1;
    }

    void add(String literal, int index) {
      int s = 0;
      for (int i = 0; i < literal.length(); i++) {
        char c = literal.charAt(i);
        int child = firstChild[s];
        while (child >= 0 && label[child] != c) {
          child = nextSibling[child];
        }
        if (child < 0) {
          child = newState(c, depth[s] + 1);
          nextSibling[child] = firstChild[s];
          firstChild[s] = child;
        }
        s = child;
      }
      terminal[s] = index;
    }

    private int newState(char c, int d) {
      if (size == label.length) {
        int n = size * 2;
        label = Arrays.copyOf(label, n);
        firstChild = Arrays.copyOf(firstChild, n);
        nextSibling = Arrays.copyOf(nextSibling, n);
        terminal = Arrays.copyOf(terminal, n);
        depth = Arrays.copyOf(depth, n);
      }
      int s = size++;
      label[s] = c;
      firstChild[s] = -1;
      nextSibling[s] = -1;
      terminal[s] = -1;
      depth[s] = d;
      return s;
    }
  }
}
