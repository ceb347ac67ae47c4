package io.hsystem.detection.sigma;

import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of an event's original record ({@code raw}), for Sigma fields without a canonical
 * twin: a flat index built in one pass of Jackson's streaming parser (no tree), into buffers reused
 * from event to event. Keys are case-insensitive. What a record offers, best first when a name
 * occurs more than once:
 *
 * <ol>
 *   <li>in nested Windows records ({@code Event.System} present): the members of {@code
 *       Event.EventData} (including the {@code Data: [{"@Name": …, "#text": …}]} form);
 *   <li>the members of {@code Event.UserData}'s child element;
 *   <li>the members of {@code Event.System}, XML attributes named {@code Element_Attribute} as the
 *       Sigma specification has it ({@code Provider_Name}, {@code Execution_ProcessID}), an
 *       element's {@code #text} under the element's name ({@code EventID});
 *   <li>in every record, each value under its dotted path from the top ({@code OriginalFileName} in
 *       flat records, {@code logdata.USERNAME}, {@code process.pe.original_file_name}).
 * </ol>
 *
 * Values are scalars (strings decoded, numbers and booleans as written, JSON null kept as null so
 * that {@code exists} sees it); an array of scalars gives one value per element; objects are not
 * values. A record that is not a JSON object has no fields; a malformed one keeps what was read
 * before the error. Bounded in depth, entries and size, since the record is attacker-controlled.
 */
final class RawRecord {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private static final int MAX_DEPTH = 8;
  private static final int MAX_ENTRIES = 2048;

  private static final byte VALUE = 0;
  private static final byte NULL = 1;

  private static final int EVENT_DATA = 0;
  private static final int USER_DATA = 1;
  private static final int SYSTEM = 2;
  private static final int DOTTED = 3;

  /** Where a value sits in a nested Windows record, which decides its short name. */
  private enum Place {
    ELSEWHERE,
    EVENT,
    SYSTEM,
    SYSTEM_ELEMENT,
    SYSTEM_ATTRIBUTES,
    EVENT_DATA,
    DATA_ARRAY,
    DATA_ITEM,
    DATA_ITEM_ATTRIBUTES,
    USER_DATA,
    USER_DATA_CHILD
  }

  /** Keys (lower-cased) and decoded values, back to back. */
  private char[] text = new char[4096];

  private int length;
  private int count;
  private int[] keyStart = new int[64];
  private int[] keyEnd = new int[64];
  private int[] valueStart = new int[64];
  private int[] valueEnd = new int[64];
  private byte[] kind = new byte[64];
  private byte[] rank = new byte[64];
  private boolean[] windows = new boolean[64];

  /** The key index: open addressing over entry + 1, 0 for empty. */
  private int[] table = new int[64];

  private int[] keyHash = new int[64];
  private int[] nextSame = new int[64];
  private int[] tail = new int[64];
  private int[] headOf = new int[64];
  private int[] heads = new int[64];
  private int headCount;

  /** The parser of the record being read. */
  private JsonParser parser;

  private boolean sawSystem;
  private final Slice slice = new Slice();
  private final StringBuilder path = new StringBuilder();
  private final StringBuilder name = new StringBuilder();

  /** Reads a record, replacing what was read before; null or non-objects give no fields. */
  void read(String record) {
    count = 0;
    headCount = 0;
    length = 0;
    sawSystem = false;
    path.setLength(0);
    if (record != null && JsonText.looksLikeObject(record)) {
      try (JsonParser parser = JSON.createParser(record)) {
        this.parser = parser;
        if (parser.nextToken() == JsonToken.START_OBJECT) {
          object(0, Place.ELSEWHERE, 0);
        }
      } catch (JacksonException e) {
        // malformed or cut: keep what was read before the error
      } finally {
        this.parser = null;
      }
    }
    if (!sawSystem) {
      dropWindowsNames();
    }
    index();
  }

  /** The first value under a lower-cased key (of the best-ranked place that has one), or -1. */
  int find(String lowerKey) {
    int mask = table.length - 1;
    for (int slot = lowerKey.hashCode() & mask; table[slot] != 0; slot = (slot + 1) & mask) {
      int e = table[slot] - 1;
      if (keyIs(e, lowerKey)) {
        return e;
      }
    }
    return -1;
  }

  /** The next value under the same key and of the same place (array elements), or -1. */
  int findNext(int entry) {
    return nextSame[entry];
  }

  /** How many distinct keys the record has; see {@link #keyEntry}. */
  int keyCount() {
    return headCount;
  }

  /** The first value of the {@code i}-th distinct key, as {@link #find} would give it. */
  int keyEntry(int i) {
    return heads[i];
  }

  /** The lower-cased key of an entry, {@code buffer()[keyStart, keyEnd)}, and its hash. */
  int keyStart(int entry) {
    return keyStart[entry];
  }

  int keyEnd(int entry) {
    return keyEnd[entry];
  }

  /** {@link String#hashCode()} of the entry's key, so that it can be looked up by string. */
  int keyHash(int entry) {
    return keyHash[entry];
  }

  /**
   * Indexes the entries by key: one slot per key holding its best-ranked first value, the values of
   * the same key and rank chained in {@link #nextSame}, worse-ranked ones dropped.
   */
  private void index() {
    int size = Integer.highestOneBit(Math.max(16, count * 2)) << 1;
    if (table.length < size || table.length > size * 8) {
      table = new int[size];
    } else {
      Arrays.fill(table, 0);
    }
    if (nextSame.length < count) {
      int n = Math.max(count, nextSame.length * 2);
      nextSame = new int[n];
      tail = new int[n];
      headOf = new int[n];
    }
    if (heads.length < count) {
      heads = new int[Math.max(count, heads.length * 2)];
    }
    headCount = 0;
    int mask = table.length - 1;
    for (int e = 0; e < count; e++) {
      int h = keyHash[e];
      nextSame[e] = -1;
      int slot = h & mask;
      while (true) {
        if (table[slot] == 0) {
          table[slot] = e + 1;
          tail[e] = e;
          headOf[e] = headCount;
          heads[headCount++] = e;
          break;
        }
        int other = table[slot] - 1;
        if (keyHash[other] == h && sameKey(other, e)) {
          if (rank[e] < rank[other]) {
            table[slot] = e + 1;
            tail[e] = e;
            headOf[e] = headOf[other];
            heads[headOf[e]] = e;
          } else if (rank[e] == rank[other]) {
            nextSame[tail[other]] = e;
            tail[other] = e;
          }
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }

  private boolean sameKey(int a, int b) {
    int n = keyEnd[a] - keyStart[a];
    if (n != keyEnd[b] - keyStart[b]) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (text[keyStart[a] + i] != text[keyStart[b] + i]) {
        return false;
      }
    }
    return true;
  }

  boolean isNull(int entry) {
    return kind[entry] == NULL;
  }

  /**
   * An entry's value as a view into this record: valid until the next {@link #value} or {@link
   * #read} call.
   */
  CharSequence value(int entry) {
    slice.from = valueStart[entry];
    slice.to = valueEnd[entry];
    return slice;
  }

  /** The buffer values live in, for scanning them in place; see {@link #valueStart}. */
  char[] buffer() {
    return text;
  }

  int valueStart(int entry) {
    return valueStart[entry];
  }

  int valueEnd(int entry) {
    return valueEnd[entry];
  }

  /** An entry's value as its own string. */
  String valueString(int entry) {
    return new String(text, valueStart[entry], valueEnd[entry] - valueStart[entry]);
  }

  private boolean keyIs(int e, String lowerKey) {
    int start = keyStart[e];
    int n = keyEnd[e] - start;
    if (n != lowerKey.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (text[start + i] != lowerKey.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  // ---- reading

  /** The {@code <Data Name="…">} element being read: where its name and text were copied. */
  private int dataNameFrom;

  private int dataNameTo;
  private int dataNamePriority;
  private int dataTextFrom;
  private int dataTextTo;
  private byte dataTextKind;

  /**
   * Reads the members of the object whose START_OBJECT was just read. {@code pathLength} is the
   * length of its dotted path in {@link #path}; {@code place} is where it sits in a Windows record.
   */
  private void object(int depth, Place place, int pathLength) {
    if (place == Place.DATA_ITEM) {
      dataNameFrom = -1;
      dataNamePriority = Integer.MAX_VALUE;
      dataTextFrom = -1;
    }
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      path.setLength(pathLength);
      if (pathLength > 0) {
        path.append('.');
      }
      path.append(parser.currentName());
      Place inner = childPlace(place, pathLength);
      JsonToken token = parser.nextToken();
      if (token == JsonToken.START_OBJECT) {
        if (depth + 1 >= MAX_DEPTH) {
          parser.skipChildren();
        } else {
          if (inner == Place.SYSTEM) {
            sawSystem = true;
          }
          object(depth + 1, inner, path.length());
        }
      } else if (token == JsonToken.START_ARRAY) {
        array(depth + 1, place, pathLength);
      } else {
        scalar(place, pathLength);
      }
    }
    if (place == Place.DATA_ITEM && dataNameFrom >= 0 && dataTextFrom >= 0) {
      name.setLength(0);
      name.append(text, dataNameFrom, dataNameTo - dataNameFrom);
      add(name, dataTextFrom, dataTextTo, dataTextKind, EVENT_DATA, true);
    }
  }

  /**
   * Reads the array whose START_ARRAY was just read, the value of member {@link #path} of an object
   * at {@code place}: its scalar elements are values of that member; objects in {@code
   * EventData.Data} are Data elements; anything else is skipped.
   */
  private void array(int depth, Place place, int pathLength) {
    int memberLength = path.length();
    boolean dataArray = place == Place.EVENT_DATA && isMember(pathLength, "Data");
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
      path.setLength(memberLength);
      if (token == JsonToken.START_OBJECT && dataArray && depth + 1 < MAX_DEPTH) {
        object(depth + 1, Place.DATA_ITEM, memberLength);
      } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        parser.skipChildren();
      } else {
        scalar(place, pathLength);
      }
    }
  }

  /** The place of the value of member {@link #path} of an object at {@code parent}. */
  private Place childPlace(Place parent, int pathLength) {
    return switch (parent) {
      case ELSEWHERE -> pathLength == 0 && isMember(0, "Event") ? Place.EVENT : Place.ELSEWHERE;
      case EVENT ->
          isMember(pathLength, "System")
              ? Place.SYSTEM
              : isMember(pathLength, "EventData")
                  ? Place.EVENT_DATA
                  : isMember(pathLength, "UserData") ? Place.USER_DATA : Place.ELSEWHERE;
      case SYSTEM -> Place.SYSTEM_ELEMENT;
      case SYSTEM_ELEMENT ->
          isMember(pathLength, "#attributes") ? Place.SYSTEM_ATTRIBUTES : Place.ELSEWHERE;
      case DATA_ITEM ->
          isMember(pathLength, "#attributes") ? Place.DATA_ITEM_ATTRIBUTES : Place.ELSEWHERE;
      case USER_DATA -> Place.USER_DATA_CHILD;
      default -> Place.ELSEWHERE;
    };
  }

  /** Whether the member name (the last segment of {@link #path}) is exactly {@code member}. */
  private boolean isMember(int pathLength, String member) {
    int from = pathLength == 0 ? 0 : pathLength + 1;
    if (path.length() - from != member.length()) {
      return false;
    }
    for (int i = 0; i < member.length(); i++) {
      if (path.charAt(from + i) != member.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads a scalar, the value of member {@link #path} of an object at {@code parent}, and records
   * it under its dotted path and, in a Windows record, under its short name.
   */
  private void scalar(Place parent, int pathLength) {
    int valueFrom = length;
    byte k = readScalar();
    int valueTo = length;
    int memberFrom = pathLength == 0 ? 0 : pathLength + 1;
    switch (parent) {
      case DATA_ITEM, DATA_ITEM_ATTRIBUTES -> {
        // only the element's name and text matter, recorded when the element ends
        boolean attributes = parent == Place.DATA_ITEM_ATTRIBUTES;
        int priority =
            !attributes && isMember(pathLength, "@Name")
                ? 0
                : !attributes && isMember(pathLength, "Name")
                    ? 1
                    : attributes && isMember(pathLength, "Name") ? 2 : -1;
        if (priority >= 0 && k == VALUE && priority < dataNamePriority) {
          dataNamePriority = priority;
          dataNameFrom = valueFrom;
          dataNameTo = valueTo;
        } else if (!attributes && isMember(pathLength, "#text")) {
          dataTextFrom = valueFrom;
          dataTextTo = valueTo;
          dataTextKind = k;
        }
        return;
      }
      case SYSTEM -> addShort(memberFrom, path.length(), null, valueFrom, valueTo, k, SYSTEM);
      case SYSTEM_ELEMENT -> {
        if (isMember(pathLength, "#text")) {
          int elementFrom = path.lastIndexOf(".", pathLength - 1) + 1;
          addShort(elementFrom, pathLength, null, valueFrom, valueTo, k, SYSTEM);
        }
      }
      case SYSTEM_ATTRIBUTES -> {
        int attributesFrom = path.lastIndexOf(".", pathLength - 1);
        int elementFrom = path.lastIndexOf(".", attributesFrom - 1) + 1;
        addShort(
            elementFrom, attributesFrom, path.substring(memberFrom), valueFrom, valueTo, k, SYSTEM);
      }
      case EVENT_DATA -> {
        if (path.charAt(memberFrom) != '#') {
          addShort(memberFrom, path.length(), null, valueFrom, valueTo, k, EVENT_DATA);
        }
      }
      case USER_DATA_CHILD -> {
        if (path.charAt(memberFrom) != '#') {
          addShort(memberFrom, path.length(), null, valueFrom, valueTo, k, USER_DATA);
        }
      }
      default -> {
        // only the dotted path
      }
    }
    add(path, valueFrom, valueTo, k, DOTTED, false);
  }

  /** Records a Windows short name: {@code path[from, to)}, then {@code _suffix} when given. */
  private void addShort(
      int from, int to, String suffix, int valueFrom, int valueTo, byte k, int entryRank) {
    name.setLength(0);
    name.append(path, from, to);
    if (suffix != null) {
      name.append('_').append(suffix);
    }
    add(name, valueFrom, valueTo, k, entryRank, true);
  }

  /** Records an entry; the key is lower-cased into the text buffer. */
  private void add(
      CharSequence key, int valueFrom, int valueTo, byte k, int entryRank, boolean windowsName) {
    if (count >= MAX_ENTRIES) {
      return;
    }
    if (count == keyStart.length) {
      int n = count * 2;
      keyStart = Arrays.copyOf(keyStart, n);
      keyEnd = Arrays.copyOf(keyEnd, n);
      valueStart = Arrays.copyOf(valueStart, n);
      valueEnd = Arrays.copyOf(valueEnd, n);
      kind = Arrays.copyOf(kind, n);
      rank = Arrays.copyOf(rank, n);
      windows = Arrays.copyOf(windows, n);
    }
    int keyFrom = length;
    int hash = 0;
    for (int i = 0; i < key.length(); i++) {
      char c = Text.lower(key.charAt(i));
      append(c);
      hash = 31 * hash + c;
    }
    if (keyHash.length == count) {
      keyHash = Arrays.copyOf(keyHash, count * 2);
    }
    keyHash[count] = hash;
    keyStart[count] = keyFrom;
    keyEnd[count] = length;
    valueStart[count] = valueFrom;
    valueEnd[count] = valueTo;
    kind[count] = k;
    rank[count] = (byte) entryRank;
    windows[count] = windowsName;
    count++;
  }

  /** Without Event.System the record is not a nested Windows one: its short names go. */
  private void dropWindowsNames() {
    int kept = 0;
    for (int e = 0; e < count; e++) {
      if (!windows[e]) {
        keyStart[kept] = keyStart[e];
        keyEnd[kept] = keyEnd[e];
        valueStart[kept] = valueStart[e];
        valueEnd[kept] = valueEnd[e];
        kind[kept] = kind[e];
        rank[kept] = rank[e];
        keyHash[kept] = keyHash[e];
        windows[kept] = false;
        kept++;
      }
    }
    count = kept;
  }

  /** Copies the current scalar's text into the text buffer; JSON null is marked, not copied. */
  private byte readScalar() {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return NULL;
    }
    char[] chars = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int n = parser.getTextLength();
    if (length + n > text.length) {
      text = Arrays.copyOf(text, Math.max(length + n, text.length * 2));
    }
    System.arraycopy(chars, offset, text, length, n);
    length += n;
    return VALUE;
  }

  private void append(char c) {
    if (length == text.length) {
      text = Arrays.copyOf(text, length * 2);
    }
    text[length++] = c;
  }

  /** A view of part of the text buffer. */
  private final class Slice implements CharSequence {
    int from;
    int to;

    @Override
    public int length() {
      return to - from;
    }

    @Override
    public char charAt(int index) {
      return text[from + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(text, from + start, end - start);
    }

    @Override
    public String toString() {
      return new String(text, from, to - from);
    }
  }
}
