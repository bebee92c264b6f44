package sovereign.munin.keep.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 (JCS) canonical JSON for the values audit entries use: objects, arrays, strings, integers, booleans and
 * null. Keys are sorted by UTF-16 code units and nothing is optional, so one value has exactly one encoding.
 * Floating-point numbers are refused rather than risk a second encoding of the same event.
 */
public final class CanonicalJson {

  private static final int MAX_DEPTH = 16;

  private CanonicalJson() {}

  /** The canonical UTF-8 bytes of {@code value}. */
  public static byte[] encode(Object value) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, value, 0);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(StringBuilder sb, Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH);
    }
    switch (value) {
      case null -> sb.append("null");
      case String s -> string(sb, s);
      case Boolean b -> sb.append(b ? "true" : "false");
      case Long l -> integer(sb, l);
      case Integer i -> sb.append(i.intValue());
      case Map<?, ?> m -> object(sb, m, depth);
      case Collection<?> c -> {
        sb.append('[');
        boolean first = true;
        for (Object o : c) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          write(sb, o, depth + 1);
        }
        sb.append(']');
      }
      default -> throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName()
          + " as canonical JSON");
    }
  }

  private static void integer(StringBuilder sb, long l) {
    // Beyond 2^53 an I-JSON reader would round the number, so such values must travel as strings.
    if (Math.abs(l) > (1L << 53)) {
      throw new IllegalArgumentException("integer " + l + " is outside the I-JSON safe range");
    }
    sb.append(l);
  }

  private static void object(StringBuilder sb, Map<?, ?> m, int depth) {
    List<String> keys = new ArrayList<>(m.size());
    for (Object k : m.keySet()) {
      if (!(k instanceof String s)) {
        throw new IllegalArgumentException("JSON object keys must be strings");
      }
      keys.add(s);
    }
    keys.sort(null); // String.compareTo compares UTF-16 code units, as RFC 8785 section 3.2.3 requires
    sb.append('{');
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      string(sb, keys.get(i));
      sb.append(':');
      write(sb, m.get(keys.get(i)), depth + 1);
    }
    sb.append('}');
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (!paired) {
          throw new IllegalArgumentException("string contains a lone surrogate");
        }
        sb.append(c).append(s.charAt(++i));
        continue;
      }
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
