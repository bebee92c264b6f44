package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.log.NoteSigner;

class AuditVerifyExportCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path base;

  @Test
  void verifyExport_goodExport_exitsZeroWithSizeRootKeysAndEntries() throws Exception {
    Path dir = ExportFixture.of(300).export(base.resolve("export"));

    CliRun r = verify(dir);

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("verifies.").contains("tree size:  300").contains("300 entries")
        .contains("signed by:  keep.example/audit+").contains("(ED25519)").contains("(ML_DSA_65)");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void verifyExport_json_printsTheReport() throws Exception {
    Path dir = ExportFixture.of(20).export(base.resolve("export"));

    CliRun r = verify(dir, "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode out = JSON.readTree(r.out());
    assertThat(out.path("ok").asBoolean()).isTrue();
    assertThat(out.path("treeSize").asLong()).isEqualTo(20);
    assertThat(out.path("origin").asText()).isEqualTo("keep.example/audit");
    assertThat(out.path("verifiedKeys")).hasSize(2);
    assertThat(out.path("entriesChecked").asLong()).isEqualTo(20);
    assertThat(out.path("problems")).isEmpty();
  }

  @Test
  void verifyExport_keysFromAFile_verifies() throws Exception {
    Path dir = ExportFixture.of(5).export(base.resolve("export"));
    Path keys = base.resolve("log.vkeys");
    Files.writeString(keys, "# the audit log's keys\n" + String.join("\n", ExportFixture.vkeys()) + "\n");

    CliRun r = CliRun.of("audit", "verify-export", dir.toString(), "--key", "@" + keys);

    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void verifyExport_keyFileMissing_exitsOneNamingIt() throws Exception {
    Path dir = ExportFixture.of(5).export(base.resolve("export"));

    CliRun r = CliRun.of("audit", "verify-export", dir.toString(), "--key", "@" + base.resolve("absent.vkeys"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("keep: --key: ").contains("absent.vkeys is not a regular file");
  }

  @Test
  void verifyExport_damagedFiles_exitsOneWithOneLinePerProblem() throws Exception {
    Path dir = ExportFixture.of(300).export(base.resolve("export"));
    Files.delete(dir.resolve("tile/1/000.p/1"));
    byte[] tile = Files.readAllBytes(dir.resolve("tile/0/001.p/44"));
    Files.write(dir.resolve("tile/0/001.p/44"), java.util.Arrays.copyOf(tile, 100));

    CliRun r = verify(dir);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).containsExactly(
        "keep: tile/0/001.p/44: truncated: 100 of 1408 bytes",
        "keep: tile/1/000.p/1: missing",
        "keep: export " + dir + " does NOT verify: 2 problem(s)");
  }

  @Test
  void verifyExport_jsonWithAChangedEntry_exitsOneWithTheProblemInJson() throws Exception {
    Path dir = ExportFixture.of(10).export(base.resolve("export"));
    byte[] bundle = Files.readAllBytes(dir.resolve("tile/entries/000.p/10"));
    bundle[5] ^= 1;
    Files.write(dir.resolve("tile/entries/000.p/10"), bundle);

    CliRun r = verify(dir, "--json");

    assertThat(r.exit()).isEqualTo(1);
    JsonNode out = JSON.readTree(r.out());
    assertThat(out.path("ok").asBoolean()).isFalse();
    assertThat(out.path("problems").get(0).path("path").asText()).isEqualTo("tile/entries/000.p/10");
    assertThat(out.path("problems").get(0).path("leafIndex").asLong()).isZero();
  }

  @Test
  void verifyExport_checkpointSignedByAnUnknownKey_exitsOne() throws Exception {
    ExportFixture log = ExportFixture.of(10);
    Path dir = log.export(base.resolve("export"));
    Files.write(dir.resolve("checkpoint"),
        log.checkpoint(List.of(NoteSigner.ed25519(ExportFixture.ORIGIN, ExportFixture.OTHER_ED25519))));

    CliRun r = verify(dir);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("keep: checkpoint: note lacks a verified signature");
  }

  @Test
  void verifyExport_sinceAnEarlierExport_reportsTheExtension() throws Exception {
    ExportFixture log = ExportFixture.of(10);
    Path first = log.export(base.resolve("first"));
    Path second = log.append(30).export(base.resolve("second"));

    CliRun r = verify(second, "--since", first.resolve("checkpoint").toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("extends:    size 10");
  }

  @Test
  void verifyExport_sinceAFork_exitsOneNamingBothRoots() throws Exception {
    Path ours = ExportFixture.of(10).export(base.resolve("ours"));
    Path forked = ExportFixture.of(10, "rewritten").export(base.resolve("forked"));

    CliRun r = verify(forked, "--since", ours.resolve("checkpoint").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("keep: FORK: log keep.example/audit signed two different trees of size 10")
        .contains(rootOf(ours)).contains(rootOf(forked));
  }

  @Test
  void verifyExport_sinceALargerTree_exitsOneAsShrunk() throws Exception {
    ExportFixture log = ExportFixture.of(10);
    Path small = log.export(base.resolve("small"));
    Path large = log.append(1).export(base.resolve("large"));

    CliRun r = verify(small, "--since", large.resolve("checkpoint").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("shrank").contains("has 10 entries").contains("already had 11");
  }

  @Test
  void verifyExport_badKey_exitsOne() throws Exception {
    Path dir = ExportFixture.of(1).export(base.resolve("export"));

    CliRun r = CliRun.of("audit", "verify-export", dir.toString(), "--key", "not-a-key");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("keep: --key: not a verifier key");
  }

  @Test
  void verifyExport_withoutKey_isAUsageError() {
    CliRun r = CliRun.of("audit", "verify-export", base.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--key");
  }

  @Test
  void verifyExport_notADirectory_exitsOne() throws Exception {
    CliRun r = verify(base.resolve("absent"));

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("is not a directory");
  }

  private static CliRun verify(Path dir, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("audit", "verify-export", dir.toString()));
    for (String vkey : ExportFixture.vkeys()) {
      args.add("--key");
      args.add(vkey);
    }
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static String rootOf(Path export) throws Exception {
    return Files.readAllLines(export.resolve("checkpoint")).get(2);
  }
}
