package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.TestInstances;
import sovereign.munin.keep.app.config.ListenAddress;
import sovereign.munin.keep.server.KeepServer;

/** Backup to a folder, restore drill with two of three custodians, restore into a fresh instance. */
class KeyBackupCliTest {

  @TempDir
  Path base;

  private static CliRun keep(String[] common, String... args) {
    return CliRun.of(Stream.concat(Stream.of(args), Stream.of(common)).toArray(String[]::new));
  }

  private static String[] common(Path data, KeepServer server) {
    return new String[] {"--data", data.toString(), "--server", server.url()};
  }

  @Test
  void backupVerifyRestore_twoOfThreeCustodians_signatureVerifiesAndEarlierCiphertextDecrypts() throws Exception {
    for (String c : new String[] {"c1", "c2", "c3"}) {
      CliRun g = CliRun.of("key", "generate", "--type", "ml-kem-768-x25519", "--out", base.resolve(c).toString());
      assertThat(g.exit()).as(g.err()).isZero();
    }
    Path usb = base.resolve("usb");
    Path file = Files.writeString(base.resolve("app.tar"), "artifact");
    Path sig = base.resolve("app.sig");
    Path sealed = base.resolve("app.enc");
    Path a = base.resolve("a");
    assertThat(CliRun.of("init", "--dev", "--data", a.toString()).exit()).isZero();
    try (KeepInstance ia = TestInstances.open(a);
         KeepServer sa = KeepServer.start(ia, ListenAddress.parse("127.0.0.1:0"))) {
      sovereign.munin.keep.app.TestCallers.cliOperator(ia, "p");
      String[] ca = common(a, sa);
      CliRun unenrolled = keep(ca, "key", "backup", "--to", usb.toString(), "--threshold", "2", "--recipients",
          base.resolve("c1.pub").toString(), base.resolve("c2.pub").toString());
      assertThat(unenrolled.exit()).isNotZero();
      assertThat(unenrolled.err()).contains("not an enrolled custodian key");
      sovereign.munin.keep.app.TestCallers.approvedCustodians(ia, Files.readString(base.resolve("c1.pub")),
          Files.readString(base.resolve("c2.pub")), Files.readString(base.resolve("c3.pub")));
      keep(ca, "key", "create", "release", "--project", "p");
      keep(ca, "key", "create", "box", "--project", "p", "--type", "aes-256-gcm");
      assertThat(keep(ca, "key", "sign", "release", "--in", file.toString(), "--out", sig.toString()).exit()).isZero();
      assertThat(keep(ca, "key", "encrypt", "box", "--in", file.toString(), "--out", sealed.toString()).exit())
          .isZero();
      CliRun b = keep(ca, "key", "backup", "--to", usb.toString(), "--threshold", "2", "--recipients",
          base.resolve("c1.pub").toString(), base.resolve("c2.pub").toString(), base.resolve("c3.pub").toString());
      assertThat(b.exit()).as(b.err()).isZero();
      CliRun root = keep(ca, "trust", "export", "--project", "p", "--out", base.resolve("trust.json").toString(),
          "--root-out", base.resolve("root.pem").toString());
      assertThat(root.exit()).as(root.err()).isZero();
    }
    CliRun drill = CliRun.of("key", "backup", "verify", usb.toString(), "--identity", base.resolve("c1").toString(),
        base.resolve("c3").toString(), "--trust-root", base.resolve("root.pem").toString());
    assertThat(drill.exit()).as(drill.err()).isZero();
    assertThat(drill.out()).startsWith("OK").contains("checked for 1 encryption key(s)");
    CliRun short1 = CliRun.of("key", "backup", "verify", usb.toString(), "--identity", base.resolve("c2").toString(),
        "--trust-root", base.resolve("root.pem").toString());
    assertThat(short1.exit()).isEqualTo(1);
    assertThat(short1.err()).contains("needs 2 custodians");

    Path b = base.resolve("b");
    assertThat(CliRun.of("init", "--dev", "--data", b.toString()).exit()).isZero();
    try (KeepInstance ib = TestInstances.open(b);
         KeepServer sb = KeepServer.start(ib, ListenAddress.parse("127.0.0.1:0"))) {
      sovereign.munin.keep.app.TestCallers.cliOperator(ib, "p");
      String[] cb = common(b, sb);
      CliRun unpinned = keep(cb, "key", "restore", usb.toString(), "--identity", base.resolve("c2").toString(),
          base.resolve("c3").toString());
      assertThat(unpinned.exit()).isNotZero();
      assertThat(unpinned.err()).contains("--trust-root");
      CliRun r = keep(cb, "key", "restore", usb.toString(), "--identity", base.resolve("c2").toString(),
          base.resolve("c3").toString(), "--trust-root", base.resolve("root.pem").toString());
      assertThat(r.exit()).as(r.err()).isZero();
      CliRun v = keep(cb, "key", "verify", "release", "--in", file.toString(), "--sig", sig.toString());
      assertThat(v.exit()).as(v.out() + v.err()).isZero();
      // Data encrypted on the first instance, before the backup, decrypts on the second.
      Path back = base.resolve("app.out");
      CliRun d = keep(cb, "key", "decrypt", "box", "--in", sealed.toString(), "--out", back.toString());
      assertThat(d.exit()).as(d.err()).isZero();
      assertThat(Files.readString(back)).isEqualTo("artifact");
    }
  }
}
