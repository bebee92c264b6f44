package sovereign.munin.keep.app.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.Note;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.audit.AuditKeyDao;

/**
 * The newest checkpoint this instance signed, kept outside the state database: in the key store and in a file in
 * the data directory ({@code audit-head.note}, the signed note itself). Whichever of the two is further ahead
 * counts (a crash between the two writes leaves one behind); a state database shorter than it, or with another
 * root at its size, was rolled back or forked.
 */
public final class AuditHead {

  /** A signed size and root. */
  public record Head(long size, byte[] root, String where) {}

  private static final int MAX_NOTE_BYTES = 64 * 1024;

  private final Database keys;
  private final Path file;
  // The size this process last wrote to the file, so a checkpoint does not read the file back to compare.
  private volatile long written = -1;

  public AuditHead(Database keys, Path file) {
    this.keys = keys;
    this.file = file;
  }

  /** The head, the further ahead of the two copies, or empty before the first checkpoint was kept. */
  public Optional<Head> read() {
    return both().stream().max(java.util.Comparator.comparingLong(Head::size));
  }

  /** Both copies that exist: the sequencer checks each against the tree, so either one changed is noticed. */
  public java.util.List<Head> both() {
    java.util.List<Head> out = new java.util.ArrayList<>(2);
    keys.read(h -> h.attach(AuditKeyDao.class).head()).map(r -> new Head(r.treeSize(), r.root(), "the key store"))
        .ifPresent(out::add);
    fromFile().ifPresent(out::add);
    return out;
  }

  /** Moves the head forward after a checkpoint was committed; never backwards. */
  public void advance(long size, byte[] root, String note, long now) {
    keys.transaction(h -> h.attach(AuditKeyDao.class).advanceHead(size, root, note, now));
    if (written < 0) {
      written = fromFile().map(Head::size).orElse(0L);
    }
    if (written < size) {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try {
        Files.writeString(tmp, note, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        written = size;
      } catch (IOException e) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "audit-head-unwritable", "cannot write " + file
            + ": " + e.getMessage(), e);
      }
    }
  }

  private Optional<Head> fromFile() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      if (Files.size(file) > MAX_NOTE_BYTES) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "audit-head-unreadable", file + " is too large "
            + "for a signed checkpoint");
      }
      byte[] bytes = Files.readAllBytes(file);
      Checkpoint cp = Checkpoint.parse(Note.parse(bytes).text());
      return Optional.of(new Head(cp.size(), cp.root().bytes(), file.toString()));
    } catch (IOException | LogException e) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "audit-head-unreadable", "cannot read the audit "
          + "head " + file + ": " + e.getMessage(), e);
    }
  }
}
