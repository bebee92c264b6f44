package sovereign.munin.keep.log.export;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import sovereign.munin.keep.log.CompactRange;
import sovereign.munin.keep.log.EntryBundle;
import sovereign.munin.keep.log.Hash;
import sovereign.munin.keep.log.MalformedTileException;
import sovereign.munin.keep.log.Tile;
import sovereign.munin.keep.log.TileId;

/**
 * Recomputes an export from its entries in one pass, in memory bounded by the tile height: leaf hashes from the
 * entry bundles, every tile from them, and the root; each tile is compared byte for byte with its file.
 *
 * <p>Entries are the truth. If a bundle cannot be read, its level-0 tile stands in for it so that one bad file is
 * one problem; if neither can be read, nothing above that point can be recomputed and the check says so.
 */
final class ContentCheck {

    private static final int MAX_ENTRY_FILE = TileId.WIDTH * (2 + EntryBundle.MAX_ENTRY_SIZE);

    private final ExportDirectory files;
    private final long size;
    private final Hash root;
    private final int maxProblems;
    private final LongConsumer progress;
    private final List<ExportProblem> problems = new ArrayList<>();
    // Per tile level from 1: the recomputed hashes of the tile being filled, and that tile's index.
    private final List<List<Hash>> pending = new ArrayList<>();
    private final long[] pendingIndex = new long[ExportTiles.LEVELS];
    private final CompactRange range = new CompactRange();
    private boolean unrecoverable;
    private long entriesChecked;
    private long tilesChecked;

    ContentCheck(ExportDirectory files, long size, Hash root, int maxProblems, LongConsumer progress) {
        this.files = files;
        this.size = size;
        this.root = root;
        this.maxProblems = maxProblems;
        this.progress = progress;
        for (int level = 0; level < ExportTiles.LEVELS; level++) {
            pending.add(new ArrayList<>(TileId.WIDTH));
        }
    }

    void run() throws ExportException {
        for (long index = 0; index * TileId.WIDTH < size && !tooManyProblems(); index++) {
            TileId id = ExportTiles.tile(size, 0, index);
            List<Hash> fromEntries = readBundle(id);
            List<Hash> fromTile = readTile(id);
            if (fromEntries != null && fromTile != null) {
                compareLeaves(id, fromEntries, fromTile);
            }
            List<Hash> leaves = fromEntries != null ? fromEntries : fromTile;
            if (leaves == null && !unrecoverable) {
                unrecoverable = true;
                add(ExportProblem.atLeaf(id.entriesPath(), index * TileId.WIDTH, "neither the entries nor their "
                        + "hashes can be read, so no tile above level 0 and not the root could be checked"));
            }
            if (!unrecoverable) {
                leaves.forEach(range::append);
                if (id.isFull()) {
                    push(1, new Tile(id, leaves).subtreeHash(0, TileId.WIDTH));
                }
            }
            progress.accept(index * TileId.WIDTH + id.width());
        }
        if (unrecoverable || tooManyProblems()) {
            return;
        }
        for (int level = 1; level < ExportTiles.LEVELS; level++) {
            if (!pending.get(level).isEmpty()) {
                compareTile(new TileId(level, pendingIndex[level], pending.get(level).size()), pending.get(level));
            }
        }
        if (!range.root().equals(root)) {
            add(ExportProblem.of("checkpoint", "the root recomputed from the entries, " + range.root().toBase64()
                    + ", is not the checkpoint's root " + root.toBase64()));
        }
    }

    List<ExportProblem> problems() {
        return problems;
    }

    long entriesChecked() {
        return entriesChecked;
    }

    long tilesChecked() {
        return tilesChecked;
    }

    /** Adds a recomputed hash at tile level {@code level}; a full tile is compared and its root carried upwards. */
    private void push(int level, Hash hash) throws ExportException {
        List<Hash> tile = pending.get(level);
        tile.add(hash);
        if (tile.size() == TileId.WIDTH) {
            TileId id = new TileId(level, pendingIndex[level]++, TileId.WIDTH);
            compareTile(id, tile);
            Hash up = new Tile(id, tile).subtreeHash(0, TileId.WIDTH);
            tile.clear();
            push(level + 1, up);
        }
    }

    private List<Hash> readBundle(TileId id) throws ExportException {
        String path = id.entriesPath();
        try {
            List<Hash> hashes = EntryBundle.parse(files.read(path, MAX_ENTRY_FILE), id.width()).leafHashes();
            entriesChecked += id.width();
            return hashes;
        } catch (IOException e) {
            add(ExportProblem.of(path, ExportDirectory.describe(e)));
        } catch (MalformedTileException e) {
            add(ExportProblem.of(path, e.getMessage()));
        }
        return null;
    }

    /** The hashes in tile {@code id}'s file, or null after reporting why they cannot be used. */
    private List<Hash> readTile(TileId id) throws ExportException {
        long expected = (long) id.width() * Hash.SIZE;
        try {
            byte[] data = files.read(id.path(), expected);
            if (data.length < expected) {
                add(ExportProblem.of(id.path(), "truncated: " + data.length + " of " + expected + " bytes"));
                return null;
            }
            tilesChecked++;
            return Tile.parse(id, data).hashes();
        } catch (IOException e) {
            add(ExportProblem.of(id.path(), ExportDirectory.describe(e)));
        } catch (MalformedTileException e) {
            add(ExportProblem.of(id.path(), e.getMessage()));
        }
        return null;
    }

    private void compareLeaves(TileId id, List<Hash> fromEntries, List<Hash> fromTile) {
        for (int i = 0; i < fromEntries.size(); i++) {
            if (!fromEntries.get(i).equals(fromTile.get(i))) {
                long leaf = id.index() * TileId.WIDTH + i;
                add(ExportProblem.atLeaf(id.entriesPath(), leaf, "entry " + leaf + " does not hash to its leaf "
                        + "hash in " + id.path()));
            }
        }
    }

    private void compareTile(TileId id, List<Hash> recomputed) throws ExportException {
        List<Hash> stored = readTile(id);
        if (stored == null) {
            return;
        }
        for (int i = 0; i < recomputed.size(); i++) {
            if (!recomputed.get(i).equals(stored.get(i))) {
                add(ExportProblem.of(id.path(), "hash " + i + " differs from the one recomputed from the entries"));
                return;
            }
        }
    }

    private boolean tooManyProblems() {
        return problems.size() > maxProblems;
    }

    private void add(ExportProblem problem) {
        if (problems.size() < maxProblems) {
            problems.add(problem);
        } else if (problems.size() == maxProblems) {
            problems.add(ExportProblem.of(problem.path(), "stopped after " + maxProblems + " problems"));
        }
    }
}
