package sovereign.munin.keep.app.audit;

import java.util.List;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.log.EntryBundle;
import sovereign.munin.keep.log.HashStorageException;
import sovereign.munin.keep.log.MalformedTileException;
import sovereign.munin.keep.log.MerkleTree;
import sovereign.munin.keep.log.TileId;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.audit.AuditEventDao;
import sovereign.munin.keep.store.audit.AuditEventRow;

/**
 * The C2SP tlog-tiles read interface over the stored tree: hash tiles and entry bundles are derived from the
 * stored hashes and events on request, for any tile the integrated tree already contains.
 */
public final class AuditTiles {

  private final Database state;
  private final AuditReader reader;

  public AuditTiles(Database state) {
    this.state = state;
    this.reader = new AuditReader(state);
  }

  /** The bytes at a tlog-tiles path below {@code tile/}: {@code L/N[.p/W]} or {@code entries/N[.p/W]}. */
  public byte[] read(String path) {
    long size = reader.latest().map(c -> c.treeSize()).orElse(0L);
    try {
      if (path.startsWith("entries/")) {
        TileId id = TileId.parseEntriesPath("tile/" + path);
        long first = spanEnd(id.index(), 0, 0, path);
        if (first > size - id.width()) {
          throw notYet(path);
        }
        List<AuditEventRow> rows = state.read(h -> h.attach(AuditEventDao.class).leaves(first, first + id.width()));
        if (rows.size() != id.width()) {
          throw new KeepException(KeepException.Kind.UNAVAILABLE, "tree-damaged", "stored events are missing");
        }
        return EntryBundle.of(rows.stream().map(AuditEventRow::entry).toList()).encode();
      }
      TileId id = TileId.parsePath("tile/" + path);
      // The smallest tree in which this is exactly a tile; its hashes are stored once the tree reaches that size.
      long exact = spanEnd(id.index(), id.width(), id.level(), path);
      if (exact > size) {
        throw notYet(path);
      }
      return state.read(h -> {
        try {
          return new MerkleTree(new DbHashReader(h)).tile(id, exact).encode();
        } catch (HashStorageException e) {
          throw new KeepException(KeepException.Kind.UNAVAILABLE, "tree-damaged", e.getMessage(), e);
        }
      });
    } catch (MalformedTileException e) {
      throw KeepException.badInput("bad-tile-path", "not a tlog-tiles path: tile/" + path);
    }
  }

  /**
   * {@code (index * 256 + width) * 256^level}: the leaves up to the end of a tile's span (with width 0 at level 0,
   * the first leaf of an entry bundle). Any tile whose span would
   * not fit in a tree of at most 2^63 - 1 leaves is one no tree here holds, so it is "not found", never an overflow.
   */
  private static long spanEnd(long index, int width, int level, String path) {
    if (TileId.HEIGHT * level >= Long.SIZE - 1) {
      throw notYet(path);
    }
    try {
      return Math.multiplyExact(Math.addExact(Math.multiplyExact(index, (long) TileId.WIDTH), width),
          1L << (TileId.HEIGHT * level));
    } catch (ArithmeticException e) {
      throw notYet(path);
    }
  }

  private static KeepException notYet(String path) {
    return new KeepException(KeepException.Kind.NOT_FOUND, "tile-not-found", "tile/" + path
        + " is not part of the integrated tree (yet)");
  }
}
