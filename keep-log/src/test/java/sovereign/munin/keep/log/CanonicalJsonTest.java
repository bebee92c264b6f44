package sovereign.munin.keep.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  private static String encode(Object o) {
    return new String(CanonicalJson.encode(o), StandardCharsets.UTF_8);
  }

  @Test
  void encode_rfc8785SortingExample_ordersByUtf16CodeUnits() {
    // RFC 8785 section 3.2.3: these property names sort as \r, 1, \u0080, \u00f6, \u20ac, \ud83d\ude00, \ufb33.
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("\u20ac", "Euro Sign");
    m.put("\r", "Carriage Return");
    m.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
    m.put("1", "One");
    m.put("\ud83d\ude00", "Emoji: Grinning Face");
    m.put("\u0080", "Control");
    m.put("\u00f6", "Latin Small Letter O With Diaeresis");
    assertThat(encode(m)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void encode_nestedValues_hasNoWhitespaceAndMinimalEscapes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", List.of(1L, true, "x\"y\\z\u0001"));
    m.put("a", null);
    assertThat(encode(m)).isEqualTo("{\"a\":null,\"b\":[1,true,\"x\\\"y\\\\z\\u0001\"]}");
  }

  @Test
  void encode_unsupportedValues_areRefused() {
    assertThatThrownBy(() -> CanonicalJson.encode(Map.of("x", 1.5d))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.encode(Map.of("x", 1L << 54))).hasMessageContaining("safe range");
    assertThatThrownBy(() -> CanonicalJson.encode("\ud800")).hasMessageContaining("surrogate");
  }
}
