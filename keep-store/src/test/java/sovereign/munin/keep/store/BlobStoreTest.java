package sovereign.munin.keep.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreTest {

  @TempDir
  Path dir;

  @Test
  void put_thenGet_returnsSameBytesUnderTheirSha256() throws IOException {
    var store = new BlobStore(dir, 1 << 20);
    String digest = store.put("abc".getBytes(StandardCharsets.UTF_8));
    assertThat(digest).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(store.pathOf(digest)).isEqualTo(dir.resolve("sha256/ba/78/" + digest));
    assertThat(store.get(digest)).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("abc"));
  }

  @Test
  void put_sameContentTwice_storesOnceAndLeavesNoTempFiles() throws IOException {
    var store = new BlobStore(dir, 1 << 20);
    String a = store.put("same".getBytes());
    String b = store.put("same".getBytes());
    assertThat(a).isEqualTo(b);
    try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
      assertThat(tmp).isEmpty();
    }
  }

  @Test
  void get_damagedBlob_isRefused() throws IOException {
    var store = new BlobStore(dir, 1 << 20);
    String digest = store.put("evidence".getBytes());
    Files.writeString(store.pathOf(digest), "tampered");
    assertThatThrownBy(() -> store.get(digest)).isInstanceOf(IOException.class).hasMessageContaining("damaged");
  }

  @Test
  void put_overLimit_isRefusedAndLeavesNothing() throws IOException {
    var store = new BlobStore(dir, 10);
    assertThatThrownBy(() -> store.put(new byte[11])).hasMessageContaining("larger than the limit");
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void pathOf_notADigest_isRefused() {
    var store = new BlobStore(dir, 10);
    assertThatThrownBy(() -> store.pathOf("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.pathOf("AB".repeat(32))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void get_absent_isEmpty() throws IOException {
    assertThat(new BlobStore(dir, 10).get("0".repeat(64))).isEmpty();
  }
}
