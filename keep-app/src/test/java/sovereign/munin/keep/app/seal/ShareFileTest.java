package sovereign.munin.keep.app.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import sovereign.munin.keep.app.KeepException;

class ShareFileTest {

  private final ShareFile share = new ShareFile("0f1e2d3c-aaaa-bbbb-cccc-001122334455", 2, 5, 3,
      new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
          28, 29, 30, 31, 32});

  @Test
  void parse_formatted_roundTrips() {
    ShareFile back = ShareFile.parse(share.format());
    assertThat(back.instanceId()).isEqualTo(share.instanceId());
    assertThat(back.index()).isEqualTo(2);
    assertThat(back.threshold()).isEqualTo(3);
    assertThat(back.value()).containsExactly(share.value());
  }

  @Test
  void parse_changedValue_isDamaged() {
    String text = share.format();
    String b64 = text.lines().filter(l -> l.startsWith("value: ")).findFirst().orElseThrow();
    String changed = text.replace(b64, b64.replace("AQID", "AQIE"));
    assertThatThrownBy(() -> ShareFile.parse(changed))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("share-damaged"));
  }

  @Test
  void parse_notAShareFile_isMalformed() {
    assertThatThrownBy(() -> ShareFile.parse("hello"))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("share-malformed"));
    assertThatThrownBy(() -> ShareFile.parse("x".repeat(5000)))
        .isInstanceOfSatisfying(KeepException.class, e -> assertThat(e.type()).isEqualTo("share-malformed"));
    assertThatThrownBy(() -> ShareFile.parse(share.format().replace("share: 2 of 5", "share: 7 of 5")))
        .isInstanceOf(KeepException.class);
  }

  @Test
  void toString_doesNotRevealValue() {
    assertThat(share.toString()).doesNotContain("AQID").contains("redacted");
  }
}
