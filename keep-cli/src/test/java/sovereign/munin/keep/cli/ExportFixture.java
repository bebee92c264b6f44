package sovereign.munin.keep.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.InMemoryHashStore;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.MerkleTree;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.log.NoteSigner;
import sovereign.munin.keep.log.export.TlogExportWriter;

/** An audit log built in memory and signed with real Ed25519 and ML-DSA-65 keys, exported for CLI tests. */
final class ExportFixture {

  static final String ORIGIN = "keep.example/audit";
  static final KeyPair ED25519 = generate("Ed25519");
  static final KeyPair ML_DSA_65 = generate("ML-DSA-65");
  static final KeyPair OTHER_ED25519 = generate("Ed25519");

  private final InMemoryHashStore store = new InMemoryHashStore();
  private final List<byte[]> entries = new ArrayList<>();
  private final String prefix;

  private ExportFixture(String prefix) {
    this.prefix = prefix;
  }

  static ExportFixture of(int size, String prefix) throws LogException {
    return new ExportFixture(prefix).append(size);
  }

  static ExportFixture of(int size) throws LogException {
    return of(size, "event");
  }

  ExportFixture append(int count) throws LogException {
    List<Hash> leaves = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] entry = ("{\"" + prefix + "\":" + entries.size() + "}").getBytes(StandardCharsets.UTF_8);
      entries.add(entry);
      leaves.add(Hash.ofLeaf(entry));
    }
    store.appendLeaves(leaves);
    return this;
  }

  /** Exports the log at its current size into {@code directory} and returns it. */
  Path export(Path directory) throws LogException {
    new TlogExportWriter(store, (from, count) -> entries.subList((int) from, (int) from + count))
        .write(directory, checkpoint(List.of(NoteSigner.ed25519(ORIGIN, ED25519),
            NoteSigner.mlDsa65(ORIGIN, ML_DSA_65))), n -> {});
    return directory;
  }

  byte[] checkpoint(List<NoteSigner> signers) throws LogException {
    Hash root = new MerkleTree(store).rootHash(store.treeSize());
    return Note.sign(new Checkpoint(ORIGIN, store.treeSize(), root).text(), signers).encode();
  }

  /** The log's two vkeys. */
  static List<String> vkeys() throws LogException {
    return List.of(NoteSigner.ed25519(ORIGIN, ED25519).verifierKey().vkey(),
        NoteSigner.mlDsa65(ORIGIN, ML_DSA_65).verifierKey().vkey());
  }

  private static KeyPair generate(String algorithm) {
    try {
      return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
