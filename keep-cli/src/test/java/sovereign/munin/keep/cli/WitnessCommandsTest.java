package sovereign.munin.keep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.NoteVerifier;
import sovereign.munin.keep.log.VerifierKey;

class WitnessCommandsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path base;

  @Test
  void witnessInit_newDirectory_createsKeysAndPrintsTheVkeys() throws Exception {
    Path wdir = base.resolve("witness");

    CliRun r = CliRun.of("witness", "init", "--out", wdir.toString(), "--name", "witness-hq");

    assertThat(r.exit()).as(r.err()).isZero();
    List<String> vkeys = Files.readAllLines(wdir.resolve("witness.vkeys"));
    assertThat(vkeys).hasSize(2).allMatch(v -> v.startsWith("witness-hq+"));
    assertThat(r.out()).contains("Created witness witness-hq").contains(vkeys.get(0)).contains(vkeys.get(1));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(wdir.resolve("witness-key.pem"))))
        .isEqualTo("rw-------");
    assertThat(wdir.resolve("state")).isEmptyDirectory();
  }

  @Test
  void witnessInit_json_listsNameAndVkeys() throws Exception {
    CliRun r = CliRun.of("witness", "init", "--out", base.resolve("w").toString(), "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode out = JSON.readTree(r.out());
    assertThat(out.path("name").asText()).startsWith("witness");
    assertThat(out.path("vkeys")).hasSize(2);
    assertThat(out.path("vkeysFile").asText()).endsWith("witness.vkeys");
  }

  @Test
  void witnessInit_existingWitness_isRefusedAndKept() throws Exception {
    Path wdir = base.resolve("witness");
    CliRun.of("witness", "init", "--out", wdir.toString(), "--name", "w1");
    byte[] key = Files.readAllBytes(wdir.resolve("witness-key.pem"));

    CliRun r = CliRun.of("witness", "init", "--out", wdir.toString(), "--name", "w2");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("keep: ").contains("never overwritten");
    assertThat(Files.readAllBytes(wdir.resolve("witness-key.pem"))).isEqualTo(key);
  }

  @Test
  void witnessInit_nameWithASlash_isRefused() {
    CliRun r = CliRun.of("witness", "init", "--out", base.resolve("w").toString(), "--name", "example.com/w1");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("a witness name is");
    assertThat(base.resolve("w")).doesNotExist();
  }

  @Test
  void witnessCosign_twoSuccessiveExports_writeCosignaturesTheLogCanVerify() throws Exception {
    Path wdir = init();
    ExportFixture log = ExportFixture.of(50);
    Path first = log.export(base.resolve("first"));
    Path second = log.append(250).export(base.resolve("second"));

    Path logKeys = base.resolve("log.vkeys");
    Files.writeString(logKeys, String.join("\n", ExportFixture.vkeys()) + "\n");
    CliRun one = CliRun.of("witness", "cosign", first.toString(), "--witness", wdir.toString(),
        "--log-key", "@" + logKeys);
    CliRun two = CliRun.of("witness", "cosign", second.toString(), "--witness", wdir.toString(), "--json");

    assertThat(one.exit()).as(one.err()).isZero();
    assertThat(one.out()).contains("Cosigned keep.example/audit at size 50").contains("keys are now pinned");
    assertThat(two.exit()).as(two.err()).isZero();
    JsonNode out = JSON.readTree(two.out());
    assertThat(out.path("treeSize").asLong()).isEqualTo(300);
    assertThat(out.path("previousTreeSize").asLong()).isEqualTo(50);
    assertThat(out.path("witness").asText()).isEqualTo("witness-hq");
    List<VerifierKey> witnessKeys = new ArrayList<>();
    for (String line : Files.readAllLines(wdir.resolve("witness.vkeys"))) {
      witnessKeys.add(VerifierKey.parse(line));
    }
    for (Path export : List.of(first, second)) {
      Note cosignature = Note.parse(Files.readAllBytes(export.resolve("cosignatures/witness-hq.cosig")));
      assertThat(cosignature.text()).isEqualTo(Note.parse(Files.readAllBytes(export.resolve("checkpoint"))).text());
      assertThat(NoteVerifier.requiringAll(witnessKeys).verify(cosignature).verified()).hasSize(2);
    }
    assertThat(verifyExport(second).exit()).as("cosignatures/ is ignored by verify-export").isZero();
  }

  @Test
  void witnessCosign_fork_isRefusedNamingBothRootsAndStateUnchanged() throws Exception {
    Path wdir = init();
    Path ours = ExportFixture.of(10).export(base.resolve("ours"));
    cosign(ours, true);
    Path forked = ExportFixture.of(10, "rewritten").export(base.resolve("forked"));
    Map<String, String> before = snapshot(wdir);

    CliRun r = cosign(forked, false);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("keep: FORK: ")
        .contains(Files.readAllLines(ours.resolve("checkpoint")).get(2))
        .contains(Files.readAllLines(forked.resolve("checkpoint")).get(2));
    assertThat(snapshot(wdir)).isEqualTo(before);
    assertThat(forked.resolve("cosignatures")).doesNotExist();
  }

  @Test
  void witnessCosign_shrunkTree_isRefused() throws Exception {
    Path wdir = init();
    ExportFixture log = ExportFixture.of(10);
    Path small = log.export(base.resolve("small"));
    cosign(log.append(5).export(base.resolve("large")), true);
    Map<String, String> before = snapshot(wdir);

    CliRun r = cosign(small, false);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("shrank");
    assertThat(snapshot(wdir)).isEqualTo(before);
  }

  @Test
  void witnessCosign_tamperedExport_isRefusedListingTheProblem() throws Exception {
    Path wdir = init();
    Path export = ExportFixture.of(10).export(base.resolve("export"));
    Files.delete(export.resolve("tile/0/000.p/10"));

    CliRun r = cosign(export, true);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().lines()).containsExactly("keep: tile/0/000.p/10: missing",
        "keep: not cosigned: the export has 1 problem(s); not cosigned");
    assertThat(wdir.resolve("state")).isEmptyDirectory();
    assertThat(export.resolve("cosignatures")).doesNotExist();
  }

  @Test
  void witnessCosign_firstWithoutLogKeys_isRefused() throws Exception {
    Path wdir = init();
    Path export = ExportFixture.of(3).export(base.resolve("export"));

    CliRun r = CliRun.of("witness", "cosign", export.toString(), "--witness", wdir.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("no log keys are pinned for keep.example/audit");
  }

  @Test
  void help_witnessAndAuditCommands_haveHelp() {
    for (String[] cmd : List.of(new String[] {"audit", "verify-export"}, new String[] {"witness", "init"},
        new String[] {"witness", "cosign"})) {
      CliRun r = CliRun.of(cmd[0], cmd[1], "--help");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).contains("Usage: keep " + cmd[0] + " " + cmd[1]).contains("--json").contains("Example");
    }
  }

  private Path init() {
    Path wdir = base.resolve("witness");
    CliRun r = CliRun.of("witness", "init", "--out", wdir.toString(), "--name", "witness-hq");
    assertThat(r.exit()).as(r.err()).isZero();
    return wdir;
  }

  private CliRun cosign(Path export, boolean withKeys) throws Exception {
    List<String> args = new ArrayList<>(List.of("witness", "cosign", export.toString(), "--witness",
        base.resolve("witness").toString()));
    if (withKeys) {
      args.add("--log-key");
      args.addAll(ExportFixture.vkeys());
    }
    return CliRun.of(args.toArray(String[]::new));
  }

  private static CliRun verifyExport(Path export) throws Exception {
    List<String> args = new ArrayList<>(List.of("audit", "verify-export", export.toString()));
    for (String vkey : ExportFixture.vkeys()) {
      args.addAll(List.of("--key", vkey));
    }
    return CliRun.of(args.toArray(String[]::new));
  }

  private static Map<String, String> snapshot(Path root) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
      }
    }
    return files;
  }
}
